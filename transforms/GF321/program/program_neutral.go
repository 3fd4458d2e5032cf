package main

import (
	"fmt"
	"strings"
	"sync"
)

// shout upper-cases every word in its own goroutine. At go 1.22 each iteration of the range
// loop has its own `i` and `w`, so the copies change nothing, and the program prints the
// same before and after the fix deletes them.
func shout(words []string) []string {
	out := make([]string, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		i, w := i, w // want "GF321"
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = strings.ToUpper(w)
		}()
	}
	wg.Wait()
	return out
}

// evens steps a 3-clause loop by two through the copy: here `i := i` is not redundant (the
// body changes the copy, not the loop's variable), so the rule must leave it, and the
// output shows it if a fix ever removed it.
func evens(n int) []int {
	var got []int
	for i := 0; i < n; i++ {
		i := i
		i *= 2
		got = append(got, i)
	}
	return got
}

func main() {
	fmt.Println(strings.Join(shout([]string{"ant", "bee", "cat"}), " "))
	fmt.Println(evens(4))
}
