package ingest

const queueSize = 1 << 20

// Line is one ingested log line.
type Line struct {
	Source string
	Text   string
}

// OK: one below the bound.
func smallQueue() chan Line {
	q := make(chan Line, 9999)
	return q
}

// OK: underscores and arithmetic that stay below the bound: 9 999, 8 192 and 9 999.
func belowBound() (chan int, chan int, chan int) {
	a := make(chan int, 9_999)
	b := make(chan int, 1<<13)
	c := make(chan int, (100-1)*101)
	return a, b, c
}

// OK: a named constant is not evaluated, even though it is 1 << 20.
func namedSize() chan Line {
	q := make(chan Line, queueSize)
	return q
}

// OK: a size from a variable is not a constant.
func sized(n int) chan Line {
	q := make(chan Line, n*1000)
	return q
}

// OK: large slices and maps are not channel buffers.
func tables() ([]byte, map[string]int) {
	buf := make([]byte, 1<<20)
	idx := make(map[string]int, 100_000)
	return buf, idx
}

// OK: a quotient below the bound: 10 000 / 2 = 5 000.
func half() chan struct{} {
	c := make(chan struct{}, 10000/2)
	return c
}
