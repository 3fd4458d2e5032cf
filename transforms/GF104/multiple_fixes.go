package metrics

import "sync"

// Registry holds counters and gauges; one --write fixes every typo below.
type Registry struct {
	mu       sync.Mutex
	counters map[string]int
	gauges   struct {
		mu     sync.RWMutex
		values map[string]float64
	}
}

// Fires (Safe): `defer r.mu.Lock()` becomes `defer r.mu.Unlock()`.
func (r *Registry) Inc(name string) {
	r.mu.Lock()
	defer r.mu.Lock() // want "GF104"
	r.counters[name]++
}

// Fires (Safe): a second typo in the same file.
func (r *Registry) Add(name string, n int) {
	r.mu.Lock()
	defer r.mu.Lock() // want "GF104"
	r.counters[name] += n
}

// Fires (Safe): the RLock twin on a nested receiver becomes RUnlock.
func (r *Registry) Gauge(name string) float64 {
	r.gauges.mu.RLock()
	defer r.gauges.mu.RLock() // want "GF104"
	return r.gauges.values[name]
}

// Fires (Safe): the write lock on the nested receiver.
func (r *Registry) SetGauge(name string, v float64) {
	r.gauges.mu.Lock()
	defer r.gauges.mu.Lock() // want "GF104"
	r.gauges.values[name] = v
}
