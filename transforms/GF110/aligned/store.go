package aligned

import "sync"

// Store's mutex line is the longest of its commented run, so the upgrade realigns the other
// comments to keep the file gofmt-clean.
type Store struct {
	n  int        // entries written
	mu sync.Mutex // want "GF110"
	m  map[string]int
}

// Set writes.
func (s *Store) Set(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
	s.n++
}

// Get only reads.
func (s *Store) Get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

// Has only reads.
func (s *Store) Has(k string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[k]
	return ok
}
