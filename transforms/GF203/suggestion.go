package mirrors

import "sync"

// Fires: every worker of a fan-in closes the shared channel. The suggestion (never applied)
// deletes the closes and closes once, from a goroutine of its own, after the WaitGroup the
// workers already mark done.
func merge(sources []<-chan int) []int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, src := range sources {
		wg.Add(1)
		go func(src <-chan int) {
			defer wg.Done()
			defer close(out) // want "GF203"
			for v := range src {
				out <- v
			}
		}(src)
	}
	var all []int
	for v := range out {
		all = append(all, v)
	}
	return all
}

// Fires twice: two goroutines close after the function's own wg.Wait() is in sight; the
// suggestion moves the close right after that Wait.
func pair(a, b func() int) []int {
	res := make(chan int, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		res <- a()
		close(res) // want "GF203"
	}()
	go func() {
		defer wg.Done()
		res <- b()
		close(res) // want "GF203"
	}()
	wg.Wait()
	return []int{<-res, <-res}
}
