package app

// 网谷智聘 use cases: employers create, edit, pause, resume and close posts
// (verified enterprises only); reviewers approve or reject them with a
// reason the enterprise sees in its inbox; anyone reads published posts.
// Search and the index that follows the store are in jobsearch.go.

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/jobs/classify"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// Jobs is the use cases of 网谷智聘's posts: publishing and review (this
// file), search and the index (jobs_search.go), export, recommendations and
// the employers' candidate pool.
type Jobs struct {
	*core
	apps  *JobApps      // a person's application to a post, shown on it
	state jobState      // search index, its follower, view counts, classifier
	pool  candidatePool // discoverable resumes for candidate recommendations
	recs  recCache      // persons' 为您推荐 blocks on the search page
}

func newJobs(c *core) *Jobs {
	x := &Jobs{core: c}
	rc := &x.state.index.cache
	rc.TTL, rc.Size, rc.Doorkeeper = resultTTL, resultCacheSize, resultSeenMax
	return x
}

// PostInput is a job post as the employer's form and the API send it.
// ExpiresOn is YYYY-MM-DD, the last open day; empty means 60 days from today.
// Lat and Lng are optional and go together.
type PostInput struct {
	Title           string   `json:"title"`
	OccupationCode  string   `json:"occupation_code"`
	Description     string   `json:"description"`
	Headcount       int      `json:"headcount"`
	SalaryMin       int      `json:"salary_min"`
	SalaryMax       int      `json:"salary_max"`
	Education       string   `json:"education,omitempty"`
	ExperienceYears int      `json:"experience_years,omitempty"`
	Skills          []string `json:"skills,omitempty"`
	Benefits        []string `json:"benefits,omitempty"`
	RegionCode      string   `json:"region_code"`
	Address         string   `json:"address"`
	Lat             *float64 `json:"lat,omitempty"`
	Lng             *float64 `json:"lng,omitempty"`
	ExpiresOn       string   `json:"expires_on,omitempty"`
	// Internship tags the post a 就业见习 place: only a designated
	// internship base's posts may carry it.
	Internship bool `json:"internship,omitempty"`
}

// InputFromPost fills a form from a stored post.
func InputFromPost(p *jobs.Post) PostInput {
	in := PostInput{Title: p.Title, OccupationCode: p.OccupationCode, Description: p.Description, Headcount: p.Headcount,
		SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, Education: p.Education, ExperienceYears: p.ExperienceYears,
		Skills: p.Skills, Benefits: p.Benefits, RegionCode: p.RegionCode, Address: p.Address, ExpiresOn: fmtDate(p.ExpiresOn),
		Internship: p.Internship}
	if p.HasGeo {
		lat, lng := p.Lat, p.Lng
		in.Lat, in.Lng = &lat, &lng
	}
	return in
}

// toPost turns input into a normalised, validated post.
func (x *Jobs) toPost(in PostInput) (*jobs.Post, error) {
	var f apperr.Fields
	p := &jobs.Post{Title: in.Title, OccupationCode: in.OccupationCode, Description: in.Description, Headcount: in.Headcount,
		SalaryMin: in.SalaryMin, SalaryMax: in.SalaryMax, Education: in.Education, ExperienceYears: in.ExperienceYears,
		Skills: in.Skills, Benefits: in.Benefits, RegionCode: in.RegionCode, Address: in.Address, Internship: in.Internship}
	switch {
	case in.Lat != nil && in.Lng != nil:
		p.Lat, p.Lng, p.HasGeo = *in.Lat, *in.Lng, true
	case in.Lat != nil:
		f.Add("lng", "请同时填写经度和纬度，或都不填")
	case in.Lng != nil:
		f.Add("lat", "请同时填写经度和纬度，或都不填")
	}
	now := x.now()
	if strings.TrimSpace(in.ExpiresOn) == "" {
		p.ExpiresOn = jobs.Today(now).AddDate(0, 0, jobs.DefaultDays)
	} else {
		p.ExpiresOn = ParseDate(&f, "expires_on", in.ExpiresOn)
	}
	p.Normalize()
	mergeFields(&f, p.Validate(now, x.codes.Occupations, x.codes.Regions))
	if err := f.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// CheckPost validates input without saving anything, so a form can report
// every field at once.
func (x *Jobs) CheckPost(in PostInput) error {
	_, err := x.toPost(in)
	return err
}

// verifiedEmployer refuses an employer whose enterprise bureau staff have
// not verified: only verified enterprises publish posts (a 403 with the
// reason, not an access violation, so it is not audited as one).
func (x *Jobs) verifiedEmployer(ctx context.Context, u *account.User, entID int64) error {
	if !account.IsEmployer(u) {
		return nil // staff acting for the enterprise
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, entID)
	if err != nil {
		return err
	}
	if !e.Verified {
		return apperr.New(apperr.Forbidden, "贵企业尚未通过经办人员核验，核验通过后才能发布和修改岗位。请核对企业档案，或联系区人社局经办人员。")
	}
	return nil
}

// CreatePost files a new post for the employer's enterprise; it waits for review.
func (x *Jobs) CreatePost(ctx context.Context, a Actor, in PostInput) (*jobs.Post, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanPostJobs(a.User, a.User.EnterpriseID) {
		return nil, x.deny(ctx, a, "job_post", 0)
	}
	if err := x.verifiedEmployer(ctx, a.User, a.User.EnterpriseID); err != nil {
		return nil, err
	}
	p, err := x.toPost(in)
	if err != nil {
		return nil, err
	}
	if p.Internship {
		if err := checkInternshipPost(ctx, x.db, a.User.EnterpriseID); err != nil {
			return nil, err
		}
	}
	p.EnterpriseID = a.User.EnterpriseID
	if err := x.db.Jobs().CreatePost(ctx, a.store(), p); err != nil {
		return nil, err
	}
	x.state.kickFollower()
	x.learnFromPost(ctx, a, p)
	return x.db.Jobs().PostByID(ctx, p.ID)
}

// managedPost loads a post the actor may manage, auditing a refusal.
func (x *Jobs) managedPost(ctx context.Context, a Actor, id int64) (*jobs.Post, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	p, err := x.db.Jobs().PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanManagePost(a.User, p.EnterpriseID) {
		return nil, x.refuse(ctx, a, "job_post", id, postVisible(a.User, p, x.now()))
	}
	return p, nil
}

// postVisible reports whether u may know that post p exists: it is on the
// board, or u is its enterprise or bureau staff. Refusals of other posts
// answer as for no post.
func postVisible(u *account.User, p *jobs.Post, now time.Time) bool {
	return p.Searchable(now) || account.CanViewPost(u, p.EnterpriseID)
}

// EditablePost returns a post to someone who may edit it.
func (x *Jobs) EditablePost(ctx context.Context, a Actor, id int64) (*jobs.Post, error) {
	return x.managedPost(ctx, a, id)
}

// UpdatePost saves an edited post; it goes back to the review queue (and
// out of search until approved again).
func (x *Jobs) UpdatePost(ctx context.Context, a Actor, id int64, in PostInput) (*jobs.Post, error) {
	old, err := x.managedPost(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if err := x.verifiedEmployer(ctx, a.User, old.EnterpriseID); err != nil {
		return nil, err
	}
	if old.Status == jobs.Closed {
		_, err := jobs.Next(old.Status, jobs.ActEdit)
		return nil, err
	}
	p, err := x.toPost(in)
	if err != nil {
		return nil, err
	}
	if p.Internship && !old.Internship {
		if err := checkInternshipPost(ctx, x.db, old.EnterpriseID); err != nil {
			return nil, err
		}
	}
	p.ID = id
	if err := x.db.Jobs().UpdatePost(ctx, a.store(), p); err != nil {
		return nil, err
	}
	x.state.kickFollower()
	if p.OccupationCode != old.OccupationCode || p.Title != old.Title {
		x.learnFromPost(ctx, a, p)
	}
	return x.db.Jobs().PostByID(ctx, id)
}

// SetPostStatus is the employer's pause, resume or close.
func (x *Jobs) SetPostStatus(ctx context.Context, a Actor, id int64, action string) (*jobs.Post, error) {
	p, err := x.managedPost(ctx, a, id)
	if err != nil {
		return nil, err
	}
	switch action {
	case jobs.ActPause, jobs.ActClose:
	case jobs.ActResume:
		if err := x.verifiedEmployer(ctx, a.User, p.EnterpriseID); err != nil {
			return nil, err
		}
		if p.IsExpired(x.now()) {
			return nil, apperr.New(apperr.Conflict, "岗位有效期已过，请修改有效期后重新提交审核")
		}
	default:
		return nil, apperr.Field("action", "操作应为 pause（暂停）、resume（恢复招聘）或 close（关闭）")
	}
	out, err := x.db.Jobs().ChangePostStatus(ctx, a.store(), id, action, "", nil)
	if err != nil {
		return nil, err
	}
	x.state.kickFollower()
	return out, nil
}

// ReviewInput is a reviewer's decision on a waiting post.
type ReviewInput struct {
	Action string `json:"action"` // approve | reject
	Reason string `json:"reason,omitempty"`
}

// ReviewPost approves or rejects a waiting post and tells the enterprise.
func (x *Jobs) ReviewPost(ctx context.Context, a Actor, id int64, in ReviewInput) (*jobs.Post, error) {
	if !account.CanReviewPosts(a.User) {
		return nil, x.deny(ctx, a, "job_post", id)
	}
	in.Reason = strings.TrimSpace(in.Reason)
	switch in.Action {
	case jobs.ActApprove:
		p, err := x.db.Jobs().PostByID(ctx, id)
		if err != nil {
			return nil, err
		}
		if p.Status == jobs.Pending && p.IsExpired(x.now()) {
			return nil, apperr.New(apperr.Conflict, "该岗位的有效期已过，不能通过；请不通过并说明，让企业修改有效期后重新提交")
		}
	case jobs.ActReject:
		if err := jobs.CheckReason(in.Reason); err != nil {
			return nil, err
		}
	default:
		return nil, apperr.Field("action", "审核结果应为 approve（通过）或 reject（不通过）")
	}
	p, err := x.db.Jobs().ChangePostStatus(ctx, a.store(), id, in.Action, in.Reason, reviewMessage)
	if err != nil {
		return nil, err
	}
	x.state.kickFollower()
	return p, nil
}

func reviewMessage(p *jobs.Post) *notify.Message {
	m := &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: p.EnterpriseID, Kind: "job_post",
		DedupeKey: fmt.Sprintf("job:%d:%d:%s", p.ID, p.Seq, p.Status)}
	if p.Status == jobs.Published {
		m.Title = "岗位已通过审核：" + p.Title
		m.Body = fmt.Sprintf("您发布的岗位“%s”已通过审核，求职者现在可以搜索到。有效期至 %s。", p.Title, p.ExpiresOn.Format(time.DateOnly))
		m.Link = fmt.Sprintf("/jobs/%d", p.ID)
		return m
	}
	m.Title = "岗位未通过审核：" + p.Title
	m.Body = fmt.Sprintf("您发布的岗位“%s”未通过审核。原因：%s。请按意见修改后重新提交。", p.Title, p.ReviewReason)
	m.Link = fmt.Sprintf("/enterprise/jobs/%d/edit", p.ID)
	return m
}

// PostView is one post for its page, with what the viewer may do.
type PostView struct {
	Post      *jobs.Post
	CanManage bool
	Insider   bool             // the enterprise or bureau staff: sees views and every status
	Views     []store.DayCount // per day for the last 30 days, to insiders
	ViewTotal int64
}

// ViewPost returns a post: published and open posts to anyone, others to
// the enterprise and bureau staff (anyone else gets NotFound, so closed and
// waiting posts do not leak). A view by someone other than the enterprise
// or staff is counted.
func (x *Jobs) ViewPost(ctx context.Context, a Actor, id int64) (*PostView, error) {
	p, err := x.db.Jobs().PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	now := x.now()
	insider := account.CanViewPost(a.User, p.EnterpriseID)
	if !p.Searchable(now) && !insider {
		// A person who applied keeps reading the post they applied to,
		// after it closed too (their application page links here).
		mine, err := x.apps.MyJobApplication(ctx, a, id)
		if err != nil {
			return nil, err
		}
		if mine == nil {
			return nil, store.Missing("job_post") // as for no post
		}
	}
	v := &PostView{Post: p, CanManage: account.CanManagePost(a.User, p.EnterpriseID), Insider: insider}
	if insider {
		today := jobs.Today(now)
		if v.Views, err = x.db.Jobs().PostViewsByDay(ctx, id, today.AddDate(0, 0, -29)); err != nil {
			return nil, err
		}
		counts, err := x.db.Jobs().PostViewCounts(ctx, []int64{id}, today)
		if err != nil {
			return nil, err
		}
		v.ViewTotal = counts[id].Total
	} else {
		x.state.views.add(id, jobs.Today(now))
	}
	return v, nil
}

// PostRow is a post in the employer's list, with its view counts.
type PostRow struct {
	Post       *jobs.Post
	Effective  jobs.Status // Expired once the expiry day passed, before the daily run marks it
	Views      int64
	Views7Days int64
}

// MyPosts lists the employer's own posts, newest first, with view counts.
func (x *Jobs) MyPosts(ctx context.Context, a Actor, status string, page int) ([]PostRow, int, error) {
	if a.User == nil {
		return nil, 0, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.IsEmployer(a.User) {
		return nil, 0, x.deny(ctx, a, "job_post", 0)
	}
	if status != "" && !jobs.Status(status).Valid() {
		return nil, 0, apperr.Field("status", "状态不存在")
	}
	posts, total, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: a.User.EnterpriseID, Status: status,
		Limit: 50, Offset: (max(page, 1) - 1) * 50})
	if err != nil {
		return nil, 0, err
	}
	rows, err := x.postRows(ctx, posts)
	return rows, total, err
}

func (x *Jobs) postRows(ctx context.Context, posts []*jobs.Post) ([]PostRow, error) {
	ids := make([]int64, len(posts))
	for i, p := range posts {
		ids[i] = p.ID
	}
	now := x.now()
	counts, err := x.db.Jobs().PostViewCounts(ctx, ids, jobs.Today(now).AddDate(0, 0, -6))
	if err != nil {
		return nil, err
	}
	rows := make([]PostRow, len(posts))
	for i, p := range posts {
		rows[i] = PostRow{Post: p, Effective: p.Effective(now), Views: counts[p.ID].Total, Views7Days: counts[p.ID].Recent}
	}
	return rows, nil
}

// ReviewQueue lists posts waiting for review, oldest first.
func (x *Jobs) ReviewQueue(ctx context.Context, a Actor, page int) ([]*jobs.Post, int, error) {
	if !account.CanReviewPosts(a.User) {
		return nil, 0, x.deny(ctx, a, "job_post", 0)
	}
	return x.db.Jobs().ListPosts(ctx, jobs.PostFilter{Status: string(jobs.Pending), Oldest: true, Limit: 50, Offset: (max(page, 1) - 1) * 50})
}

// ClassifyInput is a title (and optional description) to suggest occupations for.
type ClassifyInput struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Classify suggests the five most likely occupations (职业分类大典 2022
// leaf codes) for a job title; it never returns nil.
func (x *Jobs) Classify(in ClassifyInput) ([]classify.Candidate, error) {
	var f apperr.Fields
	in.Title = strings.TrimSpace(in.Title)
	switch {
	case in.Title == "":
		f.Add("title", "请填写岗位名称")
	case utf8.RuneCountInString(in.Title) > 100:
		f.Add("title", "岗位名称不能超过 100 个字")
	default:
		registry.CheckText(&f, "title", in.Title, 100)
	}
	registry.CheckText(&f, "description", in.Description, jobs.MaxDescription)
	if err := f.Err(); err != nil {
		return nil, err
	}
	out := x.classify(in.Title, in.Description, 5)
	if out == nil {
		out = []classify.Candidate{}
	}
	return out, nil
}

// jobState is the job board's in-memory state of an App: the classifier
// (built on first use), the search index with its cards, the follower's
// position in the change sequence and the view counts not yet written.
type jobState struct {
	clsOnce sync.Once
	cls     *classify.Classifier

	screenOnce sync.Once
	screener   *jobs.Screener

	index jobIndex
	views viewCounter
	learn learnedState // what 识别职业 learned from use
}

// ScreenPost lists what a reviewer should check in a post (discriminatory
// requirements, fees), see jobs.Screener. The rules compile on first use.
func (x *Jobs) ScreenPost(p *jobs.Post) []jobs.Flag {
	s := &x.state
	s.screenOnce.Do(func() { s.screener = jobs.NewScreener() })
	return s.screener.Screen(p)
}

// classifier builds the title classifier on first use (about 70 ms).
func (s *jobState) classifier(t *codes.Tables) *classify.Classifier {
	s.clsOnce.Do(func() { s.cls = classify.New(t.Occupations) })
	return s.cls
}
