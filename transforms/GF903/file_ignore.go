//gofix:file-ignore GF2 no channels here any more // want "GF903"

// Fires (Safe fix): a file-wide suppression for rules that find nothing in the file.
package cache

import "sync"

// Store is a map guarded by a mutex.
type Store struct {
	mu sync.Mutex
	m  map[string]string
}

// Reset empties the map.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m = map[string]string{}
}

func (s *Store) get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

func (s *Store) put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}
