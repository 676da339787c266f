package app

// 网谷智聘 applications: a person applies to a published post with an
// optional cover note, follows the status and may withdraw; the post's
// employer works a pipeline (new → viewed → interview → hired / rejected)
// with notes. Every change is audited and puts a message in the other
// side's inbox. Employers see an applicant's phone and resume only because
// the applicant applied to their post; ID numbers reach them masked.

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// JobApps is the use cases of applications to posts: a person applies and
// withdraws, the post's employer works the pipeline (jobs_apps.go), and
// both list them (jobs_apps_list.go).
type JobApps struct{ *core }

// Applicant is what an employer learns about a person who applied: never
// the full ID number.
type Applicant struct {
	PersonID  int64
	Name      string
	Gender    string
	Age       int
	Education string
	Phone     string // plaintext: the applicant applied to this enterprise's post
	IDMasked  string
}

// ApplicantRow is one application in an employer's list.
type ApplicantRow struct {
	App       *jobs.Application
	Applicant Applicant
}

// JobAppDetail is one application as its applicant sees it on their own
// page: the post as it is now (salary, whether still online), whether it
// may still be withdrawn, and the history with the employer's notes (the
// employer writes them to the applicant: the form says so and the inbox
// message carries them).
type JobAppDetail struct {
	App         *jobs.Application
	Post        *jobs.Post
	PostOpen    bool // the post is still online; otherwise the page says 岗位已下线
	CanWithdraw bool
}

// JobApplicationView is one application for its applicant or its employer.
type JobApplicationView struct {
	App       *jobs.Application
	Employer  bool             // the viewer is the post's employer
	Applicant *Applicant       // to the employer
	Person    *registry.Person // to the employer, for the resume partial: ID number removed
	Resume    *resume.Resume   // to the employer
	Targets   []jobs.AppStatus // the employer's possible next statuses
	// Verified are the applicant's valid certificates issued on the
	// platform (ID numbers masked), shown beside the resume.
	Verified []*training.Certificate
}

func (x *JobApps) applicant(p *registry.Person) Applicant {
	out := Applicant{PersonID: p.ID, Name: p.Name, Gender: p.Gender(), Education: p.Education, Phone: p.Phone, IDMasked: p.IDMasked}
	if out.IDMasked == "" && p.IDNumber != "" {
		out.IDMasked = registry.MaskID(p.IDNumber)
	}
	if !p.Birth.IsZero() {
		out.Age = p.AgeOn(x.now())
	}
	return out
}

// ApplyJob files the person's application to a published, open post.
func (x *JobApps) ApplyJob(ctx context.Context, a Actor, postID int64, note string) (*jobs.Application, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanApplyJobs(a.User) {
		return nil, x.deny(ctx, a, "job_post", postID)
	}
	note, err := jobs.CheckNote("note", note, jobs.MaxCoverNote)
	if err != nil {
		return nil, err
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if err != nil {
		return nil, err
	}
	if !p.Searchable(x.now()) {
		if p.Status == jobs.Expired || (p.Status == jobs.Published && p.EnterpriseVerified && p.IsExpired(x.now())) {
			return nil, apperr.New(apperr.Invalid, "该岗位已过有效期，不能申请")
		}
		return nil, store.Missing("job_post") // as for no post: waiting posts do not leak
	}
	if p.Internship {
		if err := checkInternEligible(ctx, x.db, a.User.PersonID, chinatime.Today(x.now())); err != nil {
			return nil, err
		}
	}
	ap := &jobs.Application{PostID: p.ID, PostTitle: p.Title, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName,
		PersonID: a.User.PersonID, CoverNote: note}
	if err := x.db.Jobs().CreateJobApplication(ctx, a.store(), ap, appliedMessage); err != nil {
		return nil, err
	}
	return x.db.Jobs().JobApplicationByID(ctx, ap.ID)
}

func appliedMessage(ap *jobs.Application) *notify.Message {
	return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: ap.EnterpriseID, Kind: "job_application",
		Title: "收到新的求职申请：" + ap.PostTitle,
		Body:  fmt.Sprintf("有求职者申请了您发布的岗位“%s”，请及时查看简历并处理。", ap.PostTitle),
		Link:  fmt.Sprintf("/enterprise/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:new", ap.ID)}
}

// MyJobApplication returns the person's application to a post, or nil
// when they have none (or are not a person).
func (x *JobApps) MyJobApplication(ctx context.Context, a Actor, postID int64) (*jobs.Application, error) {
	if !account.CanApplyJobs(a.User) {
		return nil, nil
	}
	apps, err := x.db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: a.User.PersonID, PostID: postID, Limit: 1})
	if err != nil || len(apps) == 0 {
		return nil, err
	}
	return apps[0], nil
}

// MyJobApplicationDetail opens one of the person's applications on their
// own page. Anyone else is refused, audited; a missing one is NotFound.
func (x *JobApps) MyJobApplicationDetail(ctx context.Context, a Actor, id int64) (*JobAppDetail, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	ap, err := x.db.Jobs().JobApplicationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanFollowJobApplication(a.User, ap.PersonID) {
		return nil, x.refuse(ctx, a, "job_application", id, account.CanViewJobApplication(a.User, ap.PersonID, ap.EnterpriseID))
	}
	p, err := x.db.Jobs().PostByID(ctx, ap.PostID)
	if err != nil {
		return nil, fmt.Errorf("app.MyJobApplicationDetail: post %d: %w", ap.PostID, err)
	}
	return &JobAppDetail{App: ap, Post: p, PostOpen: p.Searchable(x.now()), CanWithdraw: jobs.CanWithdraw(ap.Status)}, nil
}

// WithdrawJobApplication lets the person take back an open application;
// the enterprise is told.
func (x *JobApps) WithdrawJobApplication(ctx context.Context, a Actor, id int64) (*jobs.Application, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	ap, err := x.db.Jobs().JobApplicationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanWithdrawJobApplication(a.User, ap.PersonID) {
		return nil, x.refuse(ctx, a, "job_application", id, account.CanViewJobApplication(a.User, ap.PersonID, ap.EnterpriseID))
	}
	return x.db.Jobs().ChangeJobApplication(ctx, a.store(), id, jobs.AppWithdrawn, "", "jobapp.withdraw",
		func(from jobs.AppStatus) error {
			if !jobs.CanWithdraw(from) {
				return apperr.New(apperr.Conflict, "申请已是“"+from.Label()+"”，不能撤回")
			}
			return nil
		}, withdrawnMessage)
}

func withdrawnMessage(ap *jobs.Application) *notify.Message {
	return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: ap.EnterpriseID, Kind: "job_application",
		Title: "求职者撤回了申请：" + ap.PostTitle,
		Body:  fmt.Sprintf("一位求职者撤回了对岗位“%s”的申请。", ap.PostTitle),
		Link:  fmt.Sprintf("/enterprise/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:withdrawn", ap.ID)}
}

// JobApplication opens one application: to the applicant (status and
// history), or to the post's employer with the applicant's details and
// resume — and the employer opening a new application marks it viewed,
// which tells the applicant. Anyone else is refused, audited.
func (x *JobApps) JobApplication(ctx context.Context, a Actor, id int64) (*JobApplicationView, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	ap, err := x.db.Jobs().JobApplicationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanViewJobApplication(a.User, ap.PersonID, ap.EnterpriseID) {
		return nil, x.conceal(ctx, a, "job_application", id)
	}
	v := &JobApplicationView{App: ap}
	if !account.CanViewApplicants(a.User, ap.EnterpriseID) {
		return v, nil
	}
	v.Employer = true
	if ap.Status == jobs.AppNew {
		ap, err = x.db.Jobs().ChangeJobApplication(ctx, a.store(), id, jobs.AppViewed, "", "jobapp.status",
			func(from jobs.AppStatus) error { return jobs.NextByEmployer(from, jobs.AppViewed) }, statusMessage)
		if err != nil && !apperr.Is(err, apperr.Conflict) { // a concurrent change already moved it on
			return nil, err
		}
		if err != nil {
			if ap, err = x.db.Jobs().JobApplicationByID(ctx, id); err != nil {
				return nil, err
			}
		}
		v.App = ap
	}
	person, err := x.db.Registry().PersonByID(ctx, ap.PersonID)
	if err != nil {
		return nil, err
	}
	who := x.applicant(person)
	v.Applicant = &who
	shown := *person
	shown.IDNumber = "" // never the full ID number to an employer
	shown.IDMasked = who.IDMasked
	v.Person = &shown
	if v.Resume, _, err = x.db.Jobs().ResumeByPerson(ctx, ap.PersonID); err != nil {
		return nil, err
	}
	if v.Resume != nil { // where the applicant lives is not the employer's to know
		v.Resume.Lat, v.Resume.Lng = nil, nil
	}
	if v.Verified, _, err = x.db.Training().Certificates().Certificates(ctx, store.CertificateFilter{PersonID: ap.PersonID, ValidOnly: true, Limit: 50}); err != nil {
		return nil, err
	}
	v.Targets = jobs.EmployerTargets(ap.Status)
	return v, nil
}

// JobAppStatusInput is an employer's change of an application.
type JobAppStatusInput struct {
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

// SetJobApplicationStatus moves an application along the pipeline for the
// post's employer, with an optional note the applicant sees; audited, and
// the applicant is told.
func (x *JobApps) SetJobApplicationStatus(ctx context.Context, a Actor, id int64, in JobAppStatusInput) (*jobs.Application, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	ap, err := x.db.Jobs().JobApplicationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanViewApplicants(a.User, ap.EnterpriseID) {
		return nil, x.refuse(ctx, a, "job_application", id, account.CanViewJobApplication(a.User, ap.PersonID, ap.EnterpriseID))
	}
	note, err := jobs.CheckNote("note", in.Note, jobs.MaxStatusNote)
	if err != nil {
		return nil, err
	}
	to := jobs.AppStatus(in.Status)
	if err := jobs.NextByEmployer(ap.Status, to); err != nil && apperr.As(err).Code == apperr.Invalid {
		return nil, err
	}
	return x.db.Jobs().ChangeJobApplication(ctx, a.store(), id, to, note, "jobapp.status",
		func(from jobs.AppStatus) error { return jobs.NextByEmployer(from, to) }, statusMessage)
}

func statusMessage(ap *jobs.Application) *notify.Message {
	body := fmt.Sprintf("您申请的岗位“%s”（%s）状态更新为：%s。", ap.PostTitle, ap.EnterpriseName, ap.Status.Label())
	if n := len(ap.Events); n > 0 && ap.Events[n-1].Note != "" {
		body += "企业留言：" + ap.Events[n-1].Note
	}
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: ap.PersonID, Kind: "job_application",
		Title: "求职进度：" + ap.PostTitle + " " + ap.Status.Label(), Body: body,
		Link: fmt.Sprintf("/me/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:%s", ap.ID, ap.Status)}
}
