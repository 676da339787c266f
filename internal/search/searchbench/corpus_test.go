package searchbench

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/search"
)

// testNow returns the time the synthetic posts of the tests are published
// before, and their queries run at.
func testNow() time.Time { return time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC) }

// mustTables loads the code tables.
func mustTables(tb testing.TB) *codes.Tables {
	tb.Helper()
	ts, err := codes.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return ts
}

func TestCorpus(t *testing.T) {
	ts := mustTables(t)
	docs := SyntheticPosts(5000, 1, ts.Occupations, ts.Regions, testNow())
	again := SyntheticPosts(5000, 1, ts.Occupations, ts.Regions, testNow())
	if fmt.Sprint(docs[:50]) != fmt.Sprint(again[:50]) {
		t.Error("not deterministic")
	}
	local, geo := 0, 0
	for i, d := range docs {
		if d.ID != int64(i+1) || d.Title == "" || d.Enterprise == "" || d.EnterpriseID == 0 {
			t.Fatalf("post %d: %+v", i, d)
		}
		if n := utf8.RuneCountInString(d.Description); n < 80 || n > 400 {
			t.Errorf("post %d description has %d runes", d.ID, n)
		}
		if _, ok := ts.Occupations.Get(d.OccupationCode); !ok {
			t.Errorf("post %d: unknown occupation %q", d.ID, d.OccupationCode)
		}
		if _, ok := ts.Regions.Get(d.RegionCode); !ok {
			t.Errorf("post %d: unknown region %q", d.ID, d.RegionCode)
		}
		if strings.HasPrefix(d.RegionCode, district) {
			local++
		}
		if d.SalaryMin <= 0 || d.SalaryMax < d.SalaryMin {
			t.Errorf("post %d salary %d-%d", d.ID, d.SalaryMin, d.SalaryMax)
		}
		if _, ok := registry.EducationRank(d.Education); !ok {
			t.Errorf("post %d education %q", d.ID, d.Education)
		}
		if age := testNow().Sub(d.PublishedAt); age < 0 || age > 60*24*time.Hour {
			t.Errorf("post %d published %v", d.ID, d.PublishedAt)
		}
		if d.HasGeo {
			geo++
			if d.Lat < 30.4 || d.Lat > 30.8 || d.Lng < 114.0 || d.Lng > 114.5 {
				t.Errorf("post %d at %v,%v", d.ID, d.Lat, d.Lng)
			}
		}
	}
	if share := float64(local) / 5000; share < 0.55 || share > 0.65 {
		t.Errorf("东西湖 share %.2f", share)
	}
	if share := float64(geo) / 5000; share < 0.65 || share > 0.75 {
		t.Errorf("geo share %.2f", share)
	}
	ix := search.NewIndex(ts.Occupations)
	for _, d := range docs {
		ix.Upsert(d)
	}
	qs := SampleQueries(300, 1, ts.Occupations, testNow())
	found := 0
	for _, q := range qs {
		if total, _ := ix.Search(q); total > 0 {
			found++
		}
	}
	if found < 200 {
		t.Errorf("only %d of 300 sample queries find something", found)
	}
	for _, q := range []string{"焊工", "叉车", "会计", "普工", "司机"} {
		if total, _ := ix.Search(search.Query{Q: q, Now: testNow()}); total < 20 {
			t.Errorf("%s finds %d posts", q, total)
		}
	}
}
