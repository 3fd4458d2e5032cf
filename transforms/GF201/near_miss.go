package feeds

import (
	"strings"
	"sync"
)

// OK: two producer goroutines share the channel. A `defer close` in either one would
// close it while the other still sends (a panic), so there is no single producer to fix.
func mergeTwo(a, b []string) []string {
	ch := make(chan string)
	go func() {
		for _, s := range a {
			ch <- s
		}
	}()
	go func() {
		for _, s := range b {
			ch <- s
		}
	}()
	var out []string
	for s := range ch {
		out = append(out, s)
		if len(out) == len(a)+len(b) {
			break
		}
	}
	return out
}

// OK: one goroutine literal, but started in a loop: one producer per URL, and the first
// to finish would close the channel under the others.
func fetchAll(urls []string, fetch func(string) string) []string {
	ch := make(chan string)
	for _, u := range urls {
		go func(u string) {
			ch <- fetch(u)
		}(u)
	}
	var bodies []string
	for b := range ch {
		bodies = append(bodies, b)
		if len(bodies) == len(urls) {
			break
		}
	}
	return bodies
}

// OK: a result channel read once with `<-ch`; nothing waits for a close, and the
// checklist's "must stay silent" says it must not get one.
func double(x int) int {
	ch := make(chan int)
	go func() {
		ch <- x * 2
	}()
	r := <-ch
	return r
}

// startLookup returns a channel its caller reads exactly once.
//
// OK: returned, but no function in this file ranges over the result (lookupOnce reads it
// with a single receive).
func startLookup(name string, lookup func(string) int) <-chan int {
	ch := make(chan int, 1)
	go func() {
		ch <- lookup(name)
	}()
	return ch
}

// lookupOnce reads the looked-up value once.
func lookupOnce(name string, lookup func(string) int) int {
	return <-startLookup(name, lookup)
}

// consume ranges over a channel it was given.
func consume(ch <-chan string) int {
	n := 0
	for range ch {
		n++
	}
	return n
}

// OK: the channel is passed to another function, which may send on it or close it: not
// provably single-producer.
func produceAndConsume(words []string) int {
	ch := make(chan string)
	go func() {
		for _, w := range words {
			ch <- w
		}
	}()
	return consume(ch)
}

// OK: the channel reaches the goroutine as an argument (an escape): the sends are on the
// parameter `out`, which this rule does not follow.
func squaresViaArg(xs []int) int {
	ch := make(chan int)
	go func(out chan<- int) {
		for _, x := range xs {
			out <- x * x
		}
	}(ch)
	total := 0
	for v := range ch {
		total += v
	}
	return total
}

// OK: the checklist's shape, already closed by the producer with a defer.
func words(s string) []string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- w
		}
	}()
	var out []string
	for w := range ch {
		out = append(out, w)
	}
	return out
}

// evens closes its channel when done (without a defer).
//
// OK: a close anywhere means somebody already owns closing; this rule adds none.
func evens(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i += 2 {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// sumEvens ranges over a generator that closes.
func sumEvens(n int) int {
	s := 0
	for v := range evens(n) {
		s += v
	}
	return s
}

// OK: the sends sit in a closure defined inside the goroutine (`emit`); a closure may be
// called from anywhere, so the goroutine is not provably the only producer.
func tokens(s string) []string {
	ch := make(chan string)
	go func() {
		emit := func(t string) {
			ch <- strings.ToUpper(t)
		}
		for _, f := range strings.Fields(s) {
			emit(f)
		}
	}()
	var out []string
	for t := range ch {
		out = append(out, t)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// OK: several producers with the close after `wg.Wait()` in a closer goroutine.
func gather(parts [][]string) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func(p []string) {
			defer wg.Done()
			ch <- len(p)
		}(p)
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	total := 0
	for n := range ch {
		total += n
	}
	return total
}
