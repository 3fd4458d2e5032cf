package inventory

import "sync"

// Pool hands out workers; parent links pools.
type Pool struct {
	mu     sync.Mutex
	parent *Pool
	idle   int
	wg     sync.WaitGroup
}

// OK: the section lets go of the lock while it waits, and takes it back: not a re-entry.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = 0
	p.mu.Unlock()
	p.wg.Wait()
	p.mu.Lock()
	p.idle = -1
}

// OK: the first section returns; the second Lock is on the other path.
func (p *Pool) Take(fail bool) int {
	if fail {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.idle--
		return -1
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle--
	return p.idle
}

// parentIdle locks the parent pool, not the receiver's: it moves p first.
func (p *Pool) parentIdle() int {
	p = p.parent
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.idle
}

// OK: parentIdle moves its receiver to the parent before locking.
func (p *Pool) Report() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.parent == nil {
		return p.idle
	}
	return p.idle + p.parentIdle()
}
