package relay

import (
	"errors"
	"log"
	"time"
)

var errIdle = errors.New("relay: idle")

// The idle timeout starts over with every message: under steady traffic it never fires, and
// each message leaves a timer behind.
func forward(in <-chan string, out chan<- string) error {
	for {
		select {
		case msg := <-in:
			out <- msg
		case <-time.After(time.Minute): // want "GF302"
			return errIdle
		}
	}
}

// A `default` case goes round the loop at once: a new timer per spin.
func spinWait(ready <-chan struct{}) {
	for {
		select {
		case <-time.After(time.Second): // want "GF302"
			log.Println("still waiting")
		case <-ready:
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

// A plain `break` in a case ends the `select`, not the loop; `continue` goes round it.
func heartbeat(beats <-chan int, stopped func() bool) {
	for !stopped() {
		select {
		case n := <-beats:
			if n == 0 {
				break
			}
			log.Println("beat", n)
		case v := <-time.After(5 * time.Second): // want "GF302"
			log.Println("missed a beat at", v)
			continue
		}
	}
}
