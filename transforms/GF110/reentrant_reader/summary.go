package catalog

// Re-entrant: reads only, but calls c.Len (read.go), which locks c.mu again while this
// section holds it. Go mutexes are not re-entrant: calling Summary deadlocks.
func (c *Catalog) Summary(sku string) (cents, total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.prices[sku], c.Len() // want "GF107"
}
