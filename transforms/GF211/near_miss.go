package shutdown

import (
	"os"
	"os/signal"
	"syscall"
)

// OK: buffered for one signal, as os/signal asks.
func waitBuffered() os.Signal {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return <-c
}

// OK: a buffer sized by an expression is not unbuffered.
func waitFor(sigs ...os.Signal) os.Signal {
	c := make(chan os.Signal, len(sigs))
	signal.Notify(c, sigs...)
	return <-c
}

// OK: the channel is a parameter; its make is the caller's, out of sight here.
func listen(c chan os.Signal) {
	signal.Notify(c, syscall.SIGTERM)
}

// relay forwards signals in-process; its Notify is an ordinary method.
type relay struct {
	targets []chan<- os.Signal
}

// Notify registers c with the relay.
func (r *relay) Notify(c chan<- os.Signal, sigs ...os.Signal) {
	if len(sigs) > 0 {
		r.targets = append(r.targets, c)
	}
}

// OK: a local variable named `signal` shadows the os/signal import; `signal.Notify` is the
// relay's method, which sends from ordinary code.
func viaRelay() *relay {
	signal := &relay{}
	c := make(chan os.Signal)
	signal.Notify(c, os.Interrupt)
	return signal
}

// OK: the unbuffered channel is only given to signal.Stop, never to Notify.
func stopAll() {
	c := make(chan os.Signal)
	signal.Stop(c)
}
