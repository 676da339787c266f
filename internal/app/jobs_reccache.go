package app

import (
	"context"
	"sync"
	"time"
)

// recCache keeps each person's few best posts for the 为您推荐 block of the
// search page, which a person may load many times a minute: computing them
// reads the resume and the person and scores the index (about 1 ms), and
// with 64 logged-in visitors on /jobs that alone held the page to 1,900
// req/s at p99 560 ms. An entry is used while the job index and this
// instance's resumes are unchanged and for at most recTTL, so a resume
// saved on another instance shows within that time.
type recCache struct {
	mu        sync.Mutex
	resumeGen uint64 // bumped by every resume save on this instance
	m         map[int64]recEntry
}

type recEntry struct {
	gen, resumeGen uint64
	limit          int
	at             time.Time
	res            *Recommendations
}

const (
	recTTL       = time.Minute
	recCacheSize = 20_000
)

// resumeSaved voids every cached block: a saved resume changes that
// person's matches (the whole map goes, which is simpler than tracking
// whose resume it was, and saves are rare next to page views).
func (c *recCache) resumeSaved() {
	c.mu.Lock()
	c.resumeGen++
	c.m = nil
	c.mu.Unlock()
}

func (c *recCache) get(personID int64, gen uint64, limit int, now time.Time) *Recommendations {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[personID]
	if !ok || e.gen != gen || e.resumeGen != c.resumeGen || e.limit != limit || now.Before(e.at) || now.Sub(e.at) >= recTTL {
		return nil
	}
	return e.res
}

func (c *recCache) put(personID int64, gen, resumeGen uint64, limit int, now time.Time, res *Recommendations) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if resumeGen != c.resumeGen { // a resume was saved while this was computed
		return
	}
	if c.m == nil {
		c.m = make(map[int64]recEntry)
	}
	if len(c.m) >= recCacheSize {
		for k := range c.m { // full: drop an arbitrary entry
			delete(c.m, k)
			break
		}
	}
	c.m[personID] = recEntry{gen: gen, resumeGen: resumeGen, limit: limit, at: now, res: res}
}

// RecommendBrief is Recommend for the search page's block: the same
// result, shared for up to a minute (see recCache). It must not be changed.
func (x *Jobs) RecommendBrief(ctx context.Context, a Actor, limit int) (*Recommendations, error) {
	if a.User == nil || a.User.PersonID == 0 {
		return x.Recommend(ctx, a, limit)
	}
	c := &x.recs
	gen, now := x.JobIndexGen(), x.now()
	if res := c.get(a.User.PersonID, gen, limit, now); res != nil {
		return res, nil
	}
	c.mu.Lock()
	resumeGen := c.resumeGen
	c.mu.Unlock()
	res, err := x.Recommend(ctx, a, limit)
	if err != nil {
		return nil, err
	}
	c.put(a.User.PersonID, gen, resumeGen, limit, now, res)
	return res, nil
}
