package web

// 创业项目资助 after the decision: the grant's page (the grantee's and
// staff's), milestone reports and reviews, follow-ups.

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/startup"
)

type grantData struct {
	G      *app.Grant
	Months []int
	Base   string // /me/funding/{id} or /console/startup/grants/{id}
	Yuan   func(int64) string
	Wan    func(int64) string
	Money  func(float64) string
	Period func(int) string
}

func (h *fundingPages) grantPage(r *http.Request) (*Page, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, apperr.New(apperr.NotFound, "申报不存在")
	}
	g, err := h.funding.Grant(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &grantData{G: g, Months: startup.FollowUpMonths, Base: fmt.Sprintf("/me/funding/%d", id), Yuan: startup.Yuan, Wan: startup.Wan,
		Money: fmtYuan, Period: func(n int) string { return fmt.Sprintf("M%d", n) }}
	nav := "me"
	if g.Staff {
		d.Base, nav = fmt.Sprintf("/console/startup/grants/%d", id), "console"
	}
	return &Page{Title: g.App.Project, Nav: nav, Data: d, Form: map[string]string{}}, nil
}

var grantFlash = map[string]string{
	"report":   "报告已提交，经办人员审核通过后拨付。",
	"approve":  "已审核通过，该笔资金已转入政策发放批次待拨付。",
	"return":   "已退回，申报人会收到需要补充的内容。",
	"followup": "回访已记录。",
}

// grant is a funded project's page.
func (h *fundingPages) grant(w http.ResponseWriter, r *http.Request) {
	page, err := h.grantPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = grantFlash[r.URL.Query().Get("done")]
	h.render(w, r, http.StatusOK, "startup_funding_grant", page)
}

// grantStep reads {id} and {n}.
func grantStep(r *http.Request) (int64, int, error) {
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	n, err2 := strconv.Atoi(r.PathValue("n"))
	if err1 != nil || err2 != nil {
		return 0, 0, apperr.New(apperr.NotFound, "没有这个拨付节点")
	}
	return id, n, nil
}

// reportMilestone sends the grantee's report of a tranche.
func (h *fundingPages) reportMilestone(w http.ResponseWriter, r *http.Request) {
	id, n, err := grantStep(r)
	if err == nil && h.parseForm(w, r) {
		form := formValues(r, "report", "jobs")
		jobs, _ := strconv.Atoi(form["jobs"])
		err = h.funding.ReportMilestone(r.Context(), httpx.Actor(r), id, n, app.MilestoneReport{Report: form["report"], Jobs: jobs})
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/me/funding/%d?done=report", id), http.StatusSeeOther)
			return
		}
		h.failOnPage(w, r, "startup_funding_grant", err, form, func() (*Page, error) { return h.grantPage(r) })
		return
	}
	if err != nil {
		h.fail(w, r, err)
	}
}

// reviewMilestone approves or returns a reported tranche.
func (h *fundingPages) reviewMilestone(w http.ResponseWriter, r *http.Request) {
	id, n, err := grantStep(r)
	if err == nil && h.parseForm(w, r) {
		form := formValues(r, "decision", "note")
		approve := form["decision"] == "approve"
		err = h.funding.ReviewMilestone(r.Context(), httpx.Actor(r), id, n, app.MilestoneReview{Approve: approve, Note: form["note"]})
		if err == nil {
			done := map[bool]string{true: "approve", false: "return"}[approve]
			http.Redirect(w, r, fmt.Sprintf("/console/startup/grants/%d?done=%s", id, done), http.StatusSeeOther)
			return
		}
		h.failOnPage(w, r, "startup_funding_grant", err, form, func() (*Page, error) { return h.grantPage(r) })
		return
	}
	if err != nil {
		h.fail(w, r, err)
	}
}

// followUp records a 12- or 24-month follow-up (grantee or staff).
func (h *fundingPages) followUp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "申报不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "months", "operating", "fu_jobs", "fu_note")
	months, _ := strconv.Atoi(form["months"])
	jobs, _ := strconv.Atoi(form["fu_jobs"])
	err := h.funding.ReportFollowUp(r.Context(), httpx.Actor(r), id, app.GrantFollowUpInput{Months: months, Operating: form["operating"] == "true",
		Jobs: jobs, Note: form["fu_note"]})
	if err != nil {
		if e := asFields(err); e != nil { // the form's names, apart from the milestone forms' on the same page
			e["fu_jobs"], e["fu_note"] = e["jobs"], e["note"]
			delete(e, "jobs")
			delete(e, "note")
		}
		h.failOnPage(w, r, "startup_funding_grant", err, form, func() (*Page, error) { return h.grantPage(r) })
		return
	}
	page, err := h.grantPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, page.Data.(*grantData).Base+"?done=followup", http.StatusSeeOther)
}
