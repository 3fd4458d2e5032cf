// No build line: this file has the module's go 1.21.
package queue

import "sync"

// Fires: at Go 1.21 every goroutine may cancel the last task.
func cancelAll(tasks []*Task, apply func(*Task)) {
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
