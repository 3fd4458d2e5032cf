// This module's go.mod has no `go` line, which means Go 1.16: loop variables are shared.
package mirror

import (
	"log"
	"sync"
)

// Mirror is one remote copy of a repository.
type Mirror struct {
	Name string
	URL  string
}

// push uploads to one mirror.
func push(m Mirror) error {
	log.Printf("pushing to %s (%s)", m.Name, m.URL)
	return nil
}

// Fires: every goroutine may push to the last mirror (the module is at Go 1.16).
func pushAll(mirrors []Mirror) {
	var wg sync.WaitGroup
	for _, m := range mirrors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := push(m); err != nil { // want "GF320"
				log.Printf("%s: %v", m.Name, err)
			}
		}()
	}
	wg.Wait()
}
