package client

import (
	"context"
	"errors"
	"strings"
	"time"
)

var (
	errTimeout = errors.New("client: timed out")
	errBusy    = errors.New("client: busy")
	errExpired = errors.New("client: request expired")
)

// Client talks to a slow backend.
type Client struct {
	lookup func(key string) string
	save   func(body []byte) error
}

// result carries a value or an error.
type result struct {
	val string
	err error
}

// Fires: the caller gives up on `ctx.Done()`; the goroutine then blocks forever on its send.
func (c *Client) Fetch(ctx context.Context, key string) (string, error) {
	ch := make(chan string) // want "GF210"
	go func() {
		ch <- c.lookup(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Fires: a `time.After` case.
func (c *Client) FetchWithin(key string, d time.Duration) (string, error) {
	ch := make(chan result) // want "GF210"
	go func() {
		v := c.lookup(key)
		ch <- result{val: v}
	}()
	select {
	case r := <-ch:
		return r.val, r.err
	case <-time.After(d):
		return "", errTimeout
	}
}

// Fires: a timer's `.C` case.
func (c *Client) SaveWithin(body []byte, d time.Duration) error {
	done := make(chan error) // want "GF210"
	go func() {
		done <- c.save(body)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return errTimeout
	}
}

// Fires: a `default` case: when the result is not ready yet the function moves on.
func (c *Client) TryUpper(s string) (string, bool) {
	ch := make(chan string) // want "GF210"
	go func() {
		ch <- strings.ToUpper(c.lookup(s))
	}()
	select {
	case v := <-ch:
		return v, true
	default:
		return "", false
	}
}

// Fires: an early return between the `go` statement and the receive.
func (c *Client) SaveBefore(body []byte, deadline time.Time) error {
	done := make(chan error) // want "GF210"
	go func() {
		done <- c.save(body)
	}()
	if time.Now().After(deadline) {
		return errExpired
	}
	err := <-done
	return err
}

// Fires: `make(chan T, 0)` is unbuffered too.
func (c *Client) Ping(ctx context.Context) bool {
	pong := make(chan bool, 0) // want "GF210"
	go func() {
		pong <- c.lookup("ping") == "pong"
	}()
	select {
	case ok := <-pong:
		return ok
	case <-ctx.Done():
		return false
	}
}

// Fires: `var ch = make(…)`, a `v, ok` receive, and the give-up case written first.
func (c *Client) Reserve(ctx context.Context, key string) error {
	var ch = make(chan error) // want "GF210"
	go func() {
		ch <- c.save([]byte(key))
	}()
	select {
	case <-ctx.Done():
		return errBusy
	case err, ok := <-ch:
		if !ok {
			return errBusy
		}
		return err
	}
}
