package pool

import "sync"

// Pool tracks slot values; --write applies the GF104 and GF106 fixes below but never
// the GF105 suggestion, which is display-only.
type Pool struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	slots map[int]int
}

// GF105: the wrap-in-a-func-literal suggestion is shown, not applied.
func (p *Pool) resetAll(ids []int) {
	for _, id := range ids {
		p.mu.Lock()
		defer p.mu.Unlock() // want "GF105"
		p.slots[id] = 0
	}
}

// GF105 again, on an RWMutex.
func (p *Pool) countNonZero(ids []int) int {
	n := 0
	for _, id := range ids {
		p.rw.RLock()
		defer p.rw.RUnlock() // want "GF105"
		if p.slots[id] != 0 {
			n++
		}
	}
	return n
}

// GF105 and GF106 on one line: --write fixes the method (RUnlock); GF105 remains.
func (p *Pool) sumSlots(ids []int) int {
	total := 0
	for _, id := range ids {
		p.rw.RLock()
		defer p.rw.Unlock() // want "GF105" "GF106"
		total += p.slots[id]
	}
	return total
}

// GF104 in a loop: --write turns it into `defer p.mu.Unlock()`, which GF105 then reports
// on the fixed file (display-only, so a second --write changes nothing).
func (p *Pool) fillAll(ids []int) {
	for _, id := range ids {
		p.mu.Lock()
		defer p.mu.Lock() // want "GF104"
		p.slots[id] = 1
	}
}
