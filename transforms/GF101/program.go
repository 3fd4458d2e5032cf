package main

import (
	"fmt"
	"sync"
)

// Ledger moves amounts between accounts.
type Ledger struct {
	mu       sync.Mutex
	balances map[string]int
}

// Transfer writes to the map under the lock. On a Ledger that was never opened the map is
// nil, the write panics, and without a deferred unlock the panic leaves l.mu locked.
func (l *Ledger) Transfer(from, to string, amount int) {
	l.mu.Lock() // want "GF101"
	l.balances[from] -= amount
	l.balances[to] += amount
	l.mu.Unlock()
}

// Open creates the map; it blocks forever if a panicking Transfer leaked the lock.
func (l *Ledger) Open(initial map[string]int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.balances = initial
}

// Balance reads one account.
func (l *Ledger) Balance(name string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.balances[name]
}

// tryTransfer turns a panic in Transfer into an error, as an RPC handler would.
func tryTransfer(l *Ledger, from, to string, amount int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("transfer failed: %v", r)
		}
	}()
	l.Transfer(from, to, amount)
	return nil
}

// Before the fix the recovered panic leaves l.mu locked and Open deadlocks ("all
// goroutines are asleep"); after it, the deferred unlock runs during the panic.
func main() {
	var l Ledger
	fmt.Println(tryTransfer(&l, "alice", "bob", 5))
	l.Open(map[string]int{"alice": 10})
	fmt.Println(tryTransfer(&l, "alice", "bob", 5))
	fmt.Println(l.Balance("alice"), l.Balance("bob"))
}
