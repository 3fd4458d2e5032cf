package counters3

import "sync/atomic"

var (
	hits   int64
	misses int64
	total  int64
	slots  [8]int64
	cursor int
)

func next() int {
	cursor = (cursor + 1) % len(slots)
	return cursor
}

// OK: the result goes to another variable.
func Count() {
	n := atomic.AddInt64(&hits, 1)
	total = atomic.AddInt64(&misses, 1)
	_ = n
}

// OK: the result is used in an expression.
func Over(limit int64) bool {
	if atomic.AddInt64(&hits, 1) > limit {
		return true
	}
	total = atomic.AddInt64(&hits, 1) * 2
	return false
}

// OK: a load, not an update.
func Snapshot() {
	total = atomic.LoadInt64(&total)
}

// OK: a call in the target may pick a different element from the one in the argument.
func Spread() {
	slots[next()] = atomic.AddInt64(&slots[next()], 1)
}

// OK: `:=` declares a new local from the package variable.
func Local() int64 {
	hits := atomic.AddInt64(&hits, 1)
	return hits
}

// OK: the typed atomics have no write-back form.
func Typed(c *atomic.Int64) int64 {
	return c.Add(1)
}
