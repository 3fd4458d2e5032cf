package main

import (
	"fmt"
	"sync"
)

var (
	verbose bool
	limit   int
	name    string
)

// OK: init runs before any goroutine.
func init() {
	verbose = true
}

// OK: main writes before it starts a goroutine.
func main() {
	limit = 3
	name = "x"
	var wg sync.WaitGroup
	wg.Add(1)
	go report(&wg)
	wg.Wait()
	fmt.Println(limit, name)
}

func report(wg *sync.WaitGroup) {
	defer wg.Done()
	// OK: polled, but only init writes it.
	for !verbose {
		fmt.Println("waiting")
	}
	fmt.Println(limit, name)
}
