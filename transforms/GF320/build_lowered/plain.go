// No build line: this file has the module's go 1.22.
package queue

import "sync"

// OK: at Go 1.22 each goroutine gets its own iteration's `t`.
func cancelAll(tasks []*Task, apply func(*Task)) {
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
