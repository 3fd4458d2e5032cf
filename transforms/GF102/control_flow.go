package queue

import (
	"errors"
	"sync"
)

var errBadOp = errors.New("queue: bad op")

// Queue is a FIFO of jobs.
type Queue struct {
	mu     sync.Mutex
	jobs   []string
	paused bool
}

// Fires (Safe fix): `break` out of the loop reaches `return false` with the lock held.
func (q *Queue) breakOutOfLoopLeaks(job string) bool {
	q.mu.Lock() // want "GF102"
	for i, j := range q.jobs {
		if j == job {
			q.jobs = append(q.jobs[:i], q.jobs[i+1:]...)
			q.mu.Unlock()
			return true
		}
		if j > job {
			break
		}
	}
	return false
}

// Fires, no fix: a lock taken per iteration leaks through `break` and the end of the
// function; locks inside loop bodies never get a fix.
func (q *Queue) drainLeaksOnBreak(handle func(string)) {
	for {
		q.mu.Lock() // want "GF102"
		if len(q.jobs) == 0 {
			break
		}
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		q.mu.Unlock()
		handle(job)
	}
}

// Fires (Safe fix): one switch case returns with the lock held.
func (q *Queue) switchCaseLeaks(op string, job string) error {
	q.mu.Lock() // want "GF102"
	switch op {
	case "push":
		q.jobs = append(q.jobs, job)
	case "pause":
		q.paused = true
		return nil
	default:
		q.mu.Unlock()
		return errBadOp
	}
	q.mu.Unlock()
	return nil
}

// Fires (Safe fix): a select case returns with the lock held (the default keeps it
// non-blocking).
func (q *Queue) selectCaseLeaks(stop <-chan struct{}, job string) error {
	q.mu.Lock() // want "GF102"
	select {
	case <-stop:
		return errBadOp
	default:
	}
	q.jobs = append(q.jobs, job)
	q.mu.Unlock()
	return nil
}

// Fires (Safe fix): the leak is two branches deep, inside a bare block.
func (q *Queue) nestedBranchLeaks(job string, front bool) {
	q.mu.Lock() // want "GF102"
	{
		if front {
			if q.paused {
				return
			}
			q.jobs = append([]string{job}, q.jobs...)
		} else {
			q.jobs = append(q.jobs, job)
		}
	}
	q.mu.Unlock()
}
