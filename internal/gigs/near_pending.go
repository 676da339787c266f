package gigs

// Placeholder until the nearest-first index lands (branch gig-near): the
// same API over a brute-force scan.

import (
	"math"
	"slices"
	"sync"
	"time"
)

// NearItem is what the index keeps of one searchable gig.
type NearItem struct {
	ID         int64
	Lat, Lng   float64
	RegionCode string
	StartsAt   time.Time
	EndsAt     time.Time
	PayFen     int64
	PayUnit    string
	HourlyFen  int64
	Skills     []string
	Days       []string
	Urgent     bool
	Full       bool
}

// NearQuery is one search.
type NearQuery struct {
	Lat, Lng      float64
	HasPoint      bool
	RadiusKm      float64
	Region        string
	Date          string
	Skill         string
	PayMinFen     int64
	Sort          string
	SoonFirst     bool
	Now           time.Time
	Offset, Limit int
}

// NearHit is one result.
type NearHit struct {
	ID         int64
	DistanceKm float64
}

// NearIndex holds the searchable gigs.
type NearIndex struct {
	mu    sync.RWMutex
	items map[int64]NearItem
}

// NewNearIndex returns an empty index.
func NewNearIndex() *NearIndex { return &NearIndex{items: map[int64]NearItem{}} }

// Put inserts or replaces an item.
func (x *NearIndex) Put(it NearItem) { x.mu.Lock(); x.items[it.ID] = it; x.mu.Unlock() }

// Remove drops an item.
func (x *NearIndex) Remove(id int64) { x.mu.Lock(); delete(x.items, id); x.mu.Unlock() }

// Len is the number of items.
func (x *NearIndex) Len() int { x.mu.RLock(); defer x.mu.RUnlock(); return len(x.items) }

// Search scans every item.
func (x *NearIndex) Search(q NearQuery) (int, []NearHit) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	type hit struct {
		it NearItem
		d  float64
	}
	r := q.RadiusKm
	if r == 0 {
		r = 10
	}
	var hs []hit
	for _, it := range x.items {
		if !q.Now.Before(it.EndsAt) || (q.Skill != "" && !slices.Contains(it.Skills, q.Skill)) ||
			(q.Date != "" && !slices.Contains(it.Days, q.Date)) || (len(q.Region) > 0 && (len(it.RegionCode) < len(q.Region) || it.RegionCode[:len(q.Region)] != q.Region)) {
			continue
		}
		d := -1.0
		if q.HasPoint {
			d = DistanceKm(q.Lat, q.Lng, it.Lat, it.Lng)
			if d > r {
				continue
			}
		}
		hs = append(hs, hit{it, d})
	}
	slices.SortFunc(hs, func(a, b hit) int {
		if q.Sort == "start" || !q.HasPoint {
			if c := a.it.StartsAt.Compare(b.it.StartsAt); c != 0 {
				return c
			}
		}
		if a.d < b.d {
			return -1
		} else if a.d > b.d {
			return 1
		}
		return int(a.it.ID - b.it.ID)
	})
	var out []NearHit
	for i := q.Offset; i < len(hs) && i < q.Offset+q.Limit; i++ {
		out = append(out, NearHit{hs[i].it.ID, hs[i].d})
	}
	return len(hs), out
}

// DistanceKm is the great-circle distance.
func DistanceKm(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lng2-lng1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
