package match

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
)

var now = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

func scorer(t *testing.T) *Scorer {
	ts, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &Scorer{Regions: ts.Regions}
}

func TestScoreReasons(t *testing.T) {
	s := scorer(t)
	p := &Person{OccupationCodes: []string{"4-02-06-03"}, RegionCodes: []string{"420112001"}, SalaryMin: 5000, SalaryMax: 7000,
		Skills: []string{"叉车", "仓储管理", "Excel"}, Education: "高中", Years: 4}
	post := &Post{OccupationCode: "4-02-06-03", RegionCode: "420112001", Skills: []string{"叉车", "仓储管理", "驾驶"},
		SalaryMin: 6000, SalaryMax: 8000, Education: "中专", ExperienceYears: 2, PublishedAt: now.Add(-time.Hour)}
	cases := []struct {
		name    string
		edit    func(*Person, *Post)
		score   int
		reasons []string
	}{
		{"perfect", func(*Person, *Post) {}, 35 + 10 + 15 + 10 + 10 + 10 + 5,
			[]string{"意向职业一致", "技能匹配：叉车、仓储管理", "同在吴家山街", "薪资符合期望", "学历符合要求", "经验符合要求", "新发布"}},
		{"same 小类, district", func(p *Person, j *Post) { j.OccupationCode, j.RegionCode = "4-02-06-01", "420112002" }, 25 + 10 + 10 + 10 + 10 + 10 + 5,
			[]string{"意向职业同属一类", "技能匹配：叉车、仓储管理", "同在东西湖区", "薪资符合期望", "学历符合要求", "经验符合要求", "新发布"}},
		{"same 中类, Wuhan, old, short", func(p *Person, j *Post) {
			j.OccupationCode, j.RegionCode, j.PublishedAt = "4-02-01-01", "420102001", now.Add(-40*24*time.Hour)
			j.Education, j.ExperienceYears, j.SalaryMax, j.Skills = "本科", 5, 4000, nil
		}, 15 + 5, []string{"意向职业相近", "同在武汉市"}},
		{"distance", func(p *Person, j *Post) {
			p.HasGeo, p.Lat, p.Lng = true, 30.62, 114.14
			j.HasGeo, j.Lat, j.Lng = true, 30.62, 114.1734
			j.Education, j.ExperienceYears, j.OccupationCode = "不限", 0, "6-01-01-01"
		}, 0 + 10 + 12 + 10 + 10 + 10 + 5, []string{"技能匹配：叉车、仓储管理", "距离 3.2 公里", "薪资符合期望", "新发布"}},
		{"distance beats the street", func(p *Person, j *Post) {
			// both have positions: the distance decides, not the shared street
			p.HasGeo, p.Lat, p.Lng = true, 30.62, 114.14
			j.HasGeo, j.Lat, j.Lng = true, 30.74, 114.14
		}, 35 + 10 + 6 + 10 + 10 + 10 + 5, []string{"意向职业一致", "技能匹配：叉车、仓储管理", "距离 13.3 公里", "薪资符合期望", "学历符合要求", "经验符合要求", "新发布"}},
		{"too far for a reason", func(p *Person, j *Post) {
			p.HasGeo, p.Lat, p.Lng = true, 30.62, 114.14
			j.HasGeo, j.Lat, j.Lng = true, 31.2, 114.14
		}, 35 + 10 + 0 + 10 + 10 + 10 + 5, []string{"意向职业一致", "技能匹配：叉车、仓储管理", "薪资符合期望", "学历符合要求", "经验符合要求", "新发布"}},
		{"only the person has a position", func(p *Person, j *Post) { p.HasGeo, p.Lat, p.Lng = true, 30.9, 114.9 },
			35 + 10 + 15 + 10 + 10 + 10 + 5, []string{"意向职业一致", "技能匹配：叉车、仓储管理", "同在吴家山街", "薪资符合期望", "学历符合要求", "经验符合要求", "新发布"}},
		{"no expectation", func(p *Person, j *Post) { p.SalaryMin, p.SalaryMax = 0, 0 }, 35 + 10 + 15 + 5 + 10 + 10 + 5,
			[]string{"意向职业一致", "技能匹配：叉车、仓储管理", "同在吴家山街", "学历符合要求", "经验符合要求", "新发布"}},
	}
	for _, c := range cases {
		pp, jj := *p, *post
		c.edit(&pp, &jj)
		got := s.Score(&pp, &jj, now)
		if pts := s.Points(&pp, &jj, now); pts != got.Score {
			t.Errorf("%s: Points %d, Score %d", c.name, pts, got.Score)
		}
		if got.Score != c.score || !slices.Equal(got.Reasons, c.reasons) {
			t.Errorf("%s: got %d %q, want %d %q", c.name, got.Score, got.Reasons, c.score, c.reasons)
		}
	}
}

func TestScoreBounds(t *testing.T) {
	s := &Scorer{}
	got := s.Score(&Person{}, &Post{Education: "博士", ExperienceYears: 10}, now)
	if got.Score != WSalaryUnknown || len(got.Reasons) != 0 {
		t.Errorf("empty person: %+v", got)
	}
	p := &Person{OccupationCodes: []string{"4-02-06-03"}, RegionCodes: []string{"420112"}, Skills: []string{"a", "b", "c", "d", "e"}}
	got = s.Score(p, &Post{OccupationCode: "4-02-06-03", RegionCode: "420112003", Skills: []string{"a", "b", "c", "d", "e"}}, now)
	if got.Score > 100 || got.Reasons[1] != "技能匹配：a、b、c" || got.Reasons[2] != "同在同一区" {
		t.Errorf("got %+v", got)
	}
}

// TestGeoPoints: full within 1 km, the region tiers' points at 5 and 15 km,
// nothing past 50 km, and never more for a longer way.
func TestGeoPoints(t *testing.T) {
	for km, want := range map[float64]int{0: 15, 1: 15, 1.4: 15, 1.5: 14, 3.2: 12, 5: 10, 10: 8, 15: 5, 32.5: 3, 49: 0, 50: 0, 80: 0} {
		if got := GeoPoints(km); got != want {
			t.Errorf("GeoPoints(%v) = %d, want %d", km, got, want)
		}
	}
	if GeoPoints(math.NaN()) != 0 || GeoPoints(math.Inf(1)) != 0 {
		t.Error("NaN or Inf scores")
	}
	last := GeoPoints(0)
	for km := 0.0; km < 60; km += 0.05 {
		if p := GeoPoints(km); p > last {
			t.Fatalf("GeoPoints rises at %.2f km: %d → %d", km, last, p)
		} else {
			last = p
		}
	}
	// a closer post ranks higher, other things equal
	s := &Scorer{}
	p := &Person{OccupationCodes: []string{"4-02-06-03"}, HasGeo: true, Lat: 30.62, Lng: 114.14}
	near := &Post{OccupationCode: "4-02-06-03", HasGeo: true, Lat: 30.63, Lng: 114.15}
	far := &Post{OccupationCode: "4-02-06-03", HasGeo: true, Lat: 30.66, Lng: 114.18}
	if a, b := s.Points(p, near, now), s.Points(p, far, now); a <= b {
		t.Errorf("near %d, far %d", a, b)
	}
}

// TestTop: the one-pass selection equals sorting everything and cutting.
func TestTop(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		items := make([]Scored, r.IntN(120))
		for i := range items {
			items[i] = Scored{ID: int64(r.IntN(60)), Result: Result{Score: r.IntN(8)}}
		}
		n := r.IntN(30)
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(a, b Scored) int {
			if a.Score != b.Score {
				return b.Score - a.Score
			}
			return int(b.ID - a.ID)
		})
		want = want[:min(n, len(want))]
		got := Top(slices.Clone(items), n)
		if !slices.EqualFunc(got, want, func(a, b Scored) bool { return a.ID == b.ID && a.Score == b.Score }) {
			t.Fatalf("Top(%v, %d) = %v, want %v", items, n, got, want)
		}
	}
}

func TestGroups(t *testing.T) {
	if OccupationGroup("4-02-06-03") != "4-02-06" || OccupationClass("4-02-06-03") != "4-02" || OccupationClass("4") != "4" {
		t.Fatal("segments")
	}
	top := Top([]Scored{{1, Result{Score: 5}}, {2, Result{Score: 9}}, {3, Result{Score: 5}}}, 2)
	if top[0].ID != 2 || top[1].ID != 3 || len(top) != 2 {
		t.Fatalf("top %+v", top)
	}
}
