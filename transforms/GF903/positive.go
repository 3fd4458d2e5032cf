package cache

import "sync"

// Cache is a map guarded by a mutex.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Fires (Safe fix): the unlock is deferred now; nothing is left to silence.
func (c *Cache) trailing(k string) string {
	c.mu.Lock() //gofix:ignore GF102 the caller unlocks // want "GF903"
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires (Safe fix): alone on the line above; the whole line goes.
func (c *Cache) above(k string) string {
	//gofix:ignore GF102 the caller unlocks // want "GF903"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires (Safe fix): GF102 is silenced, GF201 silences nothing; only GF201 goes.
func (c *Cache) partly(k string) (string, bool) {
	c.mu.Lock() //gofix:ignore GF102,GF201 legacy // want "GF903"
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires (Safe fix): an unused `//nolint:gofix`.
func (c *Cache) nolint(k string) string {
	c.mu.Lock() //nolint:gofix // legacy // want "GF903"
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires (Safe fix): only `gofix` leaves the list; errcheck keeps its suppression.
func (c *Cache) nolintList(k string) string {
	c.mu.Lock() //nolint:errcheck,gofix // legacy // want "GF903"
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires (Safe fix): a suppression above a function whose body has nothing to silence.
//
//gofix:ignore GF102 legacy // want "GF903"
func (c *Cache) docComment(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires, no fix: a file-wide suppression after the package clause does nothing; it wants
// moving, not deleting.
//
//gofix:file-ignore GF1 legacy // want "GF903"
func (c *Cache) misplaced(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// Fires, no fix: gofmt aligns this trailing comment with the next line's, so deleting it
// would leave the file unformatted.
func (c *Cache) aligned(k string) string {
	c.mu.Lock()         //gofix:ignore GF102 legacy // want "GF903"
	defer c.mu.Unlock() // released on every path
	return c.m[k]
}
