package poller

import (
	"context"
	"time"
)

// OK: from Go 1.23 on, unreferenced tickers are collected.
func Run(ctx context.Context, every time.Duration, poll func()) {
	tick := time.Tick(every)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			poll()
		}
	}
}
