package gigs

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// found is a gig the brute-force scan keeps, with its distance.
type found struct {
	it NearItem
	d  float64
}

// bruteSearch is the specification of Search: every gig measured and
// filtered, all of them sorted.
func bruteSearch(items map[int64]NearItem, q NearQuery) (int, []NearHit) {
	r := q.RadiusKm
	if !(r > 0) {
		r = 10
	}
	r = min(r, 50)
	var all []found
	for _, it := range items {
		d := -1.0
		if q.HasPoint {
			if d = DistanceKm(q.Lat, q.Lng, it.Lat, it.Lng); !(d <= r) {
				continue
			}
		}
		if bruteMatch(it, q) {
			all = append(all, found{it, d})
		}
	}
	slices.SortFunc(all, bruteOrder(q))
	var hits []NearHit
	for i := max(q.Offset, 0); i < len(all) && i < max(q.Offset, 0)+q.Limit; i++ {
		hits = append(hits, NearHit{all[i].it.ID, all[i].d})
	}
	return len(all), hits
}

// bruteOrder is the ranking of NearQuery.Sort and SoonFirst, as the API
// describes it.
func bruteOrder(q NearQuery) func(a, b found) int {
	sortBy := q.Sort
	if sortBy != "pay" && (sortBy == "start" || !q.HasPoint) {
		sortBy = "start"
	} else if sortBy != "pay" {
		sortBy = "distance"
	}
	soon := q.Now.Add(48 * time.Hour)
	return func(a, b found) int {
		if q.SoonFirst {
			if c := -cmpBool(a.it.StartsAt.Before(soon), b.it.StartsAt.Before(soon)); c != 0 {
				return c
			}
		}
		var keys []int
		switch sortBy {
		case "distance":
			keys = []int{cmp.Compare(a.d, b.d), a.it.StartsAt.Compare(b.it.StartsAt)}
		case "start":
			keys = []int{a.it.StartsAt.Compare(b.it.StartsAt), cmp.Compare(a.d, b.d)}
		default:
			keys = []int{-cmp.Compare(brutePay(a.it), brutePay(b.it)), cmp.Compare(a.d, b.d),
				a.it.StartsAt.Compare(b.it.StartsAt)}
		}
		for _, c := range keys {
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a.it.ID, b.it.ID)
	}
}

// bruteMatch applies the filters but the radius, as the API describes them.
func bruteMatch(it NearItem, q NearQuery) bool {
	if !it.EndsAt.After(q.Now) || (it.Full && !q.IncludeFull) || brutePay(it) < q.PayMinFen {
		return false
	}
	if !strings.HasPrefix(it.RegionCode, q.Region) {
		return false
	}
	if q.Skill != "" && !slices.Contains(it.Skills, q.Skill) {
		return false
	}
	return q.Date == "" || slices.Contains(it.Days, q.Date)
}

// brutePay is the pay PayMinFen and the pay sort compare.
func brutePay(it NearItem) int64 {
	if it.HourlyFen > 0 && (it.PayUnit == "hour" || it.PayUnit == "day") {
		return it.HourlyFen
	}
	return it.PayFen
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// model is an index with the brute-force copy it must agree with.
type model struct {
	x     *NearIndex
	items map[int64]NearItem
}

// newModel returns an empty index and copy.
func newModel() *model { return &model{x: NewNearIndex(), items: map[int64]NearItem{}} }

// put puts a gig into both.
func (m *model) put(it NearItem) {
	m.x.Put(it)
	m.items[it.ID] = it
}

// remove removes a gig from both.
func (m *model) remove(id int64) {
	m.x.Remove(id)
	delete(m.items, id)
}

// prune prunes both and fails when they disagree on how many gigs ended.
func (m *model) prune(t *testing.T, now time.Time) {
	t.Helper()
	want := 0
	for id, it := range m.items {
		if !it.EndsAt.After(now) {
			delete(m.items, id)
			want++
		}
	}
	if got := m.x.Prune(now); got != want {
		t.Fatalf("Prune(%v) = %d, want %d", now, got, want)
	}
}

// check runs q on both and fails on any difference.
func (m *model) check(t *testing.T, q NearQuery) (int, []NearHit) {
	t.Helper()
	total, hits := m.x.Search(q)
	wantTotal, wantHits := bruteSearch(m.items, q)
	if total != wantTotal || !slices.Equal(hits, wantHits) {
		t.Fatalf("query %+v:\n got %d %v\nwant %d %v", q, total, hits, wantTotal, wantHits)
	}
	if m.x.Len() != len(m.items) {
		t.Fatalf("Len = %d, want %d", m.x.Len(), len(m.items))
	}
	return total, hits
}

// randomItem makes a gig in a 30 km square around Wuhan's centre with
// coarse values, so that equal coordinates, starts and pay are common and
// the ties are exercised; a few have no usable coordinates.
func randomItem(rng *rand.Rand, id int64) NearItem {
	it := NearItem{ID: id, RegionCode: fmt.Sprintf("42010%d00%d000", 2+rng.IntN(5), 1+rng.IntN(3)),
		Full: rng.IntN(8) == 0, Urgent: rng.IntN(5) == 0}
	it.Lat = 30.45 + float64(rng.IntN(300))*0.001
	it.Lng = 114.15 + float64(rng.IntN(300))*0.001
	if rng.IntN(3) == 0 {
		it.Lat += rng.Float64() * 0.001
		it.Lng += rng.Float64() * 0.001
	}
	switch rng.IntN(60) {
	case 0:
		it.Lat = math.NaN()
	case 1:
		it.Lng = 200
	}
	it.StartsAt = benchNow.Add(time.Duration(rng.IntN(120)-24) * time.Hour)
	it.EndsAt = it.StartsAt.Add(time.Duration(rng.IntN(72)) * time.Hour)
	for d := it.StartsAt; !d.After(it.EndsAt); d = d.AddDate(0, 0, 1) {
		it.Days = append(it.Days, d.In(beijing()).Format(time.DateOnly))
	}
	fillPay(rng, &it)
	it.PayFen -= it.PayFen % 500
	it.HourlyFen -= it.HourlyFen % 500
	for range rng.IntN(3) {
		it.Skills = append(it.Skills, gigSkills[rng.IntN(5)])
	}
	oddTags(rng, &it)
	return it
}

// oddTags gives a few gigs what the skill and date bits cannot hold: skills
// interned after the 63rd, dates 16 days or more apart, dates not written
// as 2006-01-02.
func oddTags(rng *rand.Rand, it *NearItem) {
	if rng.IntN(10) == 0 {
		it.Skills = append(it.Skills, fmt.Sprintf("技能%d", rng.IntN(90)))
	}
	switch rng.IntN(40) {
	case 0:
		it.Days = append(it.Days, it.StartsAt.AddDate(0, 0, 15+rng.IntN(4)).Format(time.DateOnly))
	case 1:
		it.Days = append(it.Days, it.StartsAt.AddDate(0, 0, -40).Format(time.DateOnly))
	case 2:
		it.Days = append(it.Days, []string{"2026-12-7", "明天", ""}[rng.IntN(3)])
	}
}

// beijing is China Standard Time.
func beijing() *time.Location { return time.FixedZone("CST", 8*3600) }

// randomQuery makes a query of any order, filter and page, its point near
// or far from the gigs and its radius from nothing to too much.
func randomQuery(rng *rand.Rand, m *model) NearQuery {
	q := NearQuery{Now: benchNow.Add(time.Duration(rng.IntN(48)) * time.Hour),
		Sort:      []string{"", "distance", "start", "pay", "nearest"}[rng.IntN(5)],
		SoonFirst: rng.IntN(3) == 0, IncludeFull: rng.IntN(4) == 0,
		Offset: rng.IntN(40) - 2, Limit: rng.IntN(30) - 2}
	if rng.IntN(5) > 0 {
		q.HasPoint = true
		q.Lat, q.Lng = 30.3+rng.Float64()*0.6, 114.0+rng.Float64()*0.6
		q.RadiusKm = []float64{0, -1, 0.3, 1, 2, 3, 5, 10, 20, 50, 80, math.NaN()}[rng.IntN(12)]
		if rng.IntN(4) == 0 {
			q.RadiusKm = exactRadius(rng, m, q)
		}
	}
	if rng.IntN(3) == 0 {
		q.Region = fmt.Sprintf("42010%d00%d000", 2+rng.IntN(6), 1+rng.IntN(3))[:6+rng.IntN(7)]
	}
	if rng.IntN(3) == 0 {
		q.Skill = gigSkills[rng.IntN(6)]
		if rng.IntN(3) == 0 {
			q.Skill = fmt.Sprintf("技能%d", rng.IntN(90))
		}
	}
	if rng.IntN(3) == 0 {
		q.Date = benchNow.AddDate(0, 0, rng.IntN(6)-1).Format(time.DateOnly)
		switch rng.IntN(8) {
		case 0:
			q.Date = benchNow.AddDate(0, 0, 14+rng.IntN(6)).Format(time.DateOnly)
		case 1:
			q.Date = benchNow.AddDate(0, 0, -41+rng.IntN(3)).Format(time.DateOnly)
		case 2:
			q.Date = []string{"2026-12-7", "明天"}[rng.IntN(2)]
		}
	}
	if rng.IntN(4) == 0 {
		q.PayMinFen = int64(rng.IntN(8)) * 500
	}
	return q
}

// exactRadius is the distance to a random gig: a radius on which a gig lies.
func exactRadius(rng *rand.Rand, m *model, q NearQuery) float64 {
	for _, it := range m.items {
		if rng.IntN(4) == 0 {
			return DistanceKm(q.Lat, q.Lng, it.Lat, it.Lng)
		}
	}
	return 1
}

// TestNearSearchMatchesBruteForce runs thousands of random queries, between
// random puts, replacements and removals, against the brute-force scan.
func TestNearSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := newModel()
	rounds := 4000
	if testing.Short() {
		rounds = 500
	}
	matched := 0
	for round := range rounds {
		for range rng.IntN(8) {
			switch id := int64(1 + rng.IntN(2000)); rng.IntN(6) {
			case 0:
				m.remove(id)
			default:
				m.put(randomItem(rng, id))
			}
		}
		for range 3 {
			if total, _ := m.check(t, randomQuery(rng, m)); total > 0 {
				matched++
			}
		}
		if rng.IntN(200) == 0 {
			m.prune(t, benchNow.Add(time.Duration(rng.IntN(24))*time.Hour))
		}
		if round == rounds/2 { // the same queries on a grid mostly emptied
			for id := range int64(1800) {
				m.remove(id)
			}
		}
	}
	if matched < rounds {
		t.Fatalf("only %d of %d queries found anything: the test is too weak", matched, 3*rounds)
	}
}

// TestNearSearchWuhanScale checks typical queries over 90,000 clustered
// gigs against the brute-force scan.
func TestNearSearchWuhanScale(t *testing.T) {
	if testing.Short() {
		t.Skip("90,000 gigs")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	streets := wuhanStreets(rng, 150)
	m := newModel()
	for _, it := range wuhanItems(rng, streets, 90_000) {
		m.put(it)
	}
	for range 150 {
		q := typicalQuery(rng, streets)
		if q.HasPoint && rng.IntN(3) == 0 {
			q.RadiusKm = 50
		}
		m.check(t, q)
	}
}

// TestDistanceKm checks the haversine against known lengths.
func TestDistanceKm(t *testing.T) {
	deg := 6371.0088 * math.Pi / 180
	cases := []struct {
		lat1, lng1, lat2, lng2, want float64
	}{
		{30.5, 114.3, 30.5, 114.3, 0},
		{30, 114, 31, 114, deg},
		{0, 0, 0, 1, deg},
		{0, 0, 0, 180, 180 * deg},
		{90, 0, -90, 0, 180 * deg},
		{30.6, 114.25, 30.53, 114.42, 18.04}, // planar: hypot(0.07°, 0.17°·cos 30.6°)
	}
	for _, c := range cases {
		got := DistanceKm(c.lat1, c.lng1, c.lat2, c.lng2)
		if math.Abs(got-c.want) > 1e-9 && math.Abs(got-c.want) > 0.01*c.want {
			t.Errorf("DistanceKm(%v, %v, %v, %v) = %v, want %v", c.lat1, c.lng1, c.lat2, c.lng2, got, c.want)
		}
		if back := DistanceKm(c.lat2, c.lng2, c.lat1, c.lng1); back != got {
			t.Errorf("DistanceKm is not symmetric: %v and %v", got, back)
		}
	}
}

// gig is a gig at a point, open from now on for two days.
func gig(id int64, lat, lng float64) NearItem {
	return NearItem{ID: id, Lat: lat, Lng: lng, RegionCode: "420106003000",
		StartsAt: benchNow.Add(time.Hour), EndsAt: benchNow.Add(50 * time.Hour),
		PayFen: 2500, PayUnit: "hour", HourlyFen: 2500, Days: []string{"2026-12-07", "2026-12-08"}}
}

// near is a distance query around a point.
func near(lat, lng, km float64) NearQuery {
	return NearQuery{Lat: lat, Lng: lng, HasPoint: true, RadiusKm: km, Now: benchNow, Limit: 100}
}

// TestNearRadiusBoundary: a gig exactly on the circle is found, one a hair
// beyond is not, wherever the circle cuts the grid.
func TestNearRadiusBoundary(t *testing.T) {
	m := newModel()
	lat, lng := 30.5837, 114.2872
	for i, bearing := range []float64{0, 45, 90, 135, 180, 225, 270, 315, 17, 333} {
		b := bearing * math.Pi / 180
		for j, km := range []float64{0.5, 1, 3, 9.99, 20, 50} {
			dLat, dLng := km/kmPerDeg*math.Cos(b), km/kmPerDeg*math.Sin(b)/math.Cos(lat*math.Pi/180)
			m.put(gig(int64(100*i+j+1), lat+dLat, lng+dLng))
		}
	}
	for _, it := range m.items {
		d := DistanceKm(lat, lng, it.Lat, it.Lng)
		if d > 50 {
			continue
		}
		on, _ := m.check(t, near(lat, lng, d))
		beyond, _ := m.check(t, near(lat, lng, math.Nextafter(d, 0)))
		if on <= beyond {
			t.Fatalf("gig %d at %v km: %d found on the circle, %d inside it", it.ID, d, on, beyond)
		}
	}
}

// TestNearEdgeOfIndex: points at and beyond the gigs' extent, and a circle
// reaching the poles and the antimeridian, search correctly.
func TestNearEdgeOfIndex(t *testing.T) {
	m := newModel()
	rng := rand.New(rand.NewPCG(9, 9))
	for id := range int64(300) {
		m.put(randomItem(rng, id+1))
	}
	m.put(gig(1001, 89.9, 10))
	m.put(gig(1002, 89.9, -170))
	m.put(gig(1003, -0.1, 179.99))
	m.put(gig(1004, -0.1, -179.99))
	points := [][2]float64{{30.45, 114.15}, {30.75, 114.45}, {30.44, 114.6}, {31, 114.3},
		{89.95, 100}, {90, 0}, {0, 180}, {0, -180}, {-89.99, 0}}
	for _, p := range points {
		for _, km := range []float64{1, 5, 20, 50} {
			for _, sort := range []string{"distance", "start", "pay"} {
				q := near(p[0], p[1], km)
				q.Sort = sort
				m.check(t, q)
			}
		}
	}
	if n, _ := m.check(t, near(90, 0, 50)); n != 2 {
		t.Fatalf("at the pole found %d gigs, want 2", n)
	}
	if n, _ := m.check(t, near(0, 180, 50)); n != 2 {
		t.Fatalf("across the antimeridian found %d gigs, want 2", n)
	}
}

// TestNearEmptyAndPaging: an empty index finds nothing; a page beyond the
// total is empty but the total is still counted.
func TestNearEmptyAndPaging(t *testing.T) {
	x := NewNearIndex()
	for _, q := range []NearQuery{near(30.5, 114.3, 10), {Now: benchNow, Limit: 20}, {Region: "4201", Skill: "搬运", Date: "2026-12-07"}} {
		if n, hits := x.Search(q); n != 0 || hits != nil {
			t.Fatalf("empty index: %d %v", n, hits)
		}
	}
	m := newModel()
	for id := range int64(25) {
		m.put(gig(id+1, 30.5+float64(id)*0.001, 114.3))
	}
	q := near(30.5, 114.3, 10)
	q.Offset, q.Limit = 20, 20
	if n, hits := m.check(t, q); n != 25 || len(hits) != 5 || hits[0].ID != 21 {
		t.Fatalf("second page: %d %v", n, hits)
	}
	q.Offset = 25
	if n, hits := m.check(t, q); n != 25 || len(hits) != 0 {
		t.Fatalf("page beyond the total: %d %v", n, hits)
	}
	q.Offset, q.Limit = math.MaxInt-5, 20
	m.check(t, q)
	q.Offset, q.Limit = 0, 0
	if n, hits := m.check(t, q); n != 25 || hits != nil {
		t.Fatalf("count only: %d %v", n, hits)
	}
}

// TestNearReplaceAndRemove: a gig replaced by one elsewhere is found only
// at its new place; a removed gig put back is found again.
func TestNearReplaceAndRemove(t *testing.T) {
	m := newModel()
	m.put(gig(1, 30.50, 114.30))
	m.put(gig(2, 30.50, 114.30))
	m.put(gig(3, 30.5001, 114.3001)) // same cell as 1 and 2
	m.put(gig(1, 30.80, 114.60))     // moves cells: 3 takes its slot
	if n, hits := m.check(t, near(30.5, 114.3, 5)); n != 2 || hits[0].ID != 2 {
		t.Fatalf("old place: %d %v", n, hits)
	}
	if n, hits := m.check(t, near(30.8, 114.6, 1)); n != 1 || hits[0].ID != 1 || hits[0].DistanceKm != 0 {
		t.Fatalf("new place: %d %v", n, hits)
	}
	m.remove(2)
	m.remove(2)
	m.remove(99)
	m.check(t, near(30.5, 114.3, 5))
	m.put(gig(2, 30.50, 114.30))
	if n, _ := m.check(t, near(30.5, 114.3, 5)); n != 2 {
		t.Fatalf("put back: %d", n)
	}
	m.put(gig(3, math.NaN(), 114.3)) // loses its coordinates
	if n, _ := m.check(t, near(30.5, 114.3, 5)); n != 1 {
		t.Fatalf("without coordinates found by a point: %d", n)
	}
	if n, _ := m.check(t, NearQuery{Region: "420106", Now: benchNow, Limit: 5}); n != 3 {
		t.Fatalf("by region: %d", n)
	}
	for id := range int64(4) {
		m.remove(id)
	}
	if n, _ := m.check(t, NearQuery{Now: benchNow, Limit: 5}); n != 0 || len(m.x.cells) != 0 {
		t.Fatalf("all removed: %d gigs, %d cells", n, len(m.x.cells))
	}
}

// TestNearNowAndSoon: gigs leave search when their last shift ends; soon
// ones go first when asked, each group in the chosen order.
func TestNearNowAndSoon(t *testing.T) {
	m := newModel()
	ended := gig(1, 30.5, 114.3)
	ended.EndsAt = benchNow
	later := gig(2, 30.5, 114.3)
	later.StartsAt = benchNow.Add(72 * time.Hour)
	later.EndsAt = benchNow.Add(80 * time.Hour)
	soon := gig(3, 30.52, 114.3)
	for _, it := range []NearItem{ended, later, soon} {
		m.put(it)
	}
	q := near(30.5, 114.3, 5)
	if _, hits := m.check(t, q); len(hits) != 2 || hits[0].ID != 2 {
		t.Fatalf("by distance: %v", hits)
	}
	q.SoonFirst = true
	if _, hits := m.check(t, q); len(hits) != 2 || hits[0].ID != 3 {
		t.Fatalf("soon first: %v", hits)
	}
	q.Now = benchNow.Add(-time.Second)
	if n, _ := m.check(t, q); n != 3 {
		t.Fatalf("a second before the end: %d", n)
	}
}

// TestNearStartTies: by start, gigs starting together go nearest first even
// in a cell the circle cuts, whatever order they were put in.
func TestNearStartTies(t *testing.T) {
	m := newModel()
	for i, lat := range []float64{30.5465, 30.5475, 30.5455} { // 5.17, 5.28, 5.06 km
		m.put(gig(int64(i+1), lat, 114.0))
	}
	q := near(30.5, 114.0, 5.5)
	q.Sort, q.Limit = "start", 1
	if _, hits := m.check(t, q); len(hits) != 1 || hits[0].ID != 3 {
		t.Fatalf("first by start: %v, want gig 3", hits)
	}
}

// TestNearFilters: every filter on a small known set.
func TestNearFilters(t *testing.T) {
	m := newModel()
	a := gig(1, 30.5, 114.3)
	a.Skills = []string{"搬运"}
	b := gig(2, 30.51, 114.3)
	b.PayUnit, b.PayFen, b.HourlyFen = "day", 20000, 2500
	b.RegionCode = "420111001000"
	c := gig(3, 30.52, 114.3)
	c.PayUnit, c.PayFen, c.HourlyFen = "piece", 9000, 0
	c.Full = true
	for _, it := range []NearItem{a, b, c} {
		m.put(it)
	}
	cases := []struct {
		q    NearQuery
		want []int64
	}{
		{NearQuery{Skill: "搬运"}, []int64{1}},
		{NearQuery{Skill: "保洁"}, nil},
		{NearQuery{Region: "420111"}, []int64{2}},
		{NearQuery{Region: "4201"}, []int64{1, 2}},
		{NearQuery{Date: "2026-12-08"}, []int64{1, 2}},
		{NearQuery{Date: "2026-12-09"}, nil},
		{NearQuery{PayMinFen: 2600}, nil},
		{NearQuery{PayMinFen: 2600, IncludeFull: true}, []int64{3}},
		{NearQuery{Sort: "pay", IncludeFull: true}, []int64{3, 1, 2}},
	}
	for _, c := range cases {
		c.q.Now, c.q.Limit = benchNow, 10
		_, hits := m.check(t, c.q)
		var ids []int64
		for _, h := range hits {
			ids = append(ids, h.ID)
			if h.DistanceKm != -1 {
				t.Fatalf("%+v: distance %v without a point", c.q, h.DistanceKm)
			}
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("%+v: %v, want %v", c.q, ids, c.want)
		}
	}
}

// TestNearConcurrent puts, removes, prunes and searches at once (run with
// -race).
func TestNearConcurrent(t *testing.T) {
	x := NewNearIndex()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for range 2000 {
				id := int64(1 + rng.IntN(500))
				if w%2 == 0 && rng.IntN(100) == 0 {
					x.Prune(benchNow.Add(time.Duration(rng.IntN(48)) * time.Hour))
				} else if w%2 == 0 && rng.IntN(4) == 0 {
					x.Remove(id)
				} else if w%2 == 0 {
					x.Put(randomItem(rng, id))
				} else {
					q := NearQuery{Lat: 30.6, Lng: 114.3, HasPoint: rng.IntN(2) == 0, Now: benchNow, Limit: 10}
					if n, hits := x.Search(q); len(hits) > min(n, 10) {
						t.Errorf("%d hits of %d", len(hits), n)
					}
					x.Len()
				}
			}
		})
	}
	wg.Wait()
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	return s.HeapAlloc
}
