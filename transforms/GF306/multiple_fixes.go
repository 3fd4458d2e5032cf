package counters5

import "sync/atomic"

// Counters are updated by many goroutines.
type Counters struct {
	reqs  int64
	errs  int64
	bytes uint64
}

// Record bumps every counter: three Safe fixes in one function.
func (c *Counters) Record(n uint64, failed bool) {
	c.reqs = atomic.AddInt64(&c.reqs, 1) // want "GF306"
	if failed {
		c.errs = atomic.AddInt64(&c.errs, 1) // want "GF306"
	}
	c.bytes = atomic.AddUint64(&c.bytes, n) // want "GF306"
}
