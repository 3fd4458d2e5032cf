package batch

import "log"

// Fires: one goroutine per item; the fix inserts `it := it`.
func warmAll(items []Item, errs chan<- error) {
	for _, it := range items {
		go func() {
			errs <- process(it) // want "GF320"
		}()
	}
}

// Fires: the closure reads `v` before `k`, but the fix copies them in the loop header's
// order: `k := k`, then `v := v`.
func publishAll(settings map[string]string, out chan<- string) {
	for k, v := range settings {
		go func() {
			if v != "" { // want "GF320"
				out <- k + "=" + v
			}
		}()
	}
}

// Fires: only `v` is captured, so only `v := v` is inserted (`k` is read outside the
// closure).
func countAll(byName map[string][]Item, counts chan<- int) {
	for k, v := range byName {
		log.Printf("counting %s", k)
		go func() {
			counts <- len(v) // want "GF320"
		}()
	}
}

// Fires: a 3-clause loop with two variables; the closure reads `j` first, and the fix
// inserts `i := i` then `j := j`.
func swapPairs(s []int, done chan<- [2]int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		go func() {
			done <- [2]int{s[j], s[i]} // want "GF320"
		}()
	}
}

// Fires: a deferred closure in a 3-clause loop; the fix inserts `n := n`.
func unwind(steps []string) {
	for n := 0; n < len(steps); n++ {
		defer func() {
			log.Printf("undo step %d: %s", n, steps[n]) // want "GF320"
		}()
	}
}

// Fires: errgroup-style `g.Go`, not the last statement; the fix inserts `it := it`.
func saveAll(items []Item) error {
	var g Group
	for _, it := range items {
		g.Go(func() error {
			return process(it) // want "GF320"
		})
		log.Printf("saving %d", it.ID)
	}
	return g.Wait()
}
