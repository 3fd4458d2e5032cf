package poller

import (
	"context"
	"log"
	"time"
)

// OK: one ticker for the life of the program.
var heartbeat = time.Tick(time.Minute)

var beats <-chan time.Time

func init() {
	beats = time.Tick(time.Second)
}

// OK: a ticker that is stopped: the fixed form.
func (p *Poller) RunTicker(ctx context.Context) {
	ticker := time.NewTicker(p.every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			p.poll()
		}
	}
}

// OK: a loop over the ticker that nothing can end needs its ticker for good.
func (p *Poller) Forever() {
	for range time.Tick(p.every) {
		p.poll()
	}
}

// OK: `Tick` of something that is not the `time` package.
type metronome struct{}

func (metronome) Tick(d time.Duration) <-chan time.Time { return nil }

func keepTime(m metronome) {
	<-m.Tick(time.Second)
	log.Println(<-heartbeat, <-beats)
}
