package fanout

import (
	"log"
	"strings"
)

// Buffer is a byte buffer whose Clone makes an independent copy.
type Buffer struct{ data []byte }

// Clone copies the buffer's bytes.
func (b *Buffer) Clone() *Buffer { return &Buffer{data: append([]byte(nil), b.data...)} }

// OK: a 3-clause loop is left alone: there a copy still matters when the body changes `i`.
func fetchByIndex(keys []string, out chan<- Result) {
	for i := 0; i < len(keys); i++ {
		i := i
		go func() {
			out <- fetch(keys[i])
		}()
	}
}

// OK: the copy comes after another statement, so it is not a leading statement.
func fetchLogged(keys []string, out chan<- Result) {
	for _, key := range keys {
		log.Printf("fetching %s", key)
		key := key
		go func() {
			out <- fetch(key)
		}()
	}
}

// OK: `prefix` is the function's parameter, not a variable of this loop.
func fetchPrefixed(prefix string, keys []string, out chan<- Result) {
	for _, key := range keys {
		prefix := prefix
		go func() {
			out <- fetch(prefix + key)
		}()
	}
}

// OK: the right sides are not the variables themselves: a deep copy and a dereference.
func snapshotAll(bufs []*Buffer, out chan<- *Buffer, sizes chan<- int) {
	for _, b := range bufs {
		b := b.Clone()
		go func() {
			out <- b
		}()
	}
	for _, b := range bufs {
		b := *b
		go func() {
			sizes <- len(b.data)
		}()
	}
}

// OK: a swap is not a copy.
func invert(pairs map[string]string, out chan<- string) {
	for k, v := range pairs {
		k, v := v, k
		out <- k + "=" + v
	}
}

// OK: `for _, cur = range` assigns a variable declared before the loop; `cur := cur` copies
// that variable, not one of this loop's own.
func lastUpper(keys []string, out chan<- string) {
	var cur string
	for _, cur = range keys {
		cur := cur
		go func() {
			out <- strings.ToUpper(cur)
		}()
	}
	log.Printf("last key: %s", cur)
}

// OK: the inner loop copies the outer loop's `owner`, not one of its own variables.
func fetchOwned(owners map[string][]string, out chan<- string) {
	for owner, keys := range owners {
		for _, key := range keys {
			owner := owner
			go func() {
				out <- owner + ": " + fetch(key).Key
			}()
		}
	}
}
