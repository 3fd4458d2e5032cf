package accounts

import "sync"

// Ledger has a plain mutex.
type Ledger struct {
	mu      sync.Mutex
	entries []int
}

// Fires without a fix: the function also unlocks by hand, so turning the deferred Lock into a
// deferred Unlock would unlock twice and panic on return.
func (l *Ledger) Append(n int) {
	l.mu.Lock()
	defer l.mu.Lock() // want "GF104"
	l.entries = append(l.entries, n)
	l.mu.Unlock()
}
