package fanout

import "testing"

// Fires: the copy every pre-1.22 table test has, with its trailing comment.
func TestFetch(t *testing.T) {
	for _, key := range []string{"a", "bb"} {
		key := key // capture range variable // want "GF321"
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			if got := fetch(key); got.Size != len(key) {
				t.Errorf("fetch(%q).Size = %d", key, got.Size)
			}
		})
	}
}
