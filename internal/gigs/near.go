package gigs

import (
	"math"
	"slices"
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
	// distance: the planar error is below 0.02% within 50 km below 89°.
	boundSlack   = 0.005
	boundSlackKm = 0.005

	// maxLat is where the grid stops trusting its planar bounds; a circle
	// reaching beyond it (or across ±180°) is searched cell by cell, exactly.
	maxLat = 89.0
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
// database: gigs sit in cells of a lat/lng grid, so a radius search reads
// only the cells its circle touches, counts the cells wholly inside without
// measuring, and ranks with a bounded heap. It is safe for concurrent use.
type NearIndex struct {
	mu      sync.RWMutex
	cells   map[cellKey]*cell
	nowhere cell           // gigs without usable coordinates: found only without a point
	where   map[int64]slot // gig id → its place
	regions interner
	skills  interner
	days    interner
}

// cellKey is a grid cell: the integer bins of its south-west corner.
type cellKey struct{ lat, lng int32 }

// cell holds its gigs by value so that scanning it reads memory in order.
type cell struct {
	key   cellKey
	items []rec
}

// slot is where a gig is kept.
type slot struct {
	c *cell
	i int32
}

// rec is one gig as a cell keeps it: fixed-size numbers inline, strings
// replaced by interned ids, times as saturated Unix nanoseconds.
type rec struct {
	id            int64
	lat, lng, cos float64 // cos of the latitude, for the haversine
	start, end    int64
	pay           int64    // what PayMinFen and the pay sort compare
	tags          []uint32 // skill ids, then day ids
	region        uint32
	nSkills       uint16
	full          bool
}

// NewNearIndex returns an empty index.
func NewNearIndex() *NearIndex {
	return &NearIndex{
		cells:   map[cellKey]*cell{},
		where:   map[int64]slot{},
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
	r := x.record(it)
	c := x.cellOf(r)
	if s, ok := x.where[r.id]; ok {
		if s.c == c {
			c.items[s.i] = r
			return
		}
		x.detach(s)
	}
	c.items = append(c.items, r)
	x.where[r.id] = slot{c, int32(len(c.items) - 1)}
}

// Remove takes the gig out of the index; an unknown ID is no error.
func (x *NearIndex) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if s, ok := x.where[id]; ok {
		x.detach(s)
		delete(x.where, id)
	}
}

// record compiles an item, interning its strings.
func (x *NearIndex) record(it NearItem) rec {
	r := rec{
		id: it.ID, lat: it.Lat, lng: it.Lng, cos: cosLat(it.Lat),
		start: stamp(it.StartsAt), end: stamp(it.EndsAt),
		pay:    payValue(it.PayFen, it.PayUnit, it.HourlyFen),
		region: x.regions.id(it.RegionCode),
		full:   it.Full,
	}
	n := min(len(it.Skills), math.MaxUint16)
	r.nSkills = uint16(n)
	r.tags = make([]uint32, 0, n+len(it.Days))
	for _, s := range it.Skills[:n] {
		r.tags = append(r.tags, x.skills.id(s))
	}
	for _, d := range it.Days {
		r.tags = append(r.tags, x.days.id(d))
	}
	return r
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

// cellOf returns the cell a record belongs in, creating it.
func (x *NearIndex) cellOf(r rec) *cell {
	if !located(r.lat, r.lng) {
		return &x.nowhere
	}
	k := cellKey{bin(r.lat), bin(r.lng)}
	c := x.cells[k]
	if c == nil {
		c = &cell{key: k}
		x.cells[k] = c
	}
	return c
}

// detach takes the gig at s out of its cell by moving the cell's last gig
// into its place; an emptied cell leaves the grid.
func (x *NearIndex) detach(s slot) {
	c := s.c
	last := int32(len(c.items) - 1)
	if s.i != last {
		c.items[s.i] = c.items[last]
		x.where[c.items[s.i].id] = s
	}
	c.items[last] = rec{}
	c.items = c.items[:last]
	if last == 0 && c != &x.nowhere {
		delete(x.cells, c.key)
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
	if !p.point {
		total = x.scanAll(p, t)
	} else {
		total = x.scanNear(p, t)
	}
	return total, p.page(t.sorted())
}

// plan is a query compiled against the index: strings turned into the
// interned ids the gigs carry, defaults applied.
type plan struct {
	point       bool
	lat, lng    float64
	cos, radius float64
	regionOK    []bool // by region id; nil = any
	skill, day  uint32
	bySkill     bool
	byDay       bool
	payMin      int64
	now, soon   int64 // EndsAt must be after now; soon = StartsAt before it
	includeFull bool
	order       order
	offset      int
	limit       int
	keep        int // offset + limit, what the heap keeps
}

// compile checks and compiles q; false means nothing can match.
func (x *NearIndex) compile(q NearQuery) (plan, bool) {
	p := plan{point: q.HasPoint, payMin: q.PayMinFen, includeFull: q.IncludeFull,
		now: stamp(q.Now), soon: stamp(q.Now.Add(soonWindow))}
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
	if q.Region != "" {
		p.regionOK = make([]bool, len(x.regions.names))
		some := false
		for i, name := range x.regions.names {
			p.regionOK[i] = strings.HasPrefix(name, q.Region)
			some = some || p.regionOK[i]
		}
		if !some {
			return p, false
		}
	}
	var ok bool
	if q.Skill != "" {
		if p.skill, ok = x.skills.lookup(q.Skill); !ok {
			return p, false
		}
		p.bySkill = true
	}
	if q.Date != "" {
		if p.day, ok = x.days.lookup(q.Date); !ok {
			return p, false
		}
		p.byDay = true
	}
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

// match applies every filter but the radius: the cheap ones, on the gig's
// inline fields.
func (p *plan) match(r *rec) bool {
	if r.end <= p.now || (r.full && !p.includeFull) || r.pay < p.payMin {
		return false
	}
	if p.regionOK != nil && !p.regionOK[r.region] {
		return false
	}
	if p.bySkill && !slices.Contains(r.tags[:r.nSkills], p.skill) {
		return false
	}
	return !p.byDay || slices.Contains(r.tags[r.nSkills:], p.day)
}

// candidate is what the ranking needs of a matching gig; d is its distance,
// or a lower bound of it before it is measured.
func (p *plan) candidate(r *rec, d float64) cand {
	return cand{id: r.id, d: d, start: r.start, pay: r.pay, soon: r.start < p.soon}
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
func (x *NearIndex) scanAll(p plan, t *top) int {
	total := scanCell(&p, &x.nowhere, t)
	for _, c := range x.cells {
		total += scanCell(&p, c, t)
	}
	return total
}

// scanCell ranks the matching gigs of a cell, without distance.
func scanCell(p *plan, c *cell, t *top) int {
	n := 0
	for i := range c.items {
		r := &c.items[i]
		if !p.match(r) {
			continue
		}
		n++
		if cd := p.candidate(r, -1); t.admits(cd) {
			t.push(cd)
		}
	}
	return n
}

// reach is a cell the circle touches, with bounds of its gigs' distances.
type reach struct {
	c      *cell
	lo     float64 // no gig of the cell is nearer
	inside bool    // every gig of the cell is within the radius
}

// scanNear ranks the matching gigs within the radius. Cells go nearest
// first when ranking by distance, so once the heap is full a cell's lower
// bound tells that its gigs need counting but not measuring.
func (x *NearIndex) scanNear(p plan, t *top) int {
	cells := x.reached(&p)
	if p.order.by == byDistance {
		slices.SortFunc(cells, func(a, b reach) int { return cmpFloat(a.lo, b.lo) })
	}
	total := 0
	for _, rc := range cells {
		total += scanReach(&p, rc, t)
	}
	return total
}

// scanReach ranks the matching gigs of one reached cell; a gig is measured
// only when it may be beyond the radius or may enter the heap.
func scanReach(p *plan, rc reach, t *top) int {
	n := 0
	for i := range rc.c.items {
		r := &rc.c.items[i]
		if !p.match(r) {
			continue
		}
		d, measured := rc.lo, false
		if !rc.inside {
			if d, measured = haversine(p.lat, p.lng, p.cos, r.lat, r.lng, r.cos), true; d > p.radius {
				continue
			}
		}
		n++
		if !t.admits(p.candidate(r, d)) {
			continue
		}
		if !measured {
			d = haversine(p.lat, p.lng, p.cos, r.lat, r.lng, r.cos)
		}
		if cd := p.candidate(r, d); t.admits(cd) {
			t.push(cd)
		}
	}
	return n
}

// cmpFloat orders two numbers.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// reached lists the cells the query's circle may touch: those of its
// bounding box, or every cell when the box holds more bins than the grid
// has cells.
func (x *NearIndex) reached(p *plan) []reach {
	dLat := p.radius/kmPerDeg*(1+boundSlack) + cellDeg/100
	latLo, latHi := p.lat-dLat, p.lat+dLat
	if latLo < -maxLat || latHi > maxLat {
		return x.everyCell()
	}
	dLng := dLat / math.Cos(max(-latLo, latHi)*degRad)
	lngLo, lngHi := p.lng-dLng, p.lng+dLng
	if lngLo < -180 || lngHi > 180 {
		return x.everyCell()
	}
	box := cellBox{bin(latLo), bin(latHi), bin(lngLo), bin(lngHi)}
	out := make([]reach, 0, min(box.size(), len(x.cells)))
	keep := func(c *cell) {
		if rc, ok := p.bound(c); ok {
			out = append(out, rc)
		}
	}
	if box.size() > len(x.cells) {
		for k, c := range x.cells {
			if box.has(k) {
				keep(c)
			}
		}
		return out
	}
	for la := box.lat0; la <= box.lat1; la++ {
		for lo := box.lng0; lo <= box.lng1; lo++ {
			if c := x.cells[cellKey{la, lo}]; c != nil {
				keep(c)
			}
		}
	}
	return out
}

// everyCell lists every cell as one to measure gig by gig: the search for
// a circle the planar bounds cannot be trusted for.
func (x *NearIndex) everyCell() []reach {
	out := make([]reach, 0, len(x.cells))
	for _, c := range x.cells {
		out = append(out, reach{c: c, lo: math.Inf(-1)})
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
// widened by boundSlack into true bounds of the haversine distance; false
// means the cell lies wholly outside.
func (p *plan) bound(c *cell) (reach, bool) {
	lat0, lng0 := float64(c.key.lat)*cellDeg, float64(c.key.lng)*cellDeg
	lat1, lng1 := lat0+cellDeg, lng0+cellDeg
	cMin, cMax := cosRange(lat0, lat1)
	dyMin, dyMax := span(p.lat, lat0, lat1)
	dxMin, dxMax := span(p.lng, lng0, lng1)
	sMin, sMax := math.Sqrt(p.cos*cMin), math.Sqrt(p.cos*cMax)
	lo := math.Hypot(dyMin, dxMin*sMin)*kmPerDeg*(1-boundSlack) - boundSlackKm
	hi := math.Hypot(dyMax, dxMax*sMax)*kmPerDeg*(1+boundSlack) + boundSlackKm
	if lo > p.radius {
		return reach{}, false
	}
	return reach{c: c, lo: lo, inside: hi <= p.radius}, true
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
