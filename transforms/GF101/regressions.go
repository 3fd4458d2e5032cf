package waitq

import (
	"errors"
	"sync"
)

var errClosed = errors.New("waitq: closed")

// Queue is a blocking FIFO built on a sync.Cond over mu.
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

// Fires (Safe): a Cond wait loop whose only ways out unlock and return right away.
// Unlike the checklist's early release, nothing runs after the unlocks.
func (q *Queue) Pop() (int, error) {
	q.mu.Lock() // want "GF101"
	for {
		if q.closed {
			q.mu.Unlock()
			return 0, errClosed
		}
		if len(q.items) > 0 {
			v := q.items[0]
			q.items = q.items[1:]
			q.mu.Unlock()
			return v, nil
		}
		q.cond.Wait()
	}
}

// Fires (Safe): an else-if chain whose every branch ends in the unlock.
func (q *Queue) Push(v int, front bool) {
	q.mu.Lock() // want "GF101"
	if q.closed {
		q.mu.Unlock()
	} else if front {
		q.items = append([]int{v}, q.items...)
		q.mu.Unlock()
	} else {
		q.items = append(q.items, v)
		q.mu.Unlock()
	}
}

// Fires (Safe): a bare block inside the section.
func (q *Queue) Close() {
	q.mu.Lock() // want "GF101"
	{
		q.closed = true
		q.items = nil
	}
	q.mu.Unlock()
}

// OK: the Lock belongs to the func literal and the Unlock to the outer function; neither
// function holds both.
func (q *Queue) lockInLiteral(v int) {
	acquire := func() {
		q.mu.Lock()
	}
	acquire()
	q.items = append(q.items, v)
	q.mu.Unlock()
}

// OK: a Lock with the matching Unlock inside an immediately called literal is not
// followed (the literal is another function).
func (q *Queue) unlockInLiteral(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	func() {
		q.mu.Unlock()
	}()
}
