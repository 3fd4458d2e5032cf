package across

import "time"

// shutdown is declared here and written by a goroutine in worker.go.
var shutdown bool

// Serve polls the flag another file's goroutine sets.
func Serve(handle func()) {
	for !shutdown { // want "GF304"
		handle()
		time.Sleep(time.Millisecond)
	}
}
