package client

import (
	"context"
	"net/http"
	"sync"
)

// OK: no context in scope.
func noContext(u string) (*http.Response, error) {
	return http.Get(u)
}

// OK: the request gets its context afterwards.
func withContextLater(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return http.DefaultClient.Do(req)
}

// OK: the context is attached where the request is sent.
func withContextAtDo(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req.WithContext(ctx))
}

// OK: a clone with the context is what gets sent.
func cloned(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req.Clone(ctx))
}

// OK: already built with the context.
func correct(ctx context.Context, u string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
}

// OK: a deferred notification may be meant to go out after the context is done.
func deferredNotify(ctx context.Context, u string) error {
	defer func() {
		if resp, err := http.Get(u + "/done"); err == nil {
			resp.Body.Close()
		}
	}()
	return ctx.Err()
}

// OK: a detached goroutine does not get the caller's context.
func detached(ctx context.Context, u string, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
		}
	}()
}

// OK: `Get` of something that is not an http.Client.
func mapGet(ctx context.Context, m *sync.Map, k string) (any, bool) {
	return m.Load(k)
}

type cache struct{}

func (cache) Get(k string) string { return k }

// OK: `Get` of a type of this package.
func cacheGet(ctx context.Context, c cache) string {
	return c.Get("k")
}
