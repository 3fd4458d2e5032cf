package batch

import (
	"log"
	"sort"
	"strings"
)

// Worker runs jobs from its queue.
type Worker struct {
	Name string
	jobs <-chan Item
}

// Run processes jobs until the queue is closed.
func (w *Worker) Run() {
	for it := range w.jobs {
		if err := process(it); err != nil {
			log.Printf("%s: %v", w.Name, err)
		}
	}
}

// OK: the loop variable is the goroutine's argument, evaluated at the `go` statement; the
// parameter has the same name and shadows it inside.
func startByArgument(items []Item, errs chan<- error) {
	for _, it := range items {
		go func(it Item) {
			errs <- process(it)
		}(it)
	}
}

// OK: the pre-1.22 idiom, an `it := it` copy before the goroutine.
func startWithCopy(items []Item, errs chan<- error) {
	for _, it := range items {
		it := it
		go func() {
			errs <- process(it)
		}()
	}
}

// OK: no closure: `go w.Run()` evaluates its receiver at the `go` statement.
func startWorkerPool(workers []*Worker) {
	for _, w := range workers {
		go w.Run()
	}
}

// OK: a func literal called right away runs during its own iteration.
func checkAll(items []Item) (bad []int) {
	for _, it := range items {
		func() {
			if err := process(it); err != nil {
				bad = append(bad, it.ID)
			}
		}()
	}
	return bad
}

// Not reported: the closures are stored, not started. Calling them after the loop is the
// same bug before Go 1.22, but the rule only reports closures it knows run later.
func retries(items []Item) []func() error {
	var fns []func() error
	for _, it := range items {
		fns = append(fns, func() error { return process(it) })
	}
	return fns
}

// OK: sort.Slice calls its less function before it returns, within the iteration.
func sortGroups(groups map[string][]Item) {
	for name, items := range groups {
		sort.Slice(items, func(a, b int) bool { return items[a].ID < items[b].ID })
		log.Printf("sorted %s", name)
	}
}

// Metric is one named counter update.
type Metric struct {
	name  string
	value int
}

// OK: in the goroutine `name` is only a struct field key, not the loop variable.
func emitAll(names []string, out chan<- Metric) {
	for _, name := range names {
		label := strings.ToLower(name)
		go func() {
			out <- Metric{name: label, value: 1}
		}()
	}
}

// OK: `for _, cur = range` assigns a variable declared before the loop; it is not this
// loop's variable, and each goroutine finishes before the next assignment anyway.
func runInTurn(items []Item) error {
	var cur Item
	for _, cur = range items {
		errc := make(chan error, 1)
		go func() {
			errc <- process(cur)
		}()
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Fires, no fix: the body does `i++` to skip the value after "-o". An `i := i` copy at the
// top would take that increment, the loop's own `i` would not skip, and the output name would
// be compiled as a source.
func compileArgs(args []string, out chan<- string) {
	for i := 0; i < len(args); i++ {
		if args[i] == "-o" {
			i++
			continue
		}
		go func() {
			out <- args[i] // want "GF320"
		}()
	}
}

// Fires, no fix: the body assigns `line`; the rule leaves loops that write their own
// variable to a person.
func trimAll(lines []string, out chan<- string) {
	for _, line := range lines {
		line = strings.TrimSpace(line)
		go func() {
			out <- line // want "GF320"
		}()
	}
}

// Fires, no fix: the body takes `&it`, so a copy would change which variable the map holds.
func indexAll(items []Item, byID map[int]*Item, out chan<- string) {
	for _, it := range items {
		byID[it.ID] = &it
		go func() {
			out <- it.Path // want "GF320"
		}()
	}
}
