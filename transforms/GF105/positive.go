package batch

import (
	"errors"
	"sync"
)

var errEmpty = errors.New("batch: empty key")

// Store counts keys.
type Store struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	counts map[string]int
	names  map[int]string
}

// Fires: the first iteration's unlock waits for the function to return, so the second
// iteration's Lock deadlocks.
func (s *Store) incrementAll(keys []string) {
	for _, k := range keys {
		s.mu.Lock()
		defer s.mu.Unlock() // want "GF105"
		s.counts[k]++
	}
}

// Fires: RUnlock in a three-clause loop.
func (s *Store) namesUpTo(n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		s.rw.RLock()
		defer s.rw.RUnlock() // want "GF105"
		out = append(out, s.names[i])
	}
	return out
}

// Fires: the defer sits inside an if within the loop body.
func (s *Store) resetSome(keys []string, all bool) {
	for _, k := range keys {
		if all || s.counts[k] > 0 {
			s.mu.Lock()
			defer s.mu.Unlock() // want "GF105"
			s.counts[k] = 0
		}
	}
}

// Fires: the iteration can `continue` after the defer, so the loop goes round with the
// unlock still pending.
func (s *Store) firstKnown(keys []string) (string, error) {
	for _, k := range keys {
		s.mu.Lock()
		defer s.mu.Unlock() // want "GF105"
		if _, ok := s.counts[k]; !ok {
			continue
		}
		return k, nil
	}
	return "", errEmpty
}

// Fires: a condition-only loop, and the inner loop of two.
func (s *Store) drain(batches [][]string) {
	for len(batches) > 0 {
		for _, k := range batches[0] {
			s.mu.Lock()
			defer s.mu.Unlock() // want "GF105"
			delete(s.counts, k)
		}
		batches = batches[1:]
	}
}

// Fires inside a goroutine literal: the loop and the defer both belong to the literal.
func (s *Store) incrementAsync(keys []string, done chan<- struct{}) {
	go func() {
		for _, k := range keys {
			s.mu.Lock()
			defer s.mu.Unlock() // want "GF105"
			s.counts[k]++
		}
		close(done)
	}()
}
