package main

import (
	"fmt"
	"sync"
)

// Counter hands out increasing numbers.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Next locks again on return instead of unlocking: the first call already deadlocks.
func (c *Counter) Next() int {
	c.mu.Lock()
	defer c.mu.Lock() // want "GF104"
	c.n++
	return c.n
}

// Reset starts the numbering again; its defer is the correct one.
func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = 0
}

// Before the fix the first Next blocks forever ("all goroutines are asleep - deadlock!",
// exit 2); after it, this prints 1, 2 and 1.
func main() {
	var c Counter
	fmt.Println(c.Next())
	fmt.Println(c.Next())
	c.Reset()
	fmt.Println(c.Next())
}
