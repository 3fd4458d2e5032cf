package batch

import (
	"fmt"
	"sync"
)

// OK: `Wait` after the loop.
func after(files []string, compress func(string)) {
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func(f string) {
			defer wg.Done()
			compress(f)
		}(f)
	}
	wg.Wait()
}

// OK: batches. The inner loop starts a batch of goroutines; the outer one waits for each
// batch before starting the next, on purpose.
func batches(items [][]string, handle func(string)) {
	var wg sync.WaitGroup
	for _, batch := range items {
		for _, it := range batch {
			wg.Add(1)
			go func(it string) {
				defer wg.Done()
				handle(it)
			}(it)
		}
		wg.Wait()
	}
}

// OK: the loop waits on another WaitGroup than the one its goroutines count.
func otherGroup(jobs []string, run func(string), setup *sync.WaitGroup) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		setup.Wait()
		wg.Add(1)
		go func(j string) {
			defer wg.Done()
			run(j)
		}(j)
	}
	wg.Wait()
}

// OK: the `Wait` runs inside a goroutine started by the loop, not in the loop itself.
func waiter(groups []*sync.WaitGroup, done chan<- struct{}) {
	for _, g := range groups {
		go func(g *sync.WaitGroup) {
			g.Wait()
			done <- struct{}{}
		}(g)
	}
}

// OK: no goroutine is started in the loop.
func noGoroutine(steps []func(), wg *sync.WaitGroup) {
	for _, step := range steps {
		step()
		wg.Wait()
	}
}

// gate is no WaitGroup.
type gate struct{}

func (gate) Wait()   {}
func (gate) Add(int) {}

// OK: declared with another type.
func gated(g gate, work func()) {
	for i := 0; i < 3; i++ {
		g.Add(1)
		go work()
		g.Wait()
	}
}

// OK: two goroutines per iteration, waited for together: a barrier.
func pairs(rounds int, left, right func(int)) {
	var wg sync.WaitGroup
	for i := 0; i < rounds; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			left(i)
		}(i)
		go func(i int) {
			defer wg.Done()
			right(i)
		}(i)
		wg.Wait()
	}
}

// OK: waiting in the loop is an option the caller chose.
func maybeSequential(files []string, sequential bool, parse func(string)) {
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func(f string) {
			defer wg.Done()
			parse(f)
		}(f)
		if sequential {
			wg.Wait()
		}
	}
	wg.Wait()
	fmt.Println("parsed", len(files))
}
