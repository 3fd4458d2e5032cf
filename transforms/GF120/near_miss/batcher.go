package batch

import (
	"sync"
	"sync/atomic"
)

// Batcher collects items and hands them to sink in batches of up to limit. mu guards
// pending and limit.
type Batcher struct {
	mu      sync.Mutex
	name    string // set once in NewBatcher, never written again
	pending []string
	limit   int
	sink    func([]string)
	flushed atomic.Int64 // atomic: needs no lock
	dropped int          // never touched under mu
}

// OK: a constructor (New…, returns the type, builds a composite literal) sets fields before
// the value is shared, and calls initDefaults, which does the same.
func NewBatcher(name string, limit int, sink func([]string)) *Batcher {
	b := &Batcher{name: name, limit: limit, sink: sink}
	b.initDefaults()
	b.pending = make([]string, 0, b.limit)
	return b
}

// OK: an init… method runs before the value is shared; reading and writing limit without
// the lock is fine here even though SetLimit writes it under the lock.
func (b *Batcher) initDefaults() {
	if b.limit <= 0 {
		b.limit = 64
	}
}

// OK: every guarded access is under b.mu; flush (flush.go) runs with the lock held.
func (b *Batcher) Add(item string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = append(b.pending, item)
	if len(b.pending) >= b.limit {
		b.flush()
	}
}

// OK: limit written under the lock (this is what makes it a lock-guarded, mutable field).
func (b *Batcher) SetLimit(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.limit = n
}

// OK: flush runs with the lock held.
func (b *Batcher) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flush()
}
