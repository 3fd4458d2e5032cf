package lazy

import (
	"sync"
	"sync/atomic"
)

// Cache is safe: the flag is read under the lock, so a failed load can be retried.
type Cache struct {
	mu    sync.Mutex
	ready bool
	data  map[string]string
}

func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ready {
		c.data = map[string]string{"k": "v"}
		c.ready = true
	}
	return c.data[k]
}

// Once already uses sync.Once.
type Once struct {
	once sync.Once
	data []int
}

func (o *Once) Data() []int {
	o.once.Do(func() {
		if o.data == nil {
			o.data = []int{1}
		}
	})
	return o.data
}

var (
	configOnce sync.Once
	configDone bool
)

func loadConfig() {
	configOnce.Do(func() {
		if !configDone {
			configDone = true
		}
	})
}

// Atomic flags and pointers are synchronised.
type Lazy struct {
	mu    sync.Mutex
	ready atomic.Bool
	value atomic.Pointer[string]
}

func (l *Lazy) Value() string {
	if !l.ready.Load() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.ready.Load() {
			s := "v"
			l.value.Store(&s)
			l.ready.Store(true)
		}
	}
	return *l.value.Load()
}

// Local variables are not shared.
func local(items []string) int {
	seen := false
	n := 0
	for range items {
		if !seen {
			seen = true
			n++
		}
	}
	return n
}

// A package-level check-then-set that only init reaches: no goroutine runs it.
var initialised bool

func setup() {
	if !initialised {
		initialised = true
		println("setup")
	}
}

func init() {
	setup()
}

// Only main calls it: no goroutine of the package reaches it.
var bannerShown bool

func showBanner() {
	if !bannerShown {
		bannerShown = true
		println("banner")
	}
}

func main() {
	showBanner()
	go workers()
}

// Guarded by a mutex taken earlier in the same block.
var (
	mu      sync.Mutex
	flushed bool
)

func flush() {
	mu.Lock()
	defer mu.Unlock()
	if !flushed {
		flushed = true
	}
}

// Guarded: the caller holds the lock (the `Locked` naming convention).
func resetLocked() {
	if !flushed {
		flushed = true
	}
}

// The outer and inner conditions differ: not the double-checked shape.
type Pool struct {
	mu    sync.Mutex
	conns []int
	spare []int
}

func (p *Pool) Take() []int {
	if p.conns == nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.spare == nil {
			p.spare = []int{1}
		}
	}
	return p.spare
}

// The inner block does not assign the checked field.
type Stats struct {
	mu    sync.Mutex
	table map[string]int
	hits  int
}

func (s *Stats) Hit() {
	if s.table == nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.table == nil {
			s.hits++
		}
	}
}

// RLock is not the double-checked shape (the write needs Lock).
type View struct {
	mu   sync.RWMutex
	snap []byte
}

func (v *View) Snap() []byte {
	if v.snap == nil {
		v.mu.RLock()
		defer v.mu.RUnlock()
		if v.snap == nil {
			v.snap = []byte{}
		}
	}
	return v.snap
}

func workers() {
	go flush()
	go resetLocked()
	go loadConfig()
	go func() {
		_ = local(nil)
	}()
}
