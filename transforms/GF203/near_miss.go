package workers

import "sync"

// OK: a single producer closes (the checklist's shape).
func evens(n int) []int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

// OK: many producers, and the function closes once after `wg.Wait()`, then hands the
// closed, filled channel to its caller.
func lengths(words []string) <-chan int {
	out := make(chan int, len(words))
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func(w string) {
			defer wg.Done()
			out <- len(w)
		}(w)
	}
	wg.Wait()
	close(out)
	return out
}

// OK: many producers, one closer goroutine (not started in a loop) that closes after
// `wg.Wait()`.
func sumParts(parts [][]int) int {
	sums := make(chan int)
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func(p []int) {
			defer wg.Done()
			s := 0
			for _, v := range p {
				s += v
			}
			sums <- s
		}(p)
	}
	go func() {
		wg.Wait()
		close(sums)
	}()
	total := 0
	for s := range sums {
		total += s
	}
	return total
}

// OK: every watcher may want to stop everything, but `sync.Once` lets only the first close
// run; the close belongs to the closure given to `once.Do`, not to a goroutine.
func stopOnFirstError(sources []<-chan error) <-chan struct{} {
	stop := make(chan struct{})
	var once sync.Once
	for _, src := range sources {
		go func(src <-chan error) {
			if err := <-src; err != nil {
				once.Do(func() {
					close(stop)
				})
			}
		}(src)
	}
	return stop
}

// OK: two goroutines, each closing only its own channel.
func split(xs []int) (<-chan int, <-chan int) {
	evens := make(chan int, len(xs))
	odds := make(chan int, len(xs))
	go func() {
		defer close(evens)
		for _, x := range xs {
			if x%2 == 0 {
				evens <- x
			}
		}
	}()
	go func() {
		defer close(odds)
		for _, x := range xs {
			if x%2 != 0 {
				odds <- x
			}
		}
	}()
	return evens, odds
}
