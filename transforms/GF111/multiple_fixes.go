package metrics

import "sync"

// Gauge guards its value.
type Gauge struct {
	mu  sync.Mutex
	val float64
}

func (g Gauge) Set(v float64) { // want "GF111"
	g.mu.Lock()
	defer g.mu.Unlock()
	g.val = v
}

func (g Gauge) Add(d float64) { // want "GF111"
	g.mu.Lock()
	defer g.mu.Unlock()
	g.val += d
}

func (g Gauge) Reset() { // want "GF111"
	g.mu.Lock()
	defer g.mu.Unlock()
	g.val = 0
}

// Histogram holds gauges.
type Histogram struct {
	buckets [8]Gauge
	sum     Gauge
}

func (h Histogram) Observe(v float64) { // want "GF111"
	h.sum.Add(v)
}
