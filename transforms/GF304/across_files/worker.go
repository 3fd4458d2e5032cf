package across

import "time"

// StopAfter sets the flag from a goroutine.
func StopAfter(d time.Duration) {
	go func() {
		time.Sleep(d)
		shutdown = true // want "GF304"
	}()
}
