package api

// 网谷智聘 application endpoints: a person applies to a post, follows and
// withdraws their applications; the post's employer lists its applicants
// (phone shown, ID number masked) and moves each along the pipeline.
// Ownership is decided by the app (account access rules).

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

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
		UpdatedAt: ap.UpdatedAt.Format(time.RFC3339), History: []jobAppEventJSON{}}
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

func (h *Handler) applyJob(w http.ResponseWriter, r *http.Request) {
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
	ap, err := h.app.ApplyJob(r.Context(), httpx.Actor(r), id, in.Note)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, jobAppJSONOf(ap))
}

func (h *Handler) myJobApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.app.MyJobApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]jobAppJSON, 0, len(apps))
	for _, ap := range apps {
		items = append(items, jobAppJSONOf(ap))
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": len(items), "items": items})
}

func (h *Handler) jobApplicants(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg, err := h.app.Applicants(r.Context(), httpx.Actor(r), id)
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
	writeJSON(w, http.StatusOK, map[string]any{"post": enterpriseRef{ID: pg.Post.ID, Name: pg.Post.Title}, "total": len(items), "items": items})
}

func (h *Handler) getJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.JobApplication(r.Context(), httpx.Actor(r), id)
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

func (h *Handler) setJobApplicationStatus(w http.ResponseWriter, r *http.Request) {
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
	ap, err := h.app.SetJobApplicationStatus(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobAppJSONOf(ap))
}

func (h *Handler) withdrawJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ap, err := h.app.WithdrawJobApplication(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobAppJSONOf(ap))
}
