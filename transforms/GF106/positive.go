package catalog

import "sync"

// Catalog maps product names to prices.
type Catalog struct {
	mu    sync.RWMutex
	items map[string]int
}

// Fires (Safe fix, mu is declared as sync.RWMutex here): an RLock released by a deferred
// Unlock.
func (c *Catalog) Price(name string) (int, bool) {
	c.mu.RLock()
	defer c.mu.Unlock() // want "GF106"
	p, ok := c.items[name]
	return p, ok
}

// Fires (Safe fix): a Lock released by a deferred RUnlock.
func (c *Catalog) SetPrice(name string, p int) {
	c.mu.Lock()
	defer c.mu.RUnlock() // want "GF106"
	c.items[name] = p
}

// Fires (Safe fix): an explicit mismatched unlock, followed by work (so GF101 is silent).
func (c *Catalog) reportSize(report func(int)) {
	c.mu.RLock()
	n := len(c.items)
	c.mu.Unlock() // want "GF106"
	report(n)
}

// Fires on one path only: the early path releases correctly, the last one does not.
func (c *Catalog) PriceOr(name string, def int, miss func(string)) int {
	c.mu.RLock()
	p, ok := c.items[name]
	if !ok {
		c.mu.RUnlock()
		miss(name)
		return def
	}
	c.mu.Unlock() // want "GF106"
	return p
}

// Fires twice: both paths release the write lock with RUnlock.
func (c *Catalog) Remove(name string, audit func(string)) bool {
	c.mu.Lock()
	if _, ok := c.items[name]; !ok {
		c.mu.RUnlock() // want "GF106"
		audit(name)
		return false
	}
	delete(c.items, name)
	c.mu.RUnlock() // want "GF106"
	audit(name)
	return true
}

// Fires with GF101: the mismatched unlock is also the trailing explicit release. --write
// fixes the method; GF101's fix is Unsafe only because deleting the unlock line would
// drop its comment, and --unsafe-fixes ends at `defer c.mu.RUnlock()`.
func (c *Catalog) Len() int {
	c.mu.RLock() // want "GF101"
	n := len(c.items)
	c.mu.Unlock() // want "GF106"
	return n
}

var (
	configMu sync.RWMutex
	config   = map[string]string{}
)

// Fires (Safe fix): a package-level RWMutex.
func setting(key string) string {
	configMu.RLock()
	defer configMu.Unlock() // want "GF106"
	return config[key]
}
