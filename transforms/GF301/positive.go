package workers

import (
	"context"
	"log"
)

type job struct{ id int }

func handle(j job) { log.Println(j.id) }

// A worker loop with a context in scope but no `ctx.Done()` case: the suggestion adds one.
func startWorker(ctx context.Context, jobs <-chan job) {
	go func() {
		for { // want "GF301"
			select {
			case j := <-jobs:
				handle(j)
			}
		}
	}()
	log.Println("worker started", ctx.Err())
}

// A plain `break` inside a `select` ends the `select`, not the loop.
func drainForever(in <-chan job) {
	go func() {
		for { // want "GF301"
			select {
			case j, ok := <-in:
				if !ok {
					break
				}
				handle(j)
			}
		}
	}()
}

// Breaking out of an inner loop only starts the outer one again; a `return` inside a nested
// closure returns from the closure.
func retryForever(try func() error) {
	go func() {
		for { // want "GF301"
			for i := 0; i < 3; i++ {
				if try() == nil {
					break
				}
			}
			func() {
				if try() != nil {
					return
				}
			}()
		}
	}()
}

// `continue outer` goes round the reported loop itself.
func scan(lines <-chan string) {
	go func() {
	outer:
		for { // want "GF301"
			l := <-lines
			if l == "" {
				continue outer
			}
			log.Println(l)
		}
	}()
}

// A cancellation case that does nothing goes round the loop again: the loop only spins
// faster once `done` is closed.
func poll(done <-chan struct{}, work func()) {
	go func() {
		for { // want "GF301"
			work()
			select {
			case <-done:
			default:
			}
		}
	}()
}

// A local `ctx` is in scope too; the goroutine returns an error, so the suggestion returns
// `ctx.Err()`.
func serve(parent context.Context, g *group, in <-chan job) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	log.Println("serving", ctx.Err())
	g.Go(func() error {
		for { // want "GF301"
			select {
			case j := <-in:
				handle(j)
			}
		}
	})
}

// group starts functions as goroutines, like errgroup.Group.
type group struct{}

func (g *group) Go(f func() error) {
	go func() {
		if err := f(); err != nil {
			log.Println(err)
		}
	}()
}

// Pump is started by name below; its loop has no way out. Its context parameter is called
// `c`, and the suggestion uses that name.
func pump(c context.Context, in <-chan job, out chan<- job) {
	for { // want "GF301"
		select {
		case j := <-in:
			out <- j
		}
	}
}

func startPump(c context.Context, in <-chan job, out chan<- job) {
	go pump(c, in, out)
}

type ticker struct {
	beats chan int
}

// run is the only method of that name in the package, and `go t.run()` starts it.
func (t *ticker) run() {
	n := 0
	for { // want "GF301"
		n++
		t.beats <- n
	}
}

func newTicker() *ticker {
	t := &ticker{beats: make(chan int)}
	go t.run()
	return t
}
