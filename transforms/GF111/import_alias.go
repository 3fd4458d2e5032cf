package ledger

import gosync "sync"

// Account imports sync under another name.
type Account struct {
	mu      gosync.Mutex
	balance int
}

// Fires: the aliased import is resolved.
func (a Account) Deposit(n int) { // want "GF111"
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
}

// OK: the pointer receiver.
func (a *Account) Withdraw(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance -= n
}
