//go:build go1.18

// A build line below go1.21 counts as go1.21 (the oldest version a build line can set), so
// this file is at Go 1.21 as well.
package queue

import "sync"

// Fires: the build line lowers this file to Go 1.21.
func resetAll(tasks []*Task, apply func(*Task)) {
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
