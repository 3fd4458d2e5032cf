package crawl

import (
	"sync"
	"sync/atomic"
)

// OK: `Add` before the `go` statement, as it should be.
func before(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			fetch(u)
		}(u)
	}
	wg.Wait()
}

// OK: the goroutine starts the real workers and counts its own children; the parent
// counted the dispatcher itself before starting it.
func dispatch(jobs []string, run func(string)) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, j := range jobs {
			wg.Add(1)
			go func(j string) {
				defer wg.Done()
				run(j)
			}(j)
		}
	}()
	wg.Wait()
}

// OK: a dispatcher with the `Add` before its nested `go` as its first statement.
func dispatchOne(job string, run func(string)) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(job)
		}()
		wg.Done()
	}()
	wg.Wait()
}

// OK: the `Add` comes after a receive: it counts what the goroutine was handed, not the
// goroutine itself.
func receiver(work <-chan string, wg *sync.WaitGroup, handle func(string)) {
	go func() {
		job := <-work
		wg.Add(1)
		defer wg.Done()
		handle(job)
	}()
}

// OK: the `Add` comes after a loop.
func afterLoop(parts []string, wg *sync.WaitGroup, merge func([]string)) {
	go func() {
		for range parts {
		}
		wg.Add(1)
		defer wg.Done()
		merge(parts)
	}()
}

// OK: a conditional `Add` cannot be hoisted as it stands, and is left alone.
func conditional(ok bool, wg *sync.WaitGroup, work func()) {
	go func() {
		if ok {
			wg.Add(1)
			defer wg.Done()
		}
		work()
	}()
}

// OK: a WaitGroup of the goroutine's own.
func local(items []string, handle func(string)) {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		defer wg.Done()
		for _, it := range items {
			handle(it)
		}
		wg.Wait()
	}()
}

// OK: an atomic counter, not a WaitGroup: no `Done`.
func count(hits *atomic.Int64, serve func()) {
	go func() {
		hits.Add(1)
		serve()
	}()
}

// tracker has Add and Done of its own, and is no WaitGroup.
type tracker struct{ n int }

func (t *tracker) Add(n int) { t.n += n }
func (t *tracker) Done()     { t.n-- }
func (t *tracker) Wait()     {}

// OK: declared with another type.
func tracked(t *tracker, work func()) {
	go func() {
		t.Add(1)
		defer t.Done()
		work()
	}()
	t.Wait()
}

// OK: nothing declares `pool` a WaitGroup and nothing here waits on it.
func unknown(pool interface {
	Add(int)
	Done()
}, work func()) {
	go func() {
		pool.Add(1)
		defer pool.Done()
		work()
	}()
}
