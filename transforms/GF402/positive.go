package fetch

import (
	"context"
	"errors"
	"net/http"
	"time"
)

var errNotFound = errors.New("fetch: not found")

func work(ctx context.Context) error { return ctx.Err() }

// Fires (Safe fix): the cancel function is discarded by a declaration.
func declared(ctx context.Context) error {
	sub, _ := context.WithTimeout(ctx, time.Second) // want "GF402"
	return work(sub)
}

// Fires (Safe fix): `ctx` lives outside the branch, so `cancel` is declared on the line
// before rather than turning `=` into `:=` (which would declare a new `ctx` in the branch).
func assignedInBranch(ctx context.Context, slow bool) error {
	if slow {
		ctx, _ = context.WithTimeout(ctx, time.Minute) // want "GF402"
		if err := work(ctx); err != nil {
			return err
		}
	}
	return work(ctx)
}

// Fires (Safe fix): a cause-taking cancel function is deferred as `cancel(nil)`.
func withCause(ctx context.Context) error {
	ctx, _ = context.WithCancelCause(ctx) // want "GF402"
	return work(ctx)
}

// Fires (Safe fix): the `var` form.
func withVar(ctx context.Context, at time.Time) error {
	var sub, _ = context.WithDeadline(ctx, at) // want "GF402"
	return work(sub)
}

// Fires (Safe fix): `cancel` is taken in this function, so the fix binds `cancel2`.
func nameTaken(ctx context.Context, cancel func()) error {
	defer cancel()
	sub, _ := context.WithTimeout(ctx, time.Second) // want "GF402"
	return work(sub)
}

// Fires (Safe fix): the call spans lines; `defer` goes after its last line.
func multiLine(ctx context.Context) error {
	sub, _ := context.WithTimeout( // want "GF402"
		ctx,
		time.Second,
	)
	return work(sub)
}

// Fires (Unsafe fix): the context goes to a goroutine that may outlive the function;
// cancelling it at return would stop that goroutine.
func detachedWorker(ctx context.Context) {
	sub, _ := context.WithCancel(ctx) // want "GF402"
	go func() {
		_ = work(sub)
	}()
}

// Fires (Unsafe fix): the response is returned, and its body is read by the caller after
// this function returns: cancelling the context then would cut the body short.
func fetch(ctx context.Context, url string) (*http.Response, error) {
	ctx, _ = context.WithTimeout(ctx, 5*time.Second) // want "GF402"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// Fires, no fix: inside a loop a deferred cancel would pile up until the function returns.
func discardedInLoop(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		sub, _ := context.WithTimeout(ctx, time.Second) // want "GF402"
		_ = work(sub)
	}
}

// Fires, no fix: the `continue` goes round the loop without calling `cancel`.
func continueSkipsCancel(ctx context.Context, keys []string) {
	for _, k := range keys {
		sub, cancel := context.WithTimeout(ctx, time.Second) // want "GF402"
		if k == "" {
			continue
		}
		_ = work(sub)
		cancel()
	}
}

// Fires (Safe fix): the main path runs off the end of the function without the call.
func fallsOffTheEnd(ctx context.Context, quick bool) {
	sub, cancel := context.WithTimeout(ctx, time.Second) // want "GF402"
	if quick {
		cancel()
		return
	}
	_ = work(sub)
}

// Fires (Safe fix): one case of the switch returns without the call.
func switchCase(ctx context.Context, mode int) error {
	sub, cancel := context.WithCancel(ctx) // want "GF402"
	switch mode {
	case 0:
		return errNotFound
	case 1:
		_ = work(sub)
	}
	cancel()
	return nil
}

// Fires (Safe fix): the `defer` is registered after an early return.
func deferTooLate(ctx context.Context, id string) error {
	sub, cancel := context.WithTimeout(ctx, time.Second) // want "GF402"
	if id == "" {
		return errNotFound
	}
	defer cancel()
	return work(sub)
}

// Fires (Safe fix) inside the goroutine, whose body is a function of its own: the defer
// goes into the literal.
func inGoroutine(ctx context.Context, done chan<- error) {
	go func() {
		sub, _ := context.WithTimeout(ctx, time.Second) // want "GF402"
		done <- work(sub)
	}()
}

// Fires (Safe fix): the variable's block ends without the call on one path.
func blockEnds(ctx context.Context, check bool) error {
	if check {
		sub, cancel := context.WithTimeout(ctx, time.Second) // want "GF402"
		if err := work(sub); err != nil {
			cancel()
			return err
		}
	}
	return nil
}

// Fires, no fix: bound in the `if` header, the cancel function is gone after the `if`,
// and the path that skips the branch never calls it.
func inIfHeader(ctx context.Context) error {
	if sub, cancel := context.WithCancel(ctx); sub.Err() == nil { // want "GF402"
		defer cancel()
		return work(sub)
	}
	return nil
}

// Fires (Safe fix): the `select` returns on one case without the call.
func selectCase(ctx context.Context, results <-chan error) error {
	sub, cancel := context.WithTimeout(ctx, time.Second) // want "GF402"
	select {
	case err := <-results:
		return err
	case <-sub.Done():
		cancel()
		return sub.Err()
	}
}
