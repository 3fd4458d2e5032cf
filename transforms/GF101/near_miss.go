package procs

import "sync"

// Process is one managed process.
type Process struct {
	name    string
	stopped bool
}

// ProcessManager is the checklist's item 3 example type.
type ProcessManager struct {
	mu        sync.RWMutex
	processes map[string]*Process
	cond      *sync.Cond
	ready     bool
}

// OK: already `Lock(); defer Unlock()`.
func (pm *ProcessManager) StopProcess(name string) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	if p, ok := pm.processes[name]; ok {
		p.stopped = true
		delete(pm.processes, name)
	}
}

// OK: the checklist's own early release. StopProcess takes pm.mu again, so a deferred
// unlock here would deadlock; the work after the unlock means no finding at all.
func (pm *ProcessManager) StopAllProcesses() {
	pm.mu.RLock()
	names := make([]string, 0, len(pm.processes))
	for name := range pm.processes {
		names = append(names, name)
	}
	pm.mu.RUnlock() // Release before calling StopProcess

	for _, name := range names {
		pm.StopProcess(name)
	}
}

// OK: a Lock/Unlock pair per iteration; the unlock is followed by the next iteration.
func (pm *ProcessManager) pairInsideLoop(names []string) {
	for _, n := range names {
		pm.mu.Lock()
		pm.processes[n] = &Process{name: n}
		pm.mu.Unlock()
	}
}

// OK: the same with a `continue`: neither unlock ends the function.
func (pm *ProcessManager) pairInsideLoopWithContinue(names []string) int {
	added := 0
	for _, n := range names {
		pm.mu.Lock()
		if _, ok := pm.processes[n]; ok {
			pm.mu.Unlock()
			continue
		}
		pm.processes[n] = &Process{name: n}
		pm.mu.Unlock()
		added++
	}
	return added
}

// OK: a Lock with no unlock in this function is a hand-off to the caller.
func (pm *ProcessManager) lock() {
	pm.mu.Lock()
}

// OK: the lock is taken by a helper, so this unlock has no Lock to pair with here.
func (pm *ProcessManager) rename(from, to string) {
	pm.lock()
	p := pm.processes[from]
	delete(pm.processes, from)
	pm.processes[to] = p
	pm.mu.Unlock()
}

// OK: the sync.Cond wait loop; the lock is released before the work.
func (pm *ProcessManager) waitReady(work func()) {
	pm.cond.L.Lock()
	for !pm.ready {
		pm.cond.Wait()
	}
	pm.ready = false
	pm.cond.L.Unlock()
	work()
}

// OK: TryRLock is not a Lock statement; the branch that got the lock releases it.
func (pm *ProcessManager) tryCount() (int, bool) {
	if !pm.mu.TryRLock() {
		return 0, false
	}
	n := len(pm.processes)
	pm.mu.RUnlock()
	return n, true
}
