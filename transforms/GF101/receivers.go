package receivers

import (
	"errors"
	"sync"
)

// Counter embeds its mutex: the receiver of Lock is `c` itself.
type Counter struct {
	sync.Mutex
	n int
}

// Fires: an embedded mutex, locked through the struct value.
func (c *Counter) embeddedMutex() {
	c.Lock() // want "GF101"
	c.n++
	c.Unlock()
}

// Server keeps its lock two selectors deep.
type Server struct {
	state struct {
		mu    sync.Mutex
		conns map[string]int
	}
	connected bool
}

// Fires: a nested receiver `s.state.mu`.
func (s *Server) nestedReceiver(addr string) {
	s.state.mu.Lock() // want "GF101"
	s.state.conns[addr]++
	s.state.mu.Unlock()
}

var (
	registryMu sync.Mutex
	registry   = map[string]int{}
)

// Fires: a package-level mutex.
func packageLevelMutex(name string, id int) {
	registryMu.Lock() // want "GF101"
	registry[name] = id
	registryMu.Unlock()
}

// Fires inside the goroutine: a func literal is a function of its own, and its body ends
// right after the unlock. The outer function has no lock site.
func sumConcurrently(parts [][]int) int {
	var (
		mu    sync.Mutex
		total int
		wg    sync.WaitGroup
	)
	for _, p := range parts {
		wg.Add(1)
		go func(p []int) {
			defer wg.Done()
			s := 0
			for _, v := range p {
				s += v
			}
			mu.Lock() // want "GF101"
			total += s
			mu.Unlock()
		}(p)
	}
	wg.Wait()
	return total
}

// Fires without a fix: the lock sits in a loop body (its unlock is followed by a return,
// but a defer is never inserted inside a loop).
func (s *Server) lockInRetryLoop(dial func() error) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := dial(); err != nil {
			continue
		}
		s.state.mu.Lock() // want "GF101"
		s.connected = true
		s.state.mu.Unlock()
		return nil
	}
	return errors.New("server: no connection")
}
