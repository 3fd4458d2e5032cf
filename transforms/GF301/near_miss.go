package workers

import (
	"context"
	"errors"
	"log"
	"net/http"
	"os"
)

// OK: the worker loop has a `ctx.Done()` case that returns.
func worker(ctx context.Context, jobs <-chan job) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				handle(j)
			}
		}
	}()
}

// OK: `for range ch` ends when the channel is closed.
func consume(in <-chan job) {
	go func() {
		for j := range in {
			handle(j)
		}
	}()
}

// OK: a `return` anywhere in the loop body.
func until(next func() (job, error)) {
	go func() {
		for {
			j, err := next()
			if err != nil {
				if errors.Is(err, os.ErrClosed) {
					return
				}
				continue
			}
			handle(j)
		}
	}()
}

// OK: a receive with an `!ok` exit.
func drain(in <-chan job) {
	go func() {
		for {
			j, ok := <-in
			if !ok {
				break
			}
			handle(j)
		}
		log.Println("drained")
	}()
}

// OK: a labelled `break` leaves the loop from inside the `select`.
func labelled(in <-chan job, quit <-chan struct{}) {
	go func() {
	loop:
		for {
			select {
			case j := <-in:
				handle(j)
			case <-quit:
				break loop
			}
		}
	}()
}

// OK: the loop's way out ends the process or the goroutine.
func fatal(in <-chan job) {
	go func() {
		for {
			j := <-in
			if j.id < 0 {
				log.Fatal("negative id")
			}
			handle(j)
		}
	}()
	go func() {
		for {
			j := <-in
			if j.id == 0 {
				os.Exit(0)
			}
			handle(j)
		}
	}()
	go func() {
		for {
			if j := <-in; j.id > 1000 {
				panic("id overflow")
			}
		}
	}()
}

// OK: a receive from a quit channel is taken as the way out, whatever its case does (the
// owner may stop the process there).
type server struct {
	quit chan struct{}
}

func (s *server) watch(events <-chan int) {
	go func() {
		for {
			select {
			case n := <-events:
				log.Println("connections", n)
			case <-s.quit:
				log.Println("stopping")
			}
		}
	}()
}

// OK: conditional and counting loops end by their own condition.
func bounded(in <-chan job, stopped func() bool) {
	go func() {
		for !stopped() {
			handle(<-in)
		}
	}()
	go func() {
		for i := 0; i < 10; i++ {
			handle(<-in)
		}
	}()
}

// OK: called directly, not started as a goroutine (the caller waits for it on purpose).
func spin(in <-chan job) {
	for {
		handle(<-in)
	}
}

func callSpin(in <-chan job) {
	spin(in)
}

// OK: `go loopLocal()` starts the local closure, not the package function of that name.
func loopLocal() {
	for {
		log.Println("never started")
	}
}

func startLocal(in <-chan job) {
	loopLocal := func() {
		for j := range in {
			handle(j)
		}
	}
	go loopLocal()
}

// OK: two types declare `step`; which one `go x.step()` starts is a question of types.
type a struct{}
type b struct{}

func (a) step() {
	for {
		log.Println("a")
	}
}

func (b) step() {}

func startStep(x b) {
	go x.step()
}

// OK: `go http.ListenAndServe` starts the imported function, not this package's.
func ListenAndServe() {
	for {
		log.Println("package function")
	}
}

func startHTTP() {
	go http.ListenAndServe(":0", nil)
}

// OK: not a goroutine at all.
func later(in <-chan job) func() {
	return func() {
		for {
			handle(<-in)
		}
	}
}
