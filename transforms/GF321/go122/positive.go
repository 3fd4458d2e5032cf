package fanout

import "sync"

// Result is what one fetch produced.
type Result struct {
	Key  string
	Size int
}

// fetch loads one key.
func fetch(key string) Result { return Result{Key: key, Size: len(key)} }

// Fires: since Go 1.22 each iteration has its own `key`; the copy does nothing.
func fetchAll(keys []string, out chan<- Result) {
	var wg sync.WaitGroup
	for _, key := range keys {
		key := key // want "GF321"
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- fetch(key)
		}()
	}
	wg.Wait()
}

// Fires: both variables copied in one statement.
func fetchByOwner(owners map[string]string, out chan<- string) {
	for owner, key := range owners {
		owner, key := owner, key // want "GF321"
		go func() {
			out <- owner + ": " + fetch(key).Key
		}()
	}
}

// Fires once, at the first of two consecutive copies; the fix deletes both lines.
func fetchIndexed(keys []string, out chan<- Result) {
	for i, key := range keys {
		i := i // want "GF321"
		key := key
		go func() {
			out <- Result{Key: key, Size: i}
		}()
	}
}

// Fires: a copy followed by a blank line before the rest of the body.
func fetchLater(keys []string, later *[]func() Result) {
	for _, key := range keys {
		key := key // want "GF321"

		*later = append(*later, func() Result { return fetch(key) })
	}
}

// Fires: a comment before the copies and one between them are part of the run.
func fetchPairs(pairs map[string]string, out chan<- string) {
	for from, to := range pairs {
		// Copies for the goroutine below.
		from := from // want "GF321"
		// `to` is read there as well.
		to := to
		go func() {
			out <- fetch(from).Key + "->" + fetch(to).Key
		}()
	}
}

// Fires: ranging over an integer (Go 1.22) is a range loop too.
func fetchN(n int, out chan<- Result) {
	for i := range n {
		i := i // want "GF321"
		go func() {
			out <- Result{Size: i}
		}()
	}
}
