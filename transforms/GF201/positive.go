package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// Fires: the function ranges over a channel that one goroutine fills and nobody closes;
// after the last square the range waits forever.
func sumSquares(xs []int) int {
	squares := make(chan int)
	go func() { // want "GF201"
		for _, x := range xs {
			squares <- x * x
		}
	}()
	total := 0
	for s := range squares {
		total += s
	}
	return total
}

// Fires: a generator whose result a function of this file ranges over directly
// (`range countTo(n)`); the caller's loop never ends.
func countTo(n int) <-chan int {
	out := make(chan int)
	go func() { // want "GF201"
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

// printCount ranges over the generator's result.
func printCount(w io.Writer, n int) {
	for i := range countTo(n) {
		fmt.Fprintln(w, i)
	}
}

// Fires: a buffered generator; the caller keeps the result in a variable, then ranges
// over it. A buffer does not end a range: only a close does.
func lines(r io.Reader) <-chan string {
	ch := make(chan string, 16)
	go func() { // want "GF201"
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

// countNonEmpty stores the generator's result, then ranges over it.
func countNonEmpty(r io.Reader) int {
	c := lines(r)
	n := 0
	for l := range c {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// Fires: `var ch = make(…)`, and several send statements, all in the one goroutine.
func headerAndRows(header string, rows []string) []string {
	var ch = make(chan string, 1)
	go func() { // want "GF201"
		ch <- header
		for _, r := range rows {
			ch <- r
		}
		ch <- "-- end --"
	}()
	var out []string
	for s := range ch {
		out = append(out, s)
	}
	return out
}

// Fires: `var ch chan int` then `ch = make(…)`. The send sits in a select, and on
// cancellation the producer returns without closing, so the range waits forever.
func collectIDs(ctx context.Context, ids []int) []int {
	var ch chan int
	ch = make(chan int)
	go func() { // want "GF201"
		for _, id := range ids {
			select {
			case ch <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	var got []int
	for id := range ch {
		got = append(got, id)
	}
	return got
}

// Fires: a single send from a goroutine that takes an argument (not the channel); the
// range still needs a close after that one value.
func normalize(path string) []string {
	results := make(chan string)
	go func(p string) { // want "GF201"
		results <- strings.ToLower(strings.TrimSpace(p))
	}(path)
	var out []string
	for r := range results {
		out = append(out, r)
	}
	return out
}
