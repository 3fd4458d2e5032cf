package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"
)

// detached is a parent context gofix cannot see through: context.WithCancel starts one
// goroutine per child to watch it, and that goroutine only ends when the child is cancelled.
// A cancel function that is never called leaks it.
type detached struct{ done chan struct{} }

func (d detached) Deadline() (time.Time, bool) { return time.Time{}, false }
func (d detached) Done() <-chan struct{}       { return d.done }
func (d detached) Err() error                  { return nil }
func (d detached) Value(any) any               { return nil }

// The cancel function is discarded.
func discarded(ctx context.Context) error {
	ctx, _ = context.WithCancel(ctx) // want "GF402"
	return ctx.Err()
}

// The cancel function of a timeout is discarded: the context lives until the timeout.
func timed(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "GF402"
	return ctx.Err()
}

// The cancel function only silences the compiler (and go vet).
func silenced(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx) // want "GF402"
	_ = cancel
	return ctx.Err()
}

// The first cancel function is overwritten by the second before anyone calls it; go vet
// sees the variable used and stays quiet.
func overwritten(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx) // want "GF402"
	ctx, cancel = context.WithCancel(ctx)
	defer cancel()
	return ctx.Err()
}

// The early return skips the cancel.
func earlyReturn(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx) // want "GF402"
	if n%2 == 0 {
		return ctx.Err()
	}
	cancel()
	return nil
}

// Before the fix every call leaves a watcher goroutine behind; after it, none.
func main() {
	parent := detached{done: make(chan struct{})}
	before := runtime.NumGoroutine()
	for i := 0; i < 50; i++ {
		_ = discarded(parent)
		_ = timed(parent)
		_ = silenced(parent)
		_ = overwritten(parent)
		_ = earlyReturn(parent, i)
	}
	time.Sleep(50 * time.Millisecond)
	if leaked := runtime.NumGoroutine() - before; leaked > 10 {
		fmt.Fprintf(os.Stderr, "%d goroutines leaked\n", leaked)
		os.Exit(1)
	}
	fmt.Println("no goroutine leaked")

	// OK: main.main; the process exit releases the context (go vet agrees here).
	ctx, stop := context.WithCancel(context.Background())
	_ = stop
	_ = ctx
}
