package ledger

import "sync"

// Counter guards n with a mutex.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Fires (Unsafe fix): the value receiver copies the mutex and n; the increment is lost.
func (c Counter) Inc() { // want "GF111"
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Fires: an unnamed value receiver still copies.
func (Counter) Kind() string { // want "GF111"
	return "counter"
}

// OK: the pointer receiver.
func (c *Counter) Add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
}

// Fires twice: the value receiver and the by-value parameter.
func (c Counter) Merge(other Counter) { // want "GF111" "GF111"
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += other.n
}

// Fires (no fix): a by-value parameter of a method with a pointer receiver.
func (c *Counter) Absorb(other Counter) { // want "GF111"
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += other.n
}

// Registry embeds its lock.
type Registry struct {
	sync.RWMutex
	names map[string]bool
}

// Fires: the embedded RWMutex is copied with the receiver.
func (r Registry) Has(name string) bool { // want "GF111"
	r.RLock()
	defer r.RUnlock()
	return r.names[name]
}

// Stats holds a lock only through its Counter field.
type Stats struct {
	hits  Counter
	label string
}

// Fires: transitive, `hits.mu`.
func (s Stats) Label() string { // want "GF111"
	return s.label
}

// Shards holds an array of lock holders.
type Shards struct {
	parts [4]Counter
}

// Fires: the array is copied with every mutex in it.
func (s Shards) Len() int { // want "GF111"
	return len(s.parts)
}

// Batch waits for its workers.
type Batch struct {
	wg sync.WaitGroup
}

// Fires: Wait on a copy of the WaitGroup.
func (b Batch) Wait() { // want "GF111"
	b.wg.Wait()
}

// Lazy computes v once.
type Lazy struct {
	once sync.Once
	v    int
}

// Fires: each copy has its own Once, so the function runs on every call.
func (l Lazy) Get(compute func() int) int { // want "GF111"
	l.once.Do(func() { l.v = compute() })
	return l.v
}

// Signal wakes waiters.
type Signal struct {
	cond sync.Cond
}

// Fires: a copied Cond.
func (s Signal) Wake() { // want "GF111"
	s.cond.Broadcast()
}

// Cache is generic.
type Cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// Fires: the fix keeps the type arguments, `*Cache[K, V]`.
func (c Cache[K, V]) Put(k K, v V) { // want "GF111"
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// Snapshot is a defined type over Counter: the same fields, the same mutex.
type Snapshot Counter

// Fires: a defined type of a lock holder.
func (s Snapshot) Kind() string { // want "GF111"
	return "snapshot"
}

// Fires (no fix): a by-value parameter of a plain function.
func total(c Counter, extra int) int { // want "GF111"
	return c.n + extra
}

// Fires (no fix): parameters of a function literal.
var describe = func(s Stats, b Batch) string { // want "GF111" "GF111"
	return s.label
}
