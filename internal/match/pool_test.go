package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFoldKey: equal keys exactly when strings.EqualFold says equal,
// including the folds that lower-casing gets wrong (final sigma, Kelvin
// sign, long s) and invalid UTF-8.
func TestFoldKey(t *testing.T) {
	words := []string{"Excel", "EXCEL", "excel", "exceL ", "σ", "ς", "Σ", "K", "k", "\u212a", "s", "S", "ſ", "ß", "ẞ", "ss",
		"叉车", "叉車", "WMS", "wms", "\xff", "\xfe", "\ufffd", "", "ǅ", "ǆ", "Ǆ", "İ", "i", "ı"}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("%q vs %q: same key %v, EqualFold %v", a, b, got, want)
			}
		}
	}
}

// vocabulary for random persons and posts: few values, so that codes,
// skills (in several cases), places and ties collide often.
var (
	randCodes   = []string{"4-02-06-01", "4-02-06-03", "4-02-01-01", "4-02-06", "4-02", "4", "6-01-01-01", "6-01-02-01", "2-02-01-02", ""}
	randSkills  = []string{"叉车", "Excel", "excel", "EXCEL", "仓储管理", "驾驶", "σ", "ς", "焊接", "WMS", "k", "\u212a"}
	randRegions = []string{"420112001", "420112002", "420112", "420102001", "4201", "420302001", "110101001"}
	randEdu     = []string{"", "不限", "初中", "高中", "中专", "大专", "本科", "硕士", "研究生"}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func some[T any](r *rand.Rand, s []T, most int) []T {
	var out []T
	for range r.IntN(most + 1) {
		out = append(out, pick(r, s))
	}
	return out
}

func randPerson(r *rand.Rand) Person {
	p := Person{OccupationCodes: some(r, randCodes, 3), RegionCodes: some(r, randRegions, 2), Skills: some(r, randSkills, 4),
		Education: pick(r, randEdu), Years: float64(r.IntN(8)) / 2}
	if r.IntN(3) > 0 {
		p.SalaryMin = 3000 + 500*r.IntN(6)
		p.SalaryMax = p.SalaryMin + 500*r.IntN(5)
	}
	if r.IntN(2) == 0 {
		p.HasGeo, p.Lat, p.Lng = true, 30.5+r.Float64()*0.3, 114.0+r.Float64()*0.3
	}
	return p
}

func randPost(r *rand.Rand, now time.Time) Post {
	j := Post{OccupationCode: pick(r, randCodes), RegionCode: pick(r, randRegions), Skills: some(r, randSkills, 4),
		SalaryMin: 3000 + 500*r.IntN(6), Education: pick(r, randEdu), ExperienceYears: r.IntN(4),
		PublishedAt: now.Add(-time.Duration(r.IntN(40*24)) * time.Hour)}
	j.SalaryMax = j.SalaryMin + 500*r.IntN(6)
	if r.IntN(2) == 0 {
		j.HasGeo, j.Lat, j.Lng = true, 30.5+r.Float64()*0.3, 114.0+r.Float64()*0.3
	}
	return j
}

// fullScan is the reference ranking: Points for everyone, Top, Score.
func fullScan(s *Scorer, people map[int64]Person, j *Post, now time.Time, n int) []Scored {
	all := make([]Scored, 0, len(people))
	for id, p := range people {
		all = append(all, Scored{ID: id, Result: Result{Score: s.Points(&p, j, now)}})
	}
	top := Top(all, n)
	Explain(top, func(id int64) Result { p := people[id]; return s.Score(&p, j, now) })
	return top
}

func sameRanking(a, b []Scored) bool {
	return slices.EqualFunc(a, b, func(x, y Scored) bool {
		return x.ID == y.ID && x.Score == y.Score && slices.Equal(x.Reasons, y.Reasons)
	})
}

// TestPoolEqualsFullScan: on random pools, changed in place by Put and
// Delete, Pool.Top returns exactly the full scan's top n — same persons,
// order, scores and reasons — and every compiled score equals Points.
func TestPoolEqualsFullScan(t *testing.T) {
	s := scorer(t)
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 60 {
		pool, people := NewPool(), map[int64]Person{}
		for range r.IntN(400) {
			id := int64(1 + r.IntN(300))
			p := randPerson(r)
			pool.Put(id, p)
			people[id] = p
		}
		for range r.IntN(60) { // removals, some of absent persons
			id := int64(1 + r.IntN(320))
			pool.Delete(id)
			delete(people, id)
		}
		if pool.Len() != len(people) {
			t.Fatalf("round %d: Len %d, want %d", round, pool.Len(), len(people))
		}
		for range 40 {
			j := randPost(r, now)
			q := pool.query(&j, now)
			for id, slot := range pool.slot {
				e := &pool.entries[slot]
				p := people[id]
				if got, want := e.points(s, q, e.occupation(q)), s.Points(&p, &j, now); got != want {
					t.Fatalf("person %+v, post %+v: compiled %d, Points %d", p, j, got, want)
				}
			}
			for _, n := range []int{1, 5, 20, 50} {
				got, want := pool.Top(s, &j, now, n), fullScan(s, people, &j, now, n)
				if !sameRanking(got, want) {
					t.Fatalf("round %d, post %+v, n %d:\n got %v\nwant %v", round, j, n, got, want)
				}
			}
		}
	}
}

// TestPoolPrunes: a post whose own occupation fills its top n scores those
// persons and the 小类/中类 tiers it must rule out, not the unrelated rest;
// and still scores everyone when too few are related.
func TestPoolPrunes(t *testing.T) {
	s := &Scorer{}
	pool := NewPool()
	for i := range 2000 { // unrelated, no shared skill
		pool.Put(int64(i+1), Person{OccupationCodes: []string{"6-01-01-01"}, Skills: []string{"焊接"}, Education: "高中", Years: 3})
	}
	for i := range 30 {
		pool.Put(int64(5000+i), Person{OccupationCodes: []string{"4-02-06-01"}, RegionCodes: []string{"420112001"},
			Skills: []string{"叉车"}, SalaryMin: 4000, SalaryMax: 6000, Education: "高中", Years: 3})
	}
	j := &Post{OccupationCode: "4-02-06-01", RegionCode: "420112001", Skills: []string{"叉车"}, SalaryMin: 4500, SalaryMax: 6500,
		Education: "高中", PublishedAt: now}
	if r := pool.rank(s, j, now, 20); r.scored != 30 || len(r.top) != 20 || r.top[0].ID != 5029 {
		t.Errorf("scored %d persons (want the 30 of the post's occupation), top %v", r.scored, r.top)
	}
	for i := range 25 {
		pool.Delete(int64(5000 + i))
	}
	if r := pool.rank(s, j, now, 20); r.scored != 2005 || len(r.top) != 20 {
		t.Errorf("with 5 related: scored %d of %d", r.scored, pool.Len())
	}
}
