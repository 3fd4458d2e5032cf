package cache

import "sync"

// Cache is a map guarded by a mutex.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// The wants of this file sit in a block comment before the directive: a `// want` after
// it would be read as the directive's reason.

// Fires: the directive silences GF102 but gives no reason.
func (c *Cache) trailing(k string) (string, bool) {
	c.mu.Lock() /* // want "GF901" */ //gofix:ignore GF102
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: the same, alone on the line above.
func (c *Cache) above(k string) (string, bool) {
	/* // want "GF901" */ //gofix:ignore lock-held-on-return
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: a `//` with nothing after it is no reason.
func (c *Cache) emptyReason(k string) (string, bool) {
	c.mu.Lock() /* // want "GF901" */ //gofix:ignore GF1 //
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: `//nolint:gofix` without `// reason`.
func (c *Cache) nolint(k string) (string, bool) {
	c.mu.Lock() /* // want "GF901" */ //nolint:gofix
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: `gofix` among other linters, still without a reason.
func (c *Cache) nolintList(k string) (string, bool) {
	c.mu.Lock() /* // want "GF901" */ //nolint:errcheck,gofix
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}
