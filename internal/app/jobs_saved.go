package app

// 网谷智聘 收藏 and 举报: a person saves posts and finds them in
// /me/saved-jobs (closed or expired ones shown as such); a logged-in user
// reports a post with a reason, which brings it into the review queue,
// where a reviewer dismisses the reports or takes the post down.

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// SavedJobs is 收藏: the posts a person keeps to come back to.
type SavedJobs struct {
	*core
	jobs *Jobs
}

// JobReports is 举报: users report posts, reviewers decide the reports.
type JobReports struct {
	*core
	jobs *Jobs
}

// MaxSavedJobs is how many posts one person may save.
const MaxSavedJobs = 200

func (x *SavedJobs) savedJobsAllowed(ctx context.Context, a Actor, postID int64) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanSaveJobs(a.User) {
		return x.deny(ctx, a, "job_post", postID)
	}
	return nil
}

// SaveJob saves a post for the person. Only a post they may see can be
// saved (a live one, or one they applied to); saving twice changes nothing.
func (x *SavedJobs) SaveJob(ctx context.Context, a Actor, postID int64) error {
	if err := x.savedJobsAllowed(ctx, a, postID); err != nil {
		return err
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if err != nil {
		return err
	}
	if !p.Searchable(x.now()) {
		mine, err := x.jobs.apps.MyJobApplication(ctx, a, postID)
		if err != nil {
			return err
		}
		if mine == nil { // as for no post
			return x.conceal(ctx, a, "job_post", postID)
		}
	}
	return x.db.Jobs().SaveJob(ctx, a.store(), a.User.PersonID, postID, MaxSavedJobs)
}

// UnsaveJob removes a saved post (closed ones too).
func (x *SavedJobs) UnsaveJob(ctx context.Context, a Actor, postID int64) error {
	if err := x.savedJobsAllowed(ctx, a, postID); err != nil {
		return err
	}
	return x.db.Jobs().UnsaveJob(ctx, a.store(), a.User.PersonID, postID)
}

// ToggleSavedJob saves the post if it is not saved, else removes it, and
// returns whether it is saved now.
func (x *SavedJobs) ToggleSavedJob(ctx context.Context, a Actor, postID int64) (bool, error) {
	saved, err := x.IsJobSaved(ctx, a, postID)
	if err != nil {
		return false, err
	}
	if saved {
		return false, x.UnsaveJob(ctx, a, postID)
	}
	return true, x.SaveJob(ctx, a, postID)
}

// IsJobSaved reports whether the person saved the post (false for anyone
// else).
func (x *SavedJobs) IsJobSaved(ctx context.Context, a Actor, postID int64) (bool, error) {
	if !account.CanSaveJobs(a.User) {
		return false, nil
	}
	return x.db.Jobs().IsJobSaved(ctx, a.User.PersonID, postID)
}

// SavedJobRow is a saved post with its status today: Open is false for a
// post closed, paused, taken down or expired since it was saved.
type SavedJobRow struct {
	jobs.SavedJob
	Status jobs.Status
	Open   bool
}

// MySavedJobs lists the person's saved posts, newest saved first.
func (x *SavedJobs) MySavedJobs(ctx context.Context, a Actor) ([]SavedJobRow, error) {
	if err := x.savedJobsAllowed(ctx, a, 0); err != nil {
		return nil, err
	}
	list, err := x.db.Jobs().SavedJobsOf(ctx, a.User.PersonID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	out := make([]SavedJobRow, 0, len(list))
	for _, s := range list {
		out = append(out, SavedJobRow{SavedJob: s, Status: s.Post.Effective(now), Open: s.Post.Searchable(now)})
	}
	return out, nil
}

// ReportInput is a 举报: a reason from jobs.ReportReasons and optional words.
type ReportInput struct {
	Reason string `json:"reason"`
	Note   string `json:"note,omitempty"`
}

// ReportPost records a user's report of a live post, audited; one per
// user and post (the second is Conflict).
func (x *JobReports) ReportPost(ctx context.Context, a Actor, postID int64, in ReportInput) (*jobs.Report, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanReportPost(a.User) {
		return nil, x.deny(ctx, a, "job_post", postID)
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if err != nil {
		return nil, err
	}
	if !p.Searchable(x.now()) {
		return nil, x.conceal(ctx, a, "job_post", postID)
	}
	var f apperr.Fields
	in.Reason, in.Note = strings.TrimSpace(in.Reason), strings.TrimSpace(in.Note)
	if !jobs.ValidReportReason(in.Reason) {
		f.Add("reason", "请选择举报原因")
	}
	if utf8.RuneCountInString(in.Note) > jobs.MaxReportNote {
		f.Add("note", "补充说明不能超过 200 个字")
	} else {
		registry.CheckText(&f, "note", in.Note, jobs.MaxReportNote)
	}
	if in.Reason == "其他" && in.Note == "" {
		f.Add("note", "选择“其他”时请简单说明原因")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	r := &jobs.Report{PostID: postID, UserID: a.User.ID, Reason: in.Reason, Note: in.Note}
	if err := x.db.Jobs().ReportPost(ctx, a.store(), r); err != nil {
		return nil, err
	}
	return r, nil
}

// HasReported reports whether the user reported the post.
func (x *JobReports) HasReported(ctx context.Context, a Actor, postID int64) (bool, error) {
	if !account.CanReportPost(a.User) {
		return false, nil
	}
	return x.db.Jobs().HasReported(ctx, a.User.ID, postID)
}

// ReportedPost is a post in the review queue's 被举报 section, with its
// open reports.
type ReportedPost struct {
	Post    *jobs.Post
	Reports []jobs.Report
}

// ReportedPosts lists the posts with open reports, oldest report first.
func (x *JobReports) ReportedPosts(ctx context.Context, a Actor) ([]ReportedPost, error) {
	if !account.CanReviewPosts(a.User) {
		return nil, x.deny(ctx, a, "job_post", 0)
	}
	byPost, order, err := x.db.Jobs().OpenReports(ctx, 500)
	if err != nil {
		return nil, err
	}
	out := make([]ReportedPost, 0, len(order))
	for _, id := range order {
		p, err := x.db.Jobs().PostByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, ReportedPost{Post: p, Reports: byPost[id]})
	}
	return out, nil
}

// DecideReportsInput is a reviewer's decision on a post's open reports:
// "dismiss" (nothing wrong) or "take_down" with a reason the employer reads.
type DecideReportsInput struct {
	Action string `json:"action"`
	Reason string `json:"reason,omitempty"`
}

// DecideReports closes a post's open reports: dismissed, or upheld with the
// post taken down (rejected with the reason, out of search, the employer
// told). Both audited.
func (x *JobReports) DecideReports(ctx context.Context, a Actor, postID int64, in DecideReportsInput) error {
	if !account.CanReviewPosts(a.User) {
		return x.deny(ctx, a, "job_post", postID)
	}
	switch in.Action {
	case "dismiss":
		_, err := x.db.Jobs().DecideReports(ctx, a.store(), postID, jobs.ReportDismissed)
		return err
	case "take_down":
		in.Reason = strings.TrimSpace(in.Reason)
		if err := jobs.CheckReason(in.Reason); err != nil {
			return err
		}
		p, err := x.db.Jobs().PostByID(ctx, postID)
		if err != nil {
			return err
		}
		action := jobs.ActTakeDown
		if p.Status == jobs.Pending {
			action = jobs.ActReject
		}
		tell := reviewMessage
		if action == jobs.ActTakeDown {
			tell = takeDownMessage
		}
		if p.Status != jobs.Rejected && p.Status != jobs.Closed {
			if _, err := x.db.Jobs().ChangePostStatus(ctx, a.store(), postID, action, in.Reason, tell); err != nil {
				return err
			}
			x.jobs.state.kickFollower()
		}
		_, err = x.db.Jobs().DecideReports(ctx, a.store(), postID, jobs.ReportUpheld)
		return err
	}
	return apperr.Field("action", "处理方式应为 dismiss（举报不成立）或 take_down（下架岗位）")
}

// EnterpriseJobs is a verified enterprise's public page: its name, place
// and open posts.
type EnterpriseJobs struct {
	ID           int64
	Name         string
	IndustryCode string
	RegionCode   string
	Posts        []*jobs.Post
}

// EnterpriseOpenPosts returns a verified enterprise and its live posts
// (anyone may see them); an unverified or unknown one is NotFound.
func (x *Jobs) EnterpriseOpenPosts(ctx context.Context, entID int64) (*EnterpriseJobs, error) {
	e, err := x.db.Registry().EnterpriseByID(ctx, entID)
	if err != nil {
		return nil, err
	}
	if !e.Verified {
		return nil, store.Missing("enterprise")
	}
	posts, _, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: entID, Status: string(jobs.Published), Limit: 200})
	if err != nil {
		return nil, err
	}
	out := &EnterpriseJobs{ID: e.ID, Name: e.Name, IndustryCode: e.IndustryCode, RegionCode: e.RegionCode}
	now := x.now()
	for _, p := range posts {
		if p.Searchable(now) {
			out.Posts = append(out.Posts, p)
		}
	}
	return out, nil
}

// MyPlace returns the place a person gave in their resume (home or
// desired place of work), for the distance on a post's map; nil for
// anyone else or without one. It is the person's own data: not audited.
func (x *Jobs) MyPlace(ctx context.Context, a Actor) (*[2]float64, error) {
	if !account.IsPerson(a.User) || a.User.PersonID == 0 {
		return nil, nil
	}
	r, _, err := x.db.Jobs().ResumeByPerson(ctx, a.User.PersonID)
	if err != nil || r.Lat == nil || r.Lng == nil {
		return nil, err
	}
	return &[2]float64{*r.Lat, *r.Lng}, nil
}

// takeDownMessage tells the enterprise its live post was taken down after
// a report, and why.
func takeDownMessage(p *jobs.Post) *notify.Message {
	return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: p.EnterpriseID, Kind: "job_post",
		DedupeKey: fmt.Sprintf("job:%d:%d:%s", p.ID, p.Seq, p.Status),
		Title:     "岗位已被下架：" + p.Title,
		Body:      fmt.Sprintf("您发布的岗位“%s”经核实举报后已下架。原因：%s。请按意见修改后重新提交审核。", p.Title, p.ReviewReason),
		Link:      fmt.Sprintf("/enterprise/jobs/%d/edit", p.ID)}
}
