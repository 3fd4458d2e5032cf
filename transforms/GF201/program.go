package main

import "fmt"

// gen sends 1..n from one producer goroutine that never closes the channel.
func gen(n int) <-chan int {
	ch := make(chan int)
	go func() { // want "GF201"
		for i := 1; i <= n; i++ {
			ch <- i
		}
	}()
	return ch
}

// Before the fix the range waits for a close that never comes: once the producer has
// returned, every goroutine is asleep and the runtime aborts ("all goroutines are asleep -
// deadlock!", exit 2). After it, the range ends and the sum is printed.
func main() {
	sum := 0
	for v := range gen(10) {
		sum += v
	}
	fmt.Println("sum:", sum)
}
