package batch

import (
	"fmt"
	"testing"
)

// Fires: a parallel subtest pauses at t.Parallel() and resumes after the loop has finished,
// so before Go 1.22 every subtest checks the last case. `tt.name` in the t.Run call is read
// at once; the finding is at the first use inside the subtest.
func TestProcessParallel(t *testing.T) {
	tests := []struct {
		name    string
		item    Item
		wantErr bool
	}{
		{"ok", Item{ID: 1, Path: "a.txt"}, false},
		{"empty path", Item{ID: 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := process(tt.item) // want "GF320"
			if (err != nil) != tt.wantErr {
				t.Errorf("process(%+v) = %v, wantErr %v", tt.item, err, tt.wantErr)
			}
		})
	}
}

// Fires: the subtest's parameter name does not matter, only that the subtest calls Parallel
// on it; the index loop's `i` is shared as well (here it ends up out of range).
func TestProcessByIndex(t *testing.T) {
	items := []Item{{ID: 1, Path: "a.txt"}, {ID: 2, Path: "b.txt"}}
	for i := 0; i < len(items); i++ {
		t.Run(fmt.Sprint(i), func(st *testing.T) {
			st.Parallel()
			if err := process(items[i]); err != nil { // want "GF320"
				st.Error(err)
			}
		})
	}
}
