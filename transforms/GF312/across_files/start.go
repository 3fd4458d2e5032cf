package pool

import "sync"

// Start runs n workers and collects what they send.
func Start(n int) []int {
	var wg sync.WaitGroup
	out := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go spawn(i, wg, out)
	}
	wg.Wait()
	close(out)
	var got []int
	for v := range out {
		got = append(got, v)
	}
	return got
}
