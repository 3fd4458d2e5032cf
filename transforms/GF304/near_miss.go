package stats2

import (
	"sync"
	"sync/atomic"
	"time"
)

var (
	mu       sync.Mutex
	cond     = sync.NewCond(&mu)
	hits     int
	ready    bool
	finished bool
	started  bool
	state    string
	events   chan int
	counter  int64
	cache    = map[string]int{}
	stats    struct{ count int }
	once     sync.Once
	config   string
	depth    int
)

var cacheMu = newLock()

func newLock() *sync.Mutex { return new(sync.Mutex) }

var flag atomic.Bool

// OK: written under the lock (Lock, then a deferred Unlock).
func Locked() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		hits++
	}()
}

// OK: the lock is held around a loop that writes.
func LockedLoop(n int) {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		for i := 0; i < n; i++ {
			hits += i
		}
	}()
}

// OK: a local (and a parameter) shadow the package-level names.
func Shadowed(state string) {
	hits := 0
	go func() {
		hits++
		state = "x"
		_ = state
	}()
	_ = hits
}

// OK: sync values and channels are not plain data.
func SyncValues() {
	go func() {
		cond = sync.NewCond(&mu)
		events = make(chan int)
		cacheMu = newLock()
		flag.Store(true)
	}()
}

// OK: GF306's finding, not this rule's.
func Atomic() {
	go func() {
		counter = atomic.AddInt64(&counter, 1) // want "GF306"
	}()
}

// OK: an element or a field, not the whole variable (see Known problems).
func Parts() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		cache["a"] = 1
		stats.count++
	}()
}

// OK: Reset is not run by a goroutine of this package.
func Reset() {
	hits = 0
	state = ""
}

// OK: `once.Do` runs the closure once, synchronised.
func Load() {
	go func() {
		once.Do(func() {
			config = "loaded"
		})
	}()
}

// OK: two calls deep from the goroutine (one level is followed).
func Deep() {
	go level1()
}

func level1() {
	level2()
}

func level2() {
	level3()
}

func level3() {
	depth = 3
}

// OK: the caller holds the lock, as the name says.
func resetLocked() {
	hits = 0
}

// OK: a goroutine that takes the lock before calling the `…Locked` helper.
func ResetAsync() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		resetLocked()
	}()
}

// OK: a sync.Cond wait loop reads the flag with the lock held; the writer holds it too.
func Wait() {
	mu.Lock()
	defer mu.Unlock()
	for !ready {
		cond.Wait()
	}
}

// Signal sets the flag under the lock.
func Signal() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		ready = true
		cond.Broadcast()
	}()
}

// OK: the loop sets the flag itself (plain loop control, one goroutine).
func Drain(step func() bool) {
	for !finished {
		finished = step()
	}
}

// OK: an unlock-sleep-lock polling loop reads the flag under the lock.
func Poll() {
	mu.Lock()
	defer mu.Unlock()
	for !started {
		mu.Unlock()
		time.Sleep(time.Millisecond)
		mu.Lock()
	}
}

// Begin sets the flag under the lock in a goroutine.
func Begin() {
	go func() {
		mu.Lock()
		defer mu.Unlock()
		started = true
	}()
}

var benchSink int

// OK: a benchmark sink, written only to keep a value alive.
func Sink(n int) {
	go func() {
		benchSink = n * n
	}()
}

type fast struct{}

type slow struct{}

// Step of fast is never started; the name is shared with slow's, so `go s.Step()` below
// says nothing about which one runs.
func (fast) Step() {
	depth = 1
}

func (slow) Step() {}

// OK: started by a name two types declare.
func Ambiguous(s slow) {
	go s.Step()
}
