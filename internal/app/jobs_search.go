package app

// 网谷智聘 search: every instance keeps an in-memory index (package search)
// of the published, open posts, built from the store at start and kept
// current by following the store's job change sequence, so instances on one
// PostgreSQL converge within a poll interval without a search server. The
// index keeps only what ranking, filtering and choosing a page need, in
// compact columns (a few hundred bytes per post): a result page reads its
// twenty posts from the store for their cards and snippets.
// View counts are added up in memory and written every few seconds.

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/cache"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/store"
)

// TaskJobsExpire is the daily run that marks posts past their expiry day;
// it schedules its next run itself.
const TaskJobsExpire = "jobs.expire"

// JobCard is what a search result shows of a post.
type JobCard struct {
	ID              int64
	EnterpriseID    int64
	EnterpriseName  string
	Title           string
	SalaryMin       int
	SalaryMax       int
	RegionCode      string
	OccupationCode  string
	Education       string
	ExperienceYears int
	Skills          []string
	Benefits        []string
	PublishedAt     time.Time
	ExpiresOn       time.Time
	Lat, Lng        float64
	HasGeo          bool
	Internship      bool // a 就业见习 place: the card shows a 见习 badge
}

func cardOf(p *jobs.Post) *JobCard {
	return &JobCard{ID: p.ID, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName, Title: p.Title,
		SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, RegionCode: p.RegionCode, OccupationCode: p.OccupationCode,
		Education: p.Education, ExperienceYears: p.ExperienceYears, Skills: p.Skills, Benefits: p.Benefits,
		PublishedAt: p.PublishedAt, ExpiresOn: p.ExpiresOn, Lat: p.Lat, Lng: p.Lng, HasGeo: p.HasGeo, Internship: p.Internship}
}

// DocOf is a post as the search index sees it (also used by bench and export).
func DocOf(p *jobs.Post) search.Doc {
	return search.Doc{ID: p.ID, Title: p.Title, Description: p.Description, Enterprise: p.EnterpriseName,
		EnterpriseID: p.EnterpriseID, Skills: p.Skills, OccupationCode: p.OccupationCode, RegionCode: p.RegionCode,
		SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, Education: p.Education, ExperienceYears: p.ExperienceYears,
		PublishedAt: p.PublishedAt, ExpiresAt: p.ExpiresAt(), Lat: p.Lat, Lng: p.Lng, HasGeo: p.HasGeo, Internship: p.Internship}
}

// jobIndex is an App's search index and its position in the change sequence.
type jobIndex struct {
	mu  sync.Mutex // serialises loads and catch-ups; guards seq
	seq int64      // last change sequence number applied
	ix  atomic.Pointer[search.Index]

	building atomic.Bool // StartJobIndex is rebuilding in the background

	gen   atomic.Uint64 // bumped by every change to the index: cached results of older generations are void
	cache cache.Gen[*JobResults]

	occCounts atomic.Pointer[occCounts] // see OccupationCounts

	kickOnce sync.Once
	kick     chan struct{}
}

func (j *jobIndex) kicks() chan struct{} {
	j.kickOnce.Do(func() { j.kick = make(chan struct{}, 1) })
	return j.kick
}

// kickFollower asks the follower to poll now (a local change was committed).
func (s *jobState) kickFollower() {
	select {
	case s.index.kicks() <- struct{}{}:
	default:
	}
}

// apply brings post p's entry in the index up to date.
func (j *jobIndex) apply(ix *search.Index, p *jobs.Post, now time.Time) {
	defer j.gen.Add(1)
	if p.Searchable(now) {
		ix.Upsert(DocOf(p))
		return
	}
	ix.Delete(p.ID)
}

// newJobIndex returns an empty index as the App keeps it: without texts.
func newJobIndex(x *Jobs) *search.Index {
	return search.NewIndexWith(search.Options{Occupations: x.codes.Occupations, DropTexts: true})
}

// loadCompactEvery is how many posts a load adds between compactions:
// posts added since the last one sit in plain per-term lists of five
// bytes a posting, and folding them into the packed base bounds that
// memory while costing about a copy of the base.
const loadCompactEvery = 32_000

// loadSlice is the id range one reader of a load takes at a time.
const loadSlice = 2048

// fillJobIndex adds every searchable post of the store to ix, in id order,
// compacting it every loadCompactEvery posts. The posts are read and
// analysed (search.Preparer) by one goroutine per core, each taking the
// next slice of ids on its own connection, a few slices ahead of the one
// being added; adding them in order makes the index exactly what adding
// them one by one would.
func fillJobIndex(ctx context.Context, x *Jobs, ix *search.Index, now time.Time) error {
	maxID, err := x.db.Jobs().MaxPostID(ctx)
	if err != nil {
		return err
	}
	today := jobs.Today(now)
	n := int(maxID/loadSlice) + 1
	workers := max(1, min(runtime.GOMAXPROCS(0), 8)) // SQLite has 8 readers
	type slice struct {
		posts []*search.Prepared
		err   error
	}
	results := make([]chan slice, n)
	for i := range results {
		results[i] = make(chan slice, 1)
	}
	// A reader takes a slot before its slice, and slices are taken in
	// order, so the slice being waited for always has one.
	slots := make(chan struct{}, workers+2)
	ctx, cancel := context.WithCancel(ctx)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var pr search.Preparer
			for {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				i := next.Add(1) - 1
				if i >= int64(n) {
					<-slots
					return
				}
				posts, err := x.db.Jobs().SearchablePostsIn(ctx, i*loadSlice, (i+1)*loadSlice, today)
				var out slice
				out.err = err
				for _, p := range posts {
					if p.Searchable(now) {
						out.posts = append(out.posts, pr.Prepare(DocOf(p)))
					}
				}
				results[i] <- out
			}
		})
	}
	defer func() { cancel(); wg.Wait() }()
	added := 0
	for i := range n {
		var r slice
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-slots
		if r.err != nil {
			return r.err
		}
		for _, p := range r.posts {
			ix.UpsertPrepared(p)
			if added++; added%loadCompactEvery == 0 {
				ix.Compact()
			}
		}
	}
	return nil
}

// JobIndexStats reports a load or catch-up.
type JobIndexStats struct {
	Posts   int   // posts in the index
	Applied int   // changes applied by a catch-up
	Seq     int64 // change sequence number reached
	Elapsed time.Duration
}

// LoadJobIndex builds the index from every published, open post in the
// store, compacts it, and then applies the changes made meanwhile. serve
// calls it at start; searches call it if nobody has.
func (x *Jobs) LoadJobIndex(ctx context.Context) (JobIndexStats, error) {
	return loadJobIndex(ctx, x, false)
}

// loadJobIndex is LoadJobIndex; with ifMissing it does nothing when an
// index is loaded by the time it has the lock (another load, or the
// snapshot, got there first).
func loadJobIndex(ctx context.Context, x *Jobs, ifMissing bool) (JobIndexStats, error) {
	start := time.Now()
	j := &x.state.index
	j.mu.Lock()
	if ifMissing && j.ix.Load() != nil {
		j.mu.Unlock()
		return JobIndexStats{}, nil
	}
	seq, err := x.db.Jobs().JobSeq(ctx) // read first: later changes are replayed below
	if err != nil {
		j.mu.Unlock()
		return JobIndexStats{}, err
	}
	ix := newJobIndex(x)
	if err := fillJobIndex(ctx, x, ix, x.now()); err != nil {
		j.mu.Unlock()
		return JobIndexStats{}, err
	}
	ix.Compact()
	j.seq = seq
	j.ix.Store(ix)
	j.gen.Add(1)
	j.mu.Unlock()
	st, err := x.CatchUpJobs(ctx)
	st.Elapsed = time.Since(start)
	return st, err
}

// CatchUpJobs applies every post change after the last one applied and
// reports how many; it loads the index first if needed. The follower calls
// it every poll; tests call it instead of waiting.
func (x *Jobs) CatchUpJobs(ctx context.Context) (JobIndexStats, error) {
	j := &x.state.index
	ix := j.ix.Load()
	if ix == nil {
		return loadJobIndex(ctx, x, true)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	st := JobIndexStats{}
	now := x.now()
	for {
		posts, err := x.db.Jobs().PostsChangedAfter(ctx, j.seq, 500)
		if err != nil {
			return st, err
		}
		for _, p := range posts {
			j.apply(ix, p, now)
			j.seq = p.Seq
		}
		st.Applied += len(posts)
		if len(posts) < 500 {
			break
		}
	}
	st.Seq, st.Posts = j.seq, ix.Len()
	return st, nil
}

// JobIndexGen is a number that changes whenever the job index changes;
// pages cached by it are current while it stays the same.
func (x *Jobs) JobIndexGen() uint64 { return x.state.index.gen.Load() }

// JobIndexLen is the number of posts in the index (0 before it is loaded).
func (x *Jobs) JobIndexLen() int {
	if ix := x.state.index.ix.Load(); ix != nil {
		return ix.Len()
	}
	return 0
}

// jobIndex returns the loaded index, loading it on first use.
func (x *Jobs) jobIndex(ctx context.Context) (*search.Index, error) {
	if ix := x.state.index.ix.Load(); ix != nil {
		return ix, nil
	}
	if _, err := loadJobIndex(ctx, x, true); err != nil {
		return nil, err
	}
	return x.state.index.ix.Load(), nil
}

// FollowJobs keeps the index current until ctx ends: it applies new changes
// every poll interval (at once after a local change) and writes the view
// counts every five seconds, and once more when it stops.
func (x *Jobs) FollowJobs(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	lastFlush := time.Now()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := x.FlushJobViews(fctx); err != nil {
				x.log.Error("job views", "err", err)
			}
			cancel()
			return
		case <-tick.C:
		case <-x.state.index.kicks():
		}
		if _, err := x.CatchUpJobs(ctx); err != nil && ctx.Err() == nil {
			x.log.Error("job index follow", "err", err)
		}
		if time.Since(lastFlush) >= 5*time.Second {
			lastFlush = time.Now()
			if err := x.FlushJobViews(ctx); err != nil && ctx.Err() == nil {
				x.log.Error("job views", "err", err)
			}
		}
	}
}

// ---------------------------------------------------------------- views

// viewCounter adds up post views per day until they are written.
type viewCounter struct {
	mu sync.Mutex
	m  map[store.PostDay]int
}

func (v *viewCounter) add(id int64, day time.Time) {
	v.mu.Lock()
	if v.m == nil {
		v.m = map[store.PostDay]int{}
	}
	v.m[store.PostDay{PostID: id, Day: day}]++
	v.mu.Unlock()
}

func (v *viewCounter) take() map[store.PostDay]int {
	v.mu.Lock()
	defer v.mu.Unlock()
	m := v.m
	v.m = nil
	return m
}

// FlushJobViews writes the view counts gathered since the last flush; on
// failure they are kept for the next one.
func (x *Jobs) FlushJobViews(ctx context.Context) error {
	v := &x.state.views
	m := v.take()
	if len(m) == 0 {
		return nil
	}
	if err := x.db.Jobs().AddPostViews(ctx, m); err != nil {
		v.mu.Lock()
		if v.m == nil {
			v.m = map[store.PostDay]int{}
		}
		for k, n := range m {
			v.m[k] += n
		}
		v.mu.Unlock()
		return err
	}
	return nil
}

// ---------------------------------------------------------------- expiry

// ScheduleJobExpiry queues the expiry run now unless one is already queued;
// serve calls it at start.
func (x *Jobs) ScheduleJobExpiry(ctx context.Context) error {
	return x.db.Enqueue(ctx, TaskJobsExpire, "", TaskJobsExpire, x.now())
}

// ExpireJobs marks posts past their expiry day and queues the next run for
// five past midnight, Beijing time. Searches never show an expired post
// even before this runs; it moves them out of the index and employer lists.
// The same daily task then tidies the import runs (tasks.go), after the
// next run is queued so a failure there cannot break the daily chain.
func (x *Jobs) ExpireJobs(ctx context.Context, _ string) error {
	now := x.now()
	n, err := x.db.Jobs().ExpirePosts(ctx, store.Actor{Role: "system"}, jobs.Today(now))
	if err != nil {
		return err
	}
	if n > 0 {
		x.log.Info("job posts expired", "n", n)
		x.state.kickFollower()
	}
	t := now.In(chinatime.Zone)
	next := time.Date(t.Year(), t.Month(), t.Day()+1, 0, 5, 0, 0, chinatime.Zone)
	if err := x.db.Enqueue(ctx, TaskJobsExpire, "", TaskJobsExpire, next); err != nil {
		return err
	}
	return nil
}

// ---------------------------------------------------------------- search

// JobQuery is a search as the page's form and the API's query string send
// it, unparsed; SearchJobs validates it. Near is "LAT,LNG"; PostedWithin is
// in days; Experience is the seeker's years (0: posts that need none);
// Internship "1" finds only 就业见习 places.
type JobQuery struct {
	Q, Region, Occupation, Education, Experience, SalaryMin, PostedWithin string
	Near, RadiusKm, Sort, Page, PageSize, Internship                      string
}

// JobQueryFrom reads a JobQuery from URL query values.
func JobQueryFrom(v url.Values) JobQuery {
	g := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	return JobQuery{Q: g("q"), Region: g("region"), Occupation: g("occupation"), Education: g("education"),
		Experience: g("experience"), SalaryMin: g("salary_min"), PostedWithin: g("posted_within"), Near: g("near"),
		RadiusKm: g("radius_km"), Sort: g("sort"), Page: g("page"), PageSize: g("page_size"), Internship: g("internship")}
}

// JobResults is one page of a search.
type JobResults struct {
	Total    int
	Page     int
	PageSize int
	Near     *search.Point
	Hits     []JobHit
	// AsWord is the occupation name a pinyin query was read as ("hangong",
	// "hg" → 焊工), "" when the query was searched as typed.
	AsWord string
}

// JobHit is one result: the post's card, its snippet and distance.
type JobHit struct {
	*JobCard
	Snippet    []search.Segment // plain text; Match segments are the query's characters
	DistanceKm float64          // -1 when unknown
}

// Pages is the number of result pages.
func (r *JobResults) Pages() int { return (r.Total + r.PageSize - 1) / r.PageSize }

// searchLimits
const (
	maxQueryRunes = 50
	maxPage       = 1000
	maxRadiusKm   = 500
)

// ParseJobQuery validates a search; bad input is Invalid naming the parameter.
func (x *Jobs) ParseJobQuery(in JobQuery) (search.Query, error) {
	var f apperr.Fields
	q := search.Query{Q: in.Q, Now: x.now()}
	if utf8.RuneCountInString(in.Q) > maxQueryRunes || !utf8.ValidString(in.Q) {
		f.Add("q", "关键词不能超过 50 个字")
	}
	if in.Region != "" {
		if _, ok := x.codes.Regions.Get(in.Region); !ok {
			f.Add("region", "行政区划代码不存在")
		}
		q.Region = in.Region
	}
	if in.Occupation != "" {
		if _, ok := x.codes.Occupations.Get(in.Occupation); !ok {
			f.Add("occupation", "职业分类代码不存在")
		}
		q.Occupation = in.Occupation
	}
	if in.Education != "" {
		if !contains(jobs.Educations, in.Education) {
			f.Add("education", "学历应为 "+strings.Join(jobs.Educations, "、")+" 之一")
		}
		q.Education = in.Education
	}
	intParam := func(name, s string, lo, hi int) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			f.Add(name, "应为 "+strconv.Itoa(lo)+"–"+strconv.Itoa(hi)+" 之间的整数")
			return 0
		}
		return n
	}
	if in.Experience != "" {
		if n := intParam("experience", in.Experience, 0, jobs.MaxExperience+20); n > 0 {
			q.Experience = n
		} else if _, ok := f["experience"]; !ok {
			q.Experience = search.NoExperience
		}
	}
	q.SalaryMin = intParam("salary_min", in.SalaryMin, 0, jobs.MaxSalary)
	switch in.Internship {
	case "", "0":
	case "1", "true":
		q.Internship = true
	default:
		f.Add("internship", "internship=1 只看就业见习岗位")
	}
	if days := intParam("posted_within", in.PostedWithin, 1, 365); days > 0 {
		q.PostedWithin = time.Duration(days) * 24 * time.Hour
	}
	if in.Near != "" {
		lat, lng, ok := parsePoint(in.Near)
		if !ok {
			f.Add("near", "位置格式应为 near=纬度,经度，如 30.62,114.14")
		} else {
			q.Near = &search.Point{Lat: lat, Lng: lng}
		}
	}
	if in.RadiusKm != "" {
		r, err := strconv.ParseFloat(in.RadiusKm, 64)
		switch {
		case err != nil || math.IsNaN(r) || r <= 0 || r > maxRadiusKm:
			f.Add("radius_km", "半径应为 0–500 之间的公里数")
		case in.Near == "":
			f.Add("near", "按半径筛选时请同时提供 near=纬度,经度")
		default:
			q.RadiusKm = r
		}
	}
	switch in.Sort {
	case "", search.SortRelevance, search.SortNewest, search.SortSalary:
		q.Sort = in.Sort
	case search.SortDistance:
		if in.Near == "" {
			f.Add("near", "按距离排序时请提供 near=纬度,经度")
		}
		q.Sort = in.Sort
	default:
		f.Add("sort", "排序应为 relevance、newest、salary 或 distance")
	}
	q.Page = intParam("page", in.Page, 1, maxPage)
	if in.PageSize != "" {
		n, err := strconv.Atoi(in.PageSize)
		if err != nil || n < 1 {
			f.Add("page_size", "每页条数应为正整数（最多 100）")
		}
		q.PageSize = min(n, search.MaxPageSize) // larger sizes are capped, not refused
	}
	if err := f.Err(); err != nil {
		return search.Query{}, err
	}
	q.Page = max(q.Page, 1)
	if q.PageSize <= 0 {
		q.PageSize = search.DefaultPageSize
	}
	return q, nil
}

// parsePoint reads "LAT,LNG" in degrees.
// ParsePoint reads "LAT,LNG" as a search's near parameter is given.
func ParsePoint(s string) (lat, lng float64, ok bool) { return parsePoint(s) }

func parsePoint(s string) (lat, lng float64, ok bool) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lng, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180) {
		return 0, 0, false
	}
	return lat, lng, true
}

// SearchJobs runs a validated search over the published, open posts.
func (x *Jobs) SearchJobs(ctx context.Context, in JobQuery) (*JobResults, error) {
	word := x.pinyinWord(ctx, strings.TrimSpace(in.Q))
	if word != "" {
		in.Q = word
	}
	q, err := x.ParseJobQuery(in)
	if err != nil {
		return nil, err
	}
	res, err := x.RunJobQuery(ctx, q)
	if err != nil || word == "" {
		return res, err
	}
	out := *res // res is shared by the result cache
	out.AsWord = word
	return &out, nil
}

// pinyinWord reads a query of latin letters as the pinyin, whole or by
// initials, of an occupation name ("hangong", "hg" → 焊工), for people
// typing without a Chinese input method. Of several names it picks the
// one whose occupation has the most open posts (the first listed on a
// tie). "" when q is not such pinyin.
func (x *Jobs) pinyinWord(ctx context.Context, q string) string {
	names := x.codes.Pinyin.Lookup(q)
	if len(names) == 0 {
		return ""
	}
	counts, err := x.occupationCountMap(ctx)
	if err != nil {
		counts = nil
	}
	best, bestN := names[0].Name, -1
	for _, n := range names {
		if c := counts[n.Code]; c > bestN {
			best, bestN = n.Name, c
		}
	}
	return best
}

// Recent result pages are kept by query for a few seconds (jobIndex.cache),
// so the busiest pages (the board's first page, common words) are not
// searched again for every visitor. Entries die when the index changes or
// when the platform clock has moved on by resultTTL; a query is kept only
// when it is asked for a second time, so one-off searches do not fill it.
const (
	resultTTL       = 5 * time.Second
	resultCacheSize = 1024
	resultSeenMax   = 8192
)

// queryKey identifies a query's results apart from its time.
func queryKey(q *search.Query) string {
	var b strings.Builder
	b.Grow(len(q.Q) + 64)
	b.WriteString(q.Q)
	for _, s := range []string{q.Region, q.Occupation, q.Education, q.Sort} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	intern := int64(0)
	if q.Internship {
		intern = 1
	}
	for _, n := range []int64{int64(q.Experience), int64(q.SalaryMin), int64(q.PostedWithin), int64(q.Page), int64(q.PageSize), intern} {
		b.WriteByte(0)
		b.WriteString(strconv.FormatInt(n, 10))
	}
	if q.Near != nil {
		b.WriteByte(0)
		b.WriteString(strconv.FormatFloat(q.Near.Lat, 'g', -1, 64) + "," + strconv.FormatFloat(q.Near.Lng, 'g', -1, 64) + "," +
			strconv.FormatFloat(q.RadiusKm, 'g', -1, 64))
	}
	return b.String()
}

// RunJobQuery runs a parsed query. Results are shared with other callers
// for a few seconds and must not be changed.
func (x *Jobs) RunJobQuery(ctx context.Context, q search.Query) (*JobResults, error) {
	ix, err := x.jobIndex(ctx)
	if err != nil {
		return nil, err
	}
	j := &x.state.index
	gen, key := j.gen.Load(), queryKey(&q)
	if res, ok := j.cache.Get(key, gen, q.Now); ok {
		return res, nil
	}
	res, err := x.search(ctx, ix, q)
	if err != nil {
		return nil, err
	}
	if j.cache.Admit(key) {
		j.cache.Put(key, gen, q.Now, res)
	}
	return res, nil
}

// search runs q and reads the page's posts from the store for their cards
// and snippets. A post that is no longer searchable there (closed or
// removed since the index last caught up) is left out.
func (x *Jobs) search(ctx context.Context, ix *search.Index, q search.Query) (*JobResults, error) {
	total, hits := ix.Search(q)
	res := &JobResults{Total: total, Page: q.Page, PageSize: q.PageSize, Near: q.Near, Hits: make([]JobHit, 0, len(hits))}
	if len(hits) == 0 {
		return res, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	posts, err := x.db.Jobs().PostsByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("app.SearchJobs: %w", err)
	}
	for _, h := range hits {
		p := posts[h.ID]
		if p == nil || !p.Searchable(q.Now) {
			continue
		}
		res.Hits = append(res.Hits, JobHit{JobCard: cardOf(p), Snippet: search.Snippet(q.Q, p.Title, p.Description),
			DistanceKm: h.DistanceKm})
	}
	return res, nil
}

// SuggestJobs returns type-ahead completions for a prefix: post titles and
// occupation names. It never returns nil.
func (x *Jobs) SuggestJobs(ctx context.Context, prefix string, limit int) ([]string, error) {
	prefix = strings.TrimSpace(prefix)
	if utf8.RuneCountInString(prefix) > 30 || !utf8.ValidString(prefix) {
		return nil, apperr.Field("q", "输入不能超过 30 个字")
	}
	if limit <= 0 || limit > 20 {
		limit = 10
	}
	ix, err := x.jobIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := ix.Suggest(prefix, limit)
	if out == nil {
		out = []string{}
	}
	return out, nil
}
