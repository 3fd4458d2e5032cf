package fetch

import (
	"context"
	"errors"
	"log"
	"time"
)

var errClosed = errors.New("fetch: closed")

func use(ctx context.Context) error { return ctx.Err() }

func register(f func()) { f() }

// Server owns a context for its lifetime.
type Server struct {
	ctx    context.Context
	cancel context.CancelFunc
	stop   func()
}

// OK: the canonical form.
func deferred(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return use(ctx)
}

// OK: the cancel function is stored in a field; Close calls it.
func (s *Server) start(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	s.ctx = ctx
	s.cancel = cancel
}

// OK: bound straight into the fields.
func (s *Server) startDirect(ctx context.Context) {
	s.ctx, s.cancel = context.WithCancel(ctx)
}

// OK: returned to the caller, who must call it.
func derive(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, cancel
}

// OK: named results are the caller's too.
func deriveNamed(ctx context.Context) (sub context.Context, stop context.CancelFunc) {
	sub, stop = context.WithCancel(ctx)
	return
}

// OK: captured by a closure that is returned.
func stopper(ctx context.Context) func() {
	_, cancel := context.WithCancel(ctx)
	return func() { cancel() }
}

// OK: captured by a closure that is stored.
func (s *Server) arm(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	s.ctx = ctx
	s.stop = func() { cancel() }
}

// OK: handed to another function.
func handedOver(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	register(cancel)
	return use(ctx)
}

// OK: a goroutine calls it when the work is done.
func cancelledByGoroutine(ctx context.Context, done <-chan struct{}) error {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		<-done
		cancel()
	}()
	return use(ctx)
}

// OK: called on every path, by hand.
func everyPath(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if id == "" {
		cancel()
		return errClosed
	}
	err := use(ctx)
	cancel()
	return err
}

// OK: a deferred closure calls it.
func deferredClosure(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
	}()
	return use(ctx)
}

// OK: the only path without the call panics (and log.Fatal exits).
func panics(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	if n < 0 {
		panic("negative")
	}
	if n == 0 {
		log.Fatal("zero")
	}
	cancel()
	return use(ctx)
}

// OK: the nil check and the conditional call go together (go vet counts the check as a use).
func conditional(ctx context.Context, d time.Duration) error {
	var cancel context.CancelFunc
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d)
	}
	err := use(ctx)
	if cancel != nil {
		cancel()
	}
	return err
}

// OK for gofix: the two conditions are the same, so the cancel is called whenever it was
// made; proving that needs more than syntax, so nothing is reported (go vet does report it).
func correlated(ctx context.Context, d time.Duration) error {
	cancel := func() {}
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d) // vet-lostcancel: correlated conditions
	}
	err := use(ctx)
	if d > 0 {
		cancel()
	}
	return err
}

// OK: the previous cancel function is called before each new one replaces it.
func rolling(parent context.Context, n int) {
	cancel := func() {}
	for i := 0; i < n; i++ {
		cancel()
		var ctx context.Context
		ctx, cancel = context.WithTimeout(parent, time.Second)
		_ = use(ctx)
	}
	cancel()
}

// OK: a loop that never ends; the function only returns through the deferred call.
func serve(ctx context.Context, jobs <-chan int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-jobs:
		}
	}
}
