//go:build go1.22

// The module is at go 1.21, but this build line raises the file to Go 1.22, where the copy
// below is redundant.
package notify

import "log"

// send delivers one message.
func send(to, msg string) { log.Printf("to %s: %s", to, msg) }

// Fires: at Go 1.22 each iteration already has its own `to`.
func broadcast(recipients []string, msg string, done chan<- struct{}) {
	for _, to := range recipients {
		to := to // want "GF321"
		go func() {
			send(to, msg)
			done <- struct{}{}
		}()
	}
}
