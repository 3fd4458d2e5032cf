// The copies of ../go122/positive.go in a go 1.21 module: there each loop has one variable
// for all iterations, the copies are what keeps the goroutines correct, and so neither GF321
// (copies are needed) nor GF320 (the closures only see the copies) reports anything.
package fanout

import "sync"

// Result is what one fetch produced.
type Result struct {
	Key  string
	Size int
}

// fetch loads one key.
func fetch(key string) Result { return Result{Key: key, Size: len(key)} }

// OK: the copy gives each goroutine its own key.
func fetchAll(keys []string, out chan<- Result) {
	var wg sync.WaitGroup
	for _, key := range keys {
		key := key
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- fetch(key)
		}()
	}
	wg.Wait()
}

// OK: both variables copied in one statement.
func fetchByOwner(owners map[string]string, out chan<- string) {
	for owner, key := range owners {
		owner, key := owner, key
		go func() {
			out <- owner + ": " + fetch(key).Key
		}()
	}
}

// OK: two consecutive copies.
func fetchIndexed(keys []string, out chan<- Result) {
	for i, key := range keys {
		i := i
		key := key
		go func() {
			out <- Result{Key: key, Size: i}
		}()
	}
}

// OK: a copy with a trailing comment, then a blank line.
func fetchLater(keys []string, later *[]func() Result) {
	for _, key := range keys {
		key := key // capture range variable

		*later = append(*later, func() Result { return fetch(key) })
	}
}

// OK: copies with comments before and between them.
func fetchPairs(pairs map[string]string, out chan<- string) {
	for from, to := range pairs {
		// Copies for the goroutine below.
		from := from
		// `to` is read there as well.
		to := to
		go func() {
			out <- fetch(from).Key + "->" + fetch(to).Key
		}()
	}
}
