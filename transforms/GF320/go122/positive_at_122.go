// The shapes of ../go121/positive.go in a go 1.22 module: each iteration has its own loop
// variables, so nothing here is reported.
package batch

import (
	"fmt"
	"log"
	"os"
	"sync"
)

// Item is one unit of work.
type Item struct {
	ID   int
	Path string
}

// process handles one item; an empty path is an error.
func process(it Item) error {
	if it.Path == "" {
		return fmt.Errorf("item %d: empty path", it.ID)
	}
	return nil
}

// Group is an errgroup.Group look-alike: Go runs f on a goroutine, Wait gives the first error.
type Group struct {
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

// Go calls f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errOnce.Do(func() { g.err = err })
		}
	}()
}

// TryGo is errgroup's TryGo for a group without a limit: it always starts f.
func (g *Group) TryGo(f func() error) bool {
	g.Go(f)
	return true
}

// Wait blocks until every f has returned.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Pool has the shape of Go 1.25's `wg.Go`, for code that cannot use it yet.
type Pool struct{ wg sync.WaitGroup }

// Go calls f on a new goroutine.
func (p *Pool) Go(f func()) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f()
	}()
}

// OK at 1.22: the classic `go func` ending a range body; each iteration has its own `it`.
func startAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := process(it); err != nil {
				log.Print(err)
			}
		}()
	}
	wg.Wait()
}

// OK at 1.22: each deferred closure closes its own iteration's `f`.
func closeAll(files []*os.File) {
	for _, f := range files {
		defer func() {
			if err := f.Close(); err != nil {
				log.Printf("close: %v", err)
			}
		}()
	}
}

// OK at 1.22: errgroup-style `g.Go`; the function runs later but sees its own `it`.
func processAll(items []Item) error {
	var g Group
	for _, it := range items {
		g.Go(func() error {
			return process(it)
		})
	}
	return g.Wait()
}

// OK at 1.22: `TryGo` inside an if condition.
func tryAll(g *Group, items []Item) int {
	started := 0
	for _, it := range items {
		if g.TryGo(func() error { return process(it) }) {
			started++
		}
	}
	return started
}

// OK at 1.22: the `wg.Go` shape, a method named Go taking a func().
func reportAll(p *Pool, items []Item, errs chan<- error) {
	for _, it := range items {
		p.Go(func() {
			errs <- process(it)
		})
	}
}

// OK at 1.22: a 3-clause loop's `i` is a fresh variable per iteration, too.
func startWorkers(n int, jobs <-chan Item) {
	for i := 0; i < n; i++ {
		go func() {
			for job := range jobs {
				log.Printf("worker %d: item %d", i, job.ID)
			}
		}()
	}
}

// OK at 1.22: `it.Path` is read later, from this iteration's own `it`.
func logAll(items []Item) {
	for _, it := range items {
		go func(id int) {
			log.Printf("%d: %s", id, it.Path)
		}(it.ID)
	}
}

// OK at 1.22: the late copy inside the goroutine copies this iteration's `it` (and it is not
// a leading statement of the loop body, so GF321 leaves it alone too).
func copyTooLate(items []Item, out chan<- string) {
	for _, it := range items {
		go func() {
			it := it
			out <- it.Path
		}()
	}
}
