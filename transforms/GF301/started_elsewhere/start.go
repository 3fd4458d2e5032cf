package started

// Start starts the poller; its loop, in poll.go, is reported there.
func Start(every func() int) *Poller {
	p := &Poller{every: every, results: make(chan int)}
	go p.poll()
	return p
}
