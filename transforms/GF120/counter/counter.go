package counter

import (
	"sync"
	"time"
)

// Counter counts events. mu guards n and last: Inc writes both under the lock, so every other
// method that touches them must hold it too.
type Counter struct {
	mu   sync.Mutex
	n    int
	last time.Time
}

// OK: a constructor builds the value with a composite literal before it is shared.
func NewCounter() *Counter {
	return &Counter{last: time.Now()}
}

// OK: both fields written under c.mu.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.last = time.Now()
}
