package inventory

import (
	"fmt"
	"sync"
)

// Stock guards its counts with mu.
type Stock struct {
	mu     sync.Mutex
	counts map[string]int
}

// Len takes the lock itself.
func (s *Stock) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.counts)
}

// total takes the lock through Len.
func (s *Stock) total() int {
	return s.Len()
}

// Fires: Len locks s.mu again while Summary holds it.
func (s *Stock) Summary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%d items", s.Len()) // want "GF107"
}

// Fires: total reaches Len, which locks again: re-entry through a helper.
func (s *Stock) Report() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.total() // want "GF107"
	return fmt.Sprint(n)
}

// Fires: the same lock taken twice in a row.
func (s *Stock) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mu.Lock() // want "GF107"
	s.counts = map[string]int{}
}

// Index is read-mostly.
type Index struct {
	mu    sync.RWMutex
	names []string
}

// Count read-locks.
func (ix *Index) Count() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.names)
}

// Fires: RLock inside RLock deadlocks once a writer waits between the two.
func (ix *Index) Describe() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return fmt.Sprintf("%d names, first %q", ix.Count(), ix.names[0]) // want "GF107"
}
