package fanout

import "sync"

// Fires: the fix deletes `key := key`.
func warm(keys []string) {
	var wg sync.WaitGroup
	for _, key := range keys {
		key := key // want "GF321"
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(key)
		}()
	}
	wg.Wait()
}

// Fires: the fix deletes the two-variable copy.
func sizes(byOwner map[string]string, out chan<- int) {
	for owner, key := range byOwner {
		owner, key := owner, key // want "GF321"
		go func() {
			out <- len(owner) + fetch(key).Size
		}()
	}
}

// Fires: only `r` is copied; the fix deletes that one line.
func forward(results []Result, out chan<- Result) {
	for i, r := range results {
		r := r // want "GF321"
		if i%2 == 0 {
			go func() {
				out <- r
			}()
		}
	}
}

// Fires once for each loop: the outer loop copies `owner`, the inner one `key`.
func fetchNested(owners map[string][]string, out chan<- string) {
	for owner, keys := range owners {
		owner := owner // want "GF321"
		for _, key := range keys {
			key := key // want "GF321"
			go func() {
				out <- owner + ": " + fetch(key).Key
			}()
		}
	}
}
