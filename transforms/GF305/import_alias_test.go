package fetch

import (
	"errors"
	tst "testing"
)

func TestAliased(t *tst.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := errors.New("down"); err != nil {
			t.Fatal(err) // want "GF305"
		}
	}()
	<-done
}
