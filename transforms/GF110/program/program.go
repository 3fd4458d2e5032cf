package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

// Catalog maps part numbers to names. It is read far more than it is written.
type Catalog struct {
	mu    sync.Mutex // want "GF110"
	names map[string]string
}

// The rendezvous the lookups keep while they hold the lock: each takes a ticket, then waits
// for the doors to open. main hands out one ticket per lookup and opens the doors once
// every ticket is taken, so the program gets past them only if all the lookups can be
// inside their read sections at the same time.
var (
	tickets = make(chan struct{})
	doors   = make(chan struct{})
)

// Put is the writer.
func (c *Catalog) Put(part, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names[part] = name
}

// Lookup only reads the map (the rendezvous only receives), so after the fix it takes the
// read lock, which other readers share.
func (c *Catalog) Lookup(part string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	<-tickets
	<-doors
	return c.names[part]
}

// Before the fix the first lookup holds the mutex while it waits at the doors, the second
// waits for the mutex, and main waits to hand out the second ticket: every goroutine is
// blocked, and the runtime stops the program ("all goroutines are asleep"). After the fix
// both lookups hold the read lock together, and the program prints both names.
func main() {
	c := &Catalog{names: make(map[string]string)}
	c.Put("a1", "anvil")
	c.Put("b2", "bellows")

	parts := []string{"a1", "b2"}
	found := make(chan string, len(parts))
	for _, part := range parts {
		go func() { found <- c.Lookup(part) }()
	}
	for range parts {
		tickets <- struct{}{}
	}
	close(doors)

	var names []string
	for range parts {
		names = append(names, <-found)
	}
	sort.Strings(names)
	got := strings.Join(names, " ")
	fmt.Println(got)
	if got != "anvil bellows" {
		fmt.Fprintf(os.Stderr, "got %q\n", got)
		os.Exit(1)
	}
}
