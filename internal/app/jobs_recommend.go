package app

// 网谷智聘 recommendations both ways. For a person: candidates come from the
// job index (the newest posts in the 中类 of each intention occupation in
// Wuhan, plus the best text matches of the occupation names), each scored
// by package match. For a post: the persons who opted in (discoverable),
// kept in memory as a match.Pool (candidatePool), ranked against it.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/search"
)

// Recommendation limits: the default and the cap of ?limit=.
const (
	DefaultRecommendations = 20
	MaxRecommendations     = 50
	recommendCity          = "4201"
	classCandidates        = 300 // newest posts per intention 中类
	textCandidates         = 100 // best text matches per intention occupation name
)

// NoResumeHint is the message of an empty recommendation list for a person
// without job intentions.
const NoResumeHint = "填写简历中的求职意向后，这里会为您推荐岗位"

// RecommendLimit reads ?limit=: default 20, capped at 50, never refused.
func RecommendLimit(s string) int {
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' || n > 1e6 {
			return DefaultRecommendations
		}
		n = n*10 + int(r-'0')
	}
	if n <= 0 {
		return DefaultRecommendations
	}
	return min(n, MaxRecommendations)
}

// JobRecommendation is a post recommended to a person.
type JobRecommendation struct {
	Job     *JobCard
	Score   int
	Reasons []string
}

// Recommendations is a person's list; Hint explains an empty one.
type Recommendations struct {
	Items []JobRecommendation
	Hint  string
}

// MatchPerson is the scoring view of a resume and its person's record.
func MatchPerson(r *resume.Resume, education string, now time.Time) match.Person {
	p := match.Person{Skills: r.Skills, Years: r.YearsAt(now)}
	if r.HasLocation() {
		p.Lat, p.Lng, p.HasGeo = *r.Lat, *r.Lng, true
	}
	p.Education = r.HighestEducation()
	if ra, _ := match.EducationRank(p.Education); education != "" {
		if rb, ok := match.EducationRank(education); ok && rb > ra {
			p.Education = education
		}
	}
	for _, it := range r.Intentions {
		p.OccupationCodes = appendNew(p.OccupationCodes, it.OccupationCodes...)
		p.RegionCodes = appendNew(p.RegionCodes, it.RegionCodes...)
		if it.SalaryMin > 0 && (p.SalaryMin == 0 || it.SalaryMin < p.SalaryMin) {
			p.SalaryMin = it.SalaryMin
		}
		p.SalaryMax = max(p.SalaryMax, it.SalaryMax)
	}
	return p
}

func appendNew(list []string, more ...string) []string {
	for _, s := range more {
		if s != "" && !contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// MatchPost is the scoring view of a card.
func MatchPost(c *JobCard) match.Post {
	return match.Post{ID: c.ID, OccupationCode: c.OccupationCode, RegionCode: c.RegionCode, Skills: c.Skills,
		SalaryMin: c.SalaryMin, SalaryMax: c.SalaryMax, Education: c.Education, ExperienceYears: c.ExperienceYears,
		PublishedAt: c.PublishedAt, Lat: c.Lat, Lng: c.Lng, HasGeo: c.HasGeo}
}

// RecommendFrom generates candidates for p from ix, scores them with s and
// returns the best limit. post looks a candidate up (false: gone). It is
// the whole person-side recommendation apart from loading, so the
// benchmark times exactly what a request does.
func RecommendFrom(ix *search.Index, occ *codes.Table, post func(int64) (match.Post, bool), s *match.Scorer,
	p *match.Person, now time.Time, limit int) []match.Scored {
	return scoreCandidates(recommendCandidates(ix, occ, p, now), post, s, p, now, limit)
}

// recommendCandidates returns the ids of the posts RecommendFrom scores
// for p, each once.
func recommendCandidates(ix *search.Index, occ *codes.Table, p *match.Person, now time.Time) []int64 {
	seen := make(map[int64]struct{}, 512)
	var ids []int64
	add := func(q search.Query, k int) {
		q.Now, q.Region = now, recommendCity
		_, hits := ix.TopIDs(q, k)
		for _, id := range hits {
			if _, ok := seen[id]; !ok {
				seen[id] = struct{}{}
				ids = append(ids, id)
			}
		}
	}
	var classes []string
	for _, code := range p.OccupationCodes {
		if c := match.OccupationClass(code); len(c) == 4 && !contains(classes, c) {
			classes = append(classes, c)
			add(search.Query{Occupation: c + "-00-00", Sort: search.SortNewest}, classCandidates)
		}
		if oc, ok := occ.Get(code); ok && oc.Name != "" {
			add(search.Query{Q: oc.Name, Sort: search.SortRelevance}, textCandidates)
		}
	}
	return ids
}

// scoreCandidates scores the posts ids for p and returns the best limit
// with their reasons.
func scoreCandidates(ids []int64, post func(int64) (match.Post, bool), s *match.Scorer, p *match.Person,
	now time.Time, limit int) []match.Scored {
	out := make([]match.Scored, 0, len(ids))
	for _, id := range ids {
		j, ok := post(id)
		if !ok {
			continue
		}
		out = append(out, match.Scored{ID: id, Result: match.Result{Score: s.Points(p, &j, now)}})
	}
	top := match.Top(out, limit)
	match.Explain(top, func(id int64) match.Result {
		j, _ := post(id)
		return s.Score(p, &j, now)
	})
	return top
}

// Recommend returns up to limit posts for the person logged in, from their
// resume's intentions; without intentions the list is empty with a hint.
func (x *Jobs) Recommend(ctx context.Context, a Actor, limit int) (*Recommendations, error) {
	if a.User == nil {
		return nil, x.deny(ctx, a, "resume", 0)
	}
	if !account.IsPerson(a.User) || a.User.PersonID == 0 {
		return nil, x.deny(ctx, a, "resume", a.User.PersonID)
	}
	return x.recommendFor(ctx, a.User.PersonID, limit)
}

// recommendFor ranks posts for person personID without any access check:
// for the person's own page and the call centre's agent screen, which
// decide access themselves.
func (x *Jobs) recommendFor(ctx context.Context, personID int64, limit int) (*Recommendations, error) {
	limit = min(max(limit, 1), MaxRecommendations)
	r, _, err := x.db.Jobs().ResumeByPerson(ctx, personID)
	if err != nil {
		return nil, err
	}
	per, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	mp := MatchPerson(r, per.Education, now)
	if len(mp.OccupationCodes) == 0 {
		return &Recommendations{Items: []JobRecommendation{}, Hint: NoResumeHint}, nil
	}
	ix, err := x.jobIndex(ctx)
	if err != nil {
		return nil, err
	}
	// The index keeps no cards: the candidates are read from the store,
	// and one that is no longer searchable there is left out.
	ids := recommendCandidates(ix, x.codes.Occupations, &mp, now)
	posts, err := x.db.Jobs().PostsByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("app.Recommend: %w", err)
	}
	cards := make(map[int64]*JobCard, len(posts))
	for id, p := range posts {
		if p.Searchable(now) {
			cards[id] = cardOf(p)
		}
	}
	lookup := func(id int64) (match.Post, bool) {
		c := cards[id]
		if c == nil {
			return match.Post{}, false
		}
		return MatchPost(c), true
	}
	top := scoreCandidates(ids, lookup, x.scorer(), &mp, now, limit)
	res := &Recommendations{Items: make([]JobRecommendation, 0, len(top))}
	for _, t := range top {
		if c := cards[t.ID]; c != nil {
			res.Items = append(res.Items, JobRecommendation{Job: c, Score: t.Score, Reasons: t.Reasons})
		}
	}
	if len(res.Items) == 0 {
		res.Hint = "暂时没有符合您求职意向的岗位，可以放宽意向职业或地区"
	}
	return res, nil
}

// fillContacts reads the names and masked phones of the candidates ids
// from the store (a pool restored from a snapshot has none) and keeps
// them in the pool for the next list.
func fillContacts(ctx context.Context, x *Jobs, items []Candidate, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	persons, err := x.db.Registry().PersonsByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("app.Candidates: %w", err)
	}
	c := &x.pool
	c.mu.Lock()
	for id, p := range persons {
		if _, ok := c.contacts[id]; !ok && c.contacts != nil {
			c.contacts[id] = contact{name: p.Name, phone: p.PhoneMasked}
		}
	}
	c.mu.Unlock()
	for i := range items {
		if p := persons[items[i].PersonID]; p != nil && slices.Contains(ids, p.ID) {
			items[i].NameMasked, items[i].PhoneMasked = registry.MaskName(p.Name), p.PhoneMasked
		}
	}
	return nil
}

func (x *Jobs) scorer() *match.Scorer { return &match.Scorer{Regions: x.codes.Regions} }

// Candidate is a discoverable person recommended for a post: masked
// contact only (never the ID number), and no position. A home or desired
// location is personal data an employer has no need of: the only trace of
// it is the reason "距离 N 公里", rounded to 0.1 km, from the post the
// employer asked about (and the stored location itself is kept to 0.001°,
// so even distances from several posts place no one closer than about
// 100 m).
type Candidate struct {
	PersonID    int64
	NameMasked  string
	PhoneMasked string
	Education   string
	Years       float64
	Score       int
	Reasons     []string
	Invited     bool // invited to apply to this post (邀请投递)
	Applied     bool // applied to this post
}

// PostCandidates is a post's candidate list.
type PostCandidates struct {
	Post  *jobs.Post
	Items []Candidate
	Pool  int // discoverable resumes ranked (the pool skips those that provably cannot make the list)
	// CanInvite: the caller may invite these persons to apply (the post's
	// own employers, while it is published).
	CanInvite bool
}

// Candidates ranks the discoverable persons (the in-memory pool, see
// candidatePool) against post id for its enterprise's employers, staff and
// admins; anyone else is refused and audited.
func (x *Jobs) Candidates(ctx context.Context, a Actor, id int64, limit int) (*PostCandidates, error) {
	if a.User == nil {
		return nil, x.deny(ctx, a, "job_post", id)
	}
	p, err := x.db.Jobs().PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanViewCandidates(a.User, p.EnterpriseID) {
		return nil, x.refuse(ctx, a, "job_post", id, postVisible(a.User, p, x.now()))
	}
	limit = min(max(limit, 1), MaxRecommendations)
	if err := x.freshPool(ctx); err != nil {
		return nil, err
	}
	mj := MatchPost(cardOf(p))
	c := &x.pool
	c.mu.RLock() // released before the store is asked about invitations
	top := c.pool.Top(x.scorer(), &mj, x.now(), limit)
	out := &PostCandidates{Post: p, Items: make([]Candidate, 0, len(top)), Pool: c.pool.Len()}
	var unknown []int64 // restored from a snapshot, which keeps no contacts
	for _, t := range top {
		mp, _ := c.pool.Get(t.ID)
		k, ok := c.contacts[t.ID]
		if !ok {
			unknown = append(unknown, t.ID)
		}
		out.Items = append(out.Items, Candidate{PersonID: t.ID, NameMasked: registry.MaskName(k.name),
			PhoneMasked: k.phone, Education: mp.Education, Years: mp.Years, Score: t.Score, Reasons: t.Reasons})
	}
	c.mu.RUnlock()
	if err := fillContacts(ctx, x, out.Items, unknown); err != nil {
		return nil, err
	}
	out.CanInvite = account.CanInviteCandidates(a.User, p.EnterpriseID) && p.Searchable(x.now())
	ids := make([]int64, len(out.Items))
	for i, it := range out.Items {
		ids[i] = it.PersonID
	}
	invited, applied, err := x.db.Jobs().InvitationsOf(ctx, p.ID, ids)
	if err != nil {
		return nil, err
	}
	for i := range out.Items {
		out.Items[i].Invited, out.Items[i].Applied = invited[ids[i]], applied[ids[i]]
	}
	return out, nil
}
