package stats

import "sync"

// withLock runs f while holding m. Its parameter is a *sync.Mutex: a *sync.RWMutex argument
// does not compile.
func withLock(m *sync.Mutex, f func()) {
	m.Lock()
	defer m.Unlock()
	f()
}
