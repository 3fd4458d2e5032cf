package handoff

import (
	"errors"
	"log"
	"os"
	"sync"
)

var errClosed = errors.New("handoff: closed")

// Pool hands out slots.
type Pool struct {
	mu     sync.Mutex
	free   []int
	closed bool
}

// OK: no unlock anywhere in the function: the lock is handed to the caller, which
// releases it with endBatch.
func (p *Pool) beginBatch() {
	p.mu.Lock()
}

// endBatch releases the lock beginBatch took.
func (p *Pool) endBatch() {
	p.free = p.free[:0]
	p.mu.Unlock()
}

// OK: returns with the lock held on purpose, together with the method value that
// releases it.
func (p *Pool) acquire() func() {
	p.mu.Lock()
	p.closed = false
	return p.mu.Unlock
}

// OK: spin until idle, then return holding the lock; the only unlock just goes round the
// retry loop, which proves nothing about the return.
func (p *Pool) lockWhenFree() {
	for {
		p.mu.Lock()
		if len(p.free) > 0 {
			return
		}
		p.mu.Unlock()
	}
}

// OK: a deferred closure releases on every path.
func (p *Pool) deferredClosure(slot int) error {
	p.mu.Lock()
	defer func() {
		p.mu.Unlock()
	}()
	if p.closed {
		return errClosed
	}
	p.free = append(p.free, slot)
	return nil
}

// GF101, not GF102: os.Exit and log.Fatal end their paths without a leak.
func (p *Pool) exitPathsEndSilently(slot int) {
	p.mu.Lock() // want "GF101"
	if slot < 0 {
		log.Fatalf("handoff: bad slot %d", slot)
	}
	if p.closed {
		os.Exit(3)
	}
	p.free = append(p.free, slot)
	p.mu.Unlock()
}

// GF102, unlike log.Fatal: log.Panicf panics, and a recovering caller would find
// the mutex still held.
func (p *Pool) logPanicPathLeaks(slot int) {
	p.mu.Lock() // want "GF102"
	if slot < 0 {
		log.Panicf("handoff: bad slot %d", slot)
	}
	p.free = append(p.free, slot)
	p.mu.Unlock()
}

// GF104, not GF102: the `defer p.mu.Lock()` typo is reported once, by GF104.
func (p *Pool) deferLockTypo(slot int) error {
	p.mu.Lock()
	defer p.mu.Lock() // want "GF104"
	if p.closed {
		return errClosed
	}
	p.free = append(p.free, slot)
	return nil
}
