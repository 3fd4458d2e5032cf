package fetch

import (
	"errors"
	"fmt"
	"testing"
)

func fetch(n int) (int, error) {
	if n < 0 {
		return 0, errors.New("negative")
	}
	return n, nil
}

// OK: the goroutine hands its error back and the test goroutine stops the test.
func TestHandBack(t *testing.T) {
	errc := make(chan error, 1)
	go func() {
		_, err := fetch(1)
		errc <- err
	}()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// OK: `t.Error` may be called from any goroutine.
func TestError(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := fetch(-1); err != nil {
			t.Error(err)
			return
		}
	}()
	<-done
}

// OK: a subtest's own `t` runs on the subtest's goroutine.
func TestRunFromGoroutine(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Run("inner", func(t *testing.T) {
			if _, err := fetch(-1); err != nil {
				t.Fatal(err)
			}
		})
	}()
	<-done
}

// tracker has a Fatal method of its own.
type tracker struct{ failed bool }

func (tr *tracker) Fatal(args ...any) {
	tr.failed = true
	fmt.Println(args...)
}

// OK: inside the goroutine `t` is another variable.
func TestShadowed(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := &tracker{}
		t.Fatal("not a testing.T")
	}()
	<-done
}

// OK: a parameter named `t` that is not a testing type.
func watch(t *tracker) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Fatal("tracked")
	}()
	return done
}

// OK: deferred and called closures run on the test's goroutine.
func TestDeferred(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatal(r)
		}
	}()
	check := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := fetch(1)
	check(err)
	<-watch(&tracker{})
}
