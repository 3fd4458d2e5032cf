package counters4

type fake struct{}

// AddInt64 is not sync/atomic's.
func (fake) AddInt64(p *int64, d int64) int64 { return *p + d }

var atomic fake

var hits int64

// OK: `atomic` here is a package variable, not the sync/atomic import.
func Hit() {
	hits = atomic.AddInt64(&hits, 1)
}
