package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/storetest"
)

// BenchmarkCandidatePool measures the candidate pool at scale 1 (10,000
// demo resumes, about 6,000 discoverable) on SQLite: reload-ms is loading
// the discoverable resumes from the store (once a minute, and at first
// use); p50/p99 is what GET /api/v1/jobs/{id}/candidates then does per
// request: score every pooled person against a post and keep the top 20.
//
//	go test -run '^$' -bench BenchmarkCandidatePool -benchtime 30x ./internal/demo/
func BenchmarkCandidatePool(b *testing.B) {
	tables := loadTables(b)
	db := storetest.SQLite(b)
	ctx := context.Background()
	if _, err := Generate(ctx, db, tables, Options{Scale: 1, Seed: 3, Now: testNow}); err != nil {
		b.Fatal(err)
	}
	post := &match.Post{OccupationCode: "4-02-06-01", RegionCode: "420112001", Skills: []string{"叉车", "仓储管理"},
		SalaryMin: 4500, SalaryMax: 6500, Education: "高中", ExperienceYears: 1, PublishedAt: testNow}
	s := &match.Scorer{Regions: tables.Regions}
	t0 := time.Now()
	cands, err := db.DiscoverableResumes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	people := make([]match.Person, len(cands))
	for i, c := range cands {
		people[i] = app.MatchPerson(c.Resume, c.Education, testNow)
	}
	reload := time.Since(t0)
	var lat []time.Duration
	for b.Loop() {
		t := time.Now()
		scored := make([]match.Scored, len(people))
		for i := range people {
			scored[i] = match.Scored{ID: int64(i), Result: match.Result{Score: s.Points(&people[i], post, testNow)}}
		}
		top := match.Top(scored, 20)
		match.Explain(top, func(i int64) match.Result { return s.Score(&people[i], post, testNow) })
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(len(cands)), "resumes")
	b.ReportMetric(float64(reload.Microseconds())/1e3, "reload-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1e3, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1e3, "p99-ms")
}
