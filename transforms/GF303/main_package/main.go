package main

import (
	"fmt"
	"time"
)

// OK: a program's ticker lives as long as the program.
func main() {
	n := 0
	for range time.Tick(time.Millisecond) {
		n++
		if n == 3 {
			break
		}
	}
	fmt.Println("ticked", n, "times")
}
