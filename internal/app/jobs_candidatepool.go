package app

// The candidate pool: the discoverable resumes of every person, kept in
// memory as a match.Pool ready to rank against a post.
//
// How current it is. A resume saved on this instance is in the pool at
// once (SaveResume calls poolSaved). Saves made on another instance, and
// changes of a person's record (name, phone, education) made anywhere,
// arrive when a candidates request finds the last look older than
// poolRefresh (10 s): it reads the resumes and persons changed since the
// previous look, less poolOverlap (1 min). So a change committed elsewhere
// shows in every candidate list requested more than poolRefresh after it
// (plus the few milliseconds of a look in progress) — as long as the
// instances' clocks, which write updated_at, agree within poolOverlap and
// no save takes longer than that to commit. Whatever that misses, and the
// work experience that grows with time, the full reload every poolReload
// (1 h) puts right. Reading a change twice does no harm, and a read older
// than what a local save already applied is ignored (version).

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// Candidate pool timing; see the top of this file.
const (
	poolRefresh = 10 * time.Second
	poolOverlap = time.Minute
	poolReload  = time.Hour
)

// candidatePool is the App's pool and what it needs to follow the store.
type candidatePool struct {
	refresh sync.Mutex // one load or look at a time; requests do not wait for a look

	mu       sync.RWMutex // guards the fields below; ranking holds it shared
	pool     *match.Pool
	contacts map[int64]contact
	version  map[int64]time.Time // person → updated_at of the resume last applied, in the pool or not
	loaded   time.Time           // last full load (store clock)
	checked  time.Time           // last look for changes
	since    time.Time           // the next look reads changes at or after this
}

// contact is what a candidate list shows of a person besides the scores.
type contact struct{ name, phone string }

// freshPool loads the pool on first use and afterwards keeps it current:
// a full reload when it is poolReload old, a look for changes when the
// last one is poolRefresh old. Only the first load makes requests wait;
// while one request refreshes, the others rank with what is there, and a
// failed refresh of a loaded pool is logged and retried by a later one.
func (x *Jobs) freshPool(ctx context.Context) error {
	c := &x.pool
	now := x.now()
	c.mu.RLock()
	loaded, reload, look := c.pool != nil, c.reloadDue(now), c.lookDue(now)
	c.mu.RUnlock()
	switch {
	case !loaded:
		c.refresh.Lock()
	case reload || look:
		if !c.refresh.TryLock() {
			return nil
		}
	default:
		return nil
	}
	defer c.refresh.Unlock()
	c.mu.RLock()
	loaded, reload, look = c.pool != nil, c.reloadDue(now), c.lookDue(now)
	c.mu.RUnlock()
	var err error
	switch {
	case !loaded || reload:
		err = x.reloadPool(ctx, now)
	case look:
		err = x.lookForChanges(ctx, now)
	}
	if err != nil && loaded {
		x.log.Error("candidate pool refresh", "err", err)
		return nil
	}
	return err
}

func (c *candidatePool) reloadDue(now time.Time) bool {
	return now.Sub(c.loaded) >= poolReload || now.Before(c.loaded)
}

func (c *candidatePool) lookDue(now time.Time) bool {
	return now.Sub(c.checked) >= poolRefresh || now.Before(c.checked)
}

// reloadPool builds a new pool from every discoverable resume and swaps it
// in, then looks for changes at once: a resume saved here while the new
// pool was being built went into the old one.
func (x *Jobs) reloadPool(ctx context.Context, now time.Time) error {
	list, err := x.db.Jobs().DiscoverableResumes(ctx)
	if err != nil {
		return err
	}
	c := &candidatePool{pool: match.NewPool(), contacts: make(map[int64]contact, len(list)),
		version: make(map[int64]time.Time, len(list))}
	for _, d := range list {
		c.apply(d, now)
	}
	p := &x.pool
	p.mu.Lock()
	p.pool, p.contacts, p.version = c.pool, c.contacts, c.version
	p.loaded, p.checked, p.since = now, now, now.Add(-poolOverlap)
	p.mu.Unlock()
	if err := x.lookForChanges(ctx, x.now()); err != nil { // the next look catches up
		x.log.Error("candidate pool look after reload", "err", err)
	}
	return nil
}

// lookForChanges applies the resumes and persons changed since the last
// look (less poolOverlap).
func (x *Jobs) lookForChanges(ctx context.Context, now time.Time) error {
	c := &x.pool
	c.mu.RLock()
	since := c.since
	c.mu.RUnlock()
	list, err := x.db.Jobs().ResumesChangedSince(ctx, since)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range list {
		c.apply(d, now)
	}
	c.checked, c.since = now, now.Add(-poolOverlap)
	return nil
}

// apply brings one person's entry up to date with a resume read from the
// store or just saved (caller holds mu): in the pool when discoverable,
// out of it otherwise; a read older than the version applied is ignored.
func (c *candidatePool) apply(d store.Candidate, now time.Time) {
	id := d.Resume.PersonID
	if v, ok := c.version[id]; ok && d.Resume.UpdatedAt.Before(v) {
		return
	}
	c.version[id] = d.Resume.UpdatedAt
	if !d.Resume.Discoverable {
		c.pool.Delete(id)
		delete(c.contacts, id)
		return
	}
	c.pool.Put(id, MatchPerson(d.Resume, d.Education, now))
	c.contacts[id] = contact{name: d.Name, phone: d.PhoneMasked}
}

// poolSaved brings a resume just saved on this instance into the pool (if
// the pool is loaded).
func (x *Jobs) poolSaved(r *resume.Resume, p *registry.Person) {
	c := &x.pool
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pool == nil {
		return
	}
	c.apply(store.Candidate{Resume: r, Name: p.Name, PhoneMasked: p.PhoneMasked, Education: p.Education}, x.now())
}

// LoadCandidatePool loads the pool now if it is not loaded (requests load
// it on first use otherwise) and returns the number of persons in it;
// `jiuye bench start` measures it.
func (x *Jobs) LoadCandidatePool(ctx context.Context) (int, error) {
	if err := x.freshPool(ctx); err != nil {
		return 0, fmt.Errorf("app.LoadCandidatePool: %w", err)
	}
	c := &x.pool
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.pool.Len(), nil
}
