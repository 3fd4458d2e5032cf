package relay

import (
	"log"
	clock "time"
)

// The file calls the `time` package `clock`.
func watch(events <-chan string) {
	for {
		select {
		case e := <-events:
			log.Println(e)
		case <-clock.After(clock.Minute): // want "GF302"
			log.Println("quiet")
		}
	}
}
