package catalog

// Reader: a comma-ok map read into locals.
func (c *Catalog) Price(sku string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cents, ok := c.prices[sku]
	return cents, ok
}

// Reader: `len` only. It takes c.mu, so it must not be called with c.mu held.
func (c *Catalog) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.prices)
}
