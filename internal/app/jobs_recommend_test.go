package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// BenchmarkRecommend times a person's top-20 at scale 1: 48,000 synthetic
// posts in an index, 200 realistic seekers (intentions, region, skills,
// salary and education taken from the corpus's own occupations; about half
// with a location, so distances are scored too), one op
// being all 200 recommendations. It reports p50/p99 per recommendation.
//
//	go test -run '^$' -bench BenchmarkRecommend -benchtime 20x ./internal/app/
func BenchmarkRecommend(b *testing.B) {
	ts, err := codes.Load()
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)
	docs := searchbench.SyntheticPosts(48_000, 1, ts.Occupations, ts.Regions, now)
	ix := search.NewIndex(ts.Occupations)
	posts := make(map[int64]match.Post, len(docs))
	for _, d := range docs {
		ix.Upsert(d)
		posts[d.ID] = match.Post{ID: d.ID, OccupationCode: d.OccupationCode, RegionCode: d.RegionCode, Skills: d.Skills,
			SalaryMin: d.SalaryMin, SalaryMax: d.SalaryMax, Education: d.Education, ExperienceYears: d.ExperienceYears,
			PublishedAt: d.PublishedAt, Lat: d.Lat, Lng: d.Lng, HasGeo: d.HasGeo}
	}
	ix.Compact()
	lookup := func(id int64) (match.Post, bool) { p, ok := posts[id]; return p, ok }
	var people []match.Person
	for i := 0; i < len(docs) && len(people) < 200; i += 239 {
		d := docs[i]
		p := match.Person{OccupationCodes: []string{d.OccupationCode}, RegionCodes: []string{d.RegionCode},
			SalaryMin: d.SalaryMin, SalaryMax: d.SalaryMax + 1000, Skills: d.Skills[:min(2, len(d.Skills))], Education: "高中", Years: 3}
		if len(people)%2 == 0 && d.HasGeo { // about half located, a kilometre or so from that post
			p.HasGeo, p.Lat, p.Lng = true, d.Lat+0.008, d.Lng-0.006
		}
		people = append(people, p)
	}
	s := &match.Scorer{Regions: ts.Regions}
	var lat []time.Duration
	n := 0
	for b.Loop() {
		for i := range people {
			t := time.Now()
			top := app.RecommendFrom(ix, ts.Occupations, lookup, s, &people[i], now, 20)
			lat = append(lat, time.Since(t))
			n += len(top)
		}
	}
	slices.Sort(lat)
	pct := func(p int) float64 { return float64(lat[min(len(lat)-1, len(lat)*p/100)].Nanoseconds()) / 1e6 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(99), "p99-ms")
	b.ReportMetric(float64(n)/float64(len(lat)), "items/rec")
}

func TestRecommendLimit(t *testing.T) {
	for in, want := range map[string]int{"": 20, "5": 5, "50": 50, "10000": 50, "abc": 20, "-1": 20, "0": 20, "99999999999999999999": 20} {
		if got := app.RecommendLimit(in); got != want {
			t.Errorf("RecommendLimit(%q) = %d, want %d", in, got, want)
		}
	}
}
