package api

// 话务中心 endpoints: lookup by phone or ID number, a person's overview with
// the call's agenda (the agent screen as JSON), the audited reveal,
// contacts, referrals, policy messages, follow-ups, queues, and the
// person's own contact history.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

type caseworkAPI struct {
	base
	cases *app.Casework
}

type contactView struct {
	ID           int64    `json:"id"`
	PersonID     int64    `json:"person_id,omitempty"`
	EnterpriseID int64    `json:"enterprise_id,omitempty"`
	AgentID      int64    `json:"agent_id"`
	AgentName    string   `json:"agent_name,omitempty"`
	Channel      string   `json:"channel"`
	Direction    string   `json:"direction"`
	Topics       []string `json:"topics"`
	Notes        string   `json:"notes,omitempty"`
	DurationS    int      `json:"duration_s"`
	Outcome      string   `json:"outcome"`
	At           string   `json:"at"`
}

func contactJSON(c *casework.Contact) contactView {
	v := contactView{ID: c.ID, PersonID: c.PersonID, EnterpriseID: c.EnterpriseID, AgentID: c.AgentID, AgentName: c.AgentName,
		Channel: string(c.Channel), Direction: string(c.Direction), Topics: []string{}, Notes: c.Notes, DurationS: c.DurationS,
		Outcome: string(c.Result), At: ts(c.At)}
	for _, t := range c.Topics {
		v.Topics = append(v.Topics, string(t))
	}
	return v
}

type followUpView struct {
	ID             int64  `json:"id"`
	PersonID       int64  `json:"person_id,omitempty"`
	PersonName     string `json:"person_name,omitempty"`
	EnterpriseID   int64  `json:"enterprise_id,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	Team           string `json:"team"`
	OwnerID        int64  `json:"owner_id"`
	OwnerName      string `json:"owner_name,omitempty"`
	Due            string `json:"due"`
	Purpose        string `json:"purpose"`
	Note           string `json:"note,omitempty"`
	Status         string `json:"status"`
	ContactID      int64  `json:"contact_id,omitempty"`
}

func followUpJSON(f *casework.FollowUp) followUpView {
	return followUpView{ID: f.ID, PersonID: f.PersonID, PersonName: f.PersonName, EnterpriseID: f.EnterpriseID, EnterpriseName: f.EnterpriseName,
		Team: f.Team, OwnerID: f.OwnerID, OwnerName: f.OwnerName, Due: date(f.Due), Purpose: f.Purpose, Note: f.Note,
		Status: string(f.Status), ContactID: f.ContactID}
}

func (h *caseworkAPI) lookup(w http.ResponseWriter, r *http.Request) {
	hits, err := h.cases.Lookup(r.Context(), httpx.Actor(r), r.URL.Query().Get("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": hits})
}

func (h *caseworkAPI) overview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ov, err := h.cases.Overview(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := ov.Person
	out := map[string]any{
		"person": map[string]any{"id": p.ID, "name": p.Name, "id_masked": p.IDMasked, "phone_masked": p.PhoneMasked,
			"gender": p.Gender(), "education": p.Education},
		"agenda":    nonNil(ov.Agenda),
		"diagnosis": ov.Diagnosis,
		"subsidies": nonNil(ov.Subsidies),
		"today":     date(ov.Today),
	}
	if ov.Case != nil {
		out["case"] = map[string]any{"team": ov.Case.Team, "owner_id": ov.Case.OwnerID, "owner_name": ov.Case.OwnerName,
			"opened_at": ts(ov.Case.OpenedAt), "last_contact_at": ts(ov.Case.LastContactAt), "contacts": ov.Case.Contacts}
	}
	jobs := make([]map[string]any, 0, len(ov.Jobs))
	for _, j := range ov.Jobs {
		jobs = append(jobs, map[string]any{"id": j.Job.ID, "title": j.Job.Title, "enterprise": j.Job.EnterpriseName,
			"salary_min": j.Job.SalaryMin, "salary_max": j.Job.SalaryMax, "score": j.Score, "reasons": nonNil(j.Reasons),
			"published_at": ts(j.Job.PublishedAt)})
	}
	out["jobs"] = jobs
	apps := make([]map[string]any, 0, len(ov.Applications))
	for _, ap := range ov.Applications {
		apps = append(apps, map[string]any{"id": ap.ID, "post_id": ap.PostID, "post_title": ap.PostTitle, "enterprise": ap.EnterpriseName,
			"status": string(ap.Status), "referral": ap.ReferredBy != 0, "created_at": ts(ap.CreatedAt)})
	}
	out["applications"] = apps
	cs := make([]contactView, 0, len(ov.Contacts))
	for _, c := range ov.Contacts {
		cs = append(cs, contactJSON(c))
	}
	out["contacts"] = cs
	fs := make([]followUpView, 0, len(ov.FollowUps))
	for _, f := range ov.FollowUps {
		fs = append(fs, followUpJSON(f))
	}
	out["followups"] = fs
	writeJSON(w, http.StatusOK, out)
}

// caseRevealInput is why an agent asks for a person's full numbers.
type caseRevealInput struct {
	Reason string `json:"reason"`
}

func (h *caseworkAPI) reveal(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in caseRevealInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.cases.Reveal(r.Context(), httpx.Actor(r), id, in.Reason)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"person_id": p.ID, "id_number": p.IDNumber, "phone": p.Phone})
}

func (h *caseworkAPI) logContact(w http.ResponseWriter, r *http.Request) {
	var in app.ContactInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.cases.LogContact(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, contactJSON(c))
}

func (h *caseworkAPI) refer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ReferInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ap, err := h.cases.Refer(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": ap.ID, "post_id": ap.PostID, "person_id": ap.PersonID,
		"status": string(ap.Status), "referred_by": ap.ReferredBy, "consent": ap.ReferralConsent})
}

type sendPolicyInput struct {
	PolicyID string `json:"policy_id"`
}

func (h *caseworkAPI) sendPolicy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in sendPolicyInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.cases.SendPolicy(r.Context(), httpx.Actor(r), id, in.PolicyID); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sent": true})
}

func (h *caseworkAPI) scheduleFollowUp(w http.ResponseWriter, r *http.Request) {
	var in app.FollowUpInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := h.cases.ScheduleFollowUp(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, followUpJSON(f))
}

type closeInput struct {
	Status string `json:"status"` // done | cancelled
}

func (h *caseworkAPI) closeFollowUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in closeInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := h.cases.CloseFollowUp(r.Context(), httpx.Actor(r), id, in.Status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, followUpJSON(f))
}

type reassignInput struct {
	OwnerID int64 `json:"owner_id"`
}

func (h *caseworkAPI) reassignFollowUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in reassignInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := h.cases.ReassignFollowUp(r.Context(), httpx.Actor(r), id, in.OwnerID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, followUpJSON(f))
}

func queueJSON(q *app.Queue) map[string]any {
	secs := make([]map[string]any, 0, len(q.Sections))
	for _, s := range q.Sections {
		items := make([]followUpView, 0, len(s.Items))
		for _, f := range s.Items {
			items = append(items, followUpJSON(f))
		}
		secs = append(secs, map[string]any{"bucket": string(s.Bucket), "label": s.Label, "items": items})
	}
	return map[string]any{"owner_id": q.OwnerID, "owner_name": q.OwnerName, "open": q.Open, "sections": secs}
}

func (h *caseworkAPI) myQueue(w http.ResponseWriter, r *http.Request) {
	q, err := h.cases.MyQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, queueJSON(q))
}

func (h *caseworkAPI) team(w http.ResponseWriter, r *http.Request) {
	t, err := h.cases.TeamQueues(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	agents := make([]map[string]any, 0, len(t.Agents))
	for _, l := range t.Agents {
		agents = append(agents, map[string]any{"user_id": l.UserID, "name": l.Name, "team": l.Team, "supervisor": l.Supervisor,
			"open": l.Open, "overdue": l.Overdue, "contacts_7d": l.Contacts7, "avg_done_days": l.AvgDoneDays})
	}
	queues := make([]map[string]any, 0, len(t.Queues))
	for _, q := range t.Queues {
		queues = append(queues, queueJSON(q))
	}
	writeJSON(w, http.StatusOK, map[string]any{"team": t.Team, "all_teams": t.All, "agents": agents, "queues": queues})
}

func (h *caseworkAPI) myContacts(w http.ResponseWriter, r *http.Request) {
	list, err := h.cases.MyContacts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(list)})
}
