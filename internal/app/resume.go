package app

// 网谷智聘 resumes: a person keeps one structured resume; staff and admins
// build or edit it for them over the phone (代办, audited with the staff
// member as actor); bureau personnel may read it (audited). The diagnosis
// 简历诊断 runs the resume package's rubric with the registry's facts and
// the salary market of current posts.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// Resumes is the use cases of structured resumes and their diagnosis, for
// the person and for staff acting for them (代办).
type Resumes struct {
	*core
	jobs   *Jobs // a saved resume updates the candidate pool and recommendations
	market struct {
		once sync.Once
		c    *marketCache
	}
}

// ResumeView is the audit action of a resume (or its diagnosis) read by
// someone other than its person.
const ResumeView = "resume.view"

// Market sampling: the district is widened to the whole city when it has
// fewer posts than the diagnosis needs; figures are cached for a minute.
const (
	marketCity = "4201" // 武汉市
	marketTTL  = time.Minute
)

// ResumePage is a person's resume with the registry record it belongs to.
type ResumePage struct {
	Resume    *resume.Resume
	Person    *registry.Person
	UpdatedBy int64 // user who saved it last (0: never saved)
	ByProxy   bool  // last saved by staff acting for the person (代办)
	Own       bool  // the viewer is the person
	CanEdit   bool
	// Verified are the valid 职业技能等级证书 issued to the person on the
	// platform, shown apart from the certificates the person typed.
	Verified []*training.Certificate
}

// ResumeDiagnosis is a diagnosis with what it was computed from.
type ResumeDiagnosis struct {
	Diagnosis resume.Diagnosis
	Resume    *resume.Resume
	Person    *registry.Person
	Own       bool
}

// loadResume checks access with allowed, loads the person (NotFound for an
// unknown one) and the resume, and audits a view by anyone but the person.
func (x *Resumes) loadResume(ctx context.Context, a Actor, personID int64, allowed func(*account.User, int64) bool, what string) (*ResumePage, error) {
	if !allowed(a.User, personID) {
		return nil, x.refuse(ctx, a, "resume", personID, account.CanViewResume(a.User, personID))
	}
	p, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	r, by, err := x.db.Jobs().ResumeByPerson(ctx, personID)
	if err != nil {
		return nil, err
	}
	own := account.IsSelf(a.User, personID)
	if !own {
		if err := x.db.Audit(ctx, a.store(), ResumeView, "resume", personID, what, audit.ResultOK); err != nil {
			return nil, err // no audit, no disclosure
		}
	}
	pg := &ResumePage{Resume: r, Person: p, UpdatedBy: by, Own: own, CanEdit: account.CanEditResume(a.User, personID)}
	if pg.Verified, _, err = x.db.Training().Certificates().Certificates(ctx, store.CertificateFilter{PersonID: personID, ValidOnly: true, Limit: 50}); err != nil {
		return nil, err
	}
	if by != 0 && by != a.User.ID {
		if u, err := x.db.Accounts().UserByID(ctx, by); err == nil {
			pg.ByProxy = !account.IsPerson(u)
		}
	}
	return pg, nil
}

// ViewResume returns a person's resume to the person or bureau personnel;
// a view by anyone but the person is audited.
func (x *Resumes) ViewResume(ctx context.Context, a Actor, personID int64) (*ResumePage, error) {
	return x.loadResume(ctx, a, personID, account.CanViewResume, "查看简历")
}

// EditableResume returns a person's resume for an edit form, only to those
// who may change it (the person, staff, admin); a staff view is audited.
func (x *Resumes) EditableResume(ctx context.Context, a Actor, personID int64) (*ResumePage, error) {
	return x.loadResume(ctx, a, personID, account.CanEditResume, "打开简历编辑（代办）")
}

// CheckResume normalises in and validates it against the code tables
// without saving: an Invalid error with field paths such as
// "work[1].from" that refer to the normalised order.
func (x *Resumes) CheckResume(in *resume.Resume) error {
	in.Normalize()
	return in.Validate(x.now(), x.codes.Occupations, x.codes.Regions)
}

// SaveResume replaces person personID's resume with in (normalised and
// validated) for the person or staff acting for them (代办, audited with a
// before/after summary and the staff member as actor).
func (x *Resumes) SaveResume(ctx context.Context, a Actor, personID int64, in resume.Resume) (*resume.Resume, error) {
	if !account.CanEditResume(a.User, personID) {
		return nil, x.refuse(ctx, a, "resume", personID, account.CanViewResume(a.User, personID))
	}
	person, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	in.PersonID, in.UpdatedAt = personID, time.Time{}
	if err := x.CheckResume(&in); err != nil {
		return nil, err
	}
	if err := x.db.Jobs().SaveResume(ctx, a.store(), &in); err != nil {
		return nil, err
	}
	x.jobs.poolSaved(&in, person)
	x.jobs.recs.resumeSaved()
	return &in, nil
}

// DiagnoseResume runs the 简历诊断 rubric over a person's resume for the
// person or bureau personnel (audited for anyone but the person). For
// others the fix-it links point at the staff console's pages.
func (x *Resumes) DiagnoseResume(ctx context.Context, a Actor, personID int64) (*ResumeDiagnosis, error) {
	pg, err := x.loadResume(ctx, a, personID, account.CanViewResume, "查看简历诊断")
	if err != nil {
		return nil, err
	}
	d := x.diagnose(ctx, pg.Person, pg.Resume, !pg.Own)
	return &ResumeDiagnosis{Diagnosis: d, Resume: pg.Resume, Person: pg.Person, Own: pg.Own}, nil
}

// diagnose runs the rubric over a resume already loaded (and its access
// decided and audited by the caller); console points the fix-it links at
// the staff console's pages.
func (x *Resumes) diagnose(ctx context.Context, p *registry.Person, r *resume.Resume, console bool) resume.Diagnosis {
	prof := resume.Profile{HasPhone: strings.TrimSpace(p.Phone) != "" || p.PhoneMasked != "", Birth: p.Birth, Education: p.Education, GraduationDate: p.GraduationDate}
	d := resume.Diagnose(r, prof, x.now(), func(occ, region string) (resume.Market, bool) {
		return x.ResumeMarket(ctx, occ, region)
	})
	if console {
		base := "/console/persons/" + strconv.FormatInt(p.ID, 10)
		d = d.WithPaths(base+"/resume", base+"/edit")
	}
	return d
}

// occupationGroup is the 小类 of an occupation code ("4-02-06-01" →
// "4-02-06"); broader codes are returned as they are.
func occupationGroup(code string) string {
	if parts := strings.Split(code, "-"); len(parts) > 3 {
		return strings.Join(parts[:3], "-")
	}
	return code
}

// regionDistrict is the district (county) of a region code: its first six
// digits; a city or province code is returned as it is, "" as the city.
func regionDistrict(code string) string {
	switch {
	case code == "":
		return marketCity
	case len(code) > 6:
		return code[:6]
	}
	return code
}

// ResumeMarket computes the salary market for an occupation and a region
// from current posts: P25/P50/P75 of the salary midpoints of the published,
// unexpired posts in the occupation's 小类 and the region's district; when
// the district has fewer than resume.MinMarketSamples posts, the whole of
// Wuhan. ok is false when no post matches. The figures come from a table of
// every current post's midpoint by occupation and region prefix, rebuilt
// from one query at most once a minute (the agent screen diagnoses a
// different person each call, so per-key queries would miss every time).
func (x *Resumes) ResumeMarket(ctx context.Context, occupation, region string) (resume.Market, bool) {
	occ, dist := occupationGroup(strings.TrimSpace(occupation)), regionDistrict(strings.TrimSpace(region))
	t := x.marketTable(ctx)
	if t == nil {
		return resume.Market{}, false
	}
	sample := t.bins[occ+"|"+dist]
	if len(sample) < resume.MinMarketSamples && dist != marketCity {
		if wide := t.bins[occ+"|"+marketCity]; len(wide) > len(sample) {
			sample, dist = wide, marketCity
		}
	}
	if len(sample) == 0 {
		return resume.Market{}, false
	}
	m := resume.Market{P25: percentile(sample, 25), P50: percentile(sample, 50), P75: percentile(sample, 75), N: len(sample),
		Occupation: codeName(x.codes.Occupations, occ), Region: codeName(x.codes.Regions, dist)}
	return m, true
}

// marketTable returns the current market table. The first caller builds
// it; once it is older than marketTTL one caller starts a rebuild in the
// background and every caller keeps using the table it has until the new
// one is ready, so no request waits for the rebuild (about a quarter of a
// second at 48,000 posts). nil when the posts cannot be read.
func (x *Resumes) marketTable(ctx context.Context) *salaryTable {
	c := marketCacheOf(x)
	now := x.now()
	c.mu.Lock()
	t := c.table
	c.mu.Unlock()
	if t != nil && now.Sub(t.at) < marketTTL && !now.Before(t.at) {
		return t
	}
	if t != nil {
		if c.build.TryLock() { // else another caller is rebuilding it
			go func() {
				defer c.build.Unlock()
				x.rebuildMarket(context.WithoutCancel(ctx), c, now)
			}()
		}
		return t
	}
	c.build.Lock()
	defer c.build.Unlock()
	c.mu.Lock()
	t = c.table
	c.mu.Unlock()
	if t != nil { // built while this caller waited
		return t
	}
	return x.rebuildMarket(ctx, c, now)
}

// rebuildMarket reads the current posts into a new market table; the old
// one stays (and is returned) when they cannot be read.
func (x *Resumes) rebuildMarket(ctx context.Context, c *marketCache, now time.Time) *salaryTable {
	posts, err := x.db.Jobs().MarketPosts(ctx, jobs.Today(now))
	if err != nil {
		x.log.Error("resume market", "err", err)
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.table
	}
	nt := buildSalaryTable(posts, now)
	c.mu.Lock()
	c.table = nt
	c.mu.Unlock()
	return nt
}

// salaryTable holds the sorted salary midpoints of current posts by
// "occupation prefix|region prefix": every prefix of 1–3 segments of the
// occupation code (and the code itself) with the 2-, 4- and 6-digit region
// prefixes.
type salaryTable struct {
	at   time.Time
	bins map[string][]int
}

func buildSalaryTable(posts []store.MarketPost, now time.Time) *salaryTable {
	t := &salaryTable{at: now, bins: map[string][]int{}}
	for _, p := range posts {
		mid := (p.SalaryMin + p.SalaryMax) / 2
		for _, occ := range occupationPrefixes(p.OccupationCode) {
			for _, n := range []int{2, 4, 6} {
				if len(p.RegionCode) >= n {
					k := occ + "|" + p.RegionCode[:n]
					t.bins[k] = append(t.bins[k], mid)
				}
			}
		}
	}
	for _, b := range t.bins {
		slices.Sort(b)
	}
	return t
}

// occupationPrefixes lists the occupation keys a post counts under: every
// occupation (""), and each prefix of its code: "4-02-06-01" → "", 4,
// 4-02, 4-02-06, 4-02-06-01.
func occupationPrefixes(code string) []string {
	parts := strings.Split(code, "-")
	out := make([]string, 1, len(parts)+1)
	for i := 1; i <= len(parts); i++ {
		out = append(out, strings.Join(parts[:i], "-"))
	}
	return out
}

// percentile of an ascending sample by linear interpolation between ranks.
func percentile(sorted []int, p int) int {
	if len(sorted) == 1 {
		return sorted[0]
	}
	pos := float64(p) / 100 * float64(len(sorted)-1)
	i := int(pos)
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(i)
	return int(float64(sorted[i]) + frac*float64(sorted[i+1]-sorted[i]) + 0.5)
}

func codeName(t *codes.Table, code string) string {
	if c, ok := t.Get(code); ok {
		return c.Name
	}
	return code
}

// TopOccupations returns up to 50 occupations with the most current posts
// (for the resume form's suggestions), cached for a minute.
func (x *Resumes) TopOccupations(ctx context.Context) []codes.Code {
	c := marketCacheOf(x)
	now := x.now()
	c.mu.Lock()
	if now.Sub(c.topAt) < marketTTL && c.top != nil {
		out := c.top
		c.mu.Unlock()
		return out
	}
	c.mu.Unlock()
	list, err := x.db.Jobs().TopOccupations(ctx, jobs.Today(now), 50)
	if err != nil {
		x.log.Error("top occupations", "err", err)
		return nil
	}
	out := make([]codes.Code, 0, len(list))
	for _, code := range list {
		if oc, ok := x.codes.Occupations.Get(code); ok {
			out = append(out, oc)
		}
	}
	c.mu.Lock()
	c.top, c.topAt = out, now
	c.mu.Unlock()
	return out
}

// marketCache holds market figures per (小类, district) and the top
// occupations, each for marketTTL of the store's clock.
type marketCache struct {
	mu    sync.Mutex
	build sync.Mutex // held by the one request rebuilding the table
	table *salaryTable
	top   []codes.Code
	topAt time.Time
}

// marketCacheOf returns the module's market cache, creating it on first use.
func marketCacheOf(x *Resumes) *marketCache {
	x.market.once.Do(func() { x.market.c = &marketCache{} })
	return x.market.c
}
