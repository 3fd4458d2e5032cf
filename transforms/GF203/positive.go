package mirrors

// fetcher loads a key from one mirror.
type fetcher func(key string) []byte

// Fires twice: each mirror's goroutine closes the shared channel when it is done; whichever
// finishes second closes a closed channel and panics.
func firstResponse(a, b fetcher, key string) []byte {
	res := make(chan []byte, 2)
	go func() {
		defer close(res) // want "GF203"
		res <- a(key)
	}()
	go func() {
		defer close(res) // want "GF203"
		res <- b(key)
	}()
	return <-res
}

// Fires twice: two watchers that never send both close `quit` when their event comes; when
// both events happen the second close panics.
func superviseUntil(signals, idle <-chan struct{}, shutdown func()) {
	quit := make(chan struct{})
	go func() {
		<-signals
		close(quit) // want "GF203"
	}()
	go func() {
		<-idle
		close(quit) // want "GF203"
	}()
	<-quit
	shutdown()
}

// Fires: one close, but in a goroutine started once per element: every goroutine after the
// first closes the channel again.
func squareAll(xs []int) []int {
	out := make(chan int, len(xs))
	for _, x := range xs {
		go func(x int) {
			defer close(out) // want "GF203"
			out <- x * x
		}(x)
	}
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res
}

// Fires: a worker pool from a three-clause loop; each worker closes `done` when the jobs run
// out, so the second worker to finish panics.
func startWorkers(n int, jobs <-chan int, handle func(worker, job int)) <-chan struct{} {
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func(id int) {
			for j := range jobs {
				handle(id, j)
			}
			close(done) // want "GF203"
		}(i)
	}
	return done
}

// Fires twice: of three goroutines sending on `events`, the reader and the parser each
// close it on their way out; the ticker goroutine only sends.
func pipeline(read func() (string, bool), parse func() (string, bool), beat func() string) <-chan string {
	events := make(chan string, 8)
	go func() {
		for {
			line, ok := read()
			if !ok {
				close(events) // want "GF203"
				return
			}
			events <- line
		}
	}()
	go func() {
		for {
			tok, ok := parse()
			if !ok {
				close(events) // want "GF203"
				return
			}
			events <- tok
		}
	}()
	go func() {
		for i := 0; i < 3; i++ {
			events <- beat()
		}
	}()
	return events
}
