package catalog

import "sync"

// OK: two pure read-only sections (Price, Len in read.go) against one writing section (Put),
// but Summary (summary.go) calls Len while holding mu, and Len takes mu itself. A
// re-entrant call makes the whole field unfixable: with sync.RWMutex it would be an RLock
// inside an RLock, which deadlocks as soon as a writer is waiting, and a fix should not
// bless it. Silent. (Summary already deadlocks with sync.Mutex; no code here calls it.)
type Catalog struct {
	mu     sync.Mutex
	prices map[string]int
}

// OK: a constructor; no lock taken.
func NewCatalog() *Catalog {
	return &Catalog{prices: make(map[string]int)}
}

// Writer: a map store.
func (c *Catalog) Put(sku string, cents int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prices[sku] = cents
}
