package registry

import "sync"

// Service is one registered endpoint.
type Service struct {
	Name string
	Addr string
}

// Fires: across the three files of the package, mu guards three read-only sections (Lookup,
// Count in lookup.go; Names in names.go) and one writing section (Register). The fix spans
// all three files: the field becomes sync.RWMutex and the three readers take RLock/RUnlock.
type Registry struct {
	mu     sync.Mutex // want "GF110"
	byName map[string]Service
}

// OK: a constructor; no lock taken.
func NewRegistry() *Registry {
	return &Registry{byName: make(map[string]Service)}
}

// Writer: a map store; its section stays Lock/Unlock.
func (r *Registry) Register(s Service) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byName[s.Name] = s
}
