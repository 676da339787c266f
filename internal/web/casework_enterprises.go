package web

// 话务中心 enterprise pages: an enterprise's history as the call centre
// knows it (contacts, vacancies collected and their posts, referrals and
// hires, open follow-ups) with the forms an agent uses on a call or visit
// to it — log the contact, type a vacancy heard as a draft post, publish a
// draft with the enterprise's consent, schedule a follow-up — and the
// employer's list of drafts waiting for its confirmation.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

type caseEnterpriseData struct {
	H          *app.EnterpriseHistory
	Channels   []casework.Channel
	Dirs       []casework.Direction
	Topics     []casework.Topic
	Results    []casework.Result
	Educs      []string
	Exps       []int
	Candidates []occOpt
	Occ        func(string) string
	FormFor    int64 // the draft whose publish form holds the errors
}

func enterprisePath(id int64) string {
	return "/console/casework/enterprises/" + strconv.FormatInt(id, 10)
}

// enterprisePage builds the history page of enterprise id; form is what
// the vacancy form shows (nil: empty, with the defaults).
func (h *caseworkPages) enterprisePage(r *http.Request, id int64, form map[string]string) (*Page, error) {
	hist, err := h.cases.EnterpriseHistory(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	if form == nil {
		form = map[string]string{"channel": string(casework.Phone), "direction": string(casework.Outbound),
			"outcome": string(casework.Reached), "headcount": "1", "education": "不限", "experience_years": "0", "topic_vacancy": "true"}
	}
	if _, ok := form["contact_id"]; !ok && len(hist.Contacts) > 0 && h.now().Sub(hist.Contacts[0].At) < 12*time.Hour {
		form["contact_id"] = strconv.FormatInt(hist.Contacts[0].ID, 10) // the call just logged
	}
	d := &caseEnterpriseData{H: hist, Channels: casework.Channels, Dirs: casework.Directions, Topics: casework.Topics, Results: casework.Results,
		Educs: jobs.Educations, Exps: jobs.Experiences, Occ: h.occupationName}
	d.Candidates = h.occupationChoices(form)
	return &Page{Title: "企业服务记录 · " + hist.Enterprise.Name, Nav: "casework", Form: form, Data: d}, nil
}

// occupationChoices is the classifier's suggestions for the typed title,
// with the chosen (or typed) occupation first and preselected.
func (h *caseworkPages) occupationChoices(form map[string]string) []occOpt {
	var out []occOpt
	if t := strings.TrimSpace(form["title"]); t != "" {
		if cands, err := h.jobs.Classify(app.ClassifyInput{Title: t, Description: form["description"]}); err == nil {
			for _, c := range cands {
				out = append(out, occOpt{Code: c.Code, Name: c.Name, Score: int(c.Score*100 + 0.5)})
			}
		}
	}
	code := form["occupation_code"]
	if code == "" || code == "other" {
		if p := h.resolveOccupation(form["occupation_manual"]); p.Code != "" {
			code = p.Code
		}
	}
	if code != "" && code != "other" {
		if c, ok := h.codes.Occupations.Get(code); ok && !containsOcc(out, code) {
			out = append([]occOpt{{Code: c.Code, Name: c.Name, Score: -1}}, out...)
		}
		form["occupation_code"] = code
	} else if len(out) > 0 && code == "" {
		form["occupation_code"] = out[0].Code
	}
	return out
}

func containsOcc(os []occOpt, code string) bool {
	for _, o := range os {
		if o.Code == code {
			return true
		}
	}
	return false
}

func (h *caseworkPages) enterpriseID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	return h.pathID(w, r, "企业不存在")
}

var enterpriseFlash = map[string]string{
	"contact":   "联系记录已保存。",
	"followup":  "跟进已安排，到期当天会提醒。",
	"vacancy":   "岗位已采集为草稿，企业已收到确认通知。",
	"published": "已代为发布，岗位审核通过后上线；企业已收到通知。",
	"withdrawn": "草稿已撤回。",
}

// enterprise is an enterprise's history with the agent's forms.
func (h *caseworkPages) enterprise(w http.ResponseWriter, r *http.Request) {
	id, ok := h.enterpriseID(w, r)
	if !ok {
		return
	}
	page, err := h.enterprisePage(r, id, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = enterpriseFlash[r.URL.Query().Get("done")]
	h.render(w, r, http.StatusOK, "casework_enterprise", page)
}

var vacancyFields = []string{"enterprise_id", "contact_id", "title", "occupation_code", "occupation_manual", "headcount",
	"salary_min", "salary_max", "education", "experience_years", "skills", "description", "address"}

// collectVacancy types a vacancy heard on a call as a draft (op=classify
// only suggests occupations for the title).
func (h *caseworkPages) collectVacancy(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, vacancyFields...)
	form["description"] = strings.TrimSpace(r.PostFormValue("description"))
	entID, _ := strconv.ParseInt(form["enterprise_id"], 10, 64)
	if entID <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "企业不存在"))
		return
	}
	if r.PostFormValue("op") == "classify" {
		form["occupation_code"], form["occupation_manual"] = "", ""
		page, err := h.enterprisePage(r, entID, form)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(page.Data.(*caseEnterpriseData).Candidates) == 0 {
			page.Errors = map[string]string{"title": "请先填写岗位名称，再点“识别职业”"}
		} else {
			page.Flash = "已根据岗位名称推荐职业分类，请确认或改选。"
		}
		h.render(w, r, http.StatusOK, "casework_enterprise", page)
		return
	}
	in, numErrs := vacancyInputOf(form)
	in.EnterpriseID = entID
	if c := form["occupation_code"]; c == "" || c == "other" {
		p := h.resolveOccupation(form["occupation_manual"])
		switch {
		case p.Code != "":
			in.OccupationCode = p.Code
		case p.Text != "":
			numErrs.Add("occupation_code", p.Err)
		}
	}
	_, err := h.cases.CollectVacancy(r.Context(), httpx.Actor(r), in)
	if err == nil && len(numErrs) > 0 {
		err = numErrs.Err()
	} else if err != nil && len(numErrs) > 0 {
		mergeFormFields(err, numErrs)
	}
	if err != nil {
		h.failOnPage(w, r, "casework_enterprise", err, form, func() (*Page, error) { return h.enterprisePage(r, entID, form) })
		return
	}
	http.Redirect(w, r, enterprisePath(entID)+"?done=vacancy#vacancies-h", http.StatusSeeOther)
}

// vacancyInputOf reads the vacancy form; numbers that are not numbers are
// field errors of their own.
func vacancyInputOf(form map[string]string) (app.VacancyInput, apperr.Fields) {
	var f apperr.Fields
	num := func(name, msg string) int { return formInt(&f, form, name, msg) }
	in := app.VacancyInput{Title: form["title"], OccupationCode: form["occupation_code"], Description: form["description"],
		Headcount: num("headcount", "请填写整数人数"), SalaryMin: num("salary_min", "请填写整数金额（元/月），不清楚可留空"),
		SalaryMax: num("salary_max", "请填写整数金额（元/月），不清楚可留空"), Education: form["education"],
		ExperienceYears: num("experience_years", "请选择经验要求"), Skills: jobs.SplitSkills(form["skills"]), Address: form["address"]}
	if in.OccupationCode == "other" {
		in.OccupationCode = ""
	}
	in.ContactID, _ = strconv.ParseInt(form["contact_id"], 10, 64)
	return in, f
}

// mergeFormFields puts the form's own field errors (a number that is not
// one) into an Invalid error, over the app's message for the same field.
func mergeFormFields(err error, extra apperr.Fields) {
	if e := apperr.As(err); e.Code == apperr.Invalid {
		if e.Fields == nil {
			e.Fields = map[string]string{}
		}
		for k, v := range extra {
			e.Fields[k] = v
		}
	}
}

func (h *caseworkPages) vacancyID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	return h.pathID(w, r, "采集的岗位不存在")
}

// publishVacancy publishes a draft for the enterprise, with its consent.
func (h *caseworkPages) publishVacancy(w http.ResponseWriter, r *http.Request) {
	id, ok := h.vacancyID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	a := httpx.Actor(r)
	v, err := h.cases.Vacancy(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	consent := strings.TrimSpace(r.PostFormValue("consent"))
	if _, err := h.cases.PublishVacancy(r.Context(), a, id, app.PublishInput{Consent: consent}); err != nil {
		h.failOnPage(w, r, "casework_enterprise", publishError(err), nil, func() (*Page, error) {
			page, err := h.enterprisePage(r, v.EnterpriseID, nil)
			if err == nil {
				page.Form["consent"] = consent
				page.Data.(*caseEnterpriseData).FormFor = id
			}
			return page, err
		})
		return
	}
	http.Redirect(w, r, enterprisePath(v.EnterpriseID)+"?done=published#vacancies-h", http.StatusSeeOther)
}

// publishError says which post fields a draft lacks, next to the publish
// form (the draft has no form for them: the enterprise completes them on
// its confirmation, or the agent collects the vacancy again).
func publishError(err error) error {
	e := apperr.As(err)
	if e.Code != apperr.Invalid {
		return err
	}
	var missing []string
	for k, msg := range e.Fields {
		if k != "consent" {
			missing = append(missing, msg)
		}
	}
	if len(missing) == 0 {
		return err
	}
	f := apperr.Fields{}
	if msg, ok := e.Fields["consent"]; ok {
		f.Add("consent", msg)
	}
	f.Add("publish", "草稿还缺发布所需的内容："+strings.Join(missing, "；")+"。请请企业在确认时补充，或撤回后重新采集。")
	return f.Err()
}

// withdrawVacancy takes a draft back.
func (h *caseworkPages) withdrawVacancy(w http.ResponseWriter, r *http.Request) {
	id, ok := h.vacancyID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	a := httpx.Actor(r)
	v, err := h.cases.Vacancy(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.cases.WithdrawVacancy(r.Context(), a, id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, enterprisePath(v.EnterpriseID)+"?done=withdrawn#vacancies-h", http.StatusSeeOther)
}

// myDrafts lists the drafts the call centre collected for the employer's
// enterprise, each to confirm (the post form, prefilled) or decline.
func (h *caseworkPages) myDrafts(w http.ResponseWriter, r *http.Request) {
	list, err := h.cases.MyDrafts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "就业服务中心整理的岗位", Nav: "me", Data: list}
	if r.URL.Query().Get("done") == "declined" {
		page.Flash = "已告知就业服务中心：不需要发布这个岗位。"
	}
	h.render(w, r, http.StatusOK, "casework_drafts", page)
}

// declineDraft tells the call centre the enterprise does not want a draft.
func (h *caseworkPages) declineDraft(w http.ResponseWriter, r *http.Request) {
	id, ok := h.vacancyID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.cases.DeclineVacancy(r.Context(), httpx.Actor(r), id, r.PostFormValue("reason")); err != nil {
		h.failOnPage(w, r, "casework_drafts", err, formValues(r, "reason"), func() (*Page, error) {
			list, err := h.cases.MyDrafts(r.Context(), httpx.Actor(r))
			return &Page{Title: "就业服务中心整理的岗位", Nav: "me", Data: list}, err
		})
		return
	}
	http.Redirect(w, r, "/enterprise/vacancy-drafts?done=declined", http.StatusSeeOther)
}
