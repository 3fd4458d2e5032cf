package batch

// Shard is a named group of items stored together.
type Shard struct {
	Name  string
	Items []Item
}

// Fires twice: the goroutine in the inner loop captures the outer loop's `s` (a finding for
// the outer loop) and the inner loop's `it` (a finding for the inner loop). Each fix goes at
// the top of its own loop's body.
func copyShards(shards []Shard, out chan<- string) {
	for _, s := range shards {
		for _, it := range s.Items {
			go func() {
				prefix := s.Name              // want "GF320"
				out <- prefix + "/" + it.Path // want "GF320"
			}()
		}
	}
}

// Fires for the inner loop only: it re-declares `it` (its range expression still reads the
// outer one), so the goroutine's `it` is the inner loop's and the outer `it` is shadowed.
func flatten(roots []Item, children map[int][]Item, out chan<- Item) {
	for _, it := range roots {
		for _, it := range children[it.ID] {
			go func() {
				out <- it // want "GF320"
			}()
		}
	}
}

// Fires for the outer loop only: the inner loop copies its own `col`, not the outer `row`.
func renderGrid(rows, cols int, cells chan<- [2]int) {
	for row := 0; row < rows; row++ {
		for col := 0; col < cols; col++ {
			col := col
			go func() {
				cells <- [2]int{row, col} // want "GF320"
			}()
		}
	}
}

// OK: the inner body copies both loops' variables before the goroutine, and the copy is
// inside the outer body too, so it shadows the outer `s` as well.
func copyShardsCopied(shards []Shard, out chan<- string) {
	for _, s := range shards {
		for _, it := range s.Items {
			s, it := s, it
			go func() {
				out <- s.Name + "/" + it.Path
			}()
		}
	}
}

// OK: the goroutine only uses its parameter `p`; both loops' variables are read before the
// `go` statement, outside any closure.
func listShards(shards []Shard, out chan<- string) {
	for _, s := range shards {
		for _, it := range s.Items {
			path := s.Name + "/" + it.Path
			go func(p string) {
				out <- p
			}(path)
		}
	}
}
