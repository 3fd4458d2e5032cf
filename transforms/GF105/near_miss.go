package batch

import (
	"errors"
	"sync"
)

var errOffline = errors.New("batch: offline")

// Shard is one lock-protected partition.
type Shard struct {
	mu   sync.Mutex
	keys map[string]bool
}

// Cluster holds shards.
type Cluster struct {
	mu      sync.Mutex
	shards  []*Shard
	claimed map[string]bool
	online  bool
}

// OK: the correct wrapping: the func literal's defer runs at the end of each iteration.
func (c *Cluster) addAll(keys []string) {
	for _, k := range keys {
		func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.shards[len(k)%len(c.shards)].keys[k] = true
		}()
	}
}

// OK: every path after the defer returns, so the loop never goes round with it pending
// (a retry loop whose `continue` comes before the Lock).
func (c *Cluster) connect(dial func() error) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := dial(); err != nil {
			continue
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.online = true
		return nil
	}
	return errOffline
}

// OK: a different lock each iteration, all held until the function returns on purpose
// (lock every shard, then work on all of them).
func (c *Cluster) clearAll() {
	for _, sh := range c.shards {
		sh.mu.Lock()
		defer sh.mu.Unlock()
	}
	for _, sh := range c.shards {
		sh.keys = map[string]bool{}
	}
}

// OK: the defer is in a goroutine started by the loop, not in the loop's function.
func (c *Cluster) markAll(key string) {
	var wg sync.WaitGroup
	for _, sh := range c.shards {
		wg.Add(1)
		go func(sh *Shard) {
			defer wg.Done()
			sh.mu.Lock()
			defer sh.mu.Unlock()
			sh.keys[key] = true
		}(sh)
	}
	wg.Wait()
}

// OK: the body always ends in a return (no continue), so it runs at most once.
func (c *Cluster) claimFirst(keys []string) string {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.claimed[k] = true
		if c.online {
			return k
		}
		return ""
	}
	return ""
}

// OK: the deferred unlock is after the loop, not in it.
func (c *Cluster) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, sh := range c.shards {
		n += len(sh.keys)
	}
	return n
}
