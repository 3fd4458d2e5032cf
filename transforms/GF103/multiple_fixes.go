package flush

import "sync"

// Flusher batches writes; flushers hold mu while they write.
type Flusher struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	batches [][]byte
	size    int
}

// GF103 stays after --write (it has no fix), while the GF101 right after it is fixed.
func (f *Flusher) drainThenReset() {
	f.mu.Lock() // want "GF103"
	f.mu.Unlock()
	f.mu.Lock() // want "GF101"
	f.batches = nil
	f.size = 0
	f.mu.Unlock()
}

// GF103 and GF106: RLock directly followed by Unlock. --write fixes the method (GF106);
// the empty section remains. The blank line keeps gofmt from aligning the two trailing
// comments, which the fix would otherwise leave misaligned.
func (f *Flusher) readBarrierWrongUnlock() {
	f.rw.RLock() // want "GF103"

	f.rw.Unlock() // want "GF106"
}

// GF103 and GF106 the other way round: Lock directly followed by RUnlock.
func (f *Flusher) writeBarrierWrongUnlock() {
	f.rw.Lock() // want "GF103"

	f.rw.RUnlock() // want "GF106"
}

// GF104 next to a GF103: only the deferred Lock has a fix.
func (f *Flusher) appendAfterBarrier(b []byte) {
	f.mu.Lock() // want "GF103"
	f.mu.Unlock()
	f.mu.Lock()
	defer f.mu.Lock() // want "GF104"
	f.batches = append(f.batches, b)
	f.size += len(b)
}
