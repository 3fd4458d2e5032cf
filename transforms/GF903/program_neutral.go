package main

import (
	"fmt"
	"sync"
)

// Tally counts votes per name from many goroutines.
type Tally struct {
	mu    sync.Mutex
	votes map[string]int
}

// Vote once released the lock by hand on two paths, and a suppression kept GF101 quiet;
// the unlock is deferred now, so the suppression silences nothing. Deleting it cannot
// change what the program does: it prints the same before and after the fix.
func (t *Tally) Vote(name string) {
	t.mu.Lock() //gofix:ignore GF101 released on two paths // want "GF903"
	defer t.mu.Unlock()
	t.votes[name]++
}

// Forget drops a name; a suppression stands alone on the line above its lock, silencing
// nothing either.
func (t *Tally) Forget(name string) {
	//gofix:ignore GF102 legacy // want "GF903"
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.votes, name)
}

func main() {
	t := &Tally{votes: make(map[string]int)}
	var wg sync.WaitGroup
	for _, name := range []string{"ada", "bob", "ada", "cy", "ada", "bob"} {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			t.Vote(name)
		}(name)
	}
	wg.Wait()
	t.Forget("cy")
	for _, name := range []string{"ada", "bob", "cy"} {
		fmt.Println(name, t.votes[name])
	}
}
