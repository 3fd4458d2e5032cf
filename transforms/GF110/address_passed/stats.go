package stats

import "sync"

// OK: two read-only sections (Count, Total) against one writing section (Add) would qualify,
// but Reset passes &s.mu to withLock (lock.go), whose parameter is a *sync.Mutex. Changing
// the field to sync.RWMutex would make that call fail to compile, so the field is
// unfixable and the rule stays silent.
type Stats struct {
	mu     sync.Mutex
	counts map[string]int
	total  int
}

// OK: a constructor; no lock taken.
func NewStats() *Stats {
	return &Stats{counts: make(map[string]int)}
}

// Writer: increments under the lock.
func (s *Stats) Add(name string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[name] += n
	s.total += n
}

// Reader: a map read.
func (s *Stats) Count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[name]
}

// Reader: a field read.
func (s *Stats) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// The address of the field escapes here: `&s.mu` is an argument of type *sync.Mutex.
func (s *Stats) Reset() {
	withLock(&s.mu, s.resetLocked)
}

// resetLocked clears the counters; the caller holds s.mu.
func (s *Stats) resetLocked() {
	s.counts = make(map[string]int)
	s.total = 0
}
