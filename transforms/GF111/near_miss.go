package inventory

import (
	"sync"
	"sync/atomic"
)

// Stock guards its count.
type Stock struct {
	mu    sync.Mutex
	count int
}

// OK: pointer receivers.
func (s *Stock) Add(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count += n
}

// OK: a pointer parameter.
func restock(s *Stock, n int) {
	s.Add(n)
}

// Shared points to a lock owned elsewhere: copying it copies the pointer.
type Shared struct {
	mu    *sync.Mutex
	count int
}

// OK: the value receiver copies a pointer.
func (s Shared) Inc() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
}

// Point holds no lock.
type Point struct {
	X, Y int
}

// OK: no lock to copy.
func (p Point) Add(q Point) Point {
	return Point{p.X + q.X, p.Y + q.Y}
}

// Depot holds lock holders only behind pointers, slices, maps and channels.
type Depot struct {
	main   *Stock
	shelf  []Stock
	byName map[string]Stock
	queue  chan Stock
	*Stock
}

// OK: nothing is copied but references.
func (d Depot) Size() int {
	return len(d.shelf) + len(d.byName) + len(d.queue)
}

// Hits uses an atomic counter, not a lock (go vet's copylocks reports copying it).
type Hits struct {
	n atomic.Int64
}

// OK: not a sync lock type.
func (h Hits) Kind() string {
	return "hits"
}

// OK: a type parameter that shares the name of a lock holder.
func pick[Stock any](a, b Stock, first bool) Stock {
	if first {
		return a
	}
	return b
}

// OK: a local type that shadows the package one.
func local() int {
	type Stock struct{ count int }
	get := func(s Stock) int { return s.count }
	return get(Stock{count: 1})
}

// OK: signatures without bodies of their own.
type (
	Handler func(s Stock)
	Auditor interface {
		Audit(s Stock)
	}
)
