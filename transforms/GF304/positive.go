package stats

import (
	"sync"
	"time"
)

var (
	requests int
	lastSeen time.Time
	total    int64
	stop     bool
	quit     bool
	first    string
	second   string
)

var mu sync.Mutex

// Fires: an op-assignment inside a goroutine literal.
func Track(n int) {
	go func() {
		requests += n // want "GF304"
	}()
}

// Start runs poll in the background.
func Start() {
	go poll()
}

// Fires: `++` in a function started with `go`.
func poll() {
	for i := 0; i < 3; i++ {
		total++ // want "GF304"
		time.Sleep(time.Millisecond)
	}
	touch()
}

// Fires: a function of the package called directly from a started one.
func touch() {
	lastSeen = time.Now() // want "GF304"
}

// Fires: the lock was released before the write.
func Mark() {
	go func() {
		mu.Lock()
		n := requests
		mu.Unlock()
		total = int64(n) // want "GF304"
	}()
}

// Fires twice: both targets of one assignment, and `--`.
func Swap(a, b string) {
	go func() {
		first, second = b, a // want "GF304" "GF304"
		total--              // want "GF304"
	}()
}

// Fires on both sides: the goroutine sets the flag with no synchronisation, and the loop
// polls it (the compiler may read it once and spin forever).
func Run(work func()) {
	go func() {
		time.Sleep(10 * time.Millisecond)
		stop = true // want "GF304"
	}()
	for !stop { // want "GF304"
		work()
	}
}

// Fires: the goroutine polls a flag that Stop writes.
func worker() {
	for !quit { // want "GF304"
		time.Sleep(time.Millisecond)
	}
}

// Begin starts the worker.
func Begin() {
	go worker()
}

// Stop asks the worker to end: not itself in a goroutine, so only the poll is reported.
func Stop() {
	quit = true
}

type group struct{ wg sync.WaitGroup }

// Go runs f in a goroutine, as errgroup.Group and Go 1.25's sync.WaitGroup do.
func (g *group) Go(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
}

// Fires: a literal started through a `Go` method.
func Fan(g *group) {
	g.Go(func() {
		requests = 0 // want "GF304"
	})
}

type server struct{ name string }

// Fires: a method started with `go s.serve()` (no other type declares `serve`).
func (s *server) serve() {
	first = s.name // want "GF304"
}

// Serve starts the server.
func Serve(s *server) {
	go s.serve()
}
