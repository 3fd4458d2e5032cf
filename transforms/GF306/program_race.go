package main

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// Meter counts requests from many goroutines.
type Meter struct {
	served int64
}

// Serve counts one request. The atomic add is right; writing its result back with a plain
// store is not: between the add and the store another goroutine's add can land, and the
// store then wipes it out. The race detector reports the plain store as racing with the
// other goroutines' atomic adds.
func (m *Meter) Serve() {
	m.served = atomic.AddInt64(&m.served, 1) // want "GF306"
}

// Run under -race (the fixture's name says so): before the fix the race detector reports
// the plain store and the program exits 66 (and, with lost updates, prints a short count
// and exits 1); after the fix only the atomic add is left, and the count is exact.
func main() {
	const workers, requests = 4, 20000
	var m Meter
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < requests; i++ {
				m.Serve()
			}
		}()
	}
	wg.Wait()
	got := atomic.LoadInt64(&m.served)
	fmt.Println("served", got)
	if want := int64(workers * requests); got != want {
		fmt.Fprintf(os.Stderr, "served %d requests, want %d: updates were lost\n", got, want)
		os.Exit(1)
	}
}
