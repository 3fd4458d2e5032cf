package jobs

import "sync"

// OK: mu has one read-only section (Pending, in read.go) and three writing sections (Push,
// Pop, Drop). 1 reader < 3 writers: the mutex is not read-mostly, and an RWMutex would only
// add overhead. Silent.
type Queue struct {
	mu   sync.Mutex
	jobs []string
}

// Writer: append.
func (q *Queue) Push(job string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, job)
}

// Writer: reslices the field.
func (q *Queue) Pop() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.jobs) == 0 {
		return "", false
	}
	job := q.jobs[0]
	q.jobs = q.jobs[1:]
	return job, true
}

// Writer: clears the field.
func (q *Queue) Drop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = nil
}
