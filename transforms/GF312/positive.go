package workers

import "sync"

// Fires (Unsafe): `worker` gets a copy; its `Done` never reaches the caller's `Wait`. The
// fix makes the parameter a pointer and passes `&wg` at both call sites, and `p` where a
// caller held a pointer and dereferenced it.
func worker(id int, wg sync.WaitGroup, results chan<- int) { // want "GF312"
	defer wg.Done()
	results <- id * id
}

func runAll(n int) []int {
	var wg sync.WaitGroup
	results := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i, wg, results)
	}
	wg.Wait()
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

func runOne(p *sync.WaitGroup, results chan<- int) {
	p.Add(1)
	worker(0, *p, results)
}

// Fires (Unsafe): a literal taking the WaitGroup by value, called on the spot.
func square(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func(x int, wg sync.WaitGroup) { // want "GF312"
			defer wg.Done()
			_ = x * x
		}(x, wg)
	}
	wg.Wait()
}

// Fires, no fix: exported, so callers outside the package pass copies too.
func Drain(ch <-chan int, wg sync.WaitGroup) { // want "GF312"
	defer wg.Done()
	for range ch {
	}
}

// Fires, no fix: the parameter is passed on, not only called.
func relay(wg sync.WaitGroup, results chan<- int) { // want "GF312"
	worker(1, wg, results)
}

// Server is started with a WaitGroup.
type Server struct {
	wg sync.WaitGroup
}

// Fires, no fix: a method; calls of it cannot be told apart by name.
func (s *Server) serve(conns []string, wg sync.WaitGroup) { // want "GF312"
	defer wg.Done()
	_ = conns
}

// Fires three times, no fix: copies of existing WaitGroups, a field and a dereferenced
// pointer.
func copies(s *Server, p *sync.WaitGroup) {
	var wg sync.WaitGroup
	snapshot := wg // want "GF312"
	local := s.wg  // want "GF312"
	var deref = *p // want "GF312"
	snapshot.Wait()
	local.Wait()
	deref.Wait()
}
