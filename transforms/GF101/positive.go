package cache

import (
	"errors"
	"log"
	"sync"
)

var errMissing = errors.New("cache: missing key")

// Cache is a map guarded by a read-write mutex.
type Cache struct {
	mu    sync.RWMutex
	items map[string]int
	hits  int
}

// Fires: a straight-line section whose unlock is the last statement of the body.
func (c *Cache) straightLineSection(k string, v int) {
	c.mu.Lock() // want "GF101"
	c.items[k] = v
	c.mu.Unlock()
}

// Fires: every return is preceded by its unlock and evaluates no call (Safe fix).
func (c *Cache) unlockBeforeEveryReturn(k string) (int, error) {
	c.mu.RLock() // want "GF101"
	v, ok := c.items[k]
	if !ok {
		c.mu.RUnlock()
		return 0, errMissing
	}
	c.mu.RUnlock()
	return v, nil
}

// Fires: each branch of the final if/else unlocks last, and the function ends after it.
func (c *Cache) unlockAtEndOfEachBranch(k string, v int) {
	c.mu.Lock() // want "GF101"
	if _, ok := c.items[k]; ok {
		c.hits++
		c.mu.Unlock()
	} else {
		c.items[k] = v
		c.mu.Unlock()
	}
}

// Fires: every case of the switch unlocks and returns; a loop inside the section is fine.
func (c *Cache) unlockInEverySwitchCase(mode string) int {
	c.mu.RLock() // want "GF101"
	switch mode {
	case "sum":
		total := 0
		for _, v := range c.items {
			total += v
		}
		c.mu.RUnlock()
		return total
	case "len":
		n := len(c.items)
		c.mu.RUnlock()
		return n
	default:
		c.mu.RUnlock()
		return -1
	}
}

// Fires: named results and a bare return after the unlock (Safe).
func (c *Cache) bareReturnAfterUnlock(k string) (v int, ok bool) {
	c.mu.RLock() // want "GF101"
	v, ok = c.items[k]
	c.mu.RUnlock()
	return
}

// Fires: log.Fatal ends its path without a finding; the only other path unlocks last.
func (c *Cache) fatalPathEndsSilently(k string) {
	c.mu.Lock() // want "GF101"
	if k == "" {
		log.Fatal("cache: empty key")
	}
	delete(c.items, k)
	c.mu.Unlock()
}

// Fires: a select inside the section; both ways out reach the trailing unlock.
func (c *Cache) selectInsideSection(k string, evict <-chan struct{}) {
	c.mu.Lock() // want "GF101"
	select {
	case <-evict:
		delete(c.items, k)
	default:
		c.hits++
	}
	c.mu.Unlock()
}
