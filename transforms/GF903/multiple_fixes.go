//gofix:file-ignore GF3 no goroutines here any more // want "GF903"

// Several unused suppressions; each fix leaves the file gofmt-clean.
package cache

import "sync"

// Cache is a map guarded by a mutex.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// Reset empties the map.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[string]string{}
}

func (c *Cache) get(k string) string {
	c.mu.Lock() //gofix:ignore GF101 legacy // want "GF903"
	defer c.mu.Unlock()

	//gofix:ignore GF102 between blank lines // want "GF903"

	return c.m[k]
}

func (c *Cache) put(k, v string) {
	//gofix:ignore GF102 first of two // want "GF903"
	//gofix:ignore GF101 second of two // want "GF903"
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *Cache) del(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
	//gofix:ignore GF102 at the end of a block // want "GF903"
}

// Len counts the entries.
//
//gofix:ignore GF102 last line of a doc comment // want "GF903"
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

var (
	hits   = 0 //gofix:ignore GF304 legacy // want "GF903"
	misses = 0
)

//gofix:ignore GF304 at the end of the file // want "GF903"
