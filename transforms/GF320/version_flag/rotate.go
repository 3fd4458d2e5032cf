// No go.mod here: the `go-version` file stands for `--go-version 1.21`, so the version is
// known and the finding is the usual critical one, with its fix.
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

// Fires: at Go 1.21 every goroutine may rotate the last path.
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
