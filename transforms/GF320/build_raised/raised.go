//go:build go1.22

// The module is at go 1.21, but this build line raises the file's language version to 1.22:
// each iteration has its own loop variables.
package queue

import "sync"

// Task is one queued unit of work.
type Task struct {
	ID   int
	Done bool
}

// OK: the build line raises this file to Go 1.22.
func finishAll(tasks []*Task, apply func(*Task)) {
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			apply(t)
		}()
	}
	wg.Wait()
}
