package web

// 网谷智聘 applications, the person's side: apply from the post page,
// follow them under /me/job-applications (a paged list by status, and a
// page per application with the status explained, the history and the
// withdraw button). The employer's side is in jobapps_employer.go; the
// list tabs and pager here serve both. Access is the app's.

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// jobAppPages are applications to posts: the person's and the employer's.
type jobAppPages struct {
	*site
	apps     *app.JobApps
	jobPages *jobPages // the post page shown again with an application error
}

// applyJob files the person's application from the post page; an error
// shows the page again with the note kept.
func (h *jobAppPages) applyJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "note")
	_, err := h.apps.ApplyJob(r.Context(), httpx.Actor(r), id, r.PostFormValue("note"))
	if err == nil {
		http.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"?done=applied", http.StatusSeeOther)
		return
	}
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Conflict:
		page, perr := h.jobPages.jobDetailPage(r, id)
		if perr != nil {
			h.fail(w, r, err)
			return
		}
		page.Form = form
		h.formFail(w, r, "jobs_detail", page, err)
	default:
		h.fail(w, r, err)
	}
}

// listNav is the status tabs (with counts) and the pager of an application
// list; every link keeps the other parameter.
type listNav struct {
	Tabs     []chip
	PrevHref string
	NextHref string
}

func newListNav(base string, l app.JobAppList) listNav {
	link := func(status jobs.AppStatus, page int) string {
		q := url.Values{}
		if status != "" {
			q.Set("status", string(status))
		}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		if len(q) == 0 {
			return base
		}
		return base + "?" + q.Encode()
	}
	n := listNav{Tabs: []chip{{Label: "全部", Href: link("", 1), Count: l.All, On: l.Status == ""}}}
	for _, c := range l.Counts {
		n.Tabs = append(n.Tabs, chip{Label: c.Status.Label(), Href: link(c.Status, 1), Count: c.N, On: l.Status == c.Status})
	}
	if l.Page > 1 {
		n.PrevHref = link(l.Status, min(l.Page-1, l.Pages()))
	}
	if l.Page < l.Pages() {
		n.NextHref = link(l.Status, l.Page+1)
	}
	return n
}

// listQuery reads a page's status and page parameters.
func listQuery(r *http.Request) app.JobAppListQuery {
	q := r.URL.Query()
	return app.JobAppListQuery{Status: q.Get("status"), Page: q.Get("page")}
}

// listFail shows a bad list parameter by name (a hand-edited link, say);
// other errors go to fail.
func (h *site) listFail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	if e.Code != apperr.Invalid || len(e.Fields) == 0 {
		h.fail(w, r, err)
		return
	}
	names := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		names = append(names, k)
	}
	slices.Sort(names)
	msg := ""
	for _, k := range names {
		msg += "参数 " + k + " 有误：" + e.Fields[k] + "。"
	}
	h.render(w, r, http.StatusUnprocessableEntity, "error", &Page{Title: "链接有误", Message: msg, Data: http.StatusUnprocessableEntity})
}

type myJobAppsData struct {
	*app.MyJobAppsPage
	Nav listNav
}

// myJobApplications is the person's list, 20 a page, by status, each
// linking to its own page.
func (h *jobAppPages) myJobApplications(w http.ResponseWriter, r *http.Request) {
	pg, err := h.apps.MyJobApplications(r.Context(), httpx.Actor(r), listQuery(r))
	if err != nil {
		h.listFail(w, r, err)
		return
	}
	d := myJobAppsData{MyJobAppsPage: pg, Nav: newListNav("/me/job-applications", pg.JobAppList)}
	h.render(w, r, http.StatusOK, "jobs_applications", &Page{Title: "我的求职", Nav: "jobs", Data: d})
}

type myJobAppData struct {
	*app.JobAppDetail
	Salary string
}

// StepClass marks history step i for the timeline: the latest step of an
// open application is current, a rejection is bad, the rest are done.
func (d myJobAppData) StepClass(i int) string {
	ev := d.App.Events[i]
	switch {
	case ev.To == jobs.AppRejected:
		return "bad"
	case i == len(d.App.Events)-1 && !ev.To.Final():
		return "current"
	}
	return "done"
}

// myJobApplication is the person's page of one application: the post,
// their note, the status explained, the history with the employer's notes,
// and the withdraw button while it is open.
func (h *jobAppPages) myJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.apps.MyJobApplicationDetail(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: d.App.PostTitle + " · 我的求职", Nav: "jobs",
		Data: myJobAppData{JobAppDetail: d, Salary: jobs.SalaryText(d.Post.SalaryMin, d.Post.SalaryMax)}}
	if r.URL.Query().Get("done") == "withdrawn" {
		page.Flash = "申请已撤回，招聘企业会收到通知。"
	}
	h.render(w, r, http.StatusOK, "jobs_application_person", page)
}

// withdrawJobApplication takes back one of the person's applications and
// shows its page.
func (h *jobAppPages) withdrawJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.apps.WithdrawJobApplication(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/job-applications/"+strconv.FormatInt(id, 10)+"?done=withdrawn", http.StatusSeeOther)
}
