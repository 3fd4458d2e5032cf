package jobs

import (
	"fmt"
	"sync"
)

// OK: `defer wg.Done()` is already the first statement.
func deferred(urls []string, fetch func(string) error) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			if err := fetch(u); err != nil {
				return
			}
		}(u)
	}
	wg.Wait()
}

// OK: no way out before the end: the trailing `Done` always runs.
func straight(items []int, sum *int, mu *sync.Mutex) {
	var wg sync.WaitGroup
	for _, v := range items {
		wg.Add(1)
		go func(v int) {
			mu.Lock()
			*sum += v
			mu.Unlock()
			wg.Done()
		}(v)
	}
	wg.Wait()
}

// OK: the goroutine recovers its own panic; its recovery code decides what happens to the
// count.
func recovered(tasks []func(), done chan<- error) {
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func(t func()) {
			defer func() {
				if r := recover(); r != nil {
					done <- fmt.Errorf("task panicked: %v", r)
					wg.Done()
				}
			}()
			if t == nil {
				panic("nil task")
			}
			t()
			wg.Done()
		}(t)
	}
	wg.Wait()
}

// OK: every early return calls `Done` right before it.
func everyPath(items []string, ok func(string) bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			if !ok(it) {
				wg.Done()
				return
			}
			fmt.Println(it)
			wg.Done()
		}(it)
	}
	wg.Wait()
}

// OK: the return belongs to a closure inside the goroutine, not to the goroutine.
func innerReturn(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		keep := func(s string) bool {
			if s == "" {
				return false
			}
			return true
		}
		for _, it := range items {
			fmt.Println(keep(it))
		}
		wg.Done()
	}()
	wg.Wait()
}

// task has a Done method of its own and is no WaitGroup.
type task struct{ finished bool }

func (t *task) Done() { t.finished = true }

// OK: declared with another type.
func notWaitGroup(t *task, step func() bool) {
	go func() {
		if !step() {
			return
		}
		t.Done()
	}()
}

// OK: a literal that is not started by `go` (called in place).
func inPlace(wg *sync.WaitGroup, step func() bool) {
	func() {
		if !step() {
			return
		}
		wg.Done()
	}()
}

// OK: nothing declares `c` a WaitGroup, and nothing around adds to it or waits on it.
func unknown(c interface{ Done() }, step func() bool) {
	go func() {
		if !step() {
			return
		}
		c.Done()
	}()
}

// Conn releases a count its server took when it was accepted.
type Conn struct {
	closed bool
	wg     *sync.WaitGroup
}

// OK: not a worker (neither started by `go` nor handed the WaitGroup): the early return
// guards against releasing the count twice, which a deferred `Done` would do (and panic).
func (c *Conn) Close() {
	if c.closed {
		return
	}
	c.closed = true
	c.wg.Done()
}
