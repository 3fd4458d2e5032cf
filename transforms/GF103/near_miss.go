package barrier

import "sync"

// Node is one element of a locked list.
type Node struct {
	mu   sync.Mutex
	val  int
	next *Node
}

// Board is guarded by mu; cond signals changes.
type Board struct {
	mu    sync.Mutex
	cond  *sync.Cond
	cells []int
	dirty bool
}

// OK: one statement between the Lock and the Unlock.
func (b *Board) oneStatementBetween(i, v int) {
	b.mu.Lock()
	b.cells[i] = v
	b.mu.Unlock()
	b.cond.Broadcast()
}

// OK: the Lock is followed by a deferred unlock, not an explicit one.
func (b *Board) deferredUnlock() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.cells)
}

// OK: Unlock then Lock yields the lock the caller holds; that is not an empty section.
func (b *Board) yieldLocked(slow func()) {
	b.mu.Unlock()
	b.mu.Lock()
	b.dirty = true
	b.mu.Unlock()
	slow()
	b.mu.Lock()
}

// OK: hand-over-hand locking: the Lock is followed by the unlock of another node.
func sumList(head *Node) int {
	total := 0
	head.mu.Lock()
	cur := head
	for cur.next != nil {
		next := cur.next
		next.mu.Lock()
		cur.mu.Unlock()
		total += next.val
		cur = next
	}
	cur.mu.Unlock()
	return total
}

// OK: TryLock as a probe is not a Lock statement.
func (b *Board) isFree() bool {
	if b.mu.TryLock() {
		b.mu.Unlock()
		return true
	}
	return false
}

// OK: an if sits between the Lock and the Unlock, even if its branch may do nothing.
func (b *Board) maybeClear(clear bool) {
	b.mu.Lock()
	if clear {
		b.cells = nil
	}
	b.mu.Unlock()
	b.cond.Broadcast()
}
