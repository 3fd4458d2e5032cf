package poller

import (
	"testing"
	"time"
)

// OK: a test lives no longer than its process.
func TestRunN(t *testing.T) {
	n := 0
	p := &Poller{every: time.Millisecond, poll: func() { n++ }}
	p.RunN(3)
	<-time.Tick(time.Millisecond)
	if n != 3 {
		t.Errorf("polled %d times, want 3", n)
	}
}
