package server

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

// Fires (Safe): shutdown on interrupt.
func serveUntilInterrupt(srv *http.Server) error {
	stop := make(chan os.Signal) // want "GF211"
	signal.Notify(stop, os.Interrupt)
	go func() {
		<-stop
		srv.Close()
	}()
	return srv.ListenAndServe()
}

// Fires (Safe): log rotation on SIGUSR1.
func rotateOnUSR1(rotate func()) {
	usr := make(chan os.Signal) // want "GF211"
	signal.Notify(usr, syscall.SIGUSR1)
	go func() {
		for range usr {
			rotate()
		}
	}()
}

// Fires (Safe): the `var` form, several signals.
func waitTerm() os.Signal {
	var term = make(chan os.Signal) // want "GF211"
	signal.Notify(term, syscall.SIGTERM, syscall.SIGQUIT, os.Interrupt)
	return <-term
}
