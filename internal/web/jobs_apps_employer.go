package web

// 网谷智聘 applications, the employer's side: page through a post's
// applicants by status, download them as .xlsx (audited by the app), open
// one (its resume read-only, the pipeline buttons with a note, the
// history) and move it on. Access is the app's.

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

type applicantsData struct {
	*app.ApplicantsPage
	Nav        listNav
	ExportHref string
}

// jobApplicants is the employer's list of a post's applications, 20 a
// page, by status; ?format=xlsx downloads the filtered list (audited).
func (h *jobAppPages) jobApplicants(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportApplicants(w, r, id)
		return
	}
	pg, err := h.apps.Applicants(r.Context(), httpx.Actor(r), id, listQuery(r))
	if err != nil {
		h.listFail(w, r, err)
		return
	}
	base := "/enterprise/jobs/" + strconv.FormatInt(id, 10) + "/applicants"
	d := applicantsData{ApplicantsPage: pg, Nav: newListNav(base, pg.JobAppList), ExportHref: base + "?format=xlsx"}
	if pg.Status != "" {
		d.ExportHref += "&status=" + url.QueryEscape(string(pg.Status))
	}
	h.render(w, r, http.StatusOK, "jobs_applicants", &Page{Title: pg.Post.Title + " · 求职申请", Nav: "me", Data: d})
}

// applicantSheetHeader are the columns of the applicant export.
var applicantSheetHeader = []string{"申请编号", "姓名", "性别", "年龄", "学历", "身份证号（脱敏）", "手机号", "状态", "申请时间", "最后更新", "求职者留言"}

// exportApplicants is /enterprise/jobs/{id}/applicants?format=xlsx: the
// list under its status filter, ID numbers masked, the download audited by
// the app before any row is written.
func (h *jobAppPages) exportApplicants(w http.ResponseWriter, r *http.Request, id int64) {
	status := r.URL.Query().Get("status")
	p, rows, err := h.apps.ExportApplicants(r.Context(), httpx.Actor(r), id, status)
	if err != nil {
		h.listFail(w, r, err)
		return
	}
	out := make([][]any, len(rows))
	for i, row := range rows {
		a, ap := row.Applicant, row.App
		var age any = ""
		if a.Age > 0 {
			age = a.Age
		}
		out[i] = []any{ap.ID, a.Name, a.Gender, age, a.Education, a.IDMasked, a.Phone, ap.Status.Label(),
			ap.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04"), ap.UpdatedAt.In(chinatime.Zone).Format("2006-01-02 15:04"), ap.CoverNote}
	}
	title := "求职申请-" + p.Title
	if status != "" {
		title += "-" + jobs.AppStatus(status).Label()
	}
	h.writeSheet(w, title, applicantSheetHeader, out)
}

type jobAppData struct {
	V   *app.JobApplicationView
	Doc resumeDoc
	Max int
}

// jobApplication is the employer's view of one application: opening a new
// one marks it viewed (the app does, and tells the applicant).
func (h *jobAppPages) jobApplication(w http.ResponseWriter, r *http.Request) {
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
	h.render(w, r, http.StatusOK, "jobs_application", page)
}

func (h *jobAppPages) jobApplicationPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.apps.JobApplication(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	if !v.Employer { // the applicant follows it on their own page
		return nil, apperr.New(apperr.Forbidden, "请在“我的求职”查看您的申请")
	}
	d := jobAppData{V: v, Doc: h.resumeDoc(v.Resume, v.Person, v.Verified), Max: jobs.MaxStatusNote}
	return &Page{Title: v.Applicant.Name + " · " + v.App.PostTitle, Nav: "me", Data: d}, nil
}

// jobApplicationStatus moves an application on; an error shows the page
// again with the chosen status and the note kept.
func (h *jobAppPages) jobApplicationStatus(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "status", "note")
	_, err = h.apps.SetJobApplicationStatus(r.Context(), httpx.Actor(r), id, app.JobAppStatusInput{Status: form["status"], Note: r.PostFormValue("note")})
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
		h.formFail(w, r, "jobs_application", page, err)
	default:
		h.fail(w, r, err)
	}
}
