package main

import (
	"fmt"
	"sync"
)

// Before the fix, the worker for an odd number returns early and skips its trailing
// `Done`: the counter never gets back to zero, every goroutine ends up asleep, and the
// runtime aborts in `Wait` ("all goroutines are asleep - deadlock!", exit 2). After it,
// `Done` is deferred, runs on every path, and the sum is printed.
func main() {
	var wg sync.WaitGroup
	evens := make(chan int, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(n int) {
			if n%2 == 1 {
				return
			}
			evens <- n
			wg.Done() // want "GF311"
		}(i)
	}
	wg.Wait()
	close(evens)
	sum := 0
	for n := range evens {
		sum += n
	}
	fmt.Println("sum of even numbers:", sum)
}
