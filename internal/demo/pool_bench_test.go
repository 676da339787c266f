package demo

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// candidateData is a generated store's candidate side: the pool as the app
// builds it, the same persons by id for the full scan, and sample posts.
type candidateData struct {
	pool     *match.Pool
	people   map[int64]match.Person
	posts    []match.Post
	reload   time.Duration // reading the discoverable resumes and building the pool
	build    time.Duration // the building part
	resumes  int
	withGeo  int
	allPosts int
}

// loadCandidates generates demo data at scale into db and prepares
// candidateData with about samples posts spread over the whole corpus.
func loadCandidates(tb testing.TB, db *store.DB, tables *codes.Tables, scale float64, samples int) *candidateData {
	tb.Helper()
	ctx := context.Background()
	if _, err := Generate(ctx, db, tables, Options{Scale: scale, Seed: 3, Now: testNow}); err != nil {
		tb.Fatal(err)
	}
	d := &candidateData{people: map[int64]match.Person{}}
	t0 := time.Now()
	list, err := db.Jobs().DiscoverableResumes(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	t1 := time.Now()
	d.pool = match.NewPool()
	for _, c := range list {
		p := app.MatchPerson(c.Resume, c.Education, testNow)
		d.pool.Put(c.Resume.PersonID, p)
		d.people[c.Resume.PersonID] = p
		if p.HasGeo {
			d.withGeo++
		}
	}
	d.reload, d.build, d.resumes = time.Since(t0), time.Since(t1), len(list)
	var all []match.Post
	for seq := int64(0); ; {
		batch, err := db.Jobs().PostsChangedAfter(ctx, seq, 5000)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range batch {
			all = append(all, match.Post{ID: p.ID, OccupationCode: p.OccupationCode, RegionCode: p.RegionCode, Skills: p.Skills,
				SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, Education: p.Education, ExperienceYears: p.ExperienceYears,
				PublishedAt: p.PublishedAt, Lat: p.Lat, Lng: p.Lng, HasGeo: p.HasGeo})
			seq = p.Seq
		}
		if len(batch) < 5000 {
			break
		}
	}
	d.allPosts = len(all)
	step := max(1, len(all)/samples)
	for i := 0; i < len(all) && len(d.posts) < samples; i += step {
		d.posts = append(d.posts, all[i])
	}
	return d
}

// fullScan is the reference ranking: every person scored with Points, the
// n best kept by match.Top and explained by Score.
func fullScan(s *match.Scorer, people map[int64]match.Person, j *match.Post, n int) []match.Scored {
	all := make([]match.Scored, 0, len(people))
	for id, p := range people {
		all = append(all, match.Scored{ID: id, Result: match.Result{Score: s.Points(&p, j, testNow)}})
	}
	top := match.Top(all, n)
	match.Explain(top, func(id int64) match.Result { p := people[id]; return s.Score(&p, j, testNow) })
	return top
}

func sameRanking(a, b []match.Scored) bool {
	return slices.EqualFunc(a, b, func(x, y match.Scored) bool {
		return x.ID == y.ID && x.Score == y.Score && slices.Equal(x.Reasons, y.Reasons)
	})
}

// TestCandidatePoolEqualsFullScan: on demo data (scale 0.1: 1,000
// resumes, 4,800 posts) the pool's top 20 and top 50 of 300 posts spread
// over the corpus are exactly the full scan's: same persons, order, scores
// and reasons.
func TestCandidatePoolEqualsFullScan(t *testing.T) {
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		d := loadCandidates(t, db, tables, 0.1, 300)
		if d.resumes < 400 || d.withGeo == 0 || len(d.posts) < 290 {
			t.Fatalf("%d resumes (%d located), %d posts sampled", d.resumes, d.withGeo, len(d.posts))
		}
		s := &match.Scorer{Regions: tables.Regions}
		distance := 0
		for i := range d.posts {
			j := &d.posts[i]
			for _, n := range []int{20, 50} {
				got, want := d.pool.Top(s, j, testNow, n), fullScan(s, d.people, j, n)
				if !sameRanking(got, want) {
					t.Fatalf("post %d, top %d:\n got %v\nwant %v", j.ID, n, got, want)
				}
				for _, it := range got {
					if slices.ContainsFunc(it.Reasons, func(r string) bool { return strings.HasPrefix(r, "距离 ") }) {
						distance++
					}
				}
			}
		}
		if distance == 0 {
			t.Error("no candidate was recommended with a distance")
		}
	})
}

// BenchmarkCandidatePool measures the candidate side at scale 1 (10,000
// demo resumes, about 6,000 discoverable, half of them located; 48,000
// posts) on SQLite. reload-ms is reading the discoverable resumes and
// building the pool (at first use and hourly), build-ms the building part;
// one op is one candidate
// request's ranking — the top 20 for one of 200 posts spread over the
// corpus, in turn — timed as the pool does it (p50/p99) and as a full scan
// of everyone does (full-p50/full-p99, the reference); the two must agree.
//
//	go test -run '^$' -bench BenchmarkCandidatePool -benchtime 200x ./internal/demo/
func BenchmarkCandidatePool(b *testing.B) {
	tables := loadTables(b)
	d := loadCandidates(b, storetest.SQLite(b), tables, 1, 200)
	s := &match.Scorer{Regions: tables.Regions}
	var fast, full []time.Duration
	i := 0
	for b.Loop() {
		j := &d.posts[i%len(d.posts)]
		i++
		t := time.Now()
		got := d.pool.Top(s, j, testNow, 20)
		fast = append(fast, time.Since(t))
		b.StopTimer()
		t = time.Now()
		want := fullScan(s, d.people, j, 20)
		full = append(full, time.Since(t))
		if !sameRanking(got, want) {
			b.Fatalf("post %d: pool %v, full scan %v", j.ID, got, want)
		}
		b.StartTimer()
	}
	pct := func(lat []time.Duration, p int) float64 {
		slices.Sort(lat)
		return float64(lat[min(len(lat)-1, len(lat)*p/100)].Microseconds()) / 1e3
	}
	b.ReportMetric(float64(d.resumes), "resumes")
	b.ReportMetric(float64(d.reload.Microseconds())/1e3, "reload-ms")
	b.ReportMetric(float64(d.build.Microseconds())/1e3, "build-ms")
	b.ReportMetric(pct(fast, 50), "p50-ms")
	b.ReportMetric(pct(fast, 99), "p99-ms")
	b.ReportMetric(pct(full, 50), "full-p50-ms")
	b.ReportMetric(pct(full, 99), "full-p99-ms")
}
