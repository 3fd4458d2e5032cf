package counters2

import at "sync/atomic"

var served uint64

// Fires (Safe): `sync/atomic` imported under another name.
func Serve() {
	served = at.AddUint64(&served, 1) // want "GF306"
}
