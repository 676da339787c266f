package web

// 创业项目资助 pages: the public calls and 公示, a person's application,
// staff's call console (assignments, ranking, the panel's decision, the
// expert-score export) and the experts' own review pages.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

type fundingPages struct {
	*site
	funding *app.Funding
}

type fundingListData struct {
	Calls []*startup.FundingCall
	State func(*startup.FundingCall) string
	Wan   func(int64) string
}

// callState names where a call is today.
func (h *fundingPages) callState(r *http.Request) func(*startup.FundingCall) string {
	today := h.funding.Today()
	return func(c *startup.FundingCall) string {
		switch {
		case !c.DecidedAt.IsZero():
			return "已公示"
		case today.Before(c.Opens):
			return "未开始"
		case c.Accepting(today):
			return "申报中"
		}
		return "评审中"
	}
}

// calls is the public list of calls.
func (h *fundingPages) calls(w http.ResponseWriter, r *http.Request) {
	cs, err := h.funding.Calls(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_funding_list", &Page{Title: "创业项目资助", Nav: "policy",
		Data: &fundingListData{Calls: cs, State: h.callState(r), Wan: startup.Wan}})
}

type fundingCallData struct {
	V        *app.CallView
	State    string
	Person   bool
	MaxFiles int
	Wan      func(int64) string
}

func (h *fundingPages) callPage(r *http.Request) (*Page, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, apperr.New(apperr.NotFound, "申报批次不存在")
	}
	v, err := h.funding.Call(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &fundingCallData{V: v, State: h.callState(r)(v.Call), Person: account.CanApplyForFunding(httpx.Actor(r).User),
		MaxFiles: app.MaxUploadFiles, Wan: startup.Wan}
	return &Page{Title: v.Call.Title, Nav: "policy", Data: d, Form: map[string]string{}}, nil
}

// call is a call's public page: what it funds, who may apply (with the
// engine's verdict for a person), the form, and the 公示 once decided.
func (h *fundingPages) call(w http.ResponseWriter, r *http.Request) {
	page, err := h.callPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "applied" {
		page.Flash = "申报已提交。专家评审后结果会公示，并发到站内消息。"
	}
	h.render(w, r, http.StatusOK, "startup_funding_call", page)
}

// apply files a person's application with its materials.
func (h *fundingPages) apply(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "申报批次不存在")
	if !ok {
		return
	}
	files, done, err := httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	defer done()
	form := map[string]string{"project": strings.TrimSpace(r.FormValue("project")), "plan": r.FormValue("plan"), "amount": r.FormValue("amount")}
	if err == nil {
		amount, _ := strconv.ParseInt(form["amount"], 10, 64)
		_, err = h.funding.Apply(r.Context(), httpx.Actor(r), id, app.FundingAppInput{Project: form["project"], Plan: form["plan"], Amount: amount}, files)
	}
	if err != nil {
		h.failOnPage(w, r, "startup_funding_call", err, form, func() (*Page, error) { return h.callPage(r) })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/startup/funding/%d?done=applied", id), http.StatusSeeOther)
}

// mine is a person's applications.
func (h *fundingPages) mine(w http.ResponseWriter, r *http.Request) {
	xs, err := h.funding.MyFundingApps(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_funding_mine", &Page{Title: "我的创业项目申报", Nav: "me",
		Data: map[string]any{"Apps": xs, "Wan": startup.Wan}})
}

type fundingConsoleData struct {
	Calls    []*startup.FundingCall
	Policies []*policy.Doc
	State    func(*startup.FundingCall) string
	Wan      func(int64) string
}

func (h *fundingPages) consolePage(r *http.Request, form map[string]string) (*Page, error) {
	cs, err := h.funding.Calls(r.Context())
	if err != nil {
		return nil, err
	}
	ps, err := h.funding.FundingPolicies(r.Context())
	if err != nil {
		return nil, err
	}
	if form == nil {
		form = map[string]string{"policy_id": app.FundingPolicyDefault, "pass_mark": "60"}
	}
	return &Page{Title: "创业项目资助", Nav: "console", Form: form,
		Data: &fundingConsoleData{Calls: cs, Policies: ps, State: h.callState(r), Wan: startup.Wan}}, nil
}

// console lists the calls with the form that opens one.
func (h *fundingPages) console(w http.ResponseWriter, r *http.Request) {
	page, err := h.consolePage(r, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_funding_console", page)
}

var callFields = []string{"title", "description", "policy_id", "opens", "closes", "budget", "pass_mark"}

// createCall opens a call from the form: the budget in 万元.
func (h *fundingPages) createCall(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, callFields...)
	var f apperr.Fields
	budget, ok := gigs.ParseYuan(form["budget"])
	if !ok && form["budget"] != "" {
		f.Add("budget", "预算请填写万元数，如 500")
	}
	pass, err := strconv.ParseFloat(form["pass_mark"], 64)
	if err != nil && form["pass_mark"] != "" {
		f.Add("pass_mark", "资助线请填写 0 到 100 的分数")
	}
	c, err := h.funding.CreateCall(r.Context(), httpx.Actor(r), app.CallInput{Title: form["title"], Description: form["description"],
		PolicyID: form["policy_id"], Opens: form["opens"], Closes: form["closes"], Budget: budget * 10_000, PassMark: pass})
	if err != nil {
		mergeFormFields(err, f)
	} else if len(f) > 0 {
		err = f.Err()
	}
	if err != nil {
		h.failOnPage(w, r, "startup_funding_console", err, form, func() (*Page, error) { return h.consolePage(r, form) })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/console/startup/funding/%d?done=created", c.ID), http.StatusSeeOther)
}

type fundingAdminData struct {
	V       *app.CallAdmin
	State   string
	Decided bool
	Wan     func(int64) string
	Points  func(float64) string
}

func (h *fundingPages) adminPage(r *http.Request) (*Page, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, apperr.New(apperr.NotFound, "申报批次不存在")
	}
	v, err := h.funding.CallAdmin(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	form := map[string]string{}
	for _, rk := range v.Ranked { // the proposal is the decision form's starting point
		k := strconv.FormatInt(rk.ApplicationID, 10)
		form["amount."+k], form["reason."+k] = strconv.FormatInt(rk.Proposed, 10), rk.Reason
	}
	d := &fundingAdminData{V: v, State: h.callState(r)(v.Call), Decided: !v.Call.DecidedAt.IsZero(), Wan: startup.Wan,
		Points: func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }}
	return &Page{Title: v.Call.Title, Nav: "console", Form: form, Data: d}, nil
}

var fundingAdminFlash = map[string]string{
	"created": "申报批次已开设，申报期内个人可在“创业项目资助”页面申报。",
	"assign":  "已分配评审。",
	"decide":  "评审结果已公示，申报人已收到站内消息。",
}

// admin is staff's page of a call.
func (h *fundingPages) admin(w http.ResponseWriter, r *http.Request) {
	page, err := h.adminPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = fundingAdminFlash[r.URL.Query().Get("done")]
	if n := r.URL.Query().Get("added"); n != "" {
		page.Flash = "已分配评审：新增 " + n + " 项。"
	}
	h.render(w, r, http.StatusOK, "startup_funding_admin", page)
}

// assign gives the ticked projects to the ticked experts.
func (h *fundingPages) assign(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "申报批次不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.AssignInput{ApplicationIDs: formIDs(r, "application_ids"), ExpertIDs: formIDs(r, "expert_ids")}
	n, err := h.funding.Assign(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.failOnPage(w, r, "startup_funding_admin", err, nil, func() (*Page, error) { return h.adminPage(r) })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/console/startup/funding/%d?added=%d", id, n), http.StatusSeeOther)
}

// formIDs reads a repeated form field of ids; what is not a number is skipped.
func formIDs(r *http.Request, name string) []int64 {
	var out []int64
	for _, s := range r.PostForm[name] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// decide records the panel's decision: an amount (a tier or 0) and a
// reason per project, fields amount.<id> and reason.<id>.
func (h *fundingPages) decide(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "申报批次不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := map[string]string{}
	var awards []startup.Award
	for _, appID := range formIDs(r, "application_ids") {
		k := strconv.FormatInt(appID, 10)
		form["amount."+k], form["reason."+k] = r.PostFormValue("amount."+k), r.PostFormValue("reason."+k)
		amount, _ := strconv.ParseInt(form["amount."+k], 10, 64)
		awards = append(awards, startup.Award{ApplicationID: appID, Amount: amount, Reason: form["reason."+k]})
	}
	if err := h.funding.Decide(r.Context(), httpx.Actor(r), id, awards); err != nil {
		h.failOnPage(w, r, "startup_funding_admin", err, form, func() (*Page, error) { return h.adminPage(r) })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/console/startup/funding/%d?done=decide", id), http.StatusSeeOther)
}

var scoreSheetHeader = []string{"项目编号", "项目名称", "申报人", "专家", "状态", "创新性等各项得分", "加权总分", "评语", "提交时间"}

// scores sends every expert's scores of a call as .xlsx (audited).
func (h *fundingPages) scores(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "申报批次不存在")
	if !ok {
		return
	}
	v, err := h.funding.ScoreSheet(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var rows [][]any
	for _, ap := range v.Apps {
		for _, rv := range v.Reviews[ap.ID] {
			rows = append(rows, scoreRow(v.Call, ap, rv))
		}
	}
	h.writeSheet(w, "专家评分 "+v.Call.Title, scoreSheetHeader, rows)
}

func scoreRow(c *startup.FundingCall, ap *startup.FundingApp, rv *startup.Review) []any {
	state, parts, total, at := "待评分", []string{}, "", ""
	switch {
	case rv.Conflict:
		state = "利益冲突回避：" + rv.ConflictNote
	case rv.Submitted():
		state, at = "已提交", rv.SubmittedAt.In(chinatime.Zone).Format("2006-01-02 15:04")
		for _, cr := range c.Rubric {
			parts = append(parts, fmt.Sprintf("%s %g/%d", cr.Name, rv.Scores[cr.Key], cr.Max))
		}
		total = strconv.FormatFloat(c.Rubric.Weighted(rv.Scores), 'f', 2, 64)
	}
	return []any{ap.ID, ap.Project, ap.ApplicantName, rv.ExpertName, state, strings.Join(parts, "；"), total, rv.Comment, at}
}

// reviews is an expert's list of assignments.
func (h *fundingPages) reviews(w http.ResponseWriter, r *http.Request) {
	rs, err := h.funding.MyReviews(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_expert_reviews", &Page{Title: "评审任务", Nav: "expert", Data: rs})
}

type reviewData struct {
	V      *app.ReviewView
	Wan    func(int64) string
	Total  func(map[string]float64) string
	Scored func(map[string]float64, string) string
}

func (h *fundingPages) reviewPage(r *http.Request) (*Page, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, apperr.New(apperr.NotFound, "评审项目不存在")
	}
	v, err := h.funding.Review(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &reviewData{V: v, Wan: startup.Wan,
		Total:  func(s map[string]float64) string { return strconv.FormatFloat(v.Call.Rubric.Weighted(s), 'f', 2, 64) },
		Scored: func(s map[string]float64, k string) string { return strconv.FormatFloat(s[k], 'f', -1, 64) }}
	return &Page{Title: "评审：" + v.App.Project, Nav: "expert", Data: d, Form: map[string]string{}}, nil
}

// review is an assigned project's page for its expert.
func (h *fundingPages) review(w http.ResponseWriter, r *http.Request) {
	page, err := h.reviewPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "score" {
		page.Flash = "评分已提交，现在可以看到其他专家已提交的评分。"
	}
	h.render(w, r, http.StatusOK, "startup_expert_review", page)
}

// conflict records the expert's conflict of interest and leaves the page.
func (h *fundingPages) conflict(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评审项目不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "note")
	if err := h.funding.DeclareConflict(r.Context(), httpx.Actor(r), id, form["note"]); err != nil {
		h.failOnPage(w, r, "startup_expert_review", err, form, func() (*Page, error) { return h.reviewPage(r) })
		return
	}
	http.Redirect(w, r, "/expert/reviews?done=conflict", http.StatusSeeOther)
}

// score sends the expert's scores: fields criteria.<key> and comment.
func (h *fundingPages) score(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评审项目不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := map[string]string{"comment": r.PostFormValue("comment")}
	in := app.ExpertScoreInput{Criteria: map[string]float64{}, Comment: form["comment"]}
	var f apperr.Fields
	for k, vs := range r.PostForm {
		key, ok := strings.CutPrefix(k, "criteria.")
		if !ok || len(vs) == 0 {
			continue
		}
		form[k] = strings.TrimSpace(vs[0])
		if form[k] == "" {
			continue // missing: the rubric check names it
		}
		x, err := strconv.ParseFloat(form[k], 64)
		if err != nil {
			f.Add(k, "请填写分数，如 18 或 18.5")
			continue
		}
		in.Criteria[key] = x
	}
	err := h.funding.SubmitScore(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		mergeFormFields(err, f)
	} else if len(f) > 0 {
		err = f.Err()
	}
	if err != nil {
		h.failOnPage(w, r, "startup_expert_review", err, form, func() (*Page, error) { return h.reviewPage(r) })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/expert/reviews/%d?done=score", id), http.StatusSeeOther)
}
