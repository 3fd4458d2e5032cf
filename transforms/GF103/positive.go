package barrier

import "sync"

// Pipeline runs stages; writers hold mu while they publish.
type Pipeline struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	stages []string
	state  struct {
		mu sync.Mutex
	}
}

// Worker embeds its mutex.
type Worker struct {
	sync.Mutex
	busy bool
}

// Fires: Lock directly followed by Unlock: a barrier at best, a forgotten body at worst.
func (p *Pipeline) emptySection() {
	p.mu.Lock() // want "GF103"
	p.mu.Unlock()
}

// Fires: comments between the two are not statements.
func (p *Pipeline) commentBetween() {
	p.mu.Lock() // want "GF103"
	// Wait for in-flight writers to finish.
	p.mu.Unlock()
}

// Fires: a blank line between is still adjacent.
func (p *Pipeline) blankLineBetween() {
	p.state.mu.Lock() // want "GF103"

	p.state.mu.Unlock()
}

// Fires: RLock directly followed by RUnlock.
func (p *Pipeline) readBarrier() {
	p.rw.RLock() // want "GF103"
	p.rw.RUnlock()
}

// Fires: the empty section is in the middle of the function, before more work.
func (p *Pipeline) waitThenAppend(stage string) {
	p.mu.Lock() // want "GF103"
	p.mu.Unlock()
	p.rw.Lock()
	defer p.rw.Unlock()
	p.stages = append(p.stages, stage)
}

// Fires once per worker: an empty section in a loop body, on an embedded mutex.
func waitForAll(workers []*Worker) {
	for _, w := range workers {
		w.Lock() // want "GF103"
		w.Unlock()
	}
}

// Fires inside a goroutine literal.
func (p *Pipeline) asyncBarrier(done chan<- struct{}) {
	go func() {
		p.mu.Lock() // want "GF103"
		p.mu.Unlock()
		close(done)
	}()
}
