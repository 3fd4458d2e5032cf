package search

// job is one unit of work; stop asks the consumer to quit.
type job struct {
	id   int
	stop bool
}

// Fires: the receiver takes the first match and closes the channel; the producer is still
// scanning, and its next send on the closed channel panics.
func firstMatch(words []string, match func(string) bool) string {
	found := make(chan string, len(words))
	go func() {
		for _, w := range words {
			if match(w) {
				found <- w
			}
		}
	}()
	w := <-found
	close(found) // want "GF202"
	return w
}

// Fires: a deferred close in the function that ranges and stops early; the producer goroutine
// is still sending when the function returns and the close runs.
func firstN(n int, next func() int) []int {
	ch := make(chan int)
	defer close(ch) // want "GF202"
	go func() {
		for i := 0; i < 1000; i++ {
			ch <- next()
		}
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out
}

// Fires: a consumer goroutine closes the queue when it sees a stop job, while the producer
// goroutine keeps sending the remaining jobs.
func runJobs(jobs []job, handle func(job)) {
	queue := make(chan job)
	go func() {
		for j := range queue {
			if j.stop {
				close(queue) // want "GF202"
				return
			}
			handle(j)
		}
	}()
	go func() {
		for _, j := range jobs {
			queue <- j
		}
	}()
}

// Fires: a `v, ok := <-ch` receiver closes as soon as the service is up; the prober may be
// about to send its next status.
func awaitHealthy(probe func() bool) bool {
	status := make(chan bool)
	go func() {
		for i := 0; i < 5; i++ {
			status <- probe()
		}
	}()
	for i := 0; i < 5; i++ {
		up, ok := <-status
		if ok && up {
			close(status) // want "GF202"
			return true
		}
	}
	return false
}

// Fires: a receive in a `select` case; the function closes what a goroutine sends on.
func nextOrStop(produce func() string, stop <-chan struct{}) string {
	lines := make(chan string)
	go func() {
		for i := 0; i < 10; i++ {
			lines <- produce()
		}
	}()
	select {
	case l := <-lines:
		close(lines) // want "GF202"
		return l
	case <-stop:
		return ""
	}
}
