package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// API calls a remote service.
type API struct {
	base   string
	client *http.Client
}

// Fires (Unsafe fix): the request ignores the ctx parameter.
func (a *API) Get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, a.base+path, nil) // want "GF401"
	if err != nil {
		return nil, err
	}
	return a.client.Do(req)
}

// Fires (Unsafe fix): a handler's request context is `r.Context()`.
func proxy(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequest(r.Method, "http://backend"+r.URL.Path, r.Body) // want "GF401"
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

// Fires (Unsafe fix): the derived context with its timeout is the one to use.
func withTimeout(parent context.Context, u string) error {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	req, err := http.NewRequest(http.MethodHead, u, nil) // want "GF401"
	if err != nil {
		return err
	}
	req.Header.Set("X-Deadline", deadline(ctx))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func deadline(ctx context.Context) string {
	d, _ := ctx.Deadline()
	return d.String()
}

// Fires (Unsafe fix): arguments on their own lines keep their layout.
func multiLine(ctx context.Context, u string, body io.Reader) (*http.Request, error) {
	return http.NewRequest( // want "GF401"
		http.MethodPost,
		u,
		body,
	)
}

// Fires, no fix: the shortcuts take no context; they have to become a request and `Do`.
func shortcuts(ctx context.Context, u string) error {
	resp, err := http.Get(u) // want "GF401"
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp, err = http.Head(u); err != nil { // want "GF401"
		return err
	}
	resp.Body.Close()
	resp, err = http.Post(u, "text/plain", strings.NewReader("x")) // want "GF401"
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.PostForm(u, url.Values{"k": {"v"}}) // want "GF401"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fires, no fix: the same methods on an `*http.Client`, a field or a local.
func (a *API) clientMethods(ctx context.Context) error {
	resp, err := a.client.Get(a.base) // want "GF401"
	if err != nil {
		return err
	}
	resp.Body.Close()
	c := &http.Client{Timeout: time.Second}
	resp, err = c.Post(a.base, "text/plain", nil) // want "GF401"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fires, no fix: two context parameters; which one is meant is a guess.
func twoContexts(ctx, background context.Context, u string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, u, nil) // want "GF401"
}

// Fires (Unsafe fix) inside a closure: it sees the enclosing function's context.
func inClosure(ctx context.Context, urls []string) error {
	get := func(u string) error {
		req, err := http.NewRequest(http.MethodGet, u, nil) // want "GF401"
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	for _, u := range urls {
		if err := get(u); err != nil {
			return err
		}
	}
	return nil
}
