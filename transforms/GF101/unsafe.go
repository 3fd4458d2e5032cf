package journal

import (
	"fmt"
	"sync"
)

// Journal appends entries under a mutex.
type Journal struct {
	mu      sync.Mutex
	entries []string
	flushed int
}

// Len takes the lock itself.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.entries)
}

// Fires, Unsafe fix: `return j.Len()` runs after the unlock today; with a deferred unlock
// it would run under the lock, and Len locks again (self-deadlock).
func (j *Journal) returnCallsAfterUnlock(entry string) int {
	j.mu.Lock() // want "GF101"
	j.entries = append(j.entries, entry)
	j.mu.Unlock()
	return j.Len()
}

// Fires, Unsafe fix: one return is call-free, the other calls fmt.Errorf.
func (j *Journal) oneReturnCalls(entry string) error {
	j.mu.Lock() // want "GF101"
	for _, e := range j.entries {
		if e == entry {
			j.mu.Unlock()
			return fmt.Errorf("journal: duplicate %q", entry)
		}
	}
	j.entries = append(j.entries, entry)
	j.mu.Unlock()
	return nil
}

// Fires, Unsafe fix: a defer registered while the lock is held would run before the
// deferred unlock, that is under the lock, instead of after the explicit unlock.
func (j *Journal) deferRegisteredWhileHeld(entry string, done func()) {
	j.mu.Lock() // want "GF101"
	defer done()
	j.entries = append(j.entries, entry)
	j.mu.Unlock()
}

// Fires, Unsafe fix: deleting the unlock line would delete its comment too.
func (j *Journal) commentOnUnlockLine(n int) {
	j.mu.Lock() // want "GF101"
	j.flushed += n
	j.mu.Unlock() // callers fsync right after this returns
}
