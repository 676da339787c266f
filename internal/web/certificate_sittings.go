package web

// 技能评价 pages of an evaluation body (its enterprise's users): its
// sittings, the form that schedules one within its scope, and a
// sitting's page with the forms that register candidates (a class's
// trainees, or one person by ID number), record results (the roster form,
// or a spreadsheet with a row-by-row report) and issue certificates to
// those who passed (numbers typed or generated).

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

func sittingPath(id int64) string {
	return "/enterprise/certificates/sittings/" + strconv.FormatInt(id, 10)
}

var sittingFlash = map[string]string{
	"scheduled":  "评价已安排，请登记考生。",
	"candidates": "考生已登记。",
	"results":    "成绩已保存。",
	"issued":     "证书已发放，持证人会收到站内消息。",
	"none":       "这些人员已是本场考生，无需重复登记。",
}

type evaluatorData struct {
	Bodies []app.EvaluatorSittings
	T      *app.Certificates
}

// sittings is the evaluation body's list of its sittings.
func (h *certificatePages) sittings(w http.ResponseWriter, r *http.Request) {
	es, err := h.certs.MySittings(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "certificate_sittings", &Page{Title: "技能评价", Nav: "training", Flash: sittingFlash[r.URL.Query().Get("done")],
		Data: &evaluatorData{Bodies: es, T: h.certs}})
}

type sittingFormData struct {
	Provider *training.Provider
	Levels   []training.Level
	T        *app.Certificates
}

var sittingFormFields = []string{"occupation", "level", "held_on", "place", "capacity"}

func (h *certificatePages) sittingFormPage(r *http.Request, providerID int64, form map[string]string) (*Page, error) {
	p, err := h.certs.EvaluatorProvider(r.Context(), httpx.Actor(r), providerID)
	if err != nil {
		return nil, err
	}
	return &Page{Title: "安排技能评价 · " + p.Name, Nav: "training", Form: form,
		Data: &sittingFormData{Provider: p, Levels: training.Levels, T: h.certs}}, nil
}

// sittingForm is the form that schedules a sitting.
func (h *certificatePages) sittingForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价机构不存在")
	if !ok {
		return
	}
	page, err := h.sittingFormPage(r, id, map[string]string{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "certificate_sitting_new", page)
}

// scheduleSitting schedules a sitting; a refusal (outside the scope, a
// past day) shows next to its field with what was typed.
func (h *certificatePages) scheduleSitting(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价机构不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, sittingFormFields...)
	var f apperr.Fields
	in := app.SittingInput{Occupation: form["occupation"], HeldOn: form["held_on"], Place: form["place"],
		Capacity: formCount(&f, form, "capacity", "请填写考生人数上限（整数）")}
	in.Level, _ = strconv.Atoi(form["level"])
	s, err := h.certs.ScheduleSitting(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "certificate_sitting_new", err, form, func() (*Page, error) { return h.sittingFormPage(r, id, form) })
		return
	}
	http.Redirect(w, r, sittingPath(s.ID)+"?done=scheduled", http.StatusSeeOther)
}

type sittingData struct {
	V       *app.SittingPage
	T       *app.Certificates
	Results []training.Result
	Report  *app.ResultImportReport
	Columns []string
	Errs    map[string]string // row errors of the roster and issue forms, by form field
}

func (h *certificatePages) sittingPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.certs.Sitting(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	form := map[string]string{"issued_on": v.Today.Format("2006-01-02")}
	for _, k := range v.Candidates {
		n := strconv.FormatInt(k.PersonID, 10)
		if k.Issuable() {
			form["issue_"+n] = "1"
		}
		if k.Result != training.ResultPending {
			form["result_"+n] = string(k.Result)
			if k.Result != training.ResultAbsent {
				form["score_"+n] = strconv.Itoa(k.Score)
			}
		}
	}
	return &Page{Title: "技能评价 · " + h.certs.OccupationName(v.Sitting.Occupation) + " " + v.Sitting.HeldOn.Format("2006-01-02"), Nav: "training",
		Flash: sittingFlash[r.URL.Query().Get("done")], Form: form,
		Data: &sittingData{V: v, T: h.certs, Results: training.Results, Columns: training.ResultColumns, Errs: map[string]string{}}}, nil
}

// sitting is a sitting's page for its evaluation body (another's: 404).
func (h *certificatePages) sitting(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价场次不存在")
	if !ok {
		return
	}
	page, err := h.sittingPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "certificate_sitting", page)
}

// failOnSitting shows a refused form on the sitting's page with what was
// typed; byRow maps items.N.field errors to the form's fields.
func (h *certificatePages) failOnSitting(w http.ResponseWriter, r *http.Request, id int64, err error, form map[string]string, byRow func(map[string]string) map[string]string) {
	h.failOnPage(w, r, "certificate_sitting", err, nil, func() (*Page, error) {
		page, perr := h.sittingPage(r, id)
		if perr != nil {
			return nil, perr
		}
		for k, v := range form {
			page.Form[k] = v
		}
		if byRow != nil {
			page.Data.(*sittingData).Errs = byRow(asFields(err))
		}
		return page, nil
	})
}

// addCandidates registers a class's trainees or one person.
func (h *certificatePages) addCandidates(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价场次不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "class_id", "id_number", "name")
	in := app.CandidateInput{IDNumber: form["id_number"], Name: form["name"]}
	in.ClassID, _ = strconv.ParseInt(form["class_id"], 10, 64)
	res, err := h.certs.AddCandidates(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.failOnSitting(w, r, id, err, form, nil)
		return
	}
	done := "candidates"
	if res.Added == 0 {
		done = "none"
	}
	http.Redirect(w, r, sittingPath(id)+"?done="+done, http.StatusSeeOther)
}

// recordResults saves the roster form: a result and score per candidate
// (rows left on 待登记 are not sent).
func (h *certificatePages) recordResults(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价场次不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := map[string]string{}
	var in app.ResultsInput
	var keys []string // the form's row of each item sent
	for _, k := range r.PostForm["person"] {
		pid, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			continue
		}
		res, score := strings.TrimSpace(r.PostFormValue("result_"+k)), strings.TrimSpace(r.PostFormValue("score_"+k))
		form["result_"+k], form["score_"+k] = res, score
		if res == "" {
			continue
		}
		n, err := strconv.Atoi(score)
		if err != nil && score != "" {
			n = -1 // reported as out of range
		}
		in.Items = append(in.Items, app.MarkInput{PersonID: pid, Result: res, Score: n})
		keys = append(keys, k)
	}
	if err := h.certs.RecordResults(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.failOnSitting(w, r, id, err, form, func(errs map[string]string) map[string]string { return rowErrors(errs, keys) })
		return
	}
	http.Redirect(w, r, sittingPath(id)+"?done=results#results", http.StatusSeeOther)
}

// rowErrors maps items.N.field to field_<key of row N>.
func rowErrors(errs map[string]string, keys []string) map[string]string {
	out := map[string]string{}
	for k, msg := range errs {
		rest, ok := strings.CutPrefix(k, "items.")
		if !ok {
			continue
		}
		n, field, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if err != nil || i >= len(keys) {
			continue
		}
		if field == "person_id" {
			field = "person"
		}
		out[field+"_"+keys[i]] = msg
	}
	return out
}

// importResults takes a results spreadsheet and shows the report on the
// sitting's page.
func (h *certificatePages) importResults(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价场次不存在")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, training.MaxResultBytes+1<<20)
	files, done, err := httpx.ReadFiles(r, "file", "文件过大：成绩表不能超过 "+strconv.Itoa(training.MaxResultBytes>>20)+" MB")
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择要导入的 .xlsx 或 .csv 文件")
	}
	var rep *app.ResultImportReport
	if err == nil {
		rep, err = h.certs.ImportResults(r.Context(), httpx.Actor(r), id, files[0].Name, files[0].Data)
	}
	if err != nil {
		h.failOnSitting(w, r, id, err, nil, nil)
		return
	}
	page, err := h.sittingPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*sittingData).Report = rep
	page.Flash = "已登记 " + strconv.Itoa(rep.Saved) + " 名考生的成绩。"
	if len(rep.Errors) > 0 {
		page.Notice = "有 " + strconv.Itoa(len(rep.Errors)) + " 处错误，对应的行没有登记，请修改后只上传这些行。"
	}
	h.render(w, r, http.StatusOK, "certificate_sitting", page)
}

// resultTemplate downloads the results import template.
func (h *certificatePages) resultTemplate(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := h.certs.WriteResultTemplate(&b); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "评价成绩导入模板", b.Bytes())
}

// issue issues certificates to the candidates ticked, with the numbers
// typed (blank: generated).
func (h *certificatePages) issue(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "评价场次不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := map[string]string{"issued_on": strings.TrimSpace(r.PostFormValue("issued_on"))}
	in := app.IssueInput{IssuedOn: form["issued_on"]}
	var keys []string
	for _, k := range r.PostForm["issue"] {
		pid, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			continue
		}
		form["issue_"+k] = "1"
		form["number_"+k] = strings.TrimSpace(r.PostFormValue("number_" + k))
		in.Items = append(in.Items, app.IssueItemInput{PersonID: pid, Number: form["number_"+k]})
		keys = append(keys, k)
	}
	if len(in.Items) == 0 {
		h.failOnSitting(w, r, id, apperr.Field("issue", "请勾选要发证的考生"), form, nil)
		return
	}
	if _, err := h.certs.IssueCertificates(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.failOnSitting(w, r, id, err, form, func(errs map[string]string) map[string]string { return rowErrors(errs, keys) })
		return
	}
	http.Redirect(w, r, sittingPath(id)+"?done=issued#issue", http.StatusSeeOther)
}
