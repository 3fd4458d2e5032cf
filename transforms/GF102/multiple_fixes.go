package sessions

import (
	"errors"
	"sync"
	"time"
)

var (
	errExpired  = errors.New("sessions: expired")
	errNotFound = errors.New("sessions: not found")
)

// Manager tracks user sessions; every leak below is fixed by one --write.
type Manager struct {
	mu       sync.Mutex
	sessions map[string]time.Time
	revoked  map[string]bool
}

// Fires (Safe): the expired path returns without unlocking.
func (m *Manager) Touch(id string, now time.Time) error {
	m.mu.Lock() // want "GF102"
	exp, ok := m.sessions[id]
	if !ok {
		m.mu.Unlock()
		return errNotFound
	}
	if now.After(exp) {
		delete(m.sessions, id)
		return errExpired
	}
	m.sessions[id] = now.Add(time.Hour)
	m.mu.Unlock()
	return nil
}

// Fires (Safe): the revoked path runs off the end of the function locked.
func (m *Manager) Revoke(id string) {
	m.mu.Lock() // want "GF102"
	if _, ok := m.sessions[id]; !ok {
		m.mu.Unlock()
		return
	}
	delete(m.sessions, id)
	m.revoked[id] = true
}

// Fires (Safe): a panic on corrupt state leaves the lock held.
func (m *Manager) Create(id string, now time.Time) {
	m.mu.Lock() // want "GF102"
	if m.revoked[id] {
		panic("sessions: reusing revoked id " + id)
	}
	m.sessions[id] = now.Add(time.Hour)
	m.mu.Unlock()
}

// Fires (Safe): `break` leaves the loop with the lock held and reaches `return 0`.
func (m *Manager) PurgeUpTo(limit int, now time.Time) int {
	m.mu.Lock() // want "GF102"
	purged := 0
	for id, exp := range m.sessions {
		if purged == limit {
			break
		}
		if now.After(exp) {
			delete(m.sessions, id)
			purged++
		}
	}
	if purged == 0 {
		return 0
	}
	m.mu.Unlock()
	return purged
}
