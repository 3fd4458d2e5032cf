package peers

import "sync"

// OK: two read-only sections (Addr, Len in read.go) against one writing section (Add), but
// the mutex is embedded: Lock and Unlock are promoted into the method set of *Peers, so
// turning it into sync.RWMutex changes the type's API (and anything satisfying sync.Locker
// through it). Not a named field: silent.
type Peers struct {
	sync.Mutex
	addrs map[string]string
}

// OK: a constructor; no lock taken.
func NewPeers() *Peers {
	return &Peers{addrs: make(map[string]string)}
}

// Writer: a map store.
func (p *Peers) Add(id, addr string) {
	p.Lock()
	defer p.Unlock()
	p.addrs[id] = addr
}
