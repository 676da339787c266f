package web

// 网谷智聘, the employer's side: the list of the enterprise's posts with
// status and view counts, the post form (new and edit) with server-side
// occupation suggestions ("识别职业" re-renders the form with the top five,
// no JavaScript needed), and pause / resume / close.

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// jobHelpers are formatting methods the job templates call through their data.
type jobHelpers struct{}

// Salary is "6000-8000元/月".
func (jobHelpers) Salary(lo, hi int) string { return jobs.SalaryText(lo, hi) }

// Exp is "3年以上" or "经验不限".
func (jobHelpers) Exp(years int) string { return jobs.ExperienceLabel(years) }

// Edu is "大专及以上" or "学历不限".
func (jobHelpers) Edu(e string) string { return educationTag(e) }

// Day is a date as YYYY-MM-DD.
func (jobHelpers) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Editable reports whether a post in status s may still be edited.
func (jobHelpers) Editable(s jobs.Status) bool { return s != jobs.Closed }

type enterpriseJobsData struct {
	jobHelpers
	Rows       []app.PostRow
	Total      int
	Chips      []chip
	Verified   bool
	ExportHref string
}

func (h *jobPages) enterpriseJobs(w http.ResponseWriter, r *http.Request) {
	a := httpx.Actor(r)
	status := r.URL.Query().Get("status")
	if status != "" && !jobs.Status(status).Valid() {
		status = ""
	}
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportEnterpriseJobs(w, r, status)
		return
	}
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	rows, total, err := h.jobs.MyPosts(r.Context(), a, status, pageNo)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.registry.ViewEnterprise(r.Context(), a, a.User.EnterpriseID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := enterpriseJobsData{Rows: rows, Total: total, Verified: e.Verified, ExportHref: "/enterprise/jobs?format=xlsx"}
	if status != "" {
		d.ExportHref += "&status=" + url.QueryEscape(status)
	}
	d.Chips = append(d.Chips, chip{Label: "全部", Href: "/enterprise/jobs", On: status == ""})
	for _, s := range jobs.Statuses {
		d.Chips = append(d.Chips, chip{Label: s.Label(), Href: "/enterprise/jobs?status=" + string(s), On: status == string(s)})
	}
	page := &Page{Title: "招聘管理", Nav: "me", Data: d}
	switch r.URL.Query().Get("done") {
	case "created":
		page.Flash = "岗位已提交，等待审核。审核结果会发到本企业的站内消息。"
	case "saved":
		page.Flash = "修改已提交，岗位重新进入审核，通过后再次上线。"
	case jobs.ActPause:
		page.Flash = "岗位已暂停，求职者暂时搜索不到它。"
	case jobs.ActResume:
		page.Flash = "岗位已恢复招聘。"
	case jobs.ActClose:
		page.Flash = "岗位已关闭。"
	}
	h.render(w, r, http.StatusOK, "jobs_enterprise", page)
}

var jobFormFields = []string{"draft", "title", "occupation_code", "occupation_manual", "description", "headcount", "salary_min",
	"salary_max", "education", "experience_years", "skills", "region_code", "address", "lat", "lng", "clear_location", "expires_on", "internship"}

type occOpt struct {
	Code, Name string
	Score      int // percent
}

type benefitOpt struct {
	Name    string
	Checked bool
}

type jobFormData struct {
	jobHelpers
	Action     string
	Cancel     string
	Edit       bool
	Verified   bool
	UI         *jobsUI
	Educs      []string
	Benefits   []benefitOpt
	Candidates []occOpt // suggestions for the title; the current code is always among them
	CodeName   string   // name of a typed code that is not a candidate
	HasPlace   bool     // the post has a position (filled by 使用当前位置)
	MinDay     string
	MaxDay     string
	Draft      *casework.Vacancy // the call centre's draft this form confirms
}

// formOfPost fills the form from a post input.
func formOfPost(in app.PostInput) (map[string]string, []string) {
	m := map[string]string{"title": in.Title, "occupation_code": in.OccupationCode, "description": in.Description,
		"headcount": strconv.Itoa(in.Headcount), "salary_min": strconv.Itoa(in.SalaryMin), "salary_max": strconv.Itoa(in.SalaryMax),
		"education": in.Education, "experience_years": strconv.Itoa(in.ExperienceYears), "skills": strings.Join(in.Skills, "，"),
		"region_code": in.RegionCode, "address": in.Address, "expires_on": in.ExpiresOn}
	if in.Internship {
		m["internship"] = "1"
	}
	if in.Lat != nil && in.Lng != nil {
		m["lat"] = strconv.FormatFloat(*in.Lat, 'f', -1, 64)
		m["lng"] = strconv.FormatFloat(*in.Lng, 'f', -1, 64)
	}
	return m, in.Benefits
}

// formInt reads a whole number typed in a form field: 0 when empty, a field
// error (msg) when it is not a number.
func formInt(f *apperr.Fields, form map[string]string, name, msg string) int {
	s := strings.TrimSpace(form[name])
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Add(name, msg)
	}
	return n
}

// postInputOf reads the posted form. Numbers that do not parse are field
// errors here; everything else is the app's to judge.
func postInputOf(form map[string]string, benefits []string) (app.PostInput, apperr.Fields) {
	var f apperr.Fields
	num := func(name, msg string) int { return formInt(&f, form, name, msg) }
	in := app.PostInput{Title: form["title"], OccupationCode: form["occupation_code"], Description: form["description"],
		Headcount: num("headcount", "请填写整数人数"), SalaryMin: num("salary_min", "请填写整数金额（元/月）"),
		SalaryMax: num("salary_max", "请填写整数金额（元/月）"), Education: form["education"],
		ExperienceYears: num("experience_years", "请选择经验要求"), Skills: jobs.SplitSkills(form["skills"]), Benefits: benefits,
		RegionCode: form["region_code"], Address: form["address"], ExpiresOn: form["expires_on"], Internship: form["internship"] == "1"}
	if in.OccupationCode == "" || in.OccupationCode == "other" {
		in.OccupationCode = strings.TrimSpace(form["occupation_manual"])
	}
	if (form["lat"] != "" || form["lng"] != "") && form["clear_location"] == "" {
		lat, err1 := strconv.ParseFloat(form["lat"], 64)
		lng, err2 := strconv.ParseFloat(form["lng"], 64)
		if err1 != nil {
			f.Add("lat", "纬度应为数字，如 30.62；不知道可留空")
		}
		if err2 != nil {
			f.Add("lng", "经度应为数字，如 114.14；不知道可留空")
		}
		in.Lat, in.Lng = &lat, &lng
	}
	return in, f
}

// jobForm builds the form page for the given values.
func (h *jobPages) jobForm(r *http.Request, edit bool, id int64, form map[string]string, benefits []string, verified bool) *Page {
	now := h.now()
	d := jobFormData{Action: "/enterprise/jobs/new", Cancel: "/enterprise/jobs", Edit: edit, Verified: verified, UI: h.jobsUI,
		Educs: jobs.Educations, MinDay: jobs.Today(now).Format(time.DateOnly),
		MaxDay: jobs.Today(now).AddDate(0, 0, jobs.MaxDays).Format(time.DateOnly)}
	if edit {
		d.Action = "/enterprise/jobs/" + strconv.FormatInt(id, 10) + "/edit"
	} else if form["draft"] != "" {
		if v, err := h.draft(r, form["draft"]); err == nil {
			d.Draft = v
		}
	}
	for _, b := range jobs.Benefits {
		d.Benefits = append(d.Benefits, benefitOpt{Name: b, Checked: slices.Contains(benefits, b)})
	}
	code := form["occupation_code"]
	if code == "" || code == "other" {
		code = strings.TrimSpace(form["occupation_manual"])
	}
	if t := strings.TrimSpace(form["title"]); t != "" {
		if cands, err := h.jobs.Classify(app.ClassifyInput{Title: t, Description: form["description"]}); err == nil {
			for _, c := range cands {
				d.Candidates = append(d.Candidates, occOpt{Code: c.Code, Name: c.Name, Score: int(c.Score*100 + 0.5)})
			}
		}
	}
	if code != "" {
		if _, ok := h.codes.Occupations.Get(code); !ok {
			// an occupation typed by name under 其他: its code, or its choices first
			p := h.resolveOccupation(code)
			if p.Code != "" {
				code = p.Code
			}
			for i, c := range slices.Backward(p.Choices) {
				if !slices.ContainsFunc(d.Candidates, func(o occOpt) bool { return o.Code == c.Code }) {
					d.Candidates = slices.Insert(d.Candidates, 0, p.Choices[i])
				}
			}
		}
	}
	d.HasPlace = form["lat"] != "" && form["lng"] != "" && form["clear_location"] == ""
	known := false
	if code != "" {
		if slices.ContainsFunc(d.Candidates, func(o occOpt) bool { return o.Code == code }) {
			known = true
		} else if c, ok := h.codes.Occupations.Get(code); ok {
			d.Candidates = append([]occOpt{{Code: c.Code, Name: c.Name, Score: -1}}, d.Candidates...)
			known = true
		}
	}
	switch {
	case known:
		form["occupation_code"], form["occupation_manual"] = code, ""
	case code != "": // an unknown code stays typed, next to its error
		form["occupation_code"], form["occupation_manual"] = "other", code
	case len(d.Candidates) > 0: // nothing chosen yet: preselect the best suggestion
		form["occupation_code"] = d.Candidates[0].Code
	}
	title := "发布岗位"
	if edit {
		title = "修改岗位"
	}
	return &Page{Title: title, Nav: "me", Form: form, Data: d}
}

func (h *jobPages) enterpriseVerified(r *http.Request) (bool, error) {
	a := httpx.Actor(r)
	e, err := h.registry.ViewEnterprise(r.Context(), a, a.User.EnterpriseID)
	if err != nil {
		return false, err
	}
	return e.Verified, nil
}

func (h *jobPages) newJobForm(w http.ResponseWriter, r *http.Request) {
	verified, err := h.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.now()
	form := map[string]string{"headcount": "1", "education": "不限", "experience_years": "0",
		"expires_on": jobs.Today(now).AddDate(0, 0, jobs.DefaultDays).Format(time.DateOnly)}
	var benefits []string
	if d := r.URL.Query().Get("draft"); d != "" {
		if form, benefits, err = h.draftForm(r, d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "jobs_edit", h.jobForm(r, false, 0, form, benefits, verified))
}

// draftForm fills the post form from a vacancy the call centre collected
// for the employer's enterprise (its confirmation, 确认发布).
func (h *jobPages) draftForm(r *http.Request, id string) (map[string]string, []string, error) {
	v, err := h.draft(r, id)
	if err != nil {
		return nil, nil, err
	}
	if v.Status != casework.VacancyDraft {
		return nil, nil, apperr.New(apperr.Conflict, "这条整理的岗位"+v.Status.Label()+"，不用再确认")
	}
	in, err := h.cases.VacancyPost(r.Context(), v)
	if err != nil {
		return nil, nil, err
	}
	in.ExpiresOn = jobs.Today(h.now()).AddDate(0, 0, jobs.DefaultDays).Format(time.DateOnly)
	form, benefits := formOfPost(in)
	form["draft"] = id
	return form, benefits, nil
}

func (h *jobPages) draft(r *http.Request, id string) (*casework.Vacancy, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, apperr.New(apperr.NotFound, "整理的岗位不存在")
	}
	return h.cases.Vacancy(r.Context(), httpx.Actor(r), n)
}

func (h *jobPages) newJob(w http.ResponseWriter, r *http.Request) {
	h.saveJob(w, r, false, 0)
}

func (h *jobPages) editJobForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	p, err := h.jobs.EditablePost(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Status == jobs.Closed {
		h.fail(w, r, apperr.New(apperr.Conflict, "岗位已关闭，不能再修改；如需继续招聘，请发布新岗位"))
		return
	}
	verified, err := h.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form, benefits := formOfPost(app.InputFromPost(p))
	page := h.jobForm(r, true, id, form, benefits, verified)
	if p.Status == jobs.Rejected && p.ReviewReason != "" {
		page.Message = "审核未通过：" + p.ReviewReason + "。修改后重新提交。"
	}
	h.render(w, r, http.StatusOK, "jobs_edit", page)
}

func (h *jobPages) editJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	h.saveJob(w, r, true, id)
}

// saveJob creates or updates a post from the form, or (op=classify) only
// re-renders it with occupation suggestions for the title.
func (h *jobPages) saveJob(w http.ResponseWriter, r *http.Request, edit bool, id int64) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, jobFormFields...)
	form["description"] = r.PostFormValue("description") // keep the author's own spacing
	benefits := r.PostForm["benefits"]
	verified, err := h.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.PostFormValue("op") == "classify" {
		form["occupation_code"], form["occupation_manual"] = "", ""
		page := h.jobForm(r, edit, id, form, benefits, verified)
		if len(page.Data.(jobFormData).Candidates) == 0 {
			page.Errors = map[string]string{"title": "请先填写岗位名称，再点“识别职业”"}
		} else {
			page.Flash = "已根据岗位名称推荐职业分类，请确认或改选。"
		}
		h.render(w, r, http.StatusOK, "jobs_edit", page)
		return
	}
	if c := form["occupation_code"]; c == "" || c == "other" {
		if p := h.resolveOccupation(form["occupation_manual"]); p.Code != "" {
			form["occupation_code"], form["occupation_manual"] = p.Code, ""
		} else if p.Text != "" {
			h.formFail(w, r, "jobs_edit", h.jobForm(r, edit, id, form, benefits, verified), apperr.Field("occupation_code", p.Err))
			return
		}
	}
	in, numErrs := postInputOf(form, benefits)
	a := httpx.Actor(r)
	switch {
	case numErrs != nil:
		err = h.jobs.CheckPost(in)
		fields := map[string]string{}
		if err != nil {
			fields = apperr.As(err).Fields
		}
		for k, v := range numErrs {
			fields[k] = v
		}
		err = &apperr.Error{Code: apperr.Invalid, Message: "提交的信息有误，请检查标注的字段", Fields: fields}
	case edit:
		_, err = h.jobs.UpdatePost(r.Context(), a, id, in)
	case form["draft"] != "":
		var n int64
		n, err = strconv.ParseInt(form["draft"], 10, 64)
		if err != nil {
			err = apperr.New(apperr.NotFound, "整理的岗位不存在")
			break
		}
		_, err = h.cases.PublishVacancy(r.Context(), a, n, app.PublishInput{Post: &in})
	default:
		_, err = h.jobs.CreatePost(r.Context(), a, in)
	}
	if err != nil {
		if formError(err) {
			h.formFail(w, r, "jobs_edit", h.jobForm(r, edit, id, form, benefits, verified), err)
			return
		}
		h.fail(w, r, err)
		return
	}
	done := "created"
	if edit {
		done = "saved"
	}
	http.Redirect(w, r, "/enterprise/jobs?done="+done, http.StatusSeeOther)
}

func (h *jobPages) jobStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	action := r.PostFormValue("action")
	if _, err := h.jobs.SetPostStatus(r.Context(), httpx.Actor(r), id, action); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/enterprise/jobs?done="+url.QueryEscape(action), http.StatusSeeOther)
}

// jobID reads the {id} of a post route; a malformed one is a 404 page.
func (h *site) jobID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	return h.pathID(w, r, "岗位不存在")
}

// pathID reads the {id} of a route; a malformed one is the 404 page saying
// missing (the same answer as for an object that does not exist).
func (h *site) pathID(w http.ResponseWriter, r *http.Request, missing string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, missing))
		return 0, false
	}
	return id, true
}
