package workers

import "sync"

// OK: a pointer, as it should be.
func pointer(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	_ = id
}

// OK: copying a pointer shares the WaitGroup.
func sharedPointer() {
	wg := &sync.WaitGroup{}
	alias := wg
	alias.Add(1)
	go pointer(1, wg)
	wg.Wait()
}

// OK: a new WaitGroup is not a copy of one.
func fresh() {
	wg := sync.WaitGroup{}
	var other = sync.WaitGroup{}
	wg.Wait()
	other.Wait()
}

// counter is no WaitGroup.
type counter struct{ n int }

// OK: another type, even called `wg`.
func notWaitGroup(wg counter) counter {
	copied := wg
	return copied
}

// OK: a variadic parameter is a slice; nothing is copied at the call.
func many(wgs ...*sync.WaitGroup) {
	for _, wg := range wgs {
		wg.Done()
	}
}
