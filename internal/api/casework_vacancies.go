package api

// 话务中心 enterprise endpoints: find an enterprise, its history (contacts,
// vacancies collected, referral hires), vacancy drafts typed from calls and
// visits, their publishing by staff with the enterprise's consent, and the
// enterprise's own confirmation or refusal; and the weekly quality review
// of contact records.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

type vacancyView struct {
	ID              int64    `json:"id"`
	EnterpriseID    int64    `json:"enterprise_id"`
	EnterpriseName  string   `json:"enterprise_name"`
	ContactID       int64    `json:"contact_id,omitempty"`
	AgentID         int64    `json:"agent_id"`
	AgentName       string   `json:"agent_name,omitempty"`
	Title           string   `json:"title"`
	OccupationCode  string   `json:"occupation_code"`
	Headcount       int      `json:"headcount"`
	SalaryMin       int      `json:"salary_min,omitempty"`
	SalaryMax       int      `json:"salary_max,omitempty"`
	Education       string   `json:"education,omitempty"`
	ExperienceYears int      `json:"experience_years,omitempty"`
	Skills          []string `json:"skills"`
	Description     string   `json:"description,omitempty"`
	RegionCode      string   `json:"region_code,omitempty"`
	Address         string   `json:"address,omitempty"`
	Status          string   `json:"status"`
	StatusLabel     string   `json:"status_label"`
	PostID          int64    `json:"post_id,omitempty"`
	PublishedBy     string   `json:"published_by,omitempty"`
	Consent         string   `json:"consent,omitempty"`
	DeclineReason   string   `json:"decline_reason,omitempty"`
	CreatedAt       string   `json:"created_at"`
	DecidedAt       string   `json:"decided_at,omitempty"`
}

func vacancyJSON(v *casework.Vacancy) vacancyView {
	return vacancyView{ID: v.ID, EnterpriseID: v.EnterpriseID, EnterpriseName: v.EnterpriseName, ContactID: v.ContactID,
		AgentID: v.AgentID, AgentName: v.AgentName, Title: v.Title, OccupationCode: v.OccupationCode, Headcount: v.Headcount,
		SalaryMin: v.SalaryMin, SalaryMax: v.SalaryMax, Education: v.Education, ExperienceYears: v.ExperienceYears,
		Skills: nonNil(v.Skills), Description: v.Description, RegionCode: v.RegionCode, Address: v.Address,
		Status: string(v.Status), StatusLabel: v.Status.Label(), PostID: v.PostID, PublishedBy: v.PublishedBy,
		Consent: v.Consent, DeclineReason: v.DeclineReason, CreatedAt: ts(v.CreatedAt), DecidedAt: ts(v.DecidedAt)}
}

func vacanciesJSON(vs []*casework.Vacancy) []vacancyView {
	out := make([]vacancyView, 0, len(vs))
	for _, v := range vs {
		out = append(out, vacancyJSON(v))
	}
	return out
}

func (h *caseworkAPI) findEnterprises(w http.ResponseWriter, r *http.Request) {
	es, err := h.cases.FindEnterprises(r.Context(), httpx.Actor(r), r.URL.Query().Get("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(es))
	for _, e := range es {
		out = append(out, map[string]any{"id": e.ID, "name": e.Name, "uscc": e.USCC, "region_code": e.RegionCode, "verified": e.Verified})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *caseworkAPI) enterpriseHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hist, err := h.cases.EnterpriseHistory(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	contacts := make([]contactView, 0, len(hist.Contacts))
	for _, c := range hist.Contacts {
		contacts = append(contacts, contactJSON(c))
	}
	refs := make([]map[string]any, 0, len(hist.Referrals))
	for _, rf := range hist.Referrals {
		refs = append(refs, map[string]any{"application_id": rf.ApplicationID, "post_id": rf.PostID, "post_title": rf.PostTitle,
			"person_id": rf.PersonID, "agent_id": rf.AgentID, "agent_name": rf.AgentName, "status": string(rf.Status),
			"created_at": ts(rf.CreatedAt), "updated_at": ts(rf.UpdatedAt)})
	}
	fus := make([]followUpView, 0, len(hist.FollowUps))
	for _, f := range hist.FollowUps {
		fus = append(fus, followUpJSON(f))
	}
	e := hist.Enterprise
	writeJSON(w, http.StatusOK, map[string]any{
		"enterprise": map[string]any{"id": e.ID, "name": e.Name, "uscc": e.USCC, "region_code": e.RegionCode, "verified": e.Verified},
		"contacts":   contacts, "vacancies": vacanciesJSON(hist.Vacancies), "posts_collected": hist.Collected,
		"referrals": refs, "referral_hires": hist.Hired, "followups": fus})
}

func (h *caseworkAPI) collectVacancy(w http.ResponseWriter, r *http.Request) {
	var in app.VacancyInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.cases.CollectVacancy(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, vacancyJSON(v))
}

func (h *caseworkAPI) vacancy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.cases.Vacancy(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, vacancyJSON(v))
}

func (h *caseworkAPI) publishVacancy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.PublishInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.cases.PublishVacancy(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"vacancy_id": id, "post_id": p.ID, "post_status": string(p.Status), "title": p.Title})
}

type declineInput struct {
	Reason string `json:"reason,omitempty"`
}

func (h *caseworkAPI) declineVacancy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in declineInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.cases.DeclineVacancy(r.Context(), httpx.Actor(r), id, in.Reason); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": string(casework.VacancyDeclined)})
}

func (h *caseworkAPI) withdrawVacancy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.cases.WithdrawVacancy(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": string(casework.VacancyWithdrawn)})
}

func (h *caseworkAPI) myDrafts(w http.ResponseWriter, r *http.Request) {
	vs, err := h.cases.MyDrafts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": vacanciesJSON(vs)})
}
