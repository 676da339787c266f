package app

// 网谷智聘 application lists: the person's own and a post's applicants for
// its employer, both paged in SQL, newest first, filterable by status, with
// a count per status for the tabs; and the employer's .xlsx export of a
// post's applicants, audited because it carries phones.

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
)

// ApplicantsPage is one page of a post's applications, for its employer.
type ApplicantsPage struct {
	Post *jobs.Post
	Rows []ApplicantRow
	JobAppList
}

// MyJobAppsPage is one page of the person's applications.
type MyJobAppsPage struct {
	Apps []*jobs.Application
	JobAppList
}

// JobAppListQuery is a request for a list of applications as sent (query
// string or API parameters): the status filter ("" for all), the page
// (from 1) and the page size. Strings, so a bad value is a field error
// naming the parameter rather than a silent default.
type JobAppListQuery struct {
	Status   string
	Page     string
	PageSize string
}

// Page sizes of the application lists: 20 unless asked, never over 100 (a
// larger page_size is capped, not refused, like the job search).
const (
	JobAppsPageSize    = 20
	MaxJobAppsPageSize = 100
	maxJobAppsPage     = 100000
)

// StatusCount is one tab above an application list: a status and how many
// applications are in it.
type StatusCount struct {
	Status jobs.AppStatus
	N      int
}

// JobAppList is where a page sits in its list: the filter, the page, the
// filtered total, the unfiltered total and a count per status (every
// status in pipeline order, zeros included, so the tabs never move).
type JobAppList struct {
	Status   jobs.AppStatus // "" for every status
	Page     int
	PageSize int
	Total    int // applications matching Status
	All      int // applications of every status
	Counts   []StatusCount
}

// Pages is the number of pages of the filtered list (at least 1).
func (l JobAppList) Pages() int { return max(1, (l.Total+l.PageSize-1)/l.PageSize) }

func (l JobAppList) offset() int { return (l.Page - 1) * l.PageSize }

// jobAppList validates q; the counts come later from the store.
func jobAppList(q JobAppListQuery) (JobAppList, error) {
	var f apperr.Fields
	l := JobAppList{Page: 1, PageSize: JobAppsPageSize}
	if err := jobs.CheckAppStatusFilter("status", q.Status); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	l.Status = jobs.AppStatus(q.Status)
	if q.Page != "" {
		n, err := strconv.Atoi(q.Page)
		if err != nil || n < 1 || n > maxJobAppsPage {
			f.Add("page", "页码应为 1–"+strconv.Itoa(maxJobAppsPage)+" 之间的整数")
		} else {
			l.Page = n
		}
	}
	if q.PageSize != "" {
		n, err := strconv.Atoi(q.PageSize)
		if err != nil || n < 1 {
			f.Add("page_size", "每页条数应为正整数（最多 "+strconv.Itoa(MaxJobAppsPageSize)+"）")
		} else {
			l.PageSize = min(n, MaxJobAppsPageSize)
		}
	}
	return l, f.Err()
}

// withCounts fills the totals and tabs from the per-status counts.
func (l *JobAppList) withCounts(counts map[jobs.AppStatus]int) {
	l.Counts = make([]StatusCount, len(jobs.AppStatuses))
	for i, s := range jobs.AppStatuses {
		l.Counts[i] = StatusCount{Status: s, N: counts[s]}
		l.All += counts[s]
	}
	l.Total = l.All
	if l.Status != "" {
		l.Total = counts[l.Status]
	}
}

// MyJobApplications lists one page of the person's applications, newest
// first, with history, and the counts per status for the tabs.
func (x *JobApps) MyJobApplications(ctx context.Context, a Actor, q JobAppListQuery) (*MyJobAppsPage, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanApplyJobs(a.User) {
		return nil, x.deny(ctx, a, "job_application", 0)
	}
	l, err := jobAppList(q)
	if err != nil {
		return nil, err
	}
	f := jobs.ApplicationFilter{PersonID: a.User.PersonID}
	counts, err := x.db.Jobs().JobApplicationCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	l.withCounts(counts)
	f.Status, f.Limit, f.Offset = l.Status, l.PageSize, l.offset()
	apps, err := x.db.Jobs().ListJobApplications(ctx, f)
	if err != nil {
		return nil, err
	}
	return &MyJobAppsPage{Apps: apps, JobAppList: l}, nil
}

// Applicants lists one page of a post's applications to its employer,
// newest first (paged in SQL), optionally of one status, with each
// applicant's name, phone and masked ID number and the counts per status.
// Anyone else is refused, audited.
func (x *JobApps) Applicants(ctx context.Context, a Actor, postID int64, q JobAppListQuery) (*ApplicantsPage, error) {
	p, err := x.applicantsPost(ctx, a, postID)
	if err != nil {
		return nil, err
	}
	l, err := jobAppList(q)
	if err != nil {
		return nil, err
	}
	f := jobs.ApplicationFilter{PostID: postID}
	counts, err := x.db.Jobs().JobApplicationCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	l.withCounts(counts)
	f.Status, f.Limit, f.Offset = l.Status, l.PageSize, l.offset()
	apps, err := x.db.Jobs().ListJobApplications(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := x.applicantRows(ctx, apps)
	if err != nil {
		return nil, err
	}
	return &ApplicantsPage{Post: p, Rows: rows, JobAppList: l}, nil
}

// ExportApplicants lists every application of a post (of one status, or
// all) for the employer's .xlsx download, up to MaxExport rows, newest
// first. The file carries applicants' phones out of the system, so the
// download is audited before any row is handed out.
func (x *JobApps) ExportApplicants(ctx context.Context, a Actor, postID int64, status string) (*jobs.Post, []ApplicantRow, error) {
	p, err := x.applicantsPost(ctx, a, postID)
	if err != nil {
		return nil, nil, err
	}
	if err := jobs.CheckAppStatusFilter("status", status); err != nil {
		return nil, nil, err
	}
	const chunk = 1000
	var apps []*jobs.Application
	for len(apps) < MaxExport {
		page, err := x.db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PostID: postID, Status: jobs.AppStatus(status),
			Limit: min(chunk, MaxExport-len(apps)), Offset: len(apps), NoHistory: true})
		if err != nil {
			return nil, nil, err
		}
		apps = append(apps, page...)
		if len(page) < chunk {
			break
		}
	}
	rows, err := x.applicantRows(ctx, apps)
	if err != nil {
		return nil, nil, err
	}
	which := "全部"
	if status != "" {
		which = jobs.AppStatus(status).Label()
	}
	summary := fmt.Sprintf("导出岗位“%s”的求职申请 %d 条（%s；含手机号，身份证号脱敏）", p.Title, len(rows), which)
	if err := x.db.Audit(ctx, a.store(), "jobapp.export", "job_post", postID, summary, audit.ResultOK); err != nil {
		return nil, nil, fmt.Errorf("app.ExportApplicants: %w", err)
	}
	return p, rows, nil
}

// applicantsPost loads a post for a list of its applicants: only its
// enterprise's employers get it; anyone else is refused, audited.
func (x *JobApps) applicantsPost(ctx context.Context, a Actor, postID int64) (*jobs.Post, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if err != nil {
		return nil, err
	}
	if !account.CanViewApplicants(a.User, p.EnterpriseID) {
		return nil, x.refuse(ctx, a, "job_post", postID, postVisible(a.User, p, x.now()))
	}
	return p, nil
}

// applicantRows puts each application's applicant beside it, loading the
// persons in a few queries rather than one per row.
func (x *JobApps) applicantRows(ctx context.Context, apps []*jobs.Application) ([]ApplicantRow, error) {
	ids := make([]int64, len(apps))
	for i, ap := range apps {
		ids[i] = ap.PersonID
	}
	persons, err := x.db.Jobs().JobApplicantPersons(ctx, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]ApplicantRow, len(apps))
	for i, ap := range apps {
		person := persons[ap.PersonID]
		if person == nil {
			return nil, fmt.Errorf("app.applicantRows: application %d: person %d missing", ap.ID, ap.PersonID)
		}
		rows[i] = ApplicantRow{App: ap, Applicant: x.applicant(person)}
	}
	return rows, nil
}
