package started

// Poller polls forever: nothing can stop it.
type Poller struct {
	every   func() int
	results chan int
}

func (p *Poller) poll() {
	for { // want "GF301"
		p.results <- p.every()
	}
}
