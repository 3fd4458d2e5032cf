package onces

import "sync"

type Settings struct {
	mu     sync.Mutex
	values map[string]string
	ready  bool
}

// Fires; with Go 1.21 the title mentions sync.OnceValue.
func (s *Settings) Values() map[string]string {
	if s.values == nil { // want "GF130"
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.values == nil {
			s.values = map[string]string{"mode": "fast"}
		}
	}
	return s.values
}

// Fires; the flag form mentions sync.OnceFunc.
func (s *Settings) Prepare() {
	if !s.ready { // want "GF130"
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.ready {
			println("prepare")
			s.ready = true
		}
	}
}

var banner bool

func printBanner() {
	if !banner { // want "GF130"
		banner = true
		println("banner")
	}
}

func Serve() {
	go printBanner()
}
