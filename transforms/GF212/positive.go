package telemetry

import "io"

// Event is one metric sample.
type Event struct {
	Name  string
	Value float64
}

// Bus buffers events and errors for a slow exporter.
type Bus struct {
	events chan Event
	errs   chan error
	bytes  chan []byte
}

// Fires twice: a shift and an underscored literal, each far past 10 000 slots that are
// allocated up front and hide back-pressure.
func NewBus() *Bus {
	events := make(chan Event, 1<<20) // want "GF212"
	errs := make(chan error, 100_000) // want "GF212"
	return &Bus{events: events, errs: errs}
}

// Fires: a product, 64 * 1024 = 65 536 queued byte slices.
func startWriter(w io.Writer) chan<- []byte {
	buf := make(chan []byte, 64*1024) // want "GF212"
	go func() {
		for b := range buf {
			if _, err := w.Write(b); err != nil {
				return
			}
		}
	}()
	return buf
}

// Fires: exactly the bound (10 000) counts.
func batchQueue() chan string {
	q := make(chan string, 10000) // want "GF212"
	return q
}

// Fires: `var` form, parentheses, shift and product: (1 << 10) * 16 = 16 384.
func (b *Bus) attachSink() {
	var sink = make(chan []byte, (1<<10)*16) // want "GF212"
	b.bytes = sink
}

// Fires: declared, then made with a quotient and a difference: 200 000 / 4 - 1 = 49 999.
func retries() chan int {
	var ch chan int
	ch = make(chan int, 200_000/4-1) // want "GF212"
	return ch
}
