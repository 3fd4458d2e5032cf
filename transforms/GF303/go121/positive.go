package poller

import (
	"context"
	"log"
	"time"
)

// Poller polls a source until its context ends.
type Poller struct {
	every time.Duration
	poll  func()
}

// Run returns when ctx ends, and the ticker behind `tick` keeps firing for good.
func (p *Poller) Run(ctx context.Context) {
	tick := time.Tick(p.every) // want "GF303"
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			p.poll()
		}
	}
}

// The loop can end early: the ticker outlives it.
func (p *Poller) RunN(n int) {
	i := 0
	for range time.Tick(p.every) { // want "GF303"
		p.poll()
		i++
		if i == n {
			break
		}
	}
	log.Println("polled", n, "times")
}
