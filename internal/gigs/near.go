package gigs

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Search limits and the grid's geometry.
const (
	earthRadiusKm   = 6371.0088
	defaultRadiusKm = 10.0
	maxRadiusKm     = 50.0
	soonWindow      = 48 * time.Hour

	// cellDeg is the side of a grid cell in degrees: about 1.1 km north to
	// south and 0.96 km east to west at Wuhan, so a 1–20 km radius touches
	// a few to a few thousand cells and a street's gigs fill a handful.
	cellDeg = 0.01

	// boundSlack and boundSlackKm widen the planar distance bounds of a cell
	// (relative and absolute) so they stay true bounds of the haversine
	// distance: the planar error is below 0.02% within 50 km below 80°.
	boundSlack   = 0.005
	boundSlackKm = 0.005

	// maxLat is where the grid stops trusting its planar bounds; a circle
	// reaching beyond it (or across ±180°) is searched cell by cell, exactly.
	maxLat = 80.0
)

// degRad converts degrees to radians.
const degRad = math.Pi / 180

// kmPerDeg is the length of one degree of latitude.
const kmPerDeg = earthRadiusKm * degRad

// NearItem is what the index keeps of one searchable gig: only what
// filtering and ranking need.
type NearItem struct {
	ID         int64
	Lat, Lng   float64
	RegionCode string    // 12-digit street code (prefix = district 6 digits)
	StartsAt   time.Time // first open shift start
	EndsAt     time.Time // last shift end; the gig leaves search after it
	PayFen     int64     // pay amount in fen per unit
	PayUnit    string    // hour|day|piece
	HourlyFen  int64     // pay normalised to an hour when computable (day rate / shift hours), else 0
	Skills     []string
	Days       []string // shift dates "2026-12-07" (Beijing), for the date filter
	Urgent     bool
	Full       bool // every slot taken
}

// NearQuery is one search of the index. The zero values of the filters
// mean "any".
type NearQuery struct {
	Lat, Lng  float64
	HasPoint  bool
	RadiusKm  float64   // 0 = default 10 km when HasPoint; max 50
	Region    string    // region code prefix filter ("" = any)
	Date      string    // "2026-12-07": only gigs with a shift that day
	Skill     string    // exact skill match
	PayMinFen int64     // minimum pay: compares HourlyFen when > 0 for unit hour/day, else PayFen
	Sort      string    // "distance" (default with a point) | "start" (default without) | "pay"
	Now       time.Time // gigs with EndsAt <= Now are skipped
	// SoonFirst puts the gigs whose first shift starts before Now+48h
	// ahead of the others, each group in the chosen order.
	SoonFirst bool
	// IncludeFull also finds gigs whose every slot is taken; a worker's
	// search leaves them out, a staff view may want them.
	IncludeFull   bool
	Offset, Limit int
}

// NearHit is one gig found, in rank order.
type NearHit struct {
	ID         int64
	DistanceKm float64 // -1 without a point
}

// NearIndex finds the gigs near a point (or in a region) without asking the
// database, with the same results as measuring and sorting every gig.
//
// Gigs sit in cells of a 0.01° grid (about 1 km), kept in start order with
// summaries (regions, best start and pay, sorted end times). A radius
// search reads only the cells its circle can touch; planar bounds, widened
// to stay true of the haversine, tell the cells wholly inside (not
// measured) from those the circle cuts (measured gig by gig when near the
// edge). A bounded heap keeps the best Offset+Limit; a cell whose best
// possible gig cannot enter it is only counted, from its sorted ends when
// no other filter applies. Without a point every cell of the region is
// read the same way.
//
// It is safe for concurrent use: searches share a read lock, Put, Remove
// and Prune take the write lock.
type NearIndex struct {
	mu      sync.RWMutex
	cells   map[cellKey]*cell
	nowhere cell            // gigs without usable coordinates: found only without a point
	where   map[int64]place // gig id → where it is
	regions interner
	skills  interner
	days    interner
}

// cellKey is a grid cell: the integer bins of its south-west corner.
type cellKey struct{ lat, lng int32 }

// cell holds its gigs by value in start order, split in two arrays: what every
// filter reads (hot) apart from what only measuring and ranking the few
// candidates read (cold), so that a scan touches 40 bytes a gig. Beside
// them it keeps summaries that let a search skip or merely count a cell.
type cell struct {
	key  cellKey
	hot  []hotRec
	cold []coldRec
	// regions counts the gigs by region, so a region search skips the
	// cells without one.
	regions []regionCount
	// best is the best start and pay of the cell's gigs: when not even a
	// gig having both at the cell's nearest point could enter the ranking,
	// the cell's gigs are only counted.
	best hotRec
	// minPay is the lowest pay, ends the sorted ends of the gigs and
	// fullEnds those of the full ones: a cell a query's radius, region and
	// minimum pay wholly take in, and with no skill or date filter, is
	// counted by two binary searches.
	minPay   int64
	ends     []int64
	fullEnds []int64
}

// regionCount is how many gigs of a cell are in a region.
type regionCount struct {
	region uint32
	n      int32
}

// place is where a gig is kept: its cell, and its start, which finds it
// there by a binary search (the cell is in start order) without renumbering
// the gigs that move up or down when one is put or removed.
type place struct {
	c     *cell
	start int64
}

// hotRec is what the filters read of a gig, in 40 bytes: times as
// saturated Unix nanoseconds, the compared pay, and bits that settle the
// skill and date filters without reading the gig's lists but for rare
// gigs (a 64th skill, shifts 16 days apart).
type hotRec struct {
	start, end int64
	pay        int64  // what PayMinFen and the pay sort compare
	skillBits  uint64 // bit id for skill ids 0–62, bit 63 for any later one
	meta       uint32 // the interned region, and the flags below
	firstDay   uint16 // the first shift date, in days since 1970-01-01
	dayBits    uint16 // bit i: a shift on firstDay+i
}

// The flags of hotRec.meta, above the region.
const (
	fullFlag    = 1 << 31 // every slot taken
	oddDaysFlag = 1 << 30 // a shift date the bits do not hold: check the list
	regionMask  = 1<<30 - 1
)

// region is the gig's interned region.
func (h *hotRec) region() uint32 { return h.meta & regionMask }

// full reports whether every slot of the gig is taken.
func (h *hotRec) full() bool { return h.meta&fullFlag != 0 }

// oddDays reports whether the date bits miss some of the gig's dates.
func (h *hotRec) oddDays() bool { return h.meta&oddDaysFlag != 0 }

// coldRec is the rest of a gig: identity, position and exact lists.
type coldRec struct {
	id            int64
	lat, lng, cos float64  // cos of the latitude, for the haversine
	tags          []uint32 // skill ids, then day ids
	nSkills       uint16
}

// skillBit is the bit of an interned skill in a hotRec's skillBits, and
// whether it is the skill's alone.
func skillBit(id uint32) (bit uint64, exact bool) {
	if id < 63 {
		return 1 << id, true
	}
	return 1 << 63, false
}

// dayNumber is a shift date as days since 1970-01-01, if it is one written
// as "2006-01-02" (so equal numbers mean equal strings).
func dayNumber(s string) (int64, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Format(time.DateOnly) != s {
		return 0, false
	}
	return t.Unix() / 86400, true
}

// setDays sets a gig's date bits from its shift dates.
func (h *hotRec) setDays(days []string) {
	nums := make([]int64, 0, len(days))
	for _, d := range days {
		if n, ok := dayNumber(d); ok && n >= 0 && n <= math.MaxUint16 {
			nums = append(nums, n)
		} else {
			h.meta |= oddDaysFlag
		}
	}
	if len(nums) == 0 {
		return
	}
	first := slices.Min(nums)
	h.firstDay = uint16(first)
	for _, n := range nums {
		if i := n - first; i < 16 {
			h.dayBits |= 1 << i
		} else {
			h.meta |= oddDaysFlag
		}
	}
}

// add inserts a gig after those starting no later.
func (c *cell) add(h hotRec, r coldRec) {
	i := sort.Search(len(c.hot), func(i int) bool { return c.hot[i].start > h.start })
	c.hot = slices.Insert(c.hot, i, h)
	c.cold = slices.Insert(c.cold, i, r)
	c.enter(h)
}

// indexOf finds gig id, which starts at start, in the cell.
func (c *cell) indexOf(id, start int64) int {
	i := sort.Search(len(c.hot), func(i int) bool { return c.hot[i].start >= start })
	for ; i < len(c.hot) && c.hot[i].start == start; i++ {
		if c.cold[i].id == id {
			return i
		}
	}
	panic("gigs: a gig is not where the index has it")
}

// removeAt takes the gig at i out, the later ones moving up.
func (c *cell) removeAt(i int) {
	old := c.hot[i]
	c.hot = slices.Delete(c.hot, i, i+1)
	c.cold = slices.Delete(c.cold, i, i+1)
	c.leave(old)
}

// enter adds a gig now in the arrays to the summaries.
func (c *cell) enter(h hotRec) {
	if len(c.ends) == 0 {
		c.best, c.minPay = h, h.pay
	}
	c.count(h.region(), 1)
	c.widen(h)
	c.ends = insertSorted(c.ends, h.end)
	if h.full() {
		c.fullEnds = insertSorted(c.fullEnds, h.end)
	}
}

// leave takes a gig no longer in the arrays out of the summaries.
func (c *cell) leave(h hotRec) {
	c.count(h.region(), -1)
	c.ends = deleteSorted(c.ends, h.end)
	if h.full() {
		c.fullEnds = deleteSorted(c.fullEnds, h.end)
	}
	if h.start == c.best.start || h.pay == c.best.pay || h.pay == c.minPay {
		c.rebound()
	}
}

// resummarize recomputes the summaries from the gigs.
func (c *cell) resummarize() {
	c.regions, c.ends, c.fullEnds = c.regions[:0], c.ends[:0], c.fullEnds[:0]
	for _, h := range c.hot {
		c.enter(h)
	}
}

// widen keeps the bounds true of a gig added.
func (c *cell) widen(h hotRec) {
	c.best.start = min(c.best.start, h.start)
	c.best.pay = max(c.best.pay, h.pay)
	c.minPay = min(c.minPay, h.pay)
}

// rebound recomputes the bounds after the gig holding one of them left.
func (c *cell) rebound() {
	if len(c.hot) == 0 {
		return
	}
	c.best, c.minPay = c.hot[0], c.hot[0].pay
	for _, h := range c.hot[1:] {
		c.widen(h)
	}
}

// open counts the gigs ending after now, the full ones only if asked.
func (c *cell) open(now int64, withFull bool) int {
	n := countAfter(c.ends, now)
	if !withFull {
		n -= countAfter(c.fullEnds, now)
	}
	return n
}

// insertSorted inserts v into the sorted s.
func insertSorted(s []int64, v int64) []int64 {
	i, _ := slices.BinarySearch(s, v)
	return slices.Insert(s, i, v)
}

// deleteSorted deletes one v from the sorted s.
func deleteSorted(s []int64, v int64) []int64 {
	if i, ok := slices.BinarySearch(s, v); ok {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// countAfter is how many of the sorted s are greater than v.
func countAfter(s []int64, v int64) int {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] > v {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return len(s) - lo
}

// count adds delta to the cell's count of a region.
func (c *cell) count(region uint32, delta int32) {
	for i := range c.regions {
		if c.regions[i].region != region {
			continue
		}
		if c.regions[i].n += delta; c.regions[i].n == 0 {
			c.regions = slices.Delete(c.regions, i, i+1)
		}
		return
	}
	c.regions = append(c.regions, regionCount{region, delta})
}

// plain reports whether every gig of a cell passes the query's region,
// pay, skill and date filters, so that only time and full tell.
func (p *plan) plain(c *cell) bool {
	if p.bySkill || p.byDay || p.payMin > c.minPay {
		return false
	}
	if p.anyRegion {
		return true
	}
	for _, rc := range c.regions {
		if !p.regionOK[rc.region] {
			return false
		}
	}
	return true
}

// inRegion reports whether a cell has a gig in a region the query accepts.
func (p *plan) inRegion(c *cell) bool {
	if p.anyRegion {
		return true
	}
	for _, rc := range c.regions {
		if p.regionOK[rc.region] {
			return true
		}
	}
	return false
}

// NewNearIndex returns an empty index.
func NewNearIndex() *NearIndex {
	return &NearIndex{
		cells:   map[cellKey]*cell{},
		where:   map[int64]place{},
		regions: newInterner(), skills: newInterner(), days: newInterner(),
	}
}

// Len is the number of gigs in the index, ended or not.
func (x *NearIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.where)
}

// Put inserts the gig, or replaces the one with its ID (wherever it was).
func (x *NearIndex) Put(it NearItem) {
	x.mu.Lock()
	defer x.mu.Unlock()
	h, r := x.record(it)
	if at, ok := x.where[r.id]; ok {
		x.detach(r.id, at)
	}
	c := x.cellOf(r.lat, r.lng)
	c.add(h, r)
	x.where[r.id] = place{c, h.start}
}

// Remove takes the gig out of the index; an unknown ID is no error.
func (x *NearIndex) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if at, ok := x.where[id]; ok {
		x.detach(id, at)
		delete(x.where, id)
	}
}

// Prune removes the gigs whose last shift ended at or before now and
// returns how many. Searches skip them anyway, but they still cost a scan
// and hold back the cells' bounds; the owner calls Prune now and then (a
// minute apart is plenty). It compacts each cell once, in linear time.
func (x *NearIndex) Prune(now time.Time) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	end := stamp(now)
	n := x.pruneCell(&x.nowhere, end)
	for k, c := range x.cells {
		n += x.pruneCell(c, end)
		if len(c.hot) == 0 {
			delete(x.cells, k)
		}
	}
	return n
}

// pruneCell removes a cell's gigs ended at or before end.
func (x *NearIndex) pruneCell(c *cell, end int64) int {
	first := slices.IndexFunc(c.hot, func(h hotRec) bool { return h.end <= end })
	if first < 0 {
		return 0
	}
	keep := first
	for i := first; i < len(c.hot); i++ {
		if c.hot[i].end <= end {
			delete(x.where, c.cold[i].id)
			continue
		}
		c.hot[keep], c.cold[keep] = c.hot[i], c.cold[i]
		keep++
	}
	gone := len(c.hot) - keep
	clear(c.cold[keep:])
	c.hot, c.cold = c.hot[:keep], c.cold[:keep]
	c.resummarize()
	return gone
}

// record compiles an item, interning its strings.
func (x *NearIndex) record(it NearItem) (hotRec, coldRec) {
	h := hotRec{
		start: stamp(it.StartsAt), end: stamp(it.EndsAt),
		pay:  payValue(it.PayFen, it.PayUnit, it.HourlyFen),
		meta: x.regions.id(it.RegionCode) & regionMask,
	}
	if it.Full {
		h.meta |= fullFlag
	}
	r := coldRec{id: it.ID, lat: it.Lat, lng: it.Lng, cos: cosLat(it.Lat)}
	n := min(len(it.Skills), math.MaxUint16)
	r.nSkills = uint16(n)
	r.tags = make([]uint32, 0, n+len(it.Days))
	for _, s := range it.Skills[:n] {
		id := x.skills.id(s)
		r.tags = append(r.tags, id)
		bit, _ := skillBit(id)
		h.skillBits |= bit
	}
	for _, d := range it.Days {
		r.tags = append(r.tags, x.days.id(d))
	}
	h.setDays(it.Days)
	return h, r
}

// payValue is the pay a gig is compared by: the hourly figure when it is
// known for hour and day rates (so a day rate competes with hourly ones),
// else the amount per unit.
func payValue(fen int64, unit string, hourly int64) int64 {
	if hourly > 0 && (unit == "hour" || unit == "day") {
		return hourly
	}
	return fen
}

// cellOf returns the cell of a point, creating it.
func (x *NearIndex) cellOf(lat, lng float64) *cell {
	if !located(lat, lng) {
		return &x.nowhere
	}
	k := cellKey{bin(lat), bin(lng)}
	c := x.cells[k]
	if c == nil {
		c = &cell{key: k}
		x.cells[k] = c
	}
	return c
}

// detach takes gig id out of its cell; an emptied cell leaves the grid.
func (x *NearIndex) detach(id int64, at place) {
	at.c.removeAt(at.c.indexOf(id, at.start))
	if len(at.c.hot) == 0 && at.c != &x.nowhere {
		delete(x.cells, at.c.key)
	}
}

// located reports whether a point can be put on the grid.
func located(lat, lng float64) bool {
	return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
}

// bin is the grid bin of a coordinate.
func bin(deg float64) int32 { return int32(math.Floor(deg / cellDeg)) }

// stamp is t in Unix nanoseconds, saturated outside 1678–2262 so that
// every time.Time orders the same as its stamp (the zero time first).
func stamp(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// DistanceKm is the great-circle (haversine) distance between two points in
// km, on a sphere of the earth's mean radius.
func DistanceKm(lat1, lng1, lat2, lng2 float64) float64 {
	return haversine(lat1, lng1, cosLat(lat1), lat2, lng2, cosLat(lat2))
}

// cosLat is the cosine of a latitude, kept per gig so a search computes it
// once per query instead of once per gig.
func cosLat(lat float64) float64 { return math.Cos(lat * degRad) }

// haversine is DistanceKm with the latitudes' cosines given. The explicit
// conversions forbid fused multiply-adds, so the index and DistanceKm agree
// to the last bit on every architecture.
func haversine(lat1, lng1, cos1, lat2, lng2, cos2 float64) float64 {
	s1 := math.Sin((lat2 - lat1) * degRad / 2)
	s2 := math.Sin((lng2 - lng1) * degRad / 2)
	h1 := float64(s1 * s1)
	h2 := float64(float64(float64(cos1*cos2)*s2) * s2)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(min(h1+h2, 1)))
}

// interner gives each distinct string a small integer, so a gig keeps four
// bytes per region, skill and day and a filter compares integers.
type interner struct {
	ids   map[string]uint32
	names []string
}

// newInterner returns an empty interner.
func newInterner() interner { return interner{ids: map[string]uint32{}} }

// id returns the integer of s, assigning the next one to a new string.
func (n *interner) id(s string) uint32 {
	if id, ok := n.ids[s]; ok {
		return id
	}
	id := uint32(len(n.names))
	n.ids[s] = id
	n.names = append(n.names, s)
	return id
}

// lookup returns the integer of s if it was ever assigned.
func (n *interner) lookup(s string) (uint32, bool) {
	id, ok := n.ids[s]
	return id, ok
}

// Search returns how many gigs match q and the page q.Offset, q.Limit of
// them in rank order. Limit <= 0 only counts.
func (x *NearIndex) Search(q NearQuery) (total int, hits []NearHit) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	p, ok := x.compile(q)
	if !ok {
		return 0, nil
	}
	t := newTop(p.order, p.keep)
	if p.point {
		total = p.scan(x.reached(&p), t)
	} else {
		total = x.scanAll(&p, t)
	}
	return total, p.page(t.sorted())
}

// plan is a query compiled against the index: strings turned into the
// interned ids the gigs carry, defaults applied.
type plan struct {
	point       bool
	planar      bool // the planar bounds hold near the point (see reached)
	lat, lng    float64
	cos, radius float64
	regionOK    []bool // by region id
	anyRegion   bool   // every region is OK
	skill, day  uint32
	bySkill     bool
	byDay       bool
	byTags      bool   // byDay, or bySkill by a bit not the skill's alone: see matchTags
	fullMask    uint32 // fullFlag, or 0 when full gigs are found too
	skillBit    uint64 // skillBit(skill), or 0 for any
	skillExact  bool   // the bit is the skill's alone
	dayNum      int64  // dayNumber(Date), or far from any gig's when not one
	payMin      int64
	now, soon   int64 // EndsAt must be after now; soon = StartsAt before it
	order       order
	offset      int
	limit       int
	keep        int // offset + limit, what the heap keeps
}

// compile checks and compiles q; false means nothing can match.
func (x *NearIndex) compile(q NearQuery) (plan, bool) {
	p := plan{point: q.HasPoint, payMin: q.PayMinFen, fullMask: fullFlag,
		now: stamp(q.Now), soon: stamp(q.Now.Add(soonWindow))}
	if q.IncludeFull {
		p.fullMask = 0
	}
	if p.point {
		if !located(q.Lat, q.Lng) {
			return p, false
		}
		p.lat, p.lng, p.cos = q.Lat, q.Lng, cosLat(q.Lat)
		p.radius = radius(q.RadiusKm)
	}
	p.order = order{by: sortKey(q.Sort, p.point), soonFirst: q.SoonFirst}
	p.offset, p.limit = max(q.Offset, 0), max(q.Limit, 0)
	if p.limit > 0 {
		p.keep = p.offset + p.limit
		if p.keep < 0 { // overflow
			p.keep = math.MaxInt
		}
	}
	return x.compileFilters(q, p)
}

// compileFilters turns the region, skill and date filters into ids; a
// string the index never saw matches nothing.
func (x *NearIndex) compileFilters(q NearQuery, p plan) (plan, bool) {
	p.regionOK = make([]bool, len(x.regions.names))
	some := false
	for i, name := range x.regions.names {
		p.regionOK[i] = strings.HasPrefix(name, q.Region)
		some = some || p.regionOK[i]
	}
	if !some {
		return p, false
	}
	p.anyRegion = q.Region == ""
	var ok bool
	if q.Skill != "" {
		if p.skill, ok = x.skills.lookup(q.Skill); !ok {
			return p, false
		}
		p.bySkill = true
		p.skillBit, p.skillExact = skillBit(p.skill)
	}
	if q.Date != "" {
		if p.day, ok = x.days.lookup(q.Date); !ok {
			return p, false
		}
		p.byDay = true
		if p.dayNum, ok = dayNumber(q.Date); !ok {
			p.dayNum = math.MinInt64 / 2
		}
	}
	p.byTags = p.byDay || p.bySkill && !p.skillExact
	return p, true
}

// radius is the search radius asked for, defaulted and capped.
func radius(km float64) float64 {
	if !(km > 0) { // also NaN
		return defaultRadiusKm
	}
	return min(km, maxRadiusKm)
}

// sortKey is the order asked for; distance needs a point, and an unknown
// order is the default one.
func sortKey(s string, point bool) by {
	switch {
	case s == "pay":
		return byPay
	case s == "start" || !point:
		return byStart
	}
	return byDistance
}

// pass applies the common filters, small enough to be inlined in the scan
// loops: time, full, pay, region and the skill's bit.
func (p *plan) pass(h *hotRec) bool {
	return h.end > p.now && h.meta&p.fullMask == 0 && h.pay >= p.payMin &&
		p.regionOK[h.meta&regionMask] && h.skillBits&p.skillBit == p.skillBit
}

// matchTags applies the skill and date filters pass leaves to gig i of a
// cell: the date by its bits, and both by the gig's lists when the bits
// cannot tell.
func (p *plan) matchTags(c *cell, i int) bool {
	h := &c.hot[i]
	sure := !p.bySkill || p.skillExact
	if p.byDay {
		switch d := p.dayNum - int64(h.firstDay); {
		case d >= 0 && d < 16 && h.dayBits&(1<<d) != 0:
		case h.oddDays():
			sure = false
		default:
			return false
		}
	}
	return sure || p.matchLists(&c.cold[i])
}

// matchLists checks the skill and date against a gig's lists.
func (p *plan) matchLists(r *coldRec) bool {
	if p.bySkill && !slices.Contains(r.tags[:r.nSkills], p.skill) {
		return false
	}
	return !p.byDay || slices.Contains(r.tags[r.nSkills:], p.day)
}

// candidate is what the ranking needs of a gig; before its cold fields
// are read, id is the least possible and d a lower bound, which makes the
// best candidate the gig could be.
func (p *plan) candidate(h *hotRec, id int64, d float64) cand {
	return cand{id: id, d: d, start: h.start, pay: h.pay, soon: h.start < p.soon}
}

// page cuts the requested page from the ranked gigs.
func (p *plan) page(ranked []cand) []NearHit {
	if p.offset >= len(ranked) {
		return nil
	}
	ranked = ranked[p.offset:]
	hits := make([]NearHit, len(ranked))
	for i, c := range ranked {
		hits[i] = NearHit{ID: c.id, DistanceKm: c.d}
	}
	return hits
}

// scanAll ranks every matching gig when the query has no point.
func (x *NearIndex) scanAll(p *plan, t *top) int {
	total := p.scanCell(reach{c: &x.nowhere, lo: -1, inside: true}, t)
	for _, c := range x.cells {
		if p.inRegion(c) {
			total += p.scanCell(reach{c: c, lo: -1, inside: true}, t)
		}
	}
	return total
}

// scan ranks the gigs of the reached cells. By distance, the nearest cells
// go first, so the heap soon holds near gigs and the farther cells, which
// cannot better them, are only counted; other orders gain too little from
// sorting the cells to pay for it.
func (p *plan) scan(cells []reach, t *top) int {
	if p.point && p.order.by == byDistance {
		slices.SortFunc(cells, func(a, b reach) int { return cmp.Compare(a.lo, b.lo) })
	}
	total := 0
	for _, rc := range cells {
		total += p.scanCell(rc, t)
	}
	return total
}

// scanCell ranks the gigs of a cell, or only counts them when not even
// the cell's best could enter the heap.
func (p *plan) scanCell(rc reach, t *top) int {
	if t.admits(p.candidate(&rc.c.best, math.MinInt64, rc.lo)) {
		return p.rank(rc, t)
	}
	return p.count(rc)
}

// rank counts the matching gigs of a cell and offers them to the heap; a
// gig's cold fields are read and its distance measured only when it might
// be beyond the radius or might enter the heap.
func (p *plan) rank(rc reach, t *top) int {
	c := rc.c
	n := 0
	for i := range c.hot {
		h := &c.hot[i]
		if !p.pass(&c.hot[i]) || p.byTags && !p.matchTags(c, i) {
			continue
		}
		lo, d, measured := rc.lo, 0.0, false
		if !rc.inside {
			var in bool
			if lo, measured, in = p.near(&c.cold[i]); !in {
				continue
			}
			d = lo
		}
		n++
		if !t.admits(p.candidate(h, math.MinInt64, lo)) {
			if p.order.by == byStart && !t.admits(p.candidate(h, math.MinInt64, rc.lo)) {
				// the later gigs start no earlier: none can enter
				if rc.inside && p.plain(c) {
					return p.count(rc)
				}
				return n + p.countFrom(rc, i+1)
			}
			continue
		}
		r := &c.cold[i]
		if !measured {
			d = p.distance(r)
		}
		if cd := p.candidate(h, r.id, d); t.admits(cd) {
			t.push(cd)
		}
	}
	return n
}

// count counts the matching gigs of a cell.
func (p *plan) count(rc reach) int {
	if rc.inside && p.plain(rc.c) {
		return rc.c.open(p.now, p.fullMask == 0)
	}
	return p.countFrom(rc, 0)
}

// countFrom counts the matching gigs of a cell from index from on.
func (p *plan) countFrom(rc reach, from int) int {
	c := rc.c
	n := 0
	for i := from; i < len(c.hot); i++ {
		if !p.pass(&c.hot[i]) || p.byTags && !p.matchTags(c, i) {
			continue
		}
		if rc.inside {
			n++
		} else if _, _, in := p.near(&c.cold[i]); in {
			n++
		}
	}
	return n
}

// near tells whether a gig of a cell on the circle's edge is within the
// radius, and bounds its distance from below. The planar distance settles
// all but the gigs within boundSlack of the edge; those are measured, and
// then the bound is the distance (measured is true).
func (p *plan) near(r *coldRec) (lo float64, measured, in bool) {
	if p.planar {
		dy, dx := r.lat-p.lat, r.lng-p.lng
		km := math.Sqrt(dy*dy+p.cos*r.cos*dx*dx) * kmPerDeg
		if lo = km*(1-boundSlack) - boundSlackKm; lo > p.radius {
			return lo, false, false
		}
		if km*(1+boundSlack)+boundSlackKm <= p.radius {
			return lo, false, true
		}
	}
	d := p.distance(r)
	return d, true, d <= p.radius
}

// distance is the gig's distance from the query's point, -1 without one.
func (p *plan) distance(r *coldRec) float64 {
	if !p.point {
		return -1
	}
	return haversine(p.lat, p.lng, p.cos, r.lat, r.lng, r.cos)
}

// reach is a cell to search, with bounds of its gigs' distances.
type reach struct {
	c      *cell
	lo     float64 // no gig of the cell is nearer
	inside bool    // every gig of the cell is within the radius
}

// reached lists the cells the query's circle may touch: those of its
// bounding box, or every cell when the box holds more bins than the grid
// has cells.
func (x *NearIndex) reached(p *plan) []reach {
	dLat := p.radius/kmPerDeg*(1+boundSlack) + cellDeg/100
	latLo, latHi := p.lat-dLat, p.lat+dLat
	if latLo < -maxLat || latHi > maxLat {
		return x.everyCell(p)
	}
	dLng := dLat / math.Cos(max(-latLo, latHi)*degRad)
	lngLo, lngHi := p.lng-dLng, p.lng+dLng
	if lngLo < -180 || lngHi > 180 {
		return x.everyCell(p)
	}
	p.planar = true
	box := cellBox{bin(latLo), bin(latHi), bin(lngLo), bin(lngHi)}
	out := make([]reach, 0, min(box.size(), len(x.cells)))
	if box.size() > len(x.cells) {
		for k, c := range x.cells {
			if box.has(k) && p.inRegion(c) {
				out = p.bound(out, c, p.rowScale(k.lat))
			}
		}
		return out
	}
	for la := box.lat0; la <= box.lat1; la++ {
		sc := p.rowScale(la)
		lng0, lng1, ok := p.rowSpan(la, sc)
		for lo := max(lng0, box.lng0); ok && lo <= min(lng1, box.lng1); lo++ {
			if c := x.cells[cellKey{la, lo}]; c != nil && p.inRegion(c) {
				out = p.bound(out, c, sc)
			}
		}
	}
	return out
}

// scale is the least and greatest km per degree of longitude, as the
// planar distance from the query's point counts them, along a row of cells.
type scale struct{ lo, hi float64 }

// rowScale is the scale of the row of cells at bin la.
func (p *plan) rowScale(la int32) scale {
	lat0 := float64(la) * cellDeg
	cMin, cMax := cosRange(lat0, lat0+cellDeg)
	return scale{math.Sqrt(p.cos*cMin) * kmPerDeg, math.Sqrt(p.cos*cMax) * kmPerDeg}
}

// rowSpan is the range of longitude bins of row la whose cells bound may
// keep: those whose lower bound can be within the radius. false: none.
func (p *plan) rowSpan(la int32, sc scale) (lng0, lng1 int32, ok bool) {
	lat0 := float64(la) * cellDeg
	dyMin, _ := span(p.lat, lat0, lat0+cellDeg)
	dy := dyMin * kmPerDeg
	reach := (p.radius + boundSlackKm) / (1 - boundSlack)
	if dy > reach || sc.lo <= 0 {
		return 0, 0, false
	}
	w := math.Sqrt(reach*reach-dy*dy)/sc.lo + cellDeg/100
	return bin(p.lng - w), bin(p.lng + w), true
}

// everyCell lists every cell as one to measure gig by gig: the search for
// a circle the planar bounds cannot be trusted for.
func (x *NearIndex) everyCell(p *plan) []reach {
	out := make([]reach, 0, len(x.cells))
	for _, c := range x.cells {
		if p.inRegion(c) {
			out = append(out, reach{c: c, lo: math.Inf(-1)})
		}
	}
	return out
}

// cellBox is a rectangle of bins, bounds included.
type cellBox struct{ lat0, lat1, lng0, lng1 int32 }

// size is the number of bins in the box.
func (b cellBox) size() int {
	return int(b.lat1-b.lat0+1) * int(b.lng1-b.lng0+1)
}

// has reports whether the box holds a cell.
func (b cellBox) has(k cellKey) bool {
	return k.lat >= b.lat0 && k.lat <= b.lat1 && k.lng >= b.lng0 && k.lng <= b.lng1
}

// bound measures a cell against the circle with a planar approximation,
// widened by boundSlack into true bounds of the haversine distance, and
// appends it to out unless it lies wholly outside.
func (p *plan) bound(out []reach, c *cell, sc scale) []reach {
	lat0, lng0 := float64(c.key.lat)*cellDeg, float64(c.key.lng)*cellDeg
	dyMin, dyMax := span(p.lat, lat0, lat0+cellDeg)
	dxMin, dxMax := span(p.lng, lng0, lng0+cellDeg)
	dyMin, dyMax = dyMin*kmPerDeg, dyMax*kmPerDeg
	dxMin, dxMax = dxMin*sc.lo, dxMax*sc.hi
	lo := math.Sqrt(dyMin*dyMin+dxMin*dxMin)*(1-boundSlack) - boundSlackKm
	if lo > p.radius {
		return out
	}
	hi := math.Sqrt(dyMax*dyMax+dxMax*dxMax)*(1+boundSlack) + boundSlackKm
	return append(out, reach{c: c, lo: lo, inside: hi <= p.radius})
}

// cosRange is the least and greatest cosine of the latitudes in [lat0, lat1].
func cosRange(lat0, lat1 float64) (lo, hi float64) {
	c0, c1 := cosLat(lat0), cosLat(lat1)
	lo, hi = min(c0, c1), max(c0, c1)
	if lat0 <= 0 && lat1 >= 0 {
		hi = 1
	}
	return lo, hi
}

// span is the least and greatest distance in degrees from v to [a, b].
func span(v, a, b float64) (lo, hi float64) {
	switch {
	case v < a:
		lo = a - v
	case v > b:
		lo = v - b
	}
	return lo, max(math.Abs(v-a), math.Abs(v-b))
}

// by is a ranking.
type by uint8

// The rankings of NearQuery.Sort.
const (
	byDistance by = iota // distance, then start, then ID
	byStart              // start, then distance, then ID
	byPay                // pay descending, then distance, then start, then ID
)

// order is a ranking with its soon-first grouping.
type order struct {
	by        by
	soonFirst bool
}

// cand is a matching gig as ranked.
type cand struct {
	id         int64
	d          float64
	start, pay int64
	soon       bool
}

// better reports whether a ranks before b. A larger d never ranks better,
// which lets a lower bound of d rule a gig out before it is measured.
func (o order) better(a, b cand) bool {
	if o.soonFirst && a.soon != b.soon {
		return a.soon
	}
	switch o.by {
	case byDistance:
		if a.d != b.d {
			return a.d < b.d
		}
	case byPay:
		if a.pay != b.pay {
			return a.pay > b.pay
		}
		if a.d != b.d {
			return a.d < b.d
		}
	}
	if a.start != b.start {
		return a.start < b.start
	}
	if a.d != b.d {
		return a.d < b.d
	}
	return a.id < b.id
}

// top keeps the best k candidates seen: a heap with the worst kept on top,
// so a candidate is let in by one comparison.
type top struct {
	order order
	k     int
	heap  []cand
}

// newTop returns an empty top k.
func newTop(o order, k int) *top {
	return &top{order: o, k: k, heap: make([]cand, 0, min(k, 256))}
}

// admits reports whether c would enter the top.
func (t *top) admits(c cand) bool {
	if len(t.heap) < t.k {
		return true
	}
	return t.k > 0 && t.order.better(c, t.heap[0])
}

// push adds c, which admits allowed, dropping the worst when full.
func (t *top) push(c cand) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, c)
		t.up(len(t.heap) - 1)
		return
	}
	t.heap[0] = c
	t.down(0)
}

// worse orders the heap: the worst candidate at the root.
func (t *top) worse(i, j int) bool { return t.order.better(t.heap[j], t.heap[i]) }

// up restores the heap after a leaf was added.
func (t *top) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !t.worse(i, parent) {
			return
		}
		t.heap[i], t.heap[parent] = t.heap[parent], t.heap[i]
		i = parent
	}
}

// down restores the heap after the root was replaced.
func (t *top) down(i int) {
	for {
		w, l, r := i, 2*i+1, 2*i+2
		if l < len(t.heap) && t.worse(l, w) {
			w = l
		}
		if r < len(t.heap) && t.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		t.heap[i], t.heap[w] = t.heap[w], t.heap[i]
		i = w
	}
}

// sorted returns the kept candidates best first.
func (t *top) sorted() []cand {
	out := slices.Clone(t.heap)
	slices.SortFunc(out, func(a, b cand) int {
		if t.order.better(a, b) {
			return -1
		}
		if t.order.better(b, a) {
			return 1
		}
		return 0
	})
	return out
}
