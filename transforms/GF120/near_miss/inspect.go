package batch

import "fmt"

// OK: all accesses under b.mu; the pending count comes from sizeLocked.
func (b *Batcher) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sizeLocked()
}

// OK: the Locked suffix is the Go convention for "the caller holds the lock": exempt by name.
func (b *Batcher) sizeLocked() int {
	return len(b.pending)
}

// OK: name and pending read under the lock.
func (b *Batcher) Describe() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fmt.Sprintf("%s: %d pending", b.name, len(b.pending))
}

// OK: name is read under the lock in Describe and without it here, but it is written only
// by the constructor: immutable after construction, so no lock is needed to read it.
func (b *Batcher) Name() string {
	return b.name
}

// OK: an atomic field, read without the lock.
func (b *Batcher) Flushed() int64 {
	return b.flushed.Load()
}

// Not reported: counts an item the caller chose not to add. dropped is never accessed under
// mu anywhere, so there is no evidence that mu is meant to guard it; the rule does not guess.
func (b *Batcher) Discard() {
	b.dropped++
}

// Not reported: as Discard.
func (b *Batcher) Dropped() int {
	return b.dropped
}
