package inventory

import "sync"

// Ledger guards entries with mu.
type Ledger struct {
	mu      sync.Mutex
	entries []int
}

// lenLocked expects the caller to hold l.mu.
func (l *Ledger) lenLocked() int {
	return len(l.entries)
}

// Size locks.
func (l *Ledger) Size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lenLocked()
}

// OK: the …Locked variant takes no lock.
func (l *Ledger) Add(v int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, v)
	return l.lenLocked()
}

// OK: the lock is released before Size takes it again.
func (l *Ledger) AddAndCount(v int) int {
	l.mu.Lock()
	l.entries = append(l.entries, v)
	l.mu.Unlock()
	n := l.Size()
	return n
}

// OK: a goroutine started under the lock runs later, when Trim has returned and unlocked.
func (l *Ledger) Trim(done chan<- int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = l.entries[:0]
	go func() {
		done <- l.Size()
	}()
}

// OK: a different lock of another value.
func (l *Ledger) CopyFrom(other *Ledger) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries[:0], other.Snapshot()...)
}

// Snapshot locks its own receiver.
func (l *Ledger) Snapshot() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.entries...)
}
