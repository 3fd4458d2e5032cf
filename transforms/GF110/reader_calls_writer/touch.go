package sessions

// touchLocked records an access; the caller holds st.mu. It has no section of its own, but it
// writes two fields, so any section that calls it is a writing section.
func (st *Store) touchLocked(id string) {
	st.clock++
	st.lastSeen[id] = st.clock
}
