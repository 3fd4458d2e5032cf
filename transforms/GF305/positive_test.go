package fetch

import (
	"errors"
	"testing"
)

func fetch(n int) (int, error) {
	if n < 0 {
		return 0, errors.New("negative")
	}
	return n, nil
}

func TestFetch(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := fetch(1); err != nil {
			t.Fatal(err) // want "GF305"
		}
		if _, err := fetch(2); err != nil {
			t.Fatalf("fetch(2): %v", err) // want "GF305"
		}
		if n, _ := fetch(3); n != 3 {
			t.FailNow() // want "GF305"
		}
	}()
	<-done
}

func TestSkipInGoroutine(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := fetch(-1); err != nil {
			t.Skip("backend down") // want "GF305"
		}
		if n, _ := fetch(0); n == 0 {
			t.Skipf("nothing to fetch: %d", n) // want "GF305"
		}
		t.SkipNow() // want "GF305"
	}()
	<-done
}

// The goroutine is handed the test's own `t`.
func TestPassedIn(t *testing.T) {
	done := make(chan struct{})
	go func(t *testing.T) {
		defer close(done)
		if _, err := fetch(-1); err != nil {
			t.Fatal(err) // want "GF305"
		}
	}(t)
	<-done
}

// A subtest's goroutine cannot stop the subtest either; a closure run inside the goroutine
// runs on it.
func TestSubtest(t *testing.T) {
	t.Run("one", func(t *testing.T) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			check := func(err error) {
				if err != nil {
					t.Fatal(err) // want "GF305"
				}
			}
			_, err := fetch(-1)
			check(err)
		}()
		<-done
	})
}

// group starts functions as goroutines, like errgroup.Group.
type group struct{ done chan struct{} }

func (g *group) Go(f func()) {
	go func() {
		defer close(g.done)
		f()
	}()
}

func TestGroup(t *testing.T) {
	g := &group{done: make(chan struct{})}
	g.Go(func() {
		if _, err := fetch(-1); err != nil {
			t.Fatal(err) // want "GF305"
		}
	})
	<-g.done
}

func BenchmarkFetch(b *testing.B) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := fetch(-1); err != nil {
			b.Fatal(err) // want "GF305"
		}
	}()
	<-done
}

func FuzzFetch(f *testing.F) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := fetch(-1); err != nil {
			f.Fatal(err) // want "GF305"
		}
	}()
	<-done
	f.Fuzz(func(t *testing.T, n int) {
		if _, err := fetch(n); err != nil && n >= 0 {
			t.Fatal(err)
		}
	})
}

// A helper taking `testing.TB` is a test too.
func startBackend(tb testing.TB) chan struct{} {
	ready := make(chan struct{})
	go func() {
		defer close(ready)
		if _, err := fetch(-1); err != nil {
			tb.Fatal(err) // want "GF305"
		}
	}()
	return ready
}

// A function of the package started with `go helper(t)` runs on a goroutine of its own.
func helper(t *testing.T, done chan struct{}) {
	defer close(done)
	if _, err := fetch(-1); err != nil {
		t.Fatal(err) // want "GF305"
	}
}

func TestHelper(t *testing.T) {
	done := make(chan struct{})
	go helper(t, done)
	<-done
}
