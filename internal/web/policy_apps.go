package web

// 就业政策通's applications: applying with materials, the applicant's list
// and timeline, resubmitting, material downloads and the public 公示 list.

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

func readMaterials(r *http.Request) (note string, files []app.UploadFile, done func(), err error) {
	files, done, err = httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	return r.FormValue("note"), files, done, err
}

func (h *policyPages) applyPolicy(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	note, files, done, err := readMaterials(r)
	defer done()
	var ap *policy.Application
	if err == nil {
		ap, err = h.policyApps.Apply(r.Context(), httpx.Actor(r), id, note, files)
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		page, perr := h.policyDetailPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = map[string]string{"note": strings.TrimSpace(note)}
		h.formFail(w, r, "policy_detail", page, err)
		return
	}
	http.Redirect(w, r, "/me/applications/"+strconv.FormatInt(ap.ID, 10)+"?new=1", http.StatusSeeOther)
}

// ---------------------------------------------------------------- applications

type applicationsData struct {
	helpers
	Apps []*policy.Application
}

func (h *policyPages) myApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.policyApps.MyApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "policy_applications", &Page{Title: "我的申请", Nav: "policy", Data: applicationsData{Apps: apps}})
}

// step is one line of an application's timeline.
type step struct {
	Title, When, Text string
	State             string // done | current | bad
}

func timeline(ap *policy.Application) []step {
	var out []step
	first := step{Title: "提交申请", When: datetimeCN(ap.CreatedAt), State: "done"}
	if ap.ApplicantID == 0 {
		first.Title = "系统生成免申即享发放建议"
	}
	out = append(out, first)
	decided := datetimeCN(ap.DecidedAt)
	switch ap.Status {
	case policy.Proposed:
		out = append(out, step{Title: "待经办人员确认", Text: "免申即享，无需申请；经办人员核实后直接发放。", State: "current"})
	case policy.Submitted:
		if !ap.DecidedAt.IsZero() && ap.DecisionReason != "" {
			out = append(out, step{Title: "曾退回补充材料", When: decided, Text: ap.DecisionReason, State: "done"},
				step{Title: "已补充材料，重新提交", When: datetimeCN(ap.UpdatedAt), State: "done"})
		}
		out = append(out, step{Title: "审核中", Text: "经办人员将在规定时限内审核，结果会通过站内消息通知您。", State: "current"})
	case policy.Returned:
		out = append(out, step{Title: "退回补充材料", When: decided, Text: ap.DecisionReason, State: "current"})
	case policy.Rejected:
		out = append(out, step{Title: "未通过", When: decided, Text: ap.DecisionReason, State: "bad"})
	case policy.Approved, policy.Paid:
		out = append(out, step{Title: "审核通过", When: decided, Text: "核定金额 " + fmtYuan(ap.AmountYuan), State: "done"})
		if ap.Payout != nil {
			out = append(out, step{Title: "已发放", When: ap.Payout.PaidOn.Format(time.DateOnly),
				Text: fmt.Sprintf("%s，发放批次 %s", fmtYuan(ap.Payout.AmountYuan), ap.Payout.Batch), State: "done"})
		} else {
			out = append(out, step{Title: "待发放", Text: "发放后会通知您，请留意到账。", State: "current"})
		}
	}
	return out
}

func datetimeCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinatime.Zone).Format("2006-01-02 15:04")
}

type applicationData struct {
	helpers
	V           *app.ApplicationView
	A           *policy.Application
	Steps       []step
	Staff       bool
	CanDecide   bool // reviewer or admin, and the application awaits a decision
	Reviewer    bool
	SubjectHref string
	Resubmit    bool
	MaxFiles    int
}

func (h *policyPages) applicationPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.policyApps.Application(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	u := httpx.User(r.Context())
	d := &applicationData{V: v, A: v.App, Steps: timeline(v.App), Staff: account.CanUseConsole(u), MaxFiles: app.MaxUploadFiles}
	if last := &d.Steps[len(d.Steps)-1]; !v.AnswerBy.IsZero() && last.Title == "审核中" {
		last.Text = "经办人员最迟于 " + v.AnswerBy.Format(time.DateOnly) + " 前答复（遇法定节假日顺延），结果会通过站内消息通知您。"
	}
	d.Resubmit = !d.Staff && v.App.Status == policy.Returned
	d.Reviewer = account.CanReviewApplications(u)
	d.CanDecide = d.Staff && d.Reviewer && (v.App.Status == policy.Submitted || v.App.Status == policy.Proposed)
	if v.App.SubjectType == policy.KindEnterprise {
		d.SubjectHref = "/console/enterprises/" + strconv.FormatInt(v.App.SubjectID, 10)
	} else {
		d.SubjectHref = "/console/persons/" + strconv.FormatInt(v.App.SubjectID, 10)
	}
	title := v.App.PolicyName + " · 申请 #" + strconv.FormatInt(id, 10)
	nav := "policy"
	if d.Staff {
		nav = "policies"
	}
	return &Page{Title: title, Nav: nav, Data: d}, nil
}

func (h *policyPages) myApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.applicationPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch {
	case r.URL.Query().Get("new") == "1":
		page.Flash = "申请已提交，审核结果会通过站内消息通知您。"
	case r.URL.Query().Get("resubmitted") == "1":
		page.Flash = "材料已补充，申请已重新进入审核。"
	}
	h.render(w, r, http.StatusOK, "policy_application", page)
}

func (h *policyPages) resubmitApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	note, files, done, err := readMaterials(r)
	defer done()
	if err == nil {
		err = h.policyApps.Resubmit(r.Context(), httpx.Actor(r), id, note, files)
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		page, perr := h.applicationPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = map[string]string{"note": strings.TrimSpace(note)}
		h.formFail(w, r, "policy_application", page, err)
		return
	}
	http.Redirect(w, r, "/me/applications/"+strconv.FormatInt(id, 10)+"?resubmitted=1", http.StatusSeeOther)
}

// download serves an application's material to its applicant or to staff,
// always as an attachment so it never renders in the site's origin.
func (h *policyPages) download(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u, read, err := h.policyApps.Upload(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data, err := read()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendAttachment(w, u.ID, u.Filename, u.ContentType, data)
}

// ---------------------------------------------------------------- publicity

type publicityData struct {
	helpers
	Doc        *policy.Doc
	Rows       []app.PublicityRow
	Total      float64
	ExportHref string
}

func (h *policyPages) publicity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := h.policies.PolicyDetail(r.Context(), app.Actor{}, id) // as the public sees it
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.policyApps.Publicity(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		out := make([][]any, 0, len(rows))
		for _, p := range rows {
			out = append(out, []any{p.Name, p.PolicyName, p.AmountYuan, p.Status, p.Date.In(chinatime.Zone).Format(time.DateOnly)})
		}
		h.writeSheet(w, "公示-"+d.Doc.Name, []string{"姓名/单位", "政策", "金额（元）", "状态", "日期"}, out)
		return
	}
	v := publicityData{Doc: d.Doc, Rows: rows, ExportHref: "/policies/" + url.PathEscape(id) + "/publicity?format=xlsx"}
	for _, p := range rows {
		v.Total += p.AmountYuan
	}
	h.render(w, r, http.StatusOK, "policy_publicity", &Page{Title: d.Doc.Name + " · 公示", Nav: "policy", Data: v})
}
