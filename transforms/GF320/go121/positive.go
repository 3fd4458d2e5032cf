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

// Fires: the classic `go func` ending a range body; every goroutine may see the last item.
func startAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := process(it); err != nil { // want "GF320"
				log.Print(err)
			}
		}()
	}
	wg.Wait()
}

// Fires: deferred closures run when closeAll returns, when `f` holds the last file: that one
// is closed len(files) times and the others never.
func closeAll(files []*os.File) {
	for _, f := range files {
		defer func() {
			if err := f.Close(); err != nil { // want "GF320"
				log.Printf("close: %v", err)
			}
		}()
	}
}

// Fires: errgroup-style `g.Go`; the function runs on another goroutine, later.
func processAll(items []Item) error {
	var g Group
	for _, it := range items {
		g.Go(func() error {
			return process(it) // want "GF320"
		})
	}
	return g.Wait()
}

// Fires: `TryGo` starts its function later too, even inside an if condition.
func tryAll(g *Group, items []Item) int {
	started := 0
	for _, it := range items {
		if g.TryGo(func() error { return process(it) }) { // want "GF320"
			started++
		}
	}
	return started
}

// Fires: the `wg.Go` shape, a method named Go taking a func().
func reportAll(p *Pool, items []Item, errs chan<- error) {
	for _, it := range items {
		p.Go(func() {
			errs <- process(it) // want "GF320"
		})
	}
}

// Fires: a 3-clause loop's `i` is one variable shared by every iteration before Go 1.22.
func startWorkers(n int, jobs <-chan Item) {
	for i := 0; i < n; i++ {
		go func() {
			for job := range jobs {
				log.Printf("worker %d: item %d", i, job.ID) // want "GF320"
			}
		}()
	}
}

// Fires: `it.ID` is passed as an argument (evaluated now), but `it.Path` in the body is read
// later; the argument list is outside the closure, so the finding is at `it.Path`.
func logAll(items []Item) {
	for _, it := range items {
		go func(id int) {
			log.Printf("%d: %s", id, it.Path) // want "GF320"
		}(it.ID)
	}
}

// Fires: the right side of `it := it` inside the goroutine runs on the goroutine, so it reads
// the shared loop variable: the copy is made too late.
func copyTooLate(items []Item, out chan<- string) {
	for _, it := range items {
		go func() {
			it := it // want "GF320"
			out <- it.Path
		}()
	}
}
