package main

import (
	"fmt"
	"sync"
)

// Config is read-mostly.
type Config struct {
	mu     sync.RWMutex
	values map[string]string
}

// Set takes the write lock and releases it correctly.
func (c *Config) Set(key, val string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[key] = val
}

// Get takes the read lock but releases it as a writer.
func (c *Config) Get(key string) string {
	c.mu.RLock()
	defer c.mu.Unlock() // want "GF106"
	return c.values[key]
}

// Before the fix the first Get dies with "fatal error: sync: Unlock of unlocked RWMutex"
// (exit 2); after it, this prints "prod eu".
func main() {
	c := &Config{values: map[string]string{"env": "prod"}}
	c.Set("region", "eu")
	fmt.Println(c.Get("env"), c.Get("region"))
}
