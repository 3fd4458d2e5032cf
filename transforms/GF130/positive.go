package lazy

import (
	"errors"
	"sync"
)

// Conn is a connection.
type Conn struct{ addr string }

func dial(addr string) *Conn { return &Conn{addr: addr} }

// Client dials on first use.
type Client struct {
	mu   sync.Mutex
	conn *Conn
	addr string
}

// Fires: the outer check reads c.conn without c.mu while another goroutine sets it under
// the lock (the defer variant).
func (c *Client) Conn() *Conn {
	if c.conn == nil { // want "GF130"
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.conn == nil {
			c.conn = dial(c.addr)
		}
	}
	return c.conn
}

var (
	defaultMu     sync.Mutex
	defaultClient *Client
)

// Fires: a package-level variable, `nil ==` spelled the other way round, explicit unlock.
func Default() *Client {
	if nil == defaultClient { // want "GF130"
		defaultMu.Lock() // want "GF101"
		if nil == defaultClient {
			defaultClient = &Client{addr: "localhost:80"}
		}
		defaultMu.Unlock()
	}
	return defaultClient
}

// Registry loads its table once.
type Registry struct {
	mu     sync.Mutex
	ready  bool
	byName map[string]int
}

// Fires: the flag form; the flag is set last, inside the inner check.
func (r *Registry) Lookup(name string) int {
	if !r.ready { // want "GF130"
		r.mu.Lock() // want "GF101"
		if !r.ready {
			r.byName = map[string]int{"a": 1}
			r.ready = true
		}
		r.mu.Unlock()
	}
	return r.byName[name]
}

// Table is loaded on demand.
type Table struct {
	mu     sync.Mutex
	loaded bool
	rows   []string
	err    error
}

// Fires, without a suggestion: the inner block returns, which would mean something else
// inside a function literal.
func (t *Table) Rows() ([]string, error) {
	if t.loaded == false { // want "GF130"
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.loaded == false {
			if t.err != nil {
				return nil, t.err
			}
			t.rows = []string{"x"}
			t.loaded = true
		}
	}
	return t.rows, nil
}

var (
	started bool
	events  = make(chan string, 16)
)

// Fires: run is started with `go`, and the check-then-set of `started` is not guarded.
func run() {
	if !started { // want "GF130"
		started = true
		events <- "started"
	}
}

// Start starts the loop.
func Start() {
	go run()
}

var (
	warned    bool
	errClosed = errors.New("closed")
)

// Fires: warn is reached from a goroutine through a method.
func warn(err error) {
	if warned == false { // want "GF130"
		warned = true
		println(err.Error())
	}
}

type worker struct{ id int }

func (w *worker) loop() {
	warn(errClosed)
}

// Spawn starts a worker.
func Spawn() {
	w := &worker{id: 1}
	go w.loop()
}

var registered bool

// Fires: directly inside a goroutine literal.
func Register(ch chan<- string) {
	go func() {
		if !registered { // want "GF130"
			registered = true

			ch <- "registered"
		}
	}()
}
