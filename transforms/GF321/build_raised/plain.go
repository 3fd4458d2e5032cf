// No build line: this file has the module's go 1.21, where the copy is needed.
package notify

// OK: at Go 1.21 the copy gives each goroutine its own `to` (so GF320 is silent as well).
func remind(recipients []string, msg string, done chan<- struct{}) {
	for _, to := range recipients {
		to := to
		go func() {
			send(to, "reminder: "+msg)
			done <- struct{}{}
		}()
	}
}
