package jobs

import (
	"errors"
	"fmt"
	"sync"
)

// Fires (Safe): an early return skips the trailing `Done`.
func fetchAll(urls []string, fetch func(string) (string, error), out chan<- string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			body, err := fetch(u)
			if err != nil {
				fmt.Println(err)
				return
			}
			out <- body
			wg.Done() // want "GF311"
		}(u)
	}
	wg.Wait()
}

// Fires (Safe): an explicit panic skips it, and the return in the `switch` does too.
func parseAll(lines []string, parse func(string) (int, error)) {
	wg := &sync.WaitGroup{}
	for _, l := range lines {
		wg.Add(1)
		go func(l string) {
			switch {
			case l == "":
				return
			case len(l) > 80:
				panic(errors.New("line too long"))
			}
			if _, err := parse(l); err != nil {
				fmt.Println(err)
			}

			wg.Done() // want "GF311"
		}(l)
	}
	wg.Wait()
}

// Pool counts its workers in a field.
type Pool struct {
	wg   sync.WaitGroup
	jobs chan func() error
}

// start runs the workers.
func (p *Pool) start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker()
	}
}

// Fires (Safe): a method started as a goroutine, on a WaitGroup field of the package.
func (p *Pool) worker() {
	for job := range p.jobs {
		if err := job(); err != nil {
			return
		}
	}
	p.wg.Done() // want "GF311"
}

// Fires (Safe): a function handed a `*sync.WaitGroup`, returning early from a loop.
func consume(in <-chan int, wg *sync.WaitGroup, sink func(int) bool) {
	for v := range in {
		if !sink(v) {
			return
		}
	}
	wg.Done() // want "GF311"
}

// Fires (Safe): an explicit panic is the only way out before the end; a caller that
// recovers it then waits forever.
func mustMeasure(s string, wg *sync.WaitGroup, out *int) {
	if s == "" {
		panic("empty input")
	}
	*out = len(s)
	wg.Done() // want "GF311"
}

// Fires (Unsafe): the comment line above the call would stay behind, describing nothing.
func saveAll(items []string, save func(string) error) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			if save(it) != nil {
				return
			}
			// Saved: count it.
			wg.Done() // want "GF311"
		}(it)
	}
	wg.Wait()
}

// Fires (Safe): the `{` line has a trailing comment, so the moved one gets a line to
// itself.
func loadAll(items []string, load func(string) error) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) { // one loader per item
			if load(it) != nil {
				return
			}
			wg.Done() // want "GF311"
		}(it)
	}
	wg.Wait()
}

// Fires (Unsafe): another `defer` sends on a channel; with the `Done` deferred it runs
// before the `Done` instead of after it.
func reportAll(items []string, check func(string) bool, results chan<- bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			ok := false
			defer func() { results <- ok }()
			if !check(it) {
				return
			}
			ok = true
			wg.Done() // want "GF311"
		}(it)
	}
	wg.Wait()
}

// group hands out the process-wide WaitGroup.
func group() *sync.WaitGroup { return &shared }

var shared sync.WaitGroup

// Fires (Unsafe): `g` comes from a call, so nothing declares it a WaitGroup; the starting
// function adds to it and waits on it.
func flushAll(files []string, flush func(string) error) {
	g := group()
	for _, f := range files {
		g.Add(1)
		go func(f string) {
			if flush(f) != nil {
				return
			}
			g.Done() // want "GF311"
		}(f)
	}
	g.Wait()
}

// Fires, no fix: `Done` appears twice; deferring one would count the other path twice.
func copyAll(srcs []string, copyOne func(string) error) {
	var wg sync.WaitGroup
	for _, s := range srcs {
		wg.Add(1)
		go func(s string) {
			if s == "" {
				wg.Done()
				return
			}
			if copyOne(s) != nil {
				return
			}
			wg.Done() // want "GF311"
		}(s)
	}
	wg.Wait()
}

// Fires, no fix: the WaitGroup comes from a variable the goroutine declares itself, so a
// `defer` on the first line would name nothing.
func lookupAll(names []string, groups map[string]*sync.WaitGroup) {
	for _, n := range names {
		go func(n string) {
			var wg *sync.WaitGroup = groups[n]
			if wg == nil {
				return
			}
			wg.Done() // want "GF311"
		}(n)
	}
}
