package tables

import "sync"

// Table embeds its RWMutex: the receiver of RLock is `t`, not a name declared as
// sync.RWMutex, so the fixes below are Unsafe.
type Table struct {
	sync.RWMutex
	rows map[int]string
}

// Fires (Unsafe fix): an embedded RWMutex.
func (t *Table) Row(id int) string {
	t.RLock()
	defer t.Unlock() // want "GF106"
	return t.rows[id]
}

// rwLocker is any read-write lock; its implementation is not in sight.
type rwLocker interface {
	sync.Locker
	RLock()
	RUnlock()
}

// Fires (Unsafe fix): l is an interface, not declared as sync.RWMutex in this file.
func readWith(l rwLocker, read func()) {
	l.RLock()
	defer l.Unlock() // want "GF106"
	read()
}

// Sharded picks a lock per key.
type Sharded struct {
	locks [16]*sync.RWMutex
	data  map[string]string
}

func (s *Sharded) lockFor(key string) *sync.RWMutex {
	return s.locks[len(key)%len(s.locks)]
}

// Fires (Unsafe fix): `l` is a local bound by :=, whose type the file does not spell.
func (s *Sharded) Put(key, val string) {
	l := s.lockFor(key)
	l.Lock()
	defer l.RUnlock() // want "GF106"
	s.data[key] = val
}
