package counters

import "sync/atomic"

var hits int64

// Stats counts traffic.
type Stats struct {
	n     uint32
	bytes uint64
	last  int32
	mask  uint32
}

// Fires (Safe): the Add result written back to the variable it just updated.
func Hit() {
	hits = atomic.AddInt64(&hits, 1) // want "GF306"
}

// Fires (Safe): a field.
func (s *Stats) Add(d uint32) {
	s.n = atomic.AddUint32(&s.n, d) // want "GF306"
}

// Fires (Safe): through a pointer, `*p` against `p`.
func Bump(p *int64) {
	*p = atomic.AddInt64(p, 1) // want "GF306"
}

// Fires (Safe): in an `if` initializer.
func (s *Stats) Over(limit uint32) bool {
	if s.n = atomic.AddUint32(&s.n, 1); s.n > limit { // want "GF306"
		return true
	}
	return false
}

// Fires (Unsafe): Swap returns the old value, so the write-back undoes the swap.
func (s *Stats) Reset() {
	s.bytes = atomic.SwapUint64(&s.bytes, 0) // want "GF306"
}

// Fires (Unsafe): a comment in the deleted text.
func Hit2() {
	hits = /* count */ atomic.AddInt64(&hits, 1) // want "GF306"
}

// Fires (Unsafe): Swap on an element of an array.
func Rotate(slots *[4]int32, i int, v int32) {
	slots[i] = atomic.SwapInt32(&slots[i], v) // want "GF306"
}

// Fires, without a fix: a tuple assignment.
func (s *Stats) Pair() {
	s.last, s.mask = atomic.AddInt32(&s.last, 1), 0 // want "GF306"
}
