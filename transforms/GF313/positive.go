package batch

import (
	"fmt"
	"sync"
)

// Fires: each iteration starts one goroutine and waits for it; the files are compressed
// one at a time.
func compressAll(files []string, compress func(string)) {
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func(f string) {
			defer wg.Done()
			compress(f)
		}(f)
		wg.Wait() // want "GF313"
	}
}

// Fires: the goroutine is a named function handed the WaitGroup.
func uploadAll(parts [][]byte, upload func([]byte, *sync.WaitGroup)) {
	wg := &sync.WaitGroup{}
	for _, p := range parts {
		wg.Add(1)
		go upload(p, wg)
		wg.Wait() // want "GF313"
	}
}

// Fires: `wg.Go` (Go 1.25) starts the goroutine and counts it.
func checkAll(hosts []string, check func(string)) {
	var wg sync.WaitGroup
	for _, h := range hosts {
		h := h
		wg.Go(func() {
			check(h)
		})
		wg.Wait() // want "GF313"
	}
}

// Fires: a three-clause loop; the goroutine is handed the WaitGroup's address.
func retryAll(n int, try func(int, *sync.WaitGroup)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go try(i, &wg)
		fmt.Println("started", i)
		wg.Wait() // want "GF313"
	}
}
