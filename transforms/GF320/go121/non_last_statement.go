package batch

import (
	"fmt"
	"log"
	"os"
	"sync"
)

// Fires: a log line follows the goroutine. go vet's loopclosure only checks the last
// statement of the loop body, so it misses this one.
func uploadAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := process(it); err != nil { // want "GF320"
				log.Printf("upload: %v", err)
			}
		}()
		log.Printf("queued %s", it.Path)
	}
	wg.Wait()
}

// Fires: the goroutine sits in an if block and a counter update follows it.
func notifySome(items []Item, skip map[int]bool, done chan<- int) int {
	started := 0
	for _, it := range items {
		if skip[it.ID] {
			continue
		}
		if it.Path != "" {
			go func() {
				done <- it.ID // want "GF320"
			}()
		}
		started++
	}
	return started
}

// Fires: errgroup-style `g.Go` followed by bookkeeping.
func fetchAll(items []Item) (int, error) {
	var g Group
	queued := 0
	for _, it := range items {
		g.Go(func() error {
			return process(it) // want "GF320"
		})
		queued++
	}
	return queued, g.Wait()
}

// Fires: the deferred clean-up comes before the work it cleans up after.
func scribble(files []*os.File) {
	for _, f := range files {
		defer func() {
			_ = os.Remove(f.Name()) // want "GF320"
		}()
		fmt.Fprintln(f, "scratch")
	}
}

// Fires once for the loop, at the first captured reference (`name`, in the first
// goroutine); the finding names both `name` and `ch`, and the fix copies both.
func announce(watchers map[string]chan<- Item) {
	for name, ch := range watchers {
		go func() {
			log.Printf("watching %s", name) // want "GF320"
		}()
		go func() {
			ch <- Item{Path: "ready"}
		}()
		log.Printf("registered %d watchers", len(watchers))
	}
}
