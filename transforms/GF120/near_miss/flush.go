package batch

// OK: flush reads and writes pending without taking the lock, and its name does not end in
// Locked, but its only callers (Add and Flush, in batcher.go) call it inside b.mu sections.
// The flushed counter is an atomic.Int64: never reported.
func (b *Batcher) flush() {
	if len(b.pending) == 0 {
		return
	}
	batch := b.pending
	b.pending = make([]string, 0, b.limit)
	b.flushed.Add(int64(len(batch)))
	b.sink(batch)
}
