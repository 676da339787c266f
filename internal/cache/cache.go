// Package cache is a small in-process cache for results that are valid for
// a few seconds and while a generation number (such as the job index's
// change counter) stays the same. The busiest pages of the job board use
// it: the search page for anonymous visitors and search results.
package cache

import (
	"sync"
	"time"
)

// Gen caches values by key for at most TTL and only within one generation:
// a value stored for an older generation is never returned, and the first
// store of a newer one empties the cache. When full it drops an arbitrary
// entry (map order is random), which is good enough for a few seconds of
// life. With Doorkeeper set, a key is admitted only when it is asked for a
// second time (see Admit), so one-off keys neither cost a copy nor evict
// popular ones. The zero value is not usable; fill TTL and Size.
type Gen[V any] struct {
	TTL        time.Duration
	Size       int
	Doorkeeper int // keys remembered by Admit; 0 admits every key

	mu   sync.Mutex
	gen  uint64
	m    map[string]entry[V]
	seen map[string]struct{}
}

type entry[V any] struct {
	v  V
	at time.Time
}

// Get returns the value stored for key in generation gen, if it is younger
// than TTL at now.
func (c *Gen[V]) Get(key string, gen uint64, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || c.gen != gen || now.Before(e.at) || now.Sub(e.at) >= c.TTL {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Put stores v for key, computed in generation gen at now. A value of a
// generation older than the cache's is dropped: it was computed before a
// change another caller has already seen.
func (c *Gen[V]) Put(key string, gen uint64, now time.Time, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if c.m == nil || c.gen != gen {
		c.gen, c.m = gen, make(map[string]entry[V])
	}
	if len(c.m) >= c.Size {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[key] = entry[V]{v: v, at: now}
}

// Admit reports whether a value for key, not found by Get, should be
// stored: always without a doorkeeper, else only when key was asked for
// before (among the last Doorkeeper distinct keys, roughly).
func (c *Gen[V]) Admit(key string) bool {
	if c.Doorkeeper <= 0 {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[key]; ok {
		return true
	}
	if c.seen == nil || len(c.seen) >= c.Doorkeeper {
		c.seen = make(map[string]struct{}, min(c.Doorkeeper, 1024))
	}
	c.seen[key] = struct{}{}
	return false
}
