package store

import (
	"errors"
	"fmt"
	"sync"
)

var errClosed = errors.New("store: closed")

// Store is a closable key-value map.
type Store struct {
	mu     sync.Mutex
	data   map[string]string
	closed bool
}

// Fires (Safe fix): the classic early return that forgets the unlock.
func (s *Store) earlyReturnLeaksLock(k, v string) error {
	s.mu.Lock() // want "GF102"
	if s.closed {
		return errClosed
	}
	s.data[k] = v
	s.mu.Unlock()
	return nil
}

// Fires (Safe fix): a panic with the lock held; a caller that recovers then deadlocks.
func (s *Store) panicWithLockHeld(k string) {
	s.mu.Lock() // want "GF102"
	if k == "" {
		panic("store: empty key")
	}
	delete(s.data, k)
	s.mu.Unlock()
}

// Fires (Safe fix): the early path unlocks, the main path runs off the end still locked.
func (s *Store) fallsOffTheEndLocked(k string) {
	s.mu.Lock() // want "GF102"
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.data[k] = ""
}

// Fires (Unsafe fix): the leak is fixable, but the return after the unlock calls
// fmt.Errorf, which the deferred unlock would run under the lock.
func (s *Store) leakWithCallingReturn(k string) error {
	s.mu.Lock() // want "GF102"
	if s.closed {
		return errClosed
	}
	if _, ok := s.data[k]; !ok {
		s.data[k] = "pending"
		s.mu.Unlock()
		return fmt.Errorf("store: %q was missing", k)
	}
	delete(s.data, k)
	s.mu.Unlock()
	return nil
}

// Fires, no fix: the unlock is followed by work (notify), so GF101's shape does not hold.
func (s *Store) leakThenWorkAfterUnlock(k string, notify func(string)) error {
	s.mu.Lock() // want "GF102"
	if s.closed {
		return errClosed
	}
	s.data[k] = "new"
	s.mu.Unlock()
	notify(k)
	return nil
}

// Index is read-mostly.
type Index struct {
	mu   sync.RWMutex
	byID map[int]string
}

// Fires (Safe fix): an RLock leaked on an early return; the fix defers RUnlock.
func (ix *Index) readLockLeaks(id int) (string, error) {
	ix.mu.RLock() // want "GF102"
	name, ok := ix.byID[id]
	if !ok {
		return "", fmt.Errorf("index: no id %d", id)
	}
	ix.mu.RUnlock()
	return name, nil
}

// Fires (Safe fix) inside the goroutine, whose body is a function of its own; its
// `defer wg.Done()` is registered before the Lock, so the fix stays Safe.
func (ix *Index) leakInGoroutine(id int, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		ix.mu.Lock() // want "GF102"
		if _, ok := ix.byID[id]; ok {
			return
		}
		ix.byID[id] = "new"
		ix.mu.Unlock()
	}()
}
