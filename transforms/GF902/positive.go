package cache

import "sync"

// Cache is a map guarded by a mutex.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Fires: `GF1O2` (letter O) names no rule; `GF102` still silences the lock.
func (c *Cache) typoNextToCode(k string) (string, bool) {
	c.mu.Lock() //gofix:ignore GF102,GF1O2 legacy // want "GF902"
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: a misspelt rule name silences nothing, so GF102 is reported too.
func (c *Cache) typoName(k string) (string, bool) {
	//gofix:ignore lock-held-on-retrun legacy // want "GF902"
	c.mu.Lock() // want "GF102"
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: a directive gofix does not know.
func (c *Cache) unknownVerb(k string) (string, bool) {
	c.mu.Lock() //gofix:ignroe GF102 legacy // want "GF102" "GF902"
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: a space after `//` makes it prose, not a directive.
func (c *Cache) spaced(k string) (string, bool) {
	c.mu.Lock() // gofix:ignore GF102 legacy // want "GF102" "GF902"
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: no code at all (the want sits in a block comment, or it would be read as codes).
func (c *Cache) noCode(k string) (string, bool) {
	c.mu.Lock() /* // want "GF102" "GF902" */ //gofix:ignore
	v, ok := c.m[k]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

// Fires: "GF" alone is no prefix (too vague, as in --select).
func (c *Cache) tooShort(k string) string {
	c.mu.Lock() //gofix:ignore GF everything // want "GF902"
	defer c.mu.Unlock()
	return c.m[k]
}
