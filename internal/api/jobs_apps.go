package api

// 网谷智聘 application endpoints: a person applies to a post, follows and
// withdraws their applications; the post's employer lists its applicants
// (phone shown, ID number masked) and moves each along the pipeline.
// Ownership is decided by the app (account access rules).

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// jobAppsAPI serves 网谷智聘 applications to posts: the person's own
// (apply, follow, withdraw) and the employer's applicants and pipeline.
type jobAppsAPI struct {
	base
	apps *app.JobApps
}

type applyJobInput struct {
	Note string `json:"note,omitempty"`
}

type jobAppEventJSON struct {
	At    string `json:"at"`
	By    string `json:"by"`
	From  string `json:"from,omitempty"`
	To    string `json:"to"`
	Label string `json:"label"`
	Note  string `json:"note,omitempty"`
}

type jobAppJSON struct {
	ID          int64             `json:"id"`
	Post        enterpriseRef     `json:"post"`
	Enterprise  enterpriseRef     `json:"enterprise"`
	Status      string            `json:"status"`
	StatusLabel string            `json:"status_label"`
	Note        string            `json:"note"`
	CreatedAt   string            `json:"created_at"`
	UpdatedAt   string            `json:"updated_at"`
	History     []jobAppEventJSON `json:"history"`
	Applicant   *applicantJSON    `json:"applicant,omitempty"`
	Next        []string          `json:"next,omitempty"`
	FairID      int64             `json:"fair_id,omitempty"`    // sent by scanning a booth's QR code at this fair
	StationID   int64             `json:"station_id,omitempty"` // at this labour or university liaison station's event
}

type applicantJSON struct {
	PersonID  int64  `json:"person_id"`
	Name      string `json:"name"`
	Gender    string `json:"gender"`
	Age       int    `json:"age,omitempty"`
	Education string `json:"education,omitempty"`
	Phone     string `json:"phone"`
	IDMasked  string `json:"id_number_masked"`
}

func jobAppJSONOf(ap *jobs.Application) jobAppJSON {
	out := jobAppJSON{ID: ap.ID, Post: enterpriseRef{ID: ap.PostID, Name: ap.PostTitle},
		Enterprise: enterpriseRef{ID: ap.EnterpriseID, Name: ap.EnterpriseName}, Status: string(ap.Status),
		StatusLabel: ap.Status.Label(), Note: ap.CoverNote, CreatedAt: ap.CreatedAt.Format(time.RFC3339),
		UpdatedAt: ap.UpdatedAt.Format(time.RFC3339), History: []jobAppEventJSON{}, FairID: ap.FairID, StationID: ap.StationID}
	for _, ev := range ap.Events {
		by := "applicant"
		if ev.ActorRole != "person" {
			by = "employer"
		}
		out.History = append(out.History, jobAppEventJSON{At: ev.At.Format(time.RFC3339), By: by, From: string(ev.From),
			To: string(ev.To), Label: ev.To.Label(), Note: ev.Note})
	}
	return out
}

func applicantJSONOf(a app.Applicant) *applicantJSON {
	return &applicantJSON{PersonID: a.PersonID, Name: a.Name, Gender: a.Gender, Age: a.Age, Education: a.Education,
		Phone: a.Phone, IDMasked: a.IDMasked}
}

func (h *jobAppsAPI) applyJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in applyJobInput
	if r.ContentLength != 0 { // the cover note is optional: no body is fine
		if err := Decode(r.Body, &in); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	ap, err := h.apps.ApplyJob(r.Context(), httpx.Actor(r), id, in.Note)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, jobAppJSONOf(ap))
}

// jobAppListQuery reads status, page and page_size; the app validates them.
func jobAppListQuery(r *http.Request) app.JobAppListQuery {
	q := r.URL.Query()
	return app.JobAppListQuery{Status: q.Get("status"), Page: q.Get("page"), PageSize: q.Get("page_size")}
}

// jobAppListJSON is where a page sits: filter, page, totals and the count
// per status (every status, zeros included).
type jobAppListJSON struct {
	Status   string         `json:"status,omitempty"`
	Page     int            `json:"page"`
	PageSize int            `json:"page_size"`
	Pages    int            `json:"pages"`
	Total    int            `json:"total"`
	All      int            `json:"all"`
	Counts   map[string]int `json:"counts"`
}

func jobAppListJSONOf(l app.JobAppList) jobAppListJSON {
	out := jobAppListJSON{Status: string(l.Status), Page: l.Page, PageSize: l.PageSize, Pages: l.Pages(), Total: l.Total, All: l.All,
		Counts: make(map[string]int, len(l.Counts))}
	for _, c := range l.Counts {
		out.Counts[string(c.Status)] = c.N
	}
	return out
}

func (h *jobAppsAPI) myJobApplications(w http.ResponseWriter, r *http.Request) {
	pg, err := h.apps.MyJobApplications(r.Context(), httpx.Actor(r), jobAppListQuery(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]jobAppJSON, 0, len(pg.Apps))
	for _, ap := range pg.Apps {
		items = append(items, jobAppJSONOf(ap))
	}
	writeJSON(w, http.StatusOK, struct {
		jobAppListJSON
		Items []jobAppJSON `json:"items"`
	}{jobAppListJSONOf(pg.JobAppList), items})
}

// myJobAppJSON is the applicant's own view of one application: the post as
// it is now and what the status means.
type myJobAppJSON struct {
	jobAppJSON
	PostDetail    myJobAppPostJSON `json:"post_detail"`
	StatusExplain string           `json:"status_explain"`
	CanWithdraw   bool             `json:"can_withdraw"`
}

type myJobAppPostJSON struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	Enterprise string `json:"enterprise"`
	SalaryMin  int    `json:"salary_min"`
	SalaryMax  int    `json:"salary_max"`
	Salary     string `json:"salary"`
	Open       bool   `json:"open"` // false: 岗位已下线
	Link       string `json:"link"`
}

func (h *jobAppsAPI) myJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.apps.MyJobApplicationDetail(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := d.Post
	writeJSON(w, http.StatusOK, myJobAppJSON{jobAppJSON: jobAppJSONOf(d.App),
		PostDetail: myJobAppPostJSON{ID: p.ID, Title: p.Title, Enterprise: p.EnterpriseName, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax,
			Salary: jobs.SalaryText(p.SalaryMin, p.SalaryMax), Open: d.PostOpen, Link: "/jobs/" + strconv.FormatInt(p.ID, 10)},
		StatusExplain: d.App.Status.Explain(), CanWithdraw: d.CanWithdraw})
}

func (h *jobAppsAPI) jobApplicants(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg, err := h.apps.Applicants(r.Context(), httpx.Actor(r), id, jobAppListQuery(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]jobAppJSON, 0, len(pg.Rows))
	for _, row := range pg.Rows {
		j := jobAppJSONOf(row.App)
		j.Applicant = applicantJSONOf(row.Applicant)
		items = append(items, j)
	}
	writeJSON(w, http.StatusOK, struct {
		Post enterpriseRef `json:"post"`
		jobAppListJSON
		Items []jobAppJSON `json:"items"`
	}{enterpriseRef{ID: pg.Post.ID, Name: pg.Post.Title}, jobAppListJSONOf(pg.JobAppList), items})
}

func (h *jobAppsAPI) getJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.apps.JobApplication(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	j := jobAppJSONOf(v.App)
	if v.Applicant != nil {
		j.Applicant = applicantJSONOf(*v.Applicant)
		j.Next = []string{}
		for _, s := range v.Targets {
			j.Next = append(j.Next, string(s))
		}
	}
	writeJSON(w, http.StatusOK, j)
}

func (h *jobAppsAPI) setJobApplicationStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.JobAppStatusInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ap, err := h.apps.SetJobApplicationStatus(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobAppJSONOf(ap))
}

func (h *jobAppsAPI) withdrawJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ap, err := h.apps.WithdrawJobApplication(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobAppJSONOf(ap))
}
