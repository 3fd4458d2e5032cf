package batch

import "log"

// OK: the closure declares its own `id` with `:=` before using it, and the right side does
// not read the loop variable.
func refreshAll(ids []int, next <-chan int, out chan<- int) {
	for _, id := range ids {
		log.Printf("refresh %d", id)
		go func() {
			id := <-next
			out <- id
		}()
	}
}

// OK: the if statement's initializer declares a new `it` (its right side reads the loop
// variable now, outside any closure), and the goroutine captures that one.
func applyOverrides(items []Item, overrides map[int]Item, out chan<- Item) {
	for _, it := range items {
		if it, ok := overrides[it.ID]; ok {
			go func() {
				out <- it
			}()
		}
	}
}

// OK: the switch initializer declares a new `it` for the whole switch.
func routeAll(items []Item, fix func(Item) Item, out chan<- Item) {
	for _, it := range items {
		switch it := fix(it); it.Path {
		case "":
			log.Printf("dropping %d", it.ID)
		default:
			go func() {
				out <- it
			}()
		}
	}
}

// OK: the select case declares a new `it`; the default case uses the loop variable, but
// not in a closure.
func preferUrgent(items []Item, urgent <-chan Item, out chan<- Item) {
	for _, it := range items {
		select {
		case it := <-urgent:
			go func() {
				out <- it
			}()
		default:
			out <- it
		}
	}
}

// OK: a 3-clause loop copied with `i := i` before the deferred closure.
func closeInOrder(closers []func() error) {
	for i := 0; i < len(closers); i++ {
		i := i
		defer func() {
			if err := closers[i](); err != nil {
				log.Printf("closer %d: %v", i, err)
			}
		}()
	}
}
