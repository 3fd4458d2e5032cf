// No go.mod and no `--go-version`: the toolchain that builds this decides the loop semantics,
// so the finding is reported at low severity and without a fix.
package logs

import (
	"fmt"
	"os"
	"sync"
)

// rotate renames one log file aside.
func rotate(path string) error {
	return os.Rename(path, path+".1")
}

// Fires (low, no fix): before Go 1.22 every goroutine may rotate the last path.
func rotateAll(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := rotate(p); err != nil { // want "GF320"
				fmt.Fprintln(os.Stderr, err)
			}
		}()
	}
	wg.Wait()
}
