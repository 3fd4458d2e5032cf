package jobs

// Reader: `len` only, the one read-only section of the package.
func (q *Queue) Pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.jobs)
}
