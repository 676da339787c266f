package api

// 就业见习 endpoints: the public list and page of designated bases with
// their retention rate; an employer's application, interns, months and
// monthly claims; staff's designation decisions.

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/internship"
)

type internshipAPI struct {
	base
	internships *app.Internships
}

type baseView struct {
	ID             int64          `json:"id"`
	EnterpriseID   int64          `json:"enterprise_id"`
	EnterpriseName string         `json:"enterprise_name"`
	PlacesPerYear  int            `json:"places_per_year"`
	Occupations    []codeNameView `json:"occupations"`
	ContactName    string         `json:"contact_name"`
	ContactPhone   string         `json:"contact_phone"`
	Supervisor     string         `json:"supervisor"`
	Intro          string         `json:"intro"`
	Status         string         `json:"status"`
	StatusLabel    string         `json:"status_label"`
	Reason         string         `json:"reason,omitempty"`
	Finished       int            `json:"finished"`
	Kept           int            `json:"kept"`
	RetentionRate  float64        `json:"retention_rate"`
	RetentionText  string         `json:"retention_text"`
	CreatedAt      string         `json:"created_at"`
	UpdatedAt      string         `json:"updated_at"`
}

type codeNameView struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func (h *internshipAPI) baseJSON(b *internship.Base) baseView {
	v := baseView{ID: b.ID, EnterpriseID: b.EnterpriseID, EnterpriseName: b.EnterpriseName, PlacesPerYear: b.PlacesPerYear,
		Occupations: []codeNameView{}, ContactName: b.ContactName, ContactPhone: b.ContactPhone, Supervisor: b.Supervisor, Intro: b.Intro,
		Status: string(b.Status), StatusLabel: b.Status.Label(), Reason: b.Reason, Finished: b.Finished, Kept: b.Kept,
		RetentionRate: internship.RetentionRate(b.Kept, b.Finished), RetentionText: b.Retention(), CreatedAt: ts(b.CreatedAt), UpdatedAt: ts(b.UpdatedAt)}
	for _, o := range b.Occupations {
		v.Occupations = append(v.Occupations, codeNameView{Code: o, Name: h.internships.OccupationName(o)})
	}
	return v
}

type internPeriodView struct {
	N        int    `json:"n"`
	From     string `json:"from"`
	To       string `json:"to"`
	Month    string `json:"month"`
	Recorded bool   `json:"recorded"`
	Served   bool   `json:"served"`
	ClaimID  int64  `json:"claim_id,omitempty"`
}

type internView struct {
	ID            int64              `json:"id"`
	BaseID        int64              `json:"base_id"`
	BaseName      string             `json:"base_name"`
	PostID        int64              `json:"post_id"`
	PostTitle     string             `json:"post_title"`
	ApplicationID int64              `json:"application_id"`
	PersonName    string             `json:"person_name"`
	StartOn       string             `json:"start_on"`
	PlannedMonths int                `json:"planned_months"`
	Status        string             `json:"status"`
	StatusLabel   string             `json:"status_label"`
	Kept          bool               `json:"kept"`
	EndedOn       string             `json:"ended_on,omitempty"`
	ServedMonths  int                `json:"served_months"`
	Periods       []internPeriodView `json:"periods"`
}

func internJSON(in *internship.Internship) internView {
	v := internView{ID: in.ID, BaseID: in.BaseID, BaseName: in.BaseName, PostID: in.PostID, PostTitle: in.PostTitle, ApplicationID: in.ApplicationID,
		PersonName: in.PersonName, StartOn: in.Start.Format(time.DateOnly), PlannedMonths: in.PlannedMonths, Status: string(in.Status),
		StatusLabel: in.Status.Label(), Kept: in.Kept, ServedMonths: in.ServedMonths(), Periods: []internPeriodView{}}
	if !in.EndedOn.IsZero() {
		v.EndedOn = in.EndedOn.Format(time.DateOnly)
	}
	for _, p := range in.Periods {
		v.Periods = append(v.Periods, internPeriodView{N: p.N, From: p.From.Format(time.DateOnly), To: p.To.Format(time.DateOnly), Month: p.Month,
			Recorded: p.Recorded, Served: p.Served, ClaimID: p.ClaimID})
	}
	return v
}

type ledgerView struct {
	Month        string  `json:"month"`
	Label        string  `json:"label"`
	Periods      int     `json:"periods"`
	Served       int     `json:"served"`
	Unrecorded   int     `json:"unrecorded"`
	Open         int     `json:"open"`
	EstimateYuan int     `json:"estimate_yuan"`
	ClaimID      int64   `json:"claim_id,omitempty"`
	ClaimStatus  string  `json:"claim_status,omitempty"`
	ClaimYuan    float64 `json:"claim_yuan,omitempty"`
	PaidOn       string  `json:"paid_on,omitempty"`
}

func (h *internshipAPI) bases(w http.ResponseWriter, r *http.Request) {
	bs, err := h.internships.Bases(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]baseView, 0, len(bs))
	for _, b := range bs {
		out = append(out, h.baseJSON(b))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *internshipAPI) pageJSON(w http.ResponseWriter, v *app.BasePage) {
	out := map[string]any{"base": h.baseJSON(v.Base), "rule": v.RuleText}
	posts := make([]map[string]any, 0, len(v.Posts))
	for _, p := range v.Posts {
		posts = append(posts, map[string]any{"id": p.ID, "title": p.Title, "status": string(p.Status), "salary_min": p.SalaryMin, "salary_max": p.SalaryMax})
	}
	out["posts"] = posts
	if v.Owner || v.Manager {
		ins := make([]internView, 0, len(v.Interns))
		for _, in := range v.Interns {
			ins = append(ins, internJSON(in))
		}
		ledger := make([]ledgerView, 0, len(v.Ledger))
		for _, r := range v.Ledger {
			l := ledgerView{Month: r.Month, Label: r.Label, Periods: r.Periods, Served: r.Served, Unrecorded: r.Unrecorded, Open: r.Open,
				EstimateYuan: r.EstimateYuan}
			if r.Claim != nil {
				l.ClaimID, l.ClaimStatus, l.ClaimYuan = r.Claim.ID, string(r.Claim.Status), r.Claim.AmountYuan
				if r.Claim.Payout != nil {
					l.PaidOn = r.Claim.Payout.PaidOn.Format(time.DateOnly)
				}
			}
			ledger = append(ledger, l)
		}
		out["interns"], out["ledger"] = ins, ledger
	}
	if v.Owner {
		cs := make([]map[string]any, 0, len(v.Candidates))
		for _, c := range v.Candidates {
			cs = append(cs, map[string]any{"application_id": c.ApplicationID, "post_id": c.PostID, "post_title": c.PostTitle, "person_name": c.PersonName})
		}
		out["candidates"] = cs
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *internshipAPI) basePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.internships.Base(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.pageJSON(w, v)
}

func (h *internshipAPI) myBase(w http.ResponseWriter, r *http.Request) {
	v, err := h.internships.MyBase(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if v == nil {
		writeJSON(w, http.StatusOK, map[string]any{"base": nil})
		return
	}
	h.pageJSON(w, v)
}

func (h *internshipAPI) apply(w http.ResponseWriter, r *http.Request) {
	var in app.BaseInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.internships.ApplyBase(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.baseJSON(b))
}

func (h *internshipAPI) move(m internship.Move) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in app.MoveInput
		if err := decodeOptional(r, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		b, err := h.internships.MoveBase(r.Context(), httpx.Actor(r), id, m, in)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, h.baseJSON(b))
	}
}

func (h *internshipAPI) start(w http.ResponseWriter, r *http.Request) {
	var in app.StartInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	it, err := h.internships.StartInternship(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, internJSON(it))
}

func (h *internshipAPI) intern(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	it, err := h.internships.Internship(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, internJSON(it))
}

func (h *internshipAPI) month(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.MonthInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	it, err := h.internships.RecordMonth(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, internJSON(it))
}

func (h *internshipAPI) finish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.FinishInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	it, err := h.internships.FinishInternship(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, internJSON(it))
}

func (h *internshipAPI) claim(w http.ResponseWriter, r *http.Request) {
	var in app.ClaimInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ap, c, err := h.internships.Claim(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"application_id": ap.ID, "status": string(ap.Status), "amount_yuan": ap.AmountYuan,
		"month": c.Month, "served_months": c.Served(), "retention_bonuses": c.Bonuses(), "explain": ap.Note})
}
