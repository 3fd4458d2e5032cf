/* // want "GF901" */ //gofix:file-ignore GF102

// Fires: a file-wide suppression without a reason (it still silences the file's GF102).
package cache

import "sync"

// Store is a map guarded by a mutex.
type Store struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *Store) get(k string) (string, bool) {
	s.mu.Lock()
	v, ok := s.m[k]
	if !ok {
		return "", false
	}
	s.mu.Unlock()
	return v, true
}
