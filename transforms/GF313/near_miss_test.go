package batch

import (
	"sync"
	"testing"
)

// OK: a test file. Benchmarks and tests start one goroutine per iteration and wait for it
// on purpose: the goroutine is what they measure.
func BenchmarkGoroutine(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
		wg.Wait()
	}
}
