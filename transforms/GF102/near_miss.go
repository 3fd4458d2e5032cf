package conn

import (
	"errors"
	"sync"
)

var errClosed = errors.New("conn: closed")

// Conn buffers frames for a peer.
type Conn struct {
	mu      sync.Mutex
	buf     []byte
	pending int
	closed  bool
}

// unlockAndNotify releases c.mu for the caller.
func (c *Conn) unlockAndNotify() {
	c.pending = 0
	c.mu.Unlock()
}

// OK: the early path releases through a helper whose name contains "unlock".
func (c *Conn) helperNamedUnlock() error {
	c.mu.Lock()
	if c.closed {
		c.unlockAndNotify()
		return errClosed
	}
	c.pending++
	c.mu.Unlock()
	return nil
}

// release clears the buffer and releases mu, which the caller holds.
func release(mu *sync.Mutex, buf *[]byte) {
	*buf = (*buf)[:0]
	mu.Unlock()
}

// OK: &c.mu is handed to a function on the early path: the lock goes with it.
func (c *Conn) lockHandedOff(frame []byte) {
	c.mu.Lock()
	if len(frame) == 0 {
		release(&c.mu, &c.buf)
		return
	}
	c.buf = append(c.buf, frame...)
	c.mu.Unlock()
}

// OK: taken and released under the same condition; the paths are correlated.
func (c *Conn) correlatedConditions(shared bool, frame []byte) {
	if shared {
		c.mu.Lock()
	}
	c.buf = append(c.buf, frame...)
	if shared {
		c.mu.Unlock()
	}
}

// OK: the path that keeps the lock skipped an if (without else) that released it: the
// caller decides, and nothing proves a leak.
func (c *Conn) reserve(keepLocked bool) {
	c.mu.Lock()
	c.pending++
	if !keepLocked {
		c.mu.Unlock()
	}
}

// OK: locked in one case and unlocked in another (a command interpreter).
func (c *Conn) apply(cmd string) {
	switch cmd {
	case "begin":
		c.mu.Lock()
	case "commit":
		c.mu.Unlock()
	}
}

// OK: the same across loop iterations.
func (c *Conn) applyAll(cmds []string) {
	for _, cmd := range cmds {
		switch cmd {
		case "begin":
			c.mu.Lock()
		case "commit":
			c.buf = c.buf[:0]
			c.mu.Unlock()
		}
	}
}

// OK: the goroutine releases the lock the function took (a hand-off to a literal);
// deferring the unlock here would unlock twice.
func (c *Conn) flushAsync(write func([]byte)) {
	c.mu.Lock()
	if len(c.buf) == 0 {
		c.mu.Unlock()
		return
	}
	go func() {
		write(c.buf)
		c.buf = c.buf[:0]
		c.mu.Unlock()
	}()
}
