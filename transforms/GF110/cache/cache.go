package cache

import "sync"

// Fires: mu guards two read-only sections (Get and Len, in read.go) and one writing section
// (Set), so readers (2) >= writers (1). The field is unexported, not embedded and only ever
// locked and unlocked, so the fix is Safe: the field becomes sync.RWMutex, Get and Len take
// RLock/RUnlock, Set keeps Lock/Unlock.
type Cache struct {
	mu    sync.Mutex // want "GF110"
	items map[string]int
	hits  int // Sets that found their key already present
}

// OK: a constructor builds the value before it is shared; it takes no lock.
func NewCache() *Cache {
	return &Cache{items: make(map[string]int)}
}

// Writer: stores into the map and increments hits, so its section stays Lock/Unlock.
func (c *Cache) Set(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		c.hits++
	}
	c.items[k] = v
}
