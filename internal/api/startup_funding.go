package api

// 创业项目资助 endpoints: calls, applications, experts' reviews, the
// ranking and the panel's decision. Amounts are fen.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/startup"
)

type fundingAPI struct {
	base
	funding *app.Funding
}

type callView struct {
	ID          int64               `json:"id"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	PolicyID    string              `json:"policy_id,omitempty"`
	Opens       string              `json:"opens"`
	Closes      string              `json:"closes"`
	Budget      int64               `json:"budget"`
	Tiers       []int64             `json:"tiers"`
	Rubric      []startup.Criterion `json:"rubric"`
	PassMark    float64             `json:"pass_mark"`
	Decided     bool                `json:"decided"`
}

func callJSON(c *startup.FundingCall) callView {
	return callView{ID: c.ID, Title: c.Title, Description: c.Description, PolicyID: c.PolicyID, Opens: date(c.Opens), Closes: date(c.Closes),
		Budget: c.Budget, Tiers: c.Tiers, Rubric: c.Rubric, PassMark: c.PassMark, Decided: !c.DecidedAt.IsZero()}
}

type fundingAppView struct {
	ID        int64  `json:"id"`
	CallID    int64  `json:"call_id"`
	Project   string `json:"project"`
	Plan      string `json:"plan,omitempty"`
	Requested int64  `json:"requested"`
	Status    string `json:"status"`
	Label     string `json:"status_label"`
	Award     int64  `json:"award"`
	Reason    string `json:"reason,omitempty"`
	CreatedAt string `json:"created_at"`
}

func fundingAppJSON(x *startup.FundingApp) fundingAppView {
	return fundingAppView{ID: x.ID, CallID: x.CallID, Project: x.Project, Plan: x.Plan, Requested: x.Requested, Status: string(x.Status),
		Label: x.Status.Label(), Award: x.Award, Reason: x.Reason, CreatedAt: ts(x.CreatedAt)}
}

func (h *fundingAPI) calls(w http.ResponseWriter, r *http.Request) {
	cs, err := h.funding.Calls(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []callView{}
	for _, c := range cs {
		out = append(out, callJSON(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *fundingAPI) createCall(w http.ResponseWriter, r *http.Request) {
	var in app.CallInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.funding.CreateCall(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, callJSON(c))
}

func (h *fundingAPI) call(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.funding.Call(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"call": callJSON(v.Call), "accepting": v.Accepting}
	if v.Eligible != nil {
		out["eligible"], out["reasons"] = true, nonNil(v.Eligible.Reasons)
	} else if v.Missing != nil {
		var why []string
		for _, f := range v.Missing.Failed {
			why = append(why, f.Reason)
		}
		out["eligible"], out["reasons"] = false, nonNil(why)
	}
	if v.Mine != nil {
		out["mine"] = fundingAppJSON(v.Mine)
	}
	if v.Call.DecidedAt.IsZero() {
		writeJSON(w, http.StatusOK, out)
		return
	}
	pub := []map[string]any{}
	for _, p := range v.Publicity {
		pub = append(pub, map[string]any{"project": p.Project, "name": p.Name, "amount": p.Amount})
	}
	out["publicity"] = pub
	writeJSON(w, http.StatusOK, out)
}

func (h *fundingAPI) apply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, files, done, err := readFundingApp(r)
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.funding.Apply(r.Context(), httpx.Actor(r), id, in, files)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, fundingAppJSON(x))
}

// readFundingApp accepts JSON {project, plan, amount} or multipart with
// those fields (amount in fen) and "materials" files.
func readFundingApp(r *http.Request) (app.FundingAppInput, []app.UploadFile, func(), error) {
	var in app.FundingAppInput
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return in, nil, func() {}, Decode(r.Body, &in)
	}
	files, done, err := httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	in.Project, in.Plan = r.FormValue("project"), r.FormValue("plan")
	in.Amount, _ = strconv.ParseInt(strings.TrimSpace(r.FormValue("amount")), 10, 64) // not a number: 0, refused as no amount
	return in, files, done, err
}

func (h *fundingAPI) myApps(w http.ResponseWriter, r *http.Request) {
	xs, err := h.funding.MyFundingApps(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []fundingAppView{}
	for _, x := range xs {
		out = append(out, fundingAppJSON(x))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *fundingAPI) ranking(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.funding.CallAdmin(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []map[string]any{}
	for _, rk := range v.Ranked {
		ap := v.ByID[rk.ApplicationID]
		items = append(items, map[string]any{"application": fundingAppJSON(ap), "applicant": ap.ApplicantName, "rank": rk.Rank,
			"experts": rk.Experts, "raw_mean": rk.RawMean, "normalised": rk.Normalised, "spread": rk.Spread, "flags": nonNil(rk.Flags),
			"proposed": rk.Proposed, "reason": rk.Reason, "assigned": len(v.Reviews[ap.ID])})
	}
	fus := []map[string]any{}
	for _, u := range v.Outcomes.FollowUps {
		fus = append(fus, map[string]any{"months": u.Months, "reported": u.Reported, "operating": u.Operating, "jobs": u.Jobs})
	}
	writeJSON(w, http.StatusOK, map[string]any{"call": callJSON(v.Call), "items": items, "awarded": v.Awarded,
		"tranches_approved": v.Outcomes.TranchesApproved, "tranches_fen": v.Outcomes.TranchesFen, "followups": fus})
}

func (h *fundingAPI) assign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.AssignInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.funding.Assign(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"added": n})
}

// awardsInput is the panel's decision: every application of the call.
type awardsInput struct {
	Awards []struct {
		ApplicationID int64  `json:"application_id"`
		Amount        int64  `json:"amount"`
		Reason        string `json:"reason"`
	} `json:"awards"`
}

func (h *fundingAPI) decide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in awardsInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	awards := make([]startup.Award, len(in.Awards))
	for i, a := range in.Awards {
		awards[i] = startup.Award{ApplicationID: a.ApplicationID, Amount: a.Amount, Reason: a.Reason}
	}
	if err := h.funding.Decide(r.Context(), httpx.Actor(r), id, awards); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"call_id": id, "decided": true})
}

func reviewJSON(rv *startup.Review) map[string]any {
	m := map[string]any{"application_id": rv.ApplicationID, "call_id": rv.CallID, "project": rv.Project, "submitted": rv.Submitted(),
		"conflict": rv.Conflict}
	if rv.Submitted() {
		m["criteria"], m["comment"], m["submitted_at"] = rv.Scores, rv.Comment, ts(rv.SubmittedAt)
	}
	return m
}

func (h *fundingAPI) myReviews(w http.ResponseWriter, r *http.Request) {
	rs, err := h.funding.MyReviews(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, rv := range rs {
		out = append(out, reviewJSON(rv))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *fundingAPI) review(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.funding.Review(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	others := []map[string]any{}
	for _, o := range v.Others {
		m := reviewJSON(o)
		m["expert"] = o.ExpertName
		others = append(others, m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"application": fundingAppJSON(v.App), "rubric": v.Call.Rubric, "mine": reviewJSON(v.Mine),
		"others": others})
}

type conflictInput struct {
	Note string `json:"note"`
}

func (h *fundingAPI) conflict(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in conflictInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.funding.DeclareConflict(r.Context(), httpx.Actor(r), id, in.Note); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"application_id": id, "conflict": true})
}

func (h *fundingAPI) score(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ExpertScoreInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.funding.SubmitScore(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"application_id": id, "submitted": true})
}

func (h *fundingAPI) grant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.funding.Grant(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms := []map[string]any{}
	for _, m := range g.Milestones {
		v := map[string]any{"n": m.N, "label": m.Label, "share": m.Share, "amount": m.Amount, "due": date(m.Due), "status": string(m.Status),
			"status_label": m.Status.Label(), "report": m.Report, "jobs": m.Jobs, "review_note": m.ReviewNote}
		if c := g.Claims[fmt.Sprintf("M%d", m.N)]; c != nil {
			v["application_id"] = c.ID
			if c.Payout != nil {
				v["paid_on"], v["batch"] = date(c.Payout.PaidOn), c.Payout.Batch
			}
		}
		ms = append(ms, v)
	}
	fus := []map[string]any{}
	for _, u := range g.FollowUps {
		fus = append(fus, map[string]any{"months": u.Months, "operating": u.Operating, "jobs": u.Jobs, "note": u.Note, "reported_at": ts(u.ReportedAt)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"application": fundingAppJSON(g.App), "call": callJSON(g.Call), "milestones": ms, "followups": fus})
}

// milestoneN reads the {n} of a milestone route.
func milestoneN(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return 0, apperr.New(apperr.NotFound, "没有这个拨付节点")
	}
	return n, nil
}

func (h *fundingAPI) reportMilestone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := milestoneN(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.MilestoneReport
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.funding.ReportMilestone(r.Context(), httpx.Actor(r), id, n, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"application_id": id, "n": n, "status": "reported"})
}

func (h *fundingAPI) reviewMilestone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := milestoneN(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.MilestoneReview
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.funding.ReviewMilestone(r.Context(), httpx.Actor(r), id, n, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"application_id": id, "n": n, "approved": in.Approve})
}

func (h *fundingAPI) followUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.GrantFollowUpInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.funding.ReportFollowUp(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"application_id": id, "months": in.Months})
}
