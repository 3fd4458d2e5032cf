package counter

import (
	"fmt"
	"time"
)

// Fires: reads n without c.mu while Inc writes it under the lock.
func (c *Counter) Snapshot() int {
	return c.n // want "GF120"
}

// Fires twice: writes n and last without c.mu, one finding per field, each at its first
// unlocked access.
func (c *Counter) Reset() {
	c.n = 0              // want "GF120"
	c.last = time.Time{} // want "GF120"
}

// Fires twice on one line: n and last both first appear, unlocked, in the Sprintf call.
func (c *Counter) String() string {
	return fmt.Sprintf("%d events, last at %s", c.n, c.last.Format(time.RFC3339)) // want "GF120" "GF120"
}

// Fires twice: one finding per field at its first unlocked access in this method; the second
// read of n, two lines later, is not reported again.
func (c *Counter) Stale(now time.Time) bool {
	if c.n == 0 { // want "GF120"
		return false
	}
	idle := now.Sub(c.last) // want "GF120"
	return idle > time.Minute && c.n > 1
}
