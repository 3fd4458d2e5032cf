package cache

// Reader: `v, ok := c.items[k]` declares locals inside the section, which is a read. It does
// not count hits on purpose: `c.hits++` under the lock would make it a writer. The fix turns
// both the Lock and the deferred Unlock into RLock/RUnlock.
func (c *Cache) Get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

// Reader: `len` is a pure builtin; downgraded to RLock/RUnlock.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
