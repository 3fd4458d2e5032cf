package catalog

import "sync"

// Index is read-mostly, with a lazily filled map.
type Index struct {
	mu   sync.RWMutex
	byID map[int]string
	hits int
}

// OK: the upgrade sequence: RLock→RUnlock, then Lock→Unlock on the same mutex.
func (ix *Index) getOrCreate(id int, build func(int) string) string {
	ix.mu.RLock()
	v, ok := ix.byID[id]
	ix.mu.RUnlock()
	if ok {
		return v
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if v, ok := ix.byID[id]; ok {
		return v
	}
	v = build(id)
	ix.byID[id] = v
	return v
}

// OK: the downgrade: Lock→Unlock, then RLock→RUnlock.
func (ix *Index) setThenRead(id int, v string) int {
	ix.mu.Lock()
	ix.byID[id] = v
	ix.hits++
	ix.mu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// OK: RLocker's Lock/Unlock are RLock/RUnlock underneath; the pair matches.
func (ix *Index) withReadLocker(read func(sync.Locker)) {
	l := ix.mu.RLocker()
	l.Lock()
	defer l.Unlock()
	read(l)
}

// OK: a read section and a write section on two different RWMutexes, nested.
func copyInto(dst, src *Index) {
	src.mu.RLock()
	defer src.mu.RUnlock()
	dst.mu.Lock()
	defer dst.mu.Unlock()
	for id, v := range src.byID {
		dst.byID[id] = v
	}
}

// OK: a deferred closure that releases the matching way.
func (ix *Index) count() (n int) {
	ix.mu.RLock()
	defer func() {
		ix.mu.RUnlock()
	}()
	return len(ix.byID)
}
