package app

// 零工经纪人 search: the nearest-first index of open gigs. Each instance
// loads the published gigs once, then follows the store: writes through
// this instance update the index at once, and at most every followEvery a
// search reads the gigs changed since the last look (by the gig change
// number, which becomes visible in order: store/gigs.go), so every
// instance converges within followEvery of a change.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
)

var chinaZone = chinatime.Zone

const (
	pruneEvery  = time.Minute
	followEvery = 2 * time.Second
	followBatch = 1000
)

// gigIndex is the index with what it needs to follow the store, and the
// gigs last read for result pages.
type gigIndex struct {
	idx     *gigs.NearIndex
	cards   gigCache
	credit  creditCache
	mu      sync.Mutex // one loader at a time
	loaded  bool
	seq     int64 // the last gig change number read
	checked time.Time
	pruned  time.Time
	market  marketPay
}

func newGigIndex() gigIndex {
	return gigIndex{idx: gigs.NewNearIndex(), market: marketPay{byOcc: map[string]map[int64]int64{}},
		cards: gigCache{m: map[int64]cachedGig{}}, credit: creditCache{m: map[int64]cachedCredit{}}}
}

// creditTTL is how long an employer's computed credit is reused.
const creditTTL = time.Minute

// creditCache keeps employers' credit for creditTTL.
type creditCache struct {
	mu sync.Mutex
	m  map[int64]cachedCredit
}

type cachedCredit struct {
	c  gigs.Credit
	at time.Time
}

// drop forgets an employer's credit after a change to its record.
func (c *creditCache) drop(employerID int64) {
	c.mu.Lock()
	delete(c.m, employerID)
	c.mu.Unlock()
}

// get returns the credit of the employers, computing the missing ones with load.
func (c *creditCache) get(ctx context.Context, ids []int64, now time.Time,
	load func(context.Context, []int64) (map[int64]gigs.Credit, error)) (map[int64]gigs.Credit, error) {
	out := make(map[int64]gigs.Credit, len(ids))
	var miss []int64
	c.mu.Lock()
	for _, id := range ids {
		if e, ok := c.m[id]; ok && now.Sub(e.at) < creditTTL {
			out[id] = e.c
		} else if !slices.Contains(miss, id) {
			miss = append(miss, id)
		}
	}
	c.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	got, err := load(ctx, miss)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 20000 {
		clear(c.m)
	}
	for _, id := range miss {
		out[id] = got[id]
		c.m[id] = cachedCredit{c: got[id], at: now}
	}
	return out, nil
}

// cardTTL is how long a gig read for a result page is reused: a card's
// "已报名 7/10" may lag a sign-up made through another instance by this
// much; sign-ups and changes through this instance drop the gig at once.
const cardTTL = 2 * time.Second

// gigCache keeps gigs read for result pages for cardTTL, so that the
// busiest page reads the store only for gigs it has not shown lately.
type gigCache struct {
	mu sync.Mutex
	m  map[int64]cachedGig
}

type cachedGig struct {
	g  *gigs.Gig
	at time.Time
}

// get returns the cached gigs among ids and the ids still to read.
func (c *gigCache) get(ids []int64, now time.Time) (map[int64]*gigs.Gig, []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[int64]*gigs.Gig, len(ids))
	var miss []int64
	for _, id := range ids {
		if e, ok := c.m[id]; ok && now.Sub(e.at) < cardTTL {
			out[id] = e.g
		} else {
			miss = append(miss, id)
		}
	}
	return out, miss
}

// keep stores freshly read gigs; a full cache is emptied first (the open
// gigs of a district fit many times over).
func (c *gigCache) keep(list []*gigs.Gig, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 20000 {
		clear(c.m)
	}
	for _, g := range list {
		c.m[g.ID] = cachedGig{g: g, at: now}
	}
}

func (c *gigCache) drop(id int64) {
	c.mu.Lock()
	delete(c.m, id)
	c.mu.Unlock()
}

// marketPay keeps the hourly pay of open gigs per occupation, for the
// screening rule that warns of pay far above the market.
type marketPay struct {
	mu    sync.RWMutex
	byOcc map[string]map[int64]int64 // occupation → gig → hourly fen
}

// marketHourly is the median hourly pay of the open gigs of an occupation,
// 0 when fewer than 5 say.
func (x *gigIndex) marketHourly(occ string) int64 {
	x.market.mu.RLock()
	defer x.market.mu.RUnlock()
	m := x.market.byOcc[occ]
	if len(m) < 5 {
		return 0
	}
	vs := make([]int64, 0, len(m))
	for _, v := range m {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}

// put indexes a gig when it is open, and drops it otherwise.
func (x *gigIndex) put(g *gigs.Gig, now time.Time) {
	x.cards.drop(g.ID)
	x.market.mu.Lock()
	for occ, m := range x.market.byOcc {
		if occ != g.OccupationCode {
			delete(m, g.ID)
		}
	}
	if g.Searchable(now) && g.HourlyFen() > 0 {
		if x.market.byOcc[g.OccupationCode] == nil {
			x.market.byOcc[g.OccupationCode] = map[int64]int64{}
		}
		x.market.byOcc[g.OccupationCode][g.ID] = g.HourlyFen()
	} else if m := x.market.byOcc[g.OccupationCode]; m != nil {
		delete(m, g.ID)
	}
	x.market.mu.Unlock()
	if !g.Searchable(now) {
		x.idx.Remove(g.ID)
		return
	}
	x.idx.Put(nearItem(g))
}

func (x *gigIndex) remove(id int64) {
	x.cards.drop(id)
	x.idx.Remove(id)
	x.market.mu.Lock()
	for _, m := range x.market.byOcc {
		delete(m, id)
	}
	x.market.mu.Unlock()
}

// nearItem is what the index keeps of a gig.
func nearItem(g *gigs.Gig) gigs.NearItem {
	it := gigs.NearItem{ID: g.ID, RegionCode: g.RegionCode, StartsAt: g.FirstStart(), EndsAt: g.LastEnd(), PayFen: g.PayFen,
		PayUnit: string(g.PayUnit), HourlyFen: g.HourlyFen(), Skills: g.Skills, Urgent: g.Urgent, Lat: g.Lat, Lng: g.Lng}
	if !g.HasGeo {
		it.Lat, it.Lng = 0, 0 // never within a radius of a point in China
	}
	full := true
	for _, s := range g.Shifts {
		if d := s.Date(); !slices.Contains(it.Days, d) {
			it.Days = append(it.Days, d)
		}
		if s.Filled < g.Slots {
			full = false
		}
	}
	it.Full = full
	return it
}

// ensure loads the index on first use and follows the store afterwards.
func (x *Gigs) ensure(ctx context.Context) error {
	n := &x.near
	n.mu.Lock()
	defer n.mu.Unlock()
	now := x.now()
	if n.loaded && now.Sub(n.checked) < followEvery {
		return nil
	}
	if now.Sub(n.pruned) > pruneEvery {
		n.idx.Prune(now) // ended gigs would slow searches by start
		n.pruned = now
	}
	if !n.loaded {
		// The number first: a change committed while the open gigs are
		// read is read again by the next follow (putting a gig is idempotent).
		seq, err := x.db.Gigs().GigSeq(ctx)
		if err != nil {
			return err
		}
		list, err := x.db.Gigs().OpenGigs(ctx, now)
		if err != nil {
			return err
		}
		for _, g := range list {
			n.put(g, now)
		}
		n.seq, n.loaded, n.checked = seq, true, now
		return nil
	}
	for {
		list, err := x.db.Gigs().GigsChangedAfter(ctx, n.seq, followBatch)
		if err != nil {
			return err
		}
		for _, g := range list {
			n.put(g, now)
			n.seq = max(n.seq, g.Seq)
		}
		if len(list) < followBatch {
			break
		}
	}
	n.checked = now
	return nil
}

// GigQuery is a search for gigs as the API and the 附近的零工 page ask it.
type GigQuery struct {
	Near     string // "LAT,LNG"
	RadiusKm string
	Region   string // a district or street code
	Date     string // YYYY-MM-DD
	Skill    string
	PayMin   string // yuan
	Sort     string // distance | start | pay
	Page     int
	PageSize int
}

// GigHit is one gig in results, with how full its next shift is.
type GigHit struct {
	Gig        *gigs.Gig
	Credit     gigs.Credit
	DistanceKm float64 // -1 without a point
	Next       gigs.Shift
}

// GigResults is a page of results.
type GigResults struct {
	Total    int
	Page     int
	PageSize int
	Items    []GigHit
	HasPoint bool
}

// parse turns the query into an index query, with field errors for what
// cannot be read.
func (q GigQuery) parse(now time.Time) (gigs.NearQuery, error) {
	var f apperr.Fields
	// Full gigs stay in results: a worker may join the waitlist.
	nq := gigs.NearQuery{Region: strings.TrimSpace(q.Region), Skill: strings.TrimSpace(q.Skill), Sort: q.Sort, Now: now, SoonFirst: true,
		IncludeFull: true}
	if s := strings.TrimSpace(q.Near); s != "" {
		a, b, ok := strings.Cut(s, ",")
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		lng, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if !ok || err1 != nil || err2 != nil || !gigs.InChina(lat, lng) {
			f.Add("near", "位置应为“纬度,经度”且在中国境内，如 30.62,114.14")
		}
		nq.Lat, nq.Lng, nq.HasPoint = lat, lng, true
	}
	if s := strings.TrimSpace(q.RadiusKm); s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if err != nil || r <= 0 || r > gigs.MaxRadiusKm {
			f.Add("radius_km", "距离应为 1–50 公里")
		}
		nq.RadiusKm = r
	}
	if nq.Region != "" && (len(nq.Region) < 6 || !isDigitString(nq.Region)) {
		f.Add("region_code", "请选择区或街道")
	}
	if s := strings.TrimSpace(q.Date); s != "" {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			f.Add("date", "日期格式应为 YYYY-MM-DD")
		}
		nq.Date = s
	}
	if s := strings.TrimSpace(q.PayMin); s != "" {
		fen, ok := gigs.ParseYuan(s)
		if !ok {
			f.Add("pay_min", "最低报酬请填写金额（元）")
		}
		nq.PayMinFen = fen
	}
	switch q.Sort {
	case "", "distance", "start", "pay":
	default:
		f.Add("sort", "排序应为 distance、start 或 pay")
	}
	return nq, f.Err()
}

func isDigitString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SearchGigs finds open gigs: nearest first around a point, or by region
// and start without one; today's and tomorrow's on top.
func (x *Gigs) SearchGigs(ctx context.Context, q GigQuery) (*GigResults, error) {
	nq, err := q.parse(x.now())
	if err != nil {
		return nil, err
	}
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize < 1 || q.PageSize > 50 {
		q.PageSize = 20
	}
	if q.Page > 500 {
		return nil, apperr.Field("page", "页码过大")
	}
	nq.Offset, nq.Limit = (q.Page-1)*q.PageSize, q.PageSize
	if err := x.ensure(ctx); err != nil {
		return nil, err
	}
	total, hits := x.near.idx.Search(nq)
	out := &GigResults{Total: total, Page: q.Page, PageSize: q.PageSize, HasPoint: nq.HasPoint}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	now := x.now()
	byID, miss := x.near.cards.get(ids, now)
	if len(miss) > 0 {
		list, err := x.db.Gigs().GigsByIDs(ctx, miss)
		if err != nil {
			return nil, err
		}
		x.near.cards.keep(list, now)
		for _, g := range list {
			byID[g.ID] = g
		}
	}
	shown := make([]*gigs.Gig, 0, len(byID))
	for _, g := range byID {
		shown = append(shown, g)
	}
	credit, err := x.credits(ctx, shown)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		g := byID[h.ID]
		if g == nil {
			continue // removed since the index was read
		}
		next, _ := g.NextShift(now)
		out.Items = append(out.Items, GigHit{Gig: g, DistanceKm: h.DistanceKm, Next: next, Credit: credit[g.EmployerID]})
	}
	return out, nil
}

// credits returns the credit of the gigs' employers, kept a minute per
// instance (credit moves slowly).
func (x *Gigs) credits(ctx context.Context, list []*gigs.Gig) (map[int64]gigs.Credit, error) {
	ids := make([]int64, 0, len(list))
	for _, g := range list {
		ids = append(ids, g.EmployerID)
	}
	return x.near.credit.get(ctx, ids, x.now(), x.db.Gigs().Credits)
}

// ForgetCredit drops the kept credit of every employer, as a minute does;
// tests call it instead of waiting.
func (x *Gigs) ForgetCredit() {
	x.near.credit.mu.Lock()
	clear(x.near.credit.m)
	x.near.credit.mu.Unlock()
}
