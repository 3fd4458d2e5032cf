package lazy

import "sync"

// Logger is built on first use.
type Logger struct {
	prefix string
}

var (
	loggerMu sync.Mutex
	logger   *Logger
)

// Fires; the suggestion shows the sync.Once form of the defer variant, and the comment
// inside the inner block moves with it.
func Get(prefix string) *Logger {
	if logger == nil { // want "GF130"
		loggerMu.Lock()
		defer loggerMu.Unlock()
		// Check again: another goroutine may have won the race.
		if logger == nil {
			l := &Logger{}
			// The prefix is fixed at first use.
			l.prefix = prefix

			logger = l
		}
	}
	return logger
}

// Options are loaded once.
type Options struct {
	mu     sync.Mutex
	loaded bool
	values map[string]string
	extra  []string
}

// Fires without a suggestion: the outer block holds more than the lock and the inner check.
func (o *Options) Value(k string) string {
	if !o.loaded { // want "GF130"
		o.mu.Lock()
		defer o.mu.Unlock()
		o.extra = append(o.extra, k)
		if !o.loaded {
			o.values = map[string]string{}
			o.loaded = true
		}
	}
	return o.values[k]
}
