package shapes

import "sync"

// Registry holds named handlers.
type Registry struct {
	mu       sync.Mutex
	handlers map[string]func()
	runs     int
}

// OK: a deferred closure is already a deferred release.
func (r *Registry) deferredClosure(name string, done func(string)) {
	r.mu.Lock()
	defer func() {
		r.mu.Unlock()
		done(name)
	}()
	delete(r.handlers, name)
}

// OK: the early-return unlock ends the function, but the last one is followed by work
// (h runs outside the lock), so a defer would move h under the lock.
func (r *Registry) takeAndRun(name string) bool {
	r.mu.Lock()
	h, ok := r.handlers[name]
	if !ok {
		r.mu.Unlock()
		return false
	}
	delete(r.handlers, name)
	r.runs++
	r.mu.Unlock()
	h()
	return true
}

// OK: the unlock ends an if branch, but code after the if still runs (the handler call).
func (r *Registry) runIfPresent(name string) {
	r.mu.Lock()
	h := r.handlers[name]
	if h == nil {
		r.runs++
		r.mu.Unlock()
	} else {
		delete(r.handlers, name)
		r.mu.Unlock()
	}
	if h != nil {
		h()
	}
}

// GF103 only, not GF101: an adjacent Lock/Unlock is an empty section (maybe a barrier).
func (r *Registry) barrier() {
	r.mu.Lock() // want "GF103"
	r.mu.Unlock()
}
