package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// digest is the work each goroutine does before it registers with the WaitGroup: tens of
// milliseconds of hashing. The goroutine that started it gets to `Wait` within microseconds;
// only a stall of it longer than all the hashing together could hide the bug.
func digest(name string) [32]byte {
	sum := sha256.Sum256([]byte(name))
	for i := 0; i < 200000; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}

// digestAll hashes every name in its own goroutine and waits for them. Each goroutine
// calls `wg.Add` only after its hashing, so when this goroutine gets to `Wait` the counter
// is still zero: `Wait` returns at once, with none of the work done.
func digestAll(names []string) (sums [][32]byte, finished int32) {
	sums = make([][32]byte, len(names))
	var done atomic.Int32
	var wg sync.WaitGroup
	for i, name := range names {
		go func(i int, name string) {
			sum := digest(name)
			wg.Add(1) // want "GF310"
			defer wg.Done()
			sums[i] = sum
			done.Add(1)
		}(i, name)
	}
	wg.Wait()
	return sums, done.Load()
}

// Before the fix `Wait` returns before any goroutine has counted itself: the program finds
// 0 of 4 digests done and exits 1. After the fix `Add` runs before each `go` statement and
// all four are done.
func main() {
	names := []string{"alpha", "beta", "gamma", "delta"}
	sums, finished := digestAll(names)
	if finished != int32(len(names)) {
		fmt.Fprintf(os.Stderr, "Wait returned with %d of %d digests done\n", finished, len(names))
		os.Exit(1)
	}
	for i, sum := range sums {
		fmt.Printf("%s %x\n", names[i], sum[:4])
	}
}
