package sessions

// Writer in disguise: the map read is a read, but the call to touchLocked (in touch.go) writes
// lastSeen and clock under the lock. A method that calls a writer is a writer.
func (st *Store) Get(id string) (Session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.sessions[id]
	if ok {
		st.touchLocked(id)
	}
	return s, ok
}

// Reader: a comma-ok map read into locals.
func (st *Store) Has(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.sessions[id]
	return ok
}

// Reader: `len` only.
func (st *Store) Len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.sessions)
}
