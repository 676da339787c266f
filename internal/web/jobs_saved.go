package web

// 网谷智聘 收藏, 分享, 举报 and the enterprise page: a person saves a post
// from its page and finds it in /me/saved-jobs; the post page shows its
// short link with a QR image drawn here; a logged-in user reports a post
// (reviewers see the reports in the review queue); /enterprises/{id}/jobs
// lists an enterprise's open posts.

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/qr"
)

// toggleSavedJob toggles the post in the person's 收藏 and goes back where the
// button was (the post page, or the saved list).
func (h *jobPages) toggleSavedJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	saved, err := h.saved.ToggleSavedJob(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.PostFormValue("back") == "list" {
		http.Redirect(w, r, "/me/saved-jobs?done=unsaved", http.StatusSeeOther)
		return
	}
	done := "unsaved"
	if saved {
		done = "saved_job"
	}
	http.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
}

type savedJobsData struct {
	jobHelpers
	Items []savedJobItem
	Limit int
}

type savedJobItem struct {
	app.SavedJobRow
	Place string
}

func (h *jobPages) mySavedJobs(w http.ResponseWriter, r *http.Request) {
	list, err := h.saved.MySavedJobs(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := savedJobsData{Limit: app.MaxSavedJobs}
	for _, s := range list {
		d.Items = append(d.Items, savedJobItem{SavedJobRow: s, Place: h.place(s.Post.RegionCode)})
	}
	page := &Page{Title: "我的收藏", Nav: "jobs", Data: d}
	if r.URL.Query().Get("done") == "unsaved" {
		page.Flash = "已取消收藏。"
	}
	h.render(w, r, http.StatusOK, "jobs_saved", page)
}

// reportJob records a 举报; a missing reason re-renders the post page
// with the report form open and the message.
func (h *jobPages) reportJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "reason", "report_note")
	_, err := h.reports.ReportPost(r.Context(), httpx.Actor(r), id, app.ReportInput{Reason: form["reason"], Note: form["report_note"]})
	if err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		page, perr := h.jobDetailPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		if e := apperr.As(err); e.Fields["note"] != "" { // the apply form's textarea is "note"
			e.Fields["report_note"] = e.Fields["note"]
			delete(e.Fields, "note")
		}
		page.Form = form
		h.formFail(w, r, "jobs_detail", page, err)
		return
	}
	http.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"?done=reported", http.StatusSeeOther)
}

// shareQR is the post's short link, absolute, as a QR image.
func (h *jobPages) shareQR(r *http.Request, p *jobs.Post) (string, template.HTML) {
	link := h.absolute(r, "/jobs/"+strconv.FormatInt(p.ID, 10))
	svg, err := qr.SVG(link, "岗位二维码："+p.Title)
	if err != nil {
		h.log.Warn("share QR", "post", p.ID, "err", err)
		return link, ""
	}
	return link, template.HTML(svg)
}

type entPublicData struct {
	jobHelpers
	E     *app.EnterpriseJobs
	Place string
	Cards []jobCard
}

// enterpriseJobsPage is an enterprise's public page with its open posts.
func (h *jobPages) enterpriseJobsPage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.jobs.EnterpriseOpenPosts(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.now()
	d := entPublicData{E: e, Place: h.regionName(e.RegionCode)}
	for _, p := range e.Posts {
		c := app.JobHit{JobCard: &app.JobCard{ID: p.ID, Title: p.Title, EnterpriseName: p.EnterpriseName, Education: p.Education,
			ExperienceYears: p.ExperienceYears, Benefits: p.Benefits, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax,
			RegionCode: p.RegionCode, PublishedAt: p.PublishedAt}, DistanceKm: -1}
		d.Cards = append(d.Cards, h.cardOf(c, now))
	}
	h.render(w, r, http.StatusOK, "jobs_enterprise_public", &Page{Title: e.Name + " · 在招岗位", Nav: "jobs", Data: d})
}

// decideReports is the reviewer's decision on a post's reports.
func (h *jobPages) decideReports(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "action", "reason")
	err := h.reports.DecideReports(r.Context(), httpx.Actor(r), id, app.DecideReportsInput{Action: form["action"], Reason: form["reason"]})
	if err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		d, derr := h.reviewJobsData(r)
		if derr != nil {
			h.fail(w, r, derr)
			return
		}
		form["report_post_id"] = strconv.FormatInt(id, 10)
		h.formFail(w, r, "jobs_review", &Page{Title: "岗位审核", Nav: "jobs-review", Form: form, Data: d}, err)
		return
	}
	http.Redirect(w, r, "/console/jobs/review?done=report_"+form["action"], http.StatusSeeOther)
}
