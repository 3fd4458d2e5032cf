package relay

import (
	"context"
	"log"
	"time"
)

// OK: one timer for the whole loop, reset per message: the fixed form.
func forwardTimer(in <-chan string, out chan<- string) error {
	timer := time.NewTimer(time.Minute)
	defer timer.Stop()
	for {
		select {
		case msg := <-in:
			out <- msg
			timer.Reset(time.Minute)
		case <-timer.C:
			return errIdle
		}
	}
}

// OK: one deadline for the whole loop, made before it.
func collect(in <-chan string) []string {
	var got []string
	deadline := time.After(time.Second)
	for {
		select {
		case s := <-in:
			got = append(got, s)
		case <-deadline:
			return got
		}
	}
}

// OK: no loop around the `select`.
func once(in <-chan string) (string, bool) {
	select {
	case s := <-in:
		return s, true
	case <-time.After(time.Second):
		return "", false
	}
}

// OK: a counting loop waits for one reply per iteration, each with its own timeout.
func awaitAll(replies <-chan int, n int) int {
	got := 0
	for i := 0; i < n; i++ {
		select {
		case <-replies:
			got++
		case <-time.After(time.Second):
			log.Println("reply", i, "timed out")
		}
	}
	return got
}

// OK: a `range` loop, one timeout per item.
func sendAll(items []string, out chan<- string) {
	for _, it := range items {
		select {
		case out <- it:
		case <-time.After(time.Second):
			log.Println("dropped", it)
		}
	}
}

// OK: a back-off wait: the other case leaves the loop, so every timer fires or the loop
// ends.
func retry(ctx context.Context, try func() error) error {
	for {
		if err := try(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// OK: the other case breaks out of the loop by its label.
func firstOrTimeout(in <-chan string) string {
	var s string
loop:
	for {
		select {
		case s = <-in:
			break loop
		case <-time.After(time.Second):
			log.Println("waiting")
		}
	}
	return s
}

// OK: the `select` runs in a goroutine of its own, once.
func startAll(ins []<-chan string) {
	for _, in := range ins {
		go func(in <-chan string) {
			select {
			case s := <-in:
				log.Println(s)
			case <-time.After(time.Second):
			}
		}(in)
	}
}

// OK: a plain receive from `time.After` is a sleep; the `After` of a `time.Time` is a
// comparison.
func pace(in <-chan string, until time.Time) {
	for {
		<-time.After(time.Millisecond)
		if time.Now().After(until) || until.After(time.Now().Add(time.Hour)) {
			return
		}
		select {
		case s := <-in:
			log.Println(s)
		default:
		}
	}
}
