package stream

import (
	"sync"
	"time"
)

// OK: the checklist's way round: the producer closes, the receiver only ranges.
func squares(xs []int) []int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x * x
		}
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

// OK: here the function is the producer (it sends and closes `items`) and the goroutine is
// the consumer; `finished` is closed by the goroutine, which never receives from it.
func feed(items []string, handle func(string)) {
	ch := make(chan string)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for it := range ch {
			handle(it)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
	<-finished
}

// OK: `quit` is a broadcast: the function closes it and never receives from it, and no
// goroutine sends on it.
func runFor(d, interval time.Duration, tick func()) {
	quit := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				tick()
			}
		}
	}()
	time.Sleep(d)
	close(quit)
	<-stopped
}

// OK: the close is in a closer goroutine that only waits for the senders (it never
// receives from `sums`); the function just ranges.
func fanIn(parts [][]int) int {
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

// OK: the function receives and closes, but nothing else sends: the only sends are its own
// (it fills a buffered channel, then drains it).
func reversed(xs []int) []int {
	ch := make(chan int, len(xs))
	for i := len(xs) - 1; i >= 0; i-- {
		ch <- xs[i]
	}
	close(ch)
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}
