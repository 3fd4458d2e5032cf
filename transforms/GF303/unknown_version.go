package poller

import (
	"context"
	"time"
)

// OK: no go.mod, no --go-version: the version is unknown and the rule stays silent.
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
