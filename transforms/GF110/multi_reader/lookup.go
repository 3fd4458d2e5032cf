package registry

// Reader: the only call in the section is lookupLocked, a method of this package that only
// reads and takes no lock, so the section stays read-only and is downgraded.
func (r *Registry) Lookup(name string) (Service, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lookupLocked(name)
}

// lookupLocked reads the map; the caller holds r.mu (it has no section of its own, so it
// is neither a reader nor a writer and is left untouched).
func (r *Registry) lookupLocked(name string) (Service, bool) {
	s, ok := r.byName[name]
	return s, ok
}

// Reader: `len` only; downgraded.
func (r *Registry) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byName)
}
