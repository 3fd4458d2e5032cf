package registry

// Reader: `names` is declared inside the section, so `names = append(names, name)` writes a
// local, not shared state; ranging over the map is a read. Downgraded.
func (r *Registry) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var names []string
	for name := range r.byName {
		names = append(names, name)
	}
	return names
}
