package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Job is one build step.
type Job struct {
	ID   int
	Name string
}

// runAll starts one goroutine per job and returns what the goroutines saw. They all wait for
// `start`, which is closed only after the loop, so before Go 1.22 every one of them reads
// the loop variable's final value.
func runAll(jobs []Job) []string {
	start := make(chan struct{})
	results := make(chan string, len(jobs))
	for _, job := range jobs {
		go func() {
			<-start
			results <- fmt.Sprintf("%d:%s", job.ID, job.Name) // want "GF320"
		}()
	}
	close(start)

	seen := make([]string, 0, len(jobs))
	for range jobs {
		seen = append(seen, <-results)
	}
	sort.Strings(seen)
	return seen
}

// Before the fix (at go 1.21) it prints "4:deploy" four times and exits 1; after the
// inserted `job := job` it prints each job once and exits 0.
func main() {
	jobs := []Job{{1, "build"}, {2, "test"}, {3, "lint"}, {4, "deploy"}}
	got := strings.Join(runAll(jobs), " ")
	fmt.Println(got)
	if want := "1:build 2:test 3:lint 4:deploy"; got != want {
		fmt.Fprintf(os.Stderr, "got %q, want %q\n", got, want)
		os.Exit(1)
	}
}
