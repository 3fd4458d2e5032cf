package resolver

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"time"
)

var errEmpty = errors.New("resolver: empty name")

// answer is one resolved address or an error.
type answer struct {
	addr string
	err  error
}

// Resolver looks names up on a slow backend.
type Resolver struct {
	lookup func(name string) string
}

// OK: buffered with room for the one result: the send never blocks, even after the caller
// has given up (the fixed form).
func (r *Resolver) Resolve(ctx context.Context, name string) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- r.lookup(name)
	}()
	select {
	case a := <-ch:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// OK: the receive is unconditional, so the send always finds its receiver.
func parse(s string) (int, error) {
	ch := make(chan answer)
	go func() {
		_, err := strconv.Atoi(s)
		ch <- answer{addr: s, err: err}
	}()
	a := <-ch
	return len(a.addr), a.err
}

// OK: `return <-ch` is the receive itself, not a return that skips it.
func (r *Resolver) resolveNow(name string) string {
	ch := make(chan string)
	go func() {
		ch <- r.lookup(name)
	}()
	return <-ch
}

// OK: the early return comes before the `go` statement; once the goroutine runs, the
// receive is unconditional.
func (r *Resolver) resolveChecked(name string) (string, error) {
	ch := make(chan string)
	if name == "" {
		return "", errEmpty
	}
	go func() {
		ch <- r.lookup(name)
	}()
	addr := <-ch
	return addr, nil
}

// OK: the `return` between the `go` statement and the receive belongs to the `sort.Slice`
// closure, not to this function.
func (r *Resolver) resolveSorted(names []string) []string {
	ch := make(chan string)
	go func() {
		ch <- r.lookup("primary")
	}()
	sort.Slice(names, func(i, j int) bool {
		return names[i] < names[j]
	})
	first := <-ch
	return append([]string{first}, names...)
}

// OK: the send itself gives up on `ctx.Done()`, so the goroutine cannot block forever.
func (r *Resolver) resolveCancellable(ctx context.Context, name string) (string, error) {
	ch := make(chan string)
	go func() {
		a := r.lookup(name)
		select {
		case ch <- a:
		case <-ctx.Done():
		}
	}()
	select {
	case a := <-ch:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// OK: the send has a `default`: when nobody is receiving, the result is dropped.
func (r *Resolver) resolveIfReady(name string, wait time.Duration) (string, bool) {
	ch := make(chan string)
	go func() {
		a := r.lookup(name)
		select {
		case ch <- a:
		default:
		}
	}()
	select {
	case a := <-ch:
		return a, true
	case <-time.After(wait):
		return "", false
	}
}

// OK: one goroutine per name, started in a loop: a buffer of one would not be enough, so
// `make(chan T, 1)` is no fix here.
func (r *Resolver) resolveAny(ctx context.Context, names []string) (string, error) {
	ch := make(chan string)
	for _, n := range names {
		go func(n string) {
			ch <- r.lookup(n)
		}(n)
	}
	select {
	case a := <-ch:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// OK: the goroutine sends in a loop, not once: more than one value may be pending.
func (r *Resolver) resolveAll(ctx context.Context, names []string) []string {
	ch := make(chan string)
	go func() {
		for _, n := range names {
			ch <- r.lookup(n)
		}
	}()
	var out []string
	for range names {
		select {
		case a := <-ch:
			out = append(out, a)
		case <-ctx.Done():
			return out
		}
	}
	return out
}

// worker sends one answer on out.
func (r *Resolver) worker(name string, out chan<- string) {
	out <- r.lookup(name)
}

// OK: the channel is passed to a named function started with `go` (an escape): this rule
// does not look inside `worker`.
func (r *Resolver) resolveViaWorker(ctx context.Context, name string) (string, error) {
	ch := make(chan string)
	go r.worker(name, ch)
	select {
	case a := <-ch:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
