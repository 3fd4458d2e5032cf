package quotes

import (
	"context"
	"errors"
	"time"
)

var errSlow = errors.New("quotes: provider too slow")

// Quote is one price.
type Quote struct {
	Symbol string
	Price  float64
}

// Provider answers slowly.
type Provider interface {
	Quote(symbol string) Quote
	Validate(symbol string) error
}

// Fires (Safe): gives up on cancellation.
func Latest(ctx context.Context, p Provider, symbol string) (Quote, error) {
	ch := make(chan Quote) // want "GF210"
	go func() {
		ch <- p.Quote(symbol)
	}()
	select {
	case q := <-ch:
		return q, nil
	case <-ctx.Done():
		return Quote{}, ctx.Err()
	}
}

// Fires (Safe): gives up after a timeout.
func LatestWithin(p Provider, symbol string, d time.Duration) (Quote, error) {
	ch := make(chan Quote) // want "GF210"
	go func() {
		ch <- p.Quote(symbol)
	}()
	select {
	case q := <-ch:
		return q, nil
	case <-time.After(d):
		return Quote{}, errSlow
	}
}

// Fires (Safe): returns early, skipping the receive.
func Checked(p Provider, symbol string, offline bool) error {
	errc := make(chan error) // want "GF210"
	go func() {
		errc <- p.Validate(symbol)
	}()
	if offline {
		return nil
	}
	err := <-errc
	return err
}

// Fires (Safe): polls once with a default case.
func Peek(p Provider, symbol string) (Quote, bool) {
	var ch = make(chan Quote) // want "GF210"
	go func() {
		ch <- p.Quote(symbol)
	}()
	select {
	case q := <-ch:
		return q, true
	default:
		return Quote{}, false
	}
}
