package web

// 网谷智聘 applications, both sides: the person applies from the post page
// and follows their applications under /me/job-applications; the employer
// lists a post's applicants and opens one (its resume read-only, the
// pipeline buttons with a note, the history). Access is the app's.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// applyJob files the person's application from the post page; an error
// shows the page again with the note kept.
func (h *Handler) applyJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "note")
	_, err := h.app.ApplyJob(r.Context(), httpx.Actor(r), id, r.PostFormValue("note"))
	if err == nil {
		http.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"?done=applied", http.StatusSeeOther)
		return
	}
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Conflict:
		page, perr := h.jobDetailPage(r, id)
		if perr != nil {
			h.fail(w, r, err)
			return
		}
		page.Form = form
		h.formFail(w, r, "job_detail", page, err)
	default:
		h.fail(w, r, err)
	}
}

type myJobAppsData struct {
	Apps []*jobs.Application
}

// myJobApplications is the person's list with status and history.
func (h *Handler) myJobApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.app.MyJobApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "我的求职", Nav: "jobs", Data: myJobAppsData{Apps: apps}}
	if r.URL.Query().Get("done") == "withdrawn" {
		page.Flash = "申请已撤回，招聘企业会收到通知。"
	}
	h.render(w, r, http.StatusOK, "job_applications", page)
}

// withdrawJobApplication takes back one of the person's applications.
func (h *Handler) withdrawJobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.app.WithdrawJobApplication(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/job-applications?done=withdrawn", http.StatusSeeOther)
}

// jobApplicants is the employer's list of a post's applications.
func (h *Handler) jobApplicants(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	pg, err := h.app.Applicants(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "job_applicants", &Page{Title: pg.Post.Title + " · 求职申请", Nav: "me", Data: pg})
}

type jobAppData struct {
	V   *app.JobApplicationView
	Doc resumeDoc
	Max int
}

// jobApplication is the employer's view of one application: opening a new
// one marks it viewed (the app does, and tells the applicant).
func (h *Handler) jobApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.jobApplicationPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "status" {
		page.Flash = "已更新，求职者会收到站内消息。"
	}
	h.render(w, r, http.StatusOK, "job_application", page)
}

func (h *Handler) jobApplicationPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.app.JobApplication(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	if !v.Employer { // the applicant follows it on their own list
		return nil, apperr.New(apperr.Forbidden, "请在“我的求职”查看您的申请")
	}
	d := jobAppData{V: v, Doc: h.resumeDoc(v.Resume, v.Person), Max: jobs.MaxStatusNote}
	return &Page{Title: v.Applicant.Name + " · " + v.App.PostTitle, Nav: "me", Data: d}, nil
}

// jobApplicationStatus moves an application on; an error shows the page
// again with the chosen status and the note kept.
func (h *Handler) jobApplicationStatus(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "status", "note")
	_, err = h.app.SetJobApplicationStatus(r.Context(), httpx.Actor(r), id, app.JobAppStatusInput{Status: form["status"], Note: r.PostFormValue("note")})
	if err == nil {
		http.Redirect(w, r, "/enterprise/job-applications/"+strconv.FormatInt(id, 10)+"?done=status", http.StatusSeeOther)
		return
	}
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Conflict:
		page, perr := h.jobApplicationPage(r, id)
		if perr != nil {
			h.fail(w, r, err)
			return
		}
		page.Form = form
		h.formFail(w, r, "job_application", page, err)
	default:
		h.fail(w, r, err)
	}
}
