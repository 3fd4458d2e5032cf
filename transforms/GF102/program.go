package main

import (
	"errors"
	"fmt"
	"sync"
)

var errDuplicate = errors.New("duplicate name")

// Registry assigns ids to names.
type Registry struct {
	mu    sync.Mutex
	names map[string]int
}

// Add leaks r.mu when the name is already taken.
func (r *Registry) Add(name string, id int) error {
	r.mu.Lock() // want "GF102"
	if _, ok := r.names[name]; ok {
		return errDuplicate
	}
	r.names[name] = id
	r.mu.Unlock()
	return nil
}

// Before the fix the duplicate leaves r.mu locked and the third Add blocks forever
// ("all goroutines are asleep - deadlock!", exit 2); after it, all three calls return.
func main() {
	r := &Registry{names: map[string]int{}}
	fmt.Println(r.Add("a", 1))
	fmt.Println(r.Add("a", 2))
	fmt.Println(r.Add("b", 3))
}
