package bank

import (
	"errors"
	"sync"
)

var errInsufficient = errors.New("bank: insufficient funds")

// Account is a balance behind a mutex.
type Account struct {
	mu      sync.Mutex
	balance int
	history []int
}

// Rates is read-mostly.
type Rates struct {
	mu    sync.RWMutex
	byCur map[string]float64
}

// Fires: the classic typo; the deferred Lock deadlocks on return (Safe fix: Unlock).
func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Lock() // want "GF104"
	a.balance += n
	a.history = append(a.history, n)
}

// Fires: the RLock twin (Safe fix: RUnlock).
func (r *Rates) Rate(cur string) (float64, bool) {
	r.mu.RLock()
	defer r.mu.RLock() // want "GF104"
	v, ok := r.byCur[cur]
	return v, ok
}

// Fires once, as GF104 only: the early return is not also a GF102 leak.
func (a *Account) Withdraw(n int) error {
	a.mu.Lock()
	defer a.mu.Lock() // want "GF104"
	if a.balance < n {
		return errInsufficient
	}
	a.balance -= n
	a.history = append(a.history, -n)
	return nil
}

// Fires: a comment between the Lock and the deferred Lock.
func (a *Account) Reset() {
	a.mu.Lock()
	// Clear everything in one critical section.
	defer a.mu.Lock() // want "GF104"
	a.balance = 0
	a.history = nil
}

// Ticker embeds its mutex.
type Ticker struct {
	sync.Mutex
	ticks int
}

// Fires: an embedded mutex.
func (t *Ticker) Tick() {
	t.Lock()
	defer t.Lock() // want "GF104"
	t.ticks++
}

var (
	ratesMu sync.RWMutex
	rates   = map[string]float64{}
)

// Fires: a package-level RWMutex, RLock twin.
func lookup(cur string) float64 {
	ratesMu.RLock()
	defer ratesMu.RLock() // want "GF104"
	return rates[cur]
}

// Fires inside a goroutine literal.
func (a *Account) depositAsync(n int, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.mu.Lock()
		defer a.mu.Lock() // want "GF104"
		a.balance += n
	}()
}
