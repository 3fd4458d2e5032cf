package pool

import "sync"

// Fires (Unsafe): the fix makes the parameter a pointer here and passes `&wg` in
// start.go, in the same fix.
func spawn(n int, wg sync.WaitGroup, out chan<- int) { // want "GF312"
	defer wg.Done()
	out <- n
}
