package supervisor

import (
	"os"
	ossignal "os/signal"
)

// Fires: os/signal under an import alias.
func awaitInterrupt() {
	ch := make(chan os.Signal) // want "GF211"
	ossignal.Notify(ch, os.Interrupt)
	<-ch
}

// broadcaster fans one signal out to its subscribers; it is not os/signal.
type broadcaster struct {
	subs []chan<- os.Signal
}

// Notify subscribes c; it never sends from a signal handler.
func (b *broadcaster) Notify(c chan<- os.Signal, sigs ...os.Signal) {
	if len(sigs) > 0 {
		b.subs = append(b.subs, c)
	}
}

var signal = &broadcaster{}

// OK: `signal` here is the package's broadcaster; os/signal is imported as `ossignal`.
func subscribe() <-chan os.Signal {
	c := make(chan os.Signal)
	signal.Notify(c, os.Interrupt)
	return c
}
