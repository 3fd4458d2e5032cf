package batch

import "testing"

// OK: without t.Parallel() the subtest runs to completion inside t.Run, during its iteration.
func TestProcessSequential(t *testing.T) {
	tests := []struct {
		name string
		item Item
	}{
		{"first", Item{ID: 1, Path: "a.txt"}},
		{"second", Item{ID: 2, Path: "b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := process(tt.item); err != nil {
				t.Error(err)
			}
		})
	}
}

// OK: the parent test is parallel, not the subtests: each subtest still finishes inside its
// t.Run call.
func TestProcessParentParallel(t *testing.T) {
	t.Parallel()
	for _, it := range []Item{{ID: 1, Path: "a.txt"}, {ID: 2, Path: "b.txt"}} {
		t.Run(it.Path, func(t *testing.T) {
			if err := process(it); err != nil {
				t.Error(err)
			}
		})
	}
}

// OK: the pre-1.22 idiom, `tt := tt` before the parallel subtest.
func TestProcessParallelCopied(t *testing.T) {
	tests := []struct {
		name string
		item Item
	}{
		{"first", Item{ID: 1, Path: "a.txt"}},
		{"second", Item{ID: 2, Path: "b.txt"}},
	}
	for _, tt := range tests {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := process(tt.item); err != nil {
				t.Error(err)
			}
		})
	}
}
