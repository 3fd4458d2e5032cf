package bank

import "sync"

// Cache reloads its contents from a slow source.
type Cache struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	data  map[string]string
	loads int
}

// OK: the caller holds c.mu; release it for the slow load and relock at exit. The
// `defer c.mu.Lock()` follows an Unlock, not a Lock: deliberate.
func (c *Cache) reloadLocked(load func() map[string]string) {
	c.mu.Unlock()
	defer c.mu.Lock()
	fresh := load()
	c.rw.Lock()
	defer c.rw.Unlock()
	c.data = fresh
}

// OK: the same with the deferred relock registered first.
func (c *Cache) reloadLockedDeferFirst(load func() map[string]string) {
	defer c.mu.Lock()
	c.mu.Unlock()
	fresh := load()
	c.rw.Lock()
	defer c.rw.Unlock()
	c.data = fresh
}

// OK: the correct form.
func (c *Cache) countLoad() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loads++
}

// OK: the correct read form.
func (c *Cache) get(k string) string {
	c.rw.RLock()
	defer c.rw.RUnlock()
	return c.data[k]
}

// OK: a sync.Cond user that drops c.L around the callback and takes it back on return.
func notifyUnlocked(cond *sync.Cond, callback func()) {
	cond.L.Unlock()
	defer cond.L.Lock()
	callback()
}
