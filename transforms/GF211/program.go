package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// The program sends itself SIGUSR1 while it is not yet receiving, then looks for it.
// os/signal never blocks to deliver: it offers the signal to each subscribed channel and
// moves on. An unbuffered channel with nobody receiving at that moment drops it.
func main() {
	reload := make(chan os.Signal) // want "GF211"
	signal.Notify(reload, syscall.SIGUSR1)

	// A second, buffered subscriber tells when the signal has been delivered.
	delivered := make(chan os.Signal, 1)
	signal.Notify(delivered, syscall.SIGUSR1)

	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		fmt.Fprintln(os.Stderr, "kill:", err)
		os.Exit(2)
	}
	<-delivered
	// os/signal offers a signal to all its channels in one pass under one lock, which Stop
	// takes too: once Stop returns, the pass that filled `delivered` is over, and it found
	// nobody receiving on `reload`.
	signal.Stop(delivered)

	// Before the fix the signal is gone and this times out (exit 1); after the fix it waits
	// in the buffer of one.
	select {
	case s := <-reload:
		fmt.Println("reloading on", s)
	case <-time.After(time.Second):
		fmt.Fprintln(os.Stderr, "the SIGUSR1 sent before receiving was dropped")
		os.Exit(1)
	}
}
