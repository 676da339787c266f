package match

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Pool is a set of persons kept ready to be ranked against job posts: the
// employer's side of the recommendations. Scoring every person and sorting
// them all costs milliseconds at a district's scale, on every request; a
// Pool instead compiles each person once (intended occupations and skills
// to small integers, education to its rank) and indexes them by intended
// occupation — code, 小类 and 中类 — and by skill. A post then scores the
// plausible persons first (same occupation, then same 小类, same 中类,
// shared skills) and stops as soon as the best score anyone left could
// reach is below its n-th: the result is exactly the n best of Points over
// the whole pool, ties by ID descending, as Top orders them.
//
// Put and Delete change one person in place (a saved resume need not
// rebuild anything). A Pool is not safe for concurrent use: Put and Delete
// need the caller's exclusive lock, Top and Len a shared one.
type Pool struct {
	entries []poolEntry     // by slot; a free slot has id 0
	slot    map[int64]int32 // person id → slot
	free    []int32
	intern  map[string]int32 // occupation codes, 小类, 中类 and folded skills → small integers
	byCode  postings         // occupation code → persons intending it
	byGroup postings         // 小类 of a four-segment code → persons
	byClass postings         // 中类 of a code of three or more segments → persons
	bySkill postings         // folded skill → persons
}

// postings lists the slots of the persons having a key.
type postings map[int32][]int32

// poolEntry is one person, compiled.
type poolEntry struct {
	id     int64
	person Person
	occ    []occKey
	skills []int32 // folded skills, distinct
	edu    int     // EducationRank of person.Education
	eduOK  bool
}

// occKey is one intended occupation: its code, and the 小类 and 中类 it
// counts for (-1 when the code is too short to count for one).
type occKey struct{ code, group, class int32 }

// unknown is a post's key the pool has never seen: it matches nothing,
// not even an entry's -1.
const unknown = -2

// NewPool returns an empty pool.
func NewPool() *Pool {
	return &Pool{slot: map[int64]int32{}, intern: map[string]int32{},
		byCode: postings{}, byGroup: postings{}, byClass: postings{}, bySkill: postings{}}
}

// Len is the number of persons in the pool.
func (p *Pool) Len() int { return len(p.slot) }

// Get returns person id as put, and whether they are in the pool.
func (p *Pool) Get(id int64) (*Person, bool) {
	slot, ok := p.slot[id]
	if !ok {
		return nil, false
	}
	return &p.entries[slot].person, true
}

// Put adds person id (> 0), or replaces them.
func (p *Pool) Put(id int64, person Person) {
	p.Delete(id)
	e := poolEntry{id: id, person: person}
	e.edu, e.eduOK = EducationRank(person.Education)
	for _, c := range person.OccupationCodes {
		k := occKey{code: p.key(c), group: -1, class: -1}
		dashes := strings.Count(c, "-")
		if dashes >= 3 {
			k.group = p.key(OccupationGroup(c))
		}
		if dashes >= 2 {
			k.class = p.key(OccupationClass(c))
		}
		e.occ = append(e.occ, k)
	}
	for _, s := range person.Skills {
		if k := p.key(foldKey(s)); !slices.Contains(e.skills, k) {
			e.skills = append(e.skills, k)
		}
	}
	var slot int32
	if n := len(p.free); n > 0 {
		slot, p.free = p.free[n-1], p.free[:n-1]
		p.entries[slot] = e
	} else {
		slot = int32(len(p.entries))
		p.entries = append(p.entries, e)
	}
	p.slot[id] = slot
	p.index(&p.entries[slot], slot, postings.add)
}

// Delete removes person id; an absent id is no error.
func (p *Pool) Delete(id int64) {
	slot, ok := p.slot[id]
	if !ok {
		return
	}
	p.index(&p.entries[slot], slot, postings.remove)
	p.entries[slot] = poolEntry{}
	delete(p.slot, id)
	p.free = append(p.free, slot)
}

// index adds a person's slot to (or removes it from) the postings of each
// of their keys, once per key.
func (p *Pool) index(e *poolEntry, slot int32, op func(postings, int32, int32)) {
	var codes, groups, classes []int32
	for _, k := range e.occ {
		if !slices.Contains(codes, k.code) {
			codes = append(codes, k.code)
			op(p.byCode, k.code, slot)
		}
		if k.group >= 0 && !slices.Contains(groups, k.group) {
			groups = append(groups, k.group)
			op(p.byGroup, k.group, slot)
		}
		if k.class >= 0 && !slices.Contains(classes, k.class) {
			classes = append(classes, k.class)
			op(p.byClass, k.class, slot)
		}
	}
	for _, k := range e.skills { // distinct already
		op(p.bySkill, k, slot)
	}
}

func (m postings) add(key, slot int32) { m[key] = append(m[key], slot) }

func (m postings) remove(key, slot int32) {
	list := m[key]
	if i := slices.Index(list, slot); i >= 0 {
		list[i] = list[len(list)-1]
		list = list[:len(list)-1]
	}
	if len(list) == 0 {
		delete(m, key)
	} else {
		m[key] = list
	}
}

// key interns s.
func (p *Pool) key(s string) int32 {
	if k, ok := p.intern[s]; ok {
		return k
	}
	k := int32(len(p.intern))
	p.intern[s] = k
	return k
}

// lookup is s's key, or unknown: a post never adds keys (Top only reads).
func (p *Pool) lookup(s string) int32 {
	if k, ok := p.intern[s]; ok {
		return k
	}
	return unknown
}

// foldKey spells s so that two strings get the same key exactly when
// strings.EqualFold says they are equal (which is how Score compares
// skills): every rune becomes the smallest rune of its case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// poolQuery is a post compiled against a pool's keys.
type poolQuery struct {
	j                  *Post
	code, group, class int32
	skills             []int32 // the post's skills as Score counts them (exact repeats dropped), unknown ones included
	distinct           []int32 // the known skills, once each: the postings to visit
	need               int     // education rank required
	fresh              int     // freshness points: the same for everyone
}

func (p *Pool) query(j *Post, now time.Time) *poolQuery {
	q := &poolQuery{j: j, code: p.lookup(j.OccupationCode), group: p.lookup(OccupationGroup(j.OccupationCode)),
		class: p.lookup(OccupationClass(j.OccupationCode)), fresh: freshPoints(j.PublishedAt, now)}
	q.need, _ = EducationRank(j.Education)
	for i, s := range j.Skills {
		if slices.Contains(j.Skills[:i], s) {
			continue
		}
		k := p.lookup(foldKey(s))
		q.skills = append(q.skills, k)
		if k != unknown && !slices.Contains(q.distinct, k) {
			q.distinct = append(q.distinct, k)
		}
	}
	return q
}

// occupation is the entry's occupation points against the post (see
// occupationPoints, which this equals).
func (e *poolEntry) occupation(q *poolQuery) int {
	best := 0
	for _, k := range e.occ {
		switch {
		case k.code == q.code:
			best = max(best, WOccupationSame)
		case k.group == q.group:
			best = max(best, WOccupationGroup)
		case k.class == q.class:
			best = max(best, WOccupationClass)
		}
	}
	return best
}

// sharesSkill reports whether the entry has one of the post's skills.
func (e *poolEntry) sharesSkill(keys []int32) bool {
	for _, k := range keys {
		if slices.Contains(e.skills, k) {
			return true
		}
	}
	return false
}

// points equals s.Points(&e.person, q.j, now), occupation given.
func (e *poolEntry) points(s *Scorer, q *poolQuery, occ int) int {
	score := occ
	n := 0
	for _, k := range q.skills {
		if k != unknown && slices.Contains(e.skills, k) {
			n++
		}
	}
	if n > 0 {
		score += skillPoints(n)
	}
	place, _ := s.place(&e.person, q.j, false)
	score += place + salaryPoints(&e.person, q.j)
	if educationFits(e.edu, e.eduOK, q.need) {
		score += WEducation
	}
	if experienceFits(e.person.Years, q.j.ExperienceYears) {
		score += WExperience
	}
	return min(max(score+q.fresh, 0), 100)
}

// Top returns the n best persons for post j at now, with Score's reasons:
// the same list as scoring everyone with Points, keeping the n best with
// Top and explaining them.
//
// It visits the persons in tiers of falling best case — same occupation
// code, same 小类, same 中类, sharing a skill, the rest — and stops before
// a tier whose best case is below the n-th score kept so far. A tier's best
// case is its occupation points plus the most every other part can give
// (the rest share no skill, so their skills give nothing).
func (p *Pool) Top(s *Scorer, j *Post, now time.Time, n int) []Scored {
	if n <= 0 {
		return nil
	}
	r := p.rank(s, j, now, n)
	for i := range r.top {
		r.top[i].Result = s.Score(&p.entries[p.slot[r.top[i].ID]].person, j, now)
	}
	return r.top
}

// rank is Top without the reasons.
func (p *Pool) rank(s *Scorer, j *Post, now time.Time, n int) *ranking {
	r := &ranking{p: p, s: s, q: p.query(j, now), n: n, top: make([]Scored, 0, n+1)}
	r.run()
	return r
}

// ranking is one Top in progress.
type ranking struct {
	p      *Pool
	s      *Scorer
	q      *poolQuery
	n      int
	top    []Scored // the best so far, best first, at most n
	scored int      // persons scored: what the tiers and bounds saved is Len() minus this
}

// run visits the tiers in order until the next one cannot enter the top.
func (r *ranking) run() {
	p, q := r.p, r.q
	known := 0
	for _, k := range q.skills {
		if k != unknown {
			known++
		}
	}
	skillMax := 0
	if known > 0 {
		skillMax = skillPoints(known)
	}
	rest := skillMax + WRegionNear + WSalary + WEducation + WExperience + q.fresh

	r.tier(p.byCode[q.code], WOccupationSame)
	if r.beaten(WOccupationGroup + rest) {
		return
	}
	r.tier(p.byGroup[q.group], WOccupationGroup)
	if r.beaten(WOccupationClass + rest) {
		return
	}
	r.tier(p.byClass[q.class], WOccupationClass)
	if r.beaten(rest) {
		return
	}
	// no occupation in common, a skill in common: each person once, under
	// the first of the post's skills they have
	for i, k := range q.distinct {
		for _, slot := range p.bySkill[k] {
			if e := &p.entries[slot]; e.occupation(q) == 0 && !e.sharesSkill(q.distinct[:i]) {
				r.offer(e, 0)
			}
		}
	}
	if r.beaten(rest - skillMax) {
		return
	}
	for i := range p.entries {
		if e := &p.entries[i]; e.id != 0 && e.occupation(q) == 0 && !e.sharesSkill(q.distinct) {
			r.offer(e, 0)
		}
	}
}

// tier offers the persons of a posting list whose occupation points are
// occ (those with more belong to a tier already visited).
func (r *ranking) tier(list []int32, occ int) {
	for _, slot := range list {
		if e := &r.p.entries[slot]; e.occupation(r.q) == occ {
			r.offer(e, occ)
		}
	}
}

func (r *ranking) offer(e *poolEntry, occ int) {
	r.scored++
	r.top = keep(r.top, r.n, Scored{ID: e.id, Result: Result{Score: e.points(r.s, r.q, occ)}})
}

// beaten reports whether a tier whose best case is bound cannot enter the
// top: it is full and bound is below its last score (a tie could still
// enter by a larger ID).
func (r *ranking) beaten(bound int) bool {
	return len(r.top) == r.n && min(bound, 100) < r.top[r.n-1].Score
}

// keep adds x to top (the best so far, best first, at most n) if it is
// among the n best.
func keep(top []Scored, n int, x Scored) []Scored {
	if len(top) == n {
		if !better(x, top[n-1]) {
			return top
		}
		top = top[:n-1]
	}
	i := len(top)
	for i > 0 && better(x, top[i-1]) {
		i--
	}
	return slices.Insert(top, i, x)
}
