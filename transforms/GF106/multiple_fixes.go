package settings

import (
	"fmt"
	"sync"
)

// Settings holds string values and their change count; every mismatch below is fixed by
// one --write, except the embedded one, which needs --unsafe-fixes.
type Settings struct {
	mu      sync.RWMutex
	values  map[string]string
	changes int
}

// Fires (Safe).
func (s *Settings) Get(key string) string {
	s.mu.RLock()
	defer s.mu.Unlock() // want "GF106"
	return s.values[key]
}

// Fires (Safe).
func (s *Settings) Set(key, val string) {
	s.mu.Lock()
	defer s.mu.RUnlock() // want "GF106"
	s.values[key] = val
	s.changes++
}

// Fires (Safe): explicit, with work after the unlock.
func (s *Settings) Print() {
	s.mu.RLock()
	line := fmt.Sprint(s.values)
	s.mu.Unlock() // want "GF106"
	fmt.Println(line)
}

// Fires (Safe): explicit, on the early path only.
func (s *Settings) Delete(key string, onMissing func(string)) {
	s.mu.Lock()
	if _, ok := s.values[key]; !ok {
		s.mu.RUnlock() // want "GF106"
		onMissing(key)
		return
	}
	delete(s.values, key)
	s.changes++
	s.mu.Unlock()
	fmt.Println("deleted", key)
}

// Overrides embeds its lock.
type Overrides struct {
	sync.RWMutex
	values map[string]string
}

// Fires (Unsafe): the embedded RWMutex is not a name declared as sync.RWMutex.
func (o *Overrides) Get(key string) string {
	o.RLock()
	defer o.Unlock() // want "GF106"
	return o.values[key]
}
