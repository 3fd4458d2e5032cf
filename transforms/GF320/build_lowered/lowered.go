//go:build go1.21

// The module is at go 1.22, but this build line sets the file's language version to 1.21:
// its loop variables are shared across iterations again.
package queue

import "sync"

// Task is one queued unit of work.
type Task struct {
	ID   int
	Done bool
}

// Fires: the build line lowers this file to Go 1.21.
func finishAll(tasks []*Task, apply func(*Task)) {
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			apply(t) // want "GF320"
		}()
	}
	wg.Wait()
}
