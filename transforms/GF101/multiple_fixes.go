package inventory

import (
	"errors"
	"sync"
)

var (
	errUnknownItem = errors.New("inventory: unknown item")
	errShort       = errors.New("inventory: not enough stock")
)

// Inventory counts stock per item; every method here fixes with one --write.
type Inventory struct {
	mu       sync.Mutex
	stock    map[string]int
	reserved map[string]int
}

// Fires (Safe): straight-line write.
func (inv *Inventory) Restock(item string, n int) {
	inv.mu.Lock() // want "GF101"
	inv.stock[item] += n
	inv.mu.Unlock()
}

// Fires (Safe): three returns, each right after its unlock, none calling anything.
func (inv *Inventory) Reserve(item string, n int) error {
	inv.mu.Lock() // want "GF101"
	have, ok := inv.stock[item]
	if !ok {
		inv.mu.Unlock()
		return errUnknownItem
	}
	if have < n {
		inv.mu.Unlock()
		return errShort
	}
	inv.stock[item] = have - n
	inv.reserved[item] += n
	inv.mu.Unlock()
	return nil
}

// Fires (Safe): the final if/else both end in the unlock.
func (inv *Inventory) Release(item string, n int) {
	inv.mu.Lock() // want "GF101"
	if inv.reserved[item] >= n {
		inv.reserved[item] -= n
		inv.stock[item] += n
		inv.mu.Unlock()
	} else {
		delete(inv.reserved, item)
		inv.mu.Unlock()
	}
}

// Fires (Safe): a switch with a default, every case unlocking then returning.
func (inv *Inventory) Adjust(item string, op byte, n int) bool {
	inv.mu.Lock() // want "GF101"
	switch op {
	case '+':
		inv.stock[item] += n
		inv.mu.Unlock()
		return true
	case '-':
		inv.stock[item] -= n
		inv.mu.Unlock()
		return true
	default:
		inv.mu.Unlock()
		return false
	}
}

// Fires (Unsafe): the return after the unlock calls a function, which --write leaves
// alone and --unsafe-fixes moves under the lock.
func (inv *Inventory) Drop(item string, audit func(string) error) error {
	inv.mu.Lock() // want "GF101"
	delete(inv.stock, item)
	delete(inv.reserved, item)
	inv.mu.Unlock()
	return audit(item)
}
