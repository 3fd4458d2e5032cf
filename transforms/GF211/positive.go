package daemon

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// Daemon reloads on SIGHUP and stops on SIGTERM.
type Daemon struct {
	reload func()
	stop   func()
}

// Fires: the classic shutdown wait. os/signal does not block to deliver: a signal that
// arrives before the receive is ready is dropped.
func waitForShutdown() os.Signal {
	sigs := make(chan os.Signal) // want "GF211"
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	return <-sigs
}

// Fires: `var c = make(…)`; a SIGHUP that comes while a reload runs is lost.
func (d *Daemon) reloadOnHUP() {
	var hup = make(chan os.Signal) // want "GF211"
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			d.reload()
		}
	}()
}

// Fires: `make(chan os.Signal, 0)` is unbuffered too.
func interrupted(ctx context.Context) bool {
	c := make(chan os.Signal, 0) // want "GF211"
	signal.Notify(c, os.Interrupt)
	defer signal.Stop(c)
	select {
	case <-c:
		return true
	case <-ctx.Done():
		return false
	}
}

// Fires: declared first, made later, then registered.
func (d *Daemon) run(ctx context.Context) {
	var term chan os.Signal
	term = make(chan os.Signal) // want "GF211"
	signal.Notify(term, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-term:
	case <-ctx.Done():
	}
	d.stop()
}
