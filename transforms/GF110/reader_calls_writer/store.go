package sessions

import "sync"

// Session is one logged-in user.
type Session struct {
	ID   string
	User string
}

// OK: mu has two read-only sections (Has, Len) and three writing ones (Put, Expire, and Get,
// which looks like a read but calls touchLocked, a writer). 2 readers < 3 writers: silent.
// Counting Get as a reader would give 3 >= 2 and a fix that downgrades Get to RLock while
// touchLocked writes lastSeen and clock: a data race between concurrent Gets.
type Store struct {
	mu       sync.Mutex
	sessions map[string]Session
	lastSeen map[string]int64
	clock    int64
}

// OK: a constructor; no lock taken.
func NewStore() *Store {
	return &Store{
		sessions: make(map[string]Session),
		lastSeen: make(map[string]int64),
	}
}

// Writer: map store plus touchLocked.
func (st *Store) Put(s Session) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sessions[s.ID] = s
	st.touchLocked(s.ID)
}

// Writer: delete.
func (st *Store) Expire(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.sessions, id)
	delete(st.lastSeen, id)
}
