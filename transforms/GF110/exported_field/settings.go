package settings

import "sync"

// OK: two read-only sections (Get, Len in read.go) against one writing section (Set), but
// the mutex is the exported field Mu: code in other packages may lock it, pass &s.Mu or copy
// it, and changing its type would break them. Silent.
type Settings struct {
	Mu     sync.Mutex
	values map[string]string
}

// OK: a constructor; no lock taken.
func NewSettings() *Settings {
	return &Settings{values: make(map[string]string)}
}

// Writer: a map store.
func (s *Settings) Set(key, value string) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	s.values[key] = value
}
