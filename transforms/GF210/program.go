package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// slowSquare takes longer than the callers are willing to wait.
func slowSquare(n int) int {
	time.Sleep(50 * time.Millisecond)
	return n * n
}

// squareWithin gives up after limit; the goroutine's send then has no receiver.
func squareWithin(n int, limit time.Duration) (int, bool) {
	ch := make(chan int) // want "GF210"
	go func() {
		ch <- slowSquare(n)
	}()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(limit):
		return 0, false
	}
}

// Before the fix every timed-out call leaves its goroutine blocked on the send forever, and
// main exits 1; with a buffer of one the sends complete and the goroutines end.
func main() {
	before := runtime.NumGoroutine()
	timedOut := 0
	for i := 0; i < 20; i++ {
		if _, ok := squareWithin(i, 10*time.Millisecond); !ok {
			timedOut++
		}
	}
	// Each sender needs 50ms of work; give them up to a second to finish (200ms is
	// enough when nothing leaks, the loop only absorbs a slow machine).
	leaked := 0
	for wait := 0; wait < 5; wait++ {
		time.Sleep(200 * time.Millisecond)
		leaked = runtime.NumGoroutine() - before
		if leaked <= 0 {
			break
		}
	}
	fmt.Printf("%d calls timed out, %d goroutines left behind\n", timedOut, leaked)
	if leaked > 0 {
		fmt.Fprintf(os.Stderr, "leak: %d goroutines still blocked\n", leaked)
		os.Exit(1)
	}
}
