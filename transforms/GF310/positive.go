package crawl

import (
	"log"
	"sync"
)

// Fires (Safe): `Add` is the goroutine's second statement, after a log line. go vet's
// waitgroup check and staticcheck SA2000 only look at the first statement.
func fetchAll(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, u := range urls {
		go func(u string) {
			log.Printf("fetching %s", u)
			wg.Add(1) // want "GF310"
			defer wg.Done()
			fetch(u)
		}(u)
	}
	wg.Wait()
}

// Fires (Safe): the first statement, with a trailing comment that moves with it.
func indexAll(docs []string, index func(string)) {
	wg := &sync.WaitGroup{}
	for _, d := range docs {
		go func(d string) {
			wg.Add(1) // want "GF310"
			defer wg.Done()
			index(d)
		}(d)
	}
	wg.Wait()
}

// Fires (Safe): after the deferred `Done` and a plain call.
func resizeAll(batches [][]string, resize func([]string)) {
	wg := new(sync.WaitGroup)
	for _, b := range batches {
		go func(b []string) {
			defer wg.Done()
			prepare(b)
			wg.Add(1) // want "GF310"
			resize(b)
		}(b)
	}
	wg.Wait()
}

func prepare([]string) {}

// Server counts its connection handlers.
type Server struct {
	wg    sync.WaitGroup
	conns chan string
}

// Fires (Safe): a WaitGroup field, declared in the struct above.
func (s *Server) handle(c string, serve func(string)) {
	go func() {
		s.wg.Add(1) // want "GF310"
		defer s.wg.Done()
		serve(c)
	}()
}

// Fires (Unsafe): the comment line above the `Add` may describe it, and would stay behind.
func warmAll(keys []string, warm func(string)) {
	var wg sync.WaitGroup
	for _, k := range keys {
		go func(k string) {
			// One per key.
			wg.Add(1) // want "GF310"
			defer wg.Done()
			warm(k)
		}(k)
	}
	wg.Wait()
}

// Fires (Unsafe): the argument calls a function, which would run in the starting
// goroutine instead.
func sendAll(msgs []string, send func(string), weight func() int) {
	var wg sync.WaitGroup
	for _, m := range msgs {
		go func(m string) {
			wg.Add(weight()) // want "GF310"
			defer wg.Done()
			send(m)
		}(m)
	}
	wg.Wait()
}

// group hands out the process-wide WaitGroup.
func group() *sync.WaitGroup { return &shared }

var shared sync.WaitGroup

// Fires (Unsafe): `g` comes from a call, so nothing declares it a WaitGroup; the
// function waits on it, which makes it a likely one.
func flushAll(files []string, flush func(string)) {
	g := group()
	for _, f := range files {
		go func(f string) {
			g.Add(1) // want "GF310"
			defer g.Done()
			flush(f)
		}(f)
	}
	g.Wait()
}

// Fires, no fix: the WaitGroup reaches the goroutine as a parameter of the literal; the
// name means nothing before the `go` statement.
func scanAll(paths []string, scan func(string)) {
	var wg sync.WaitGroup
	for _, p := range paths {
		go func(p string, group *sync.WaitGroup) {
			group.Add(1) // want "GF310"
			defer group.Done()
			scan(p)
		}(p, &wg)
	}
	wg.Wait()
}

// Fires, no fix: the goroutine may return before the `Add`; hoisted, the counter would
// never come back down and `Wait` would hang.
func pingAll(hosts []string, ping func(string)) {
	var wg sync.WaitGroup
	for _, h := range hosts {
		go func(h string) {
			if h == "" {
				return
			}
			wg.Add(1) // want "GF310"
			defer wg.Done()
			ping(h)
		}(h)
	}
	wg.Wait()
}

// Fires, no fix: the argument is a variable the goroutine sets itself.
func weighAll(items []string, weigh func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func(it string) {
			delta := 1
			wg.Add(delta) // want "GF310"
			defer wg.Done()
			weigh(it)
		}(it)
	}
	wg.Wait()
}

// Fires (Safe): the `go` line has a trailing comment of its own; the moved one gets a
// line to itself, so gofmt has nothing to line up.
func tagAll(tags []string, tag func(string)) {
	var wg sync.WaitGroup
	for _, t := range tags {
		go func(t string) { // one per tag
			wg.Add(1) // want "GF310"

			defer wg.Done()
			tag(t)
		}(t)
	}
	wg.Wait()
}
