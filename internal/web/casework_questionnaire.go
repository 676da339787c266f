package web

// 就业情况回访: the questionnaire a person answers from the inbox message
// sent when a 3-, 6- or 12-month check comes due; the answer is recorded
// as the person's own word on their situation.

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

type myEmploymentData struct {
	*app.MyEmployment
	Statuses, WageBands, Contracts []option
}

func (h *outcomePages) employmentPage(r *http.Request) (*Page, error) {
	m, err := h.outcomes.MyEmployment(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	d := &myEmploymentData{MyEmployment: m}
	for _, s := range app.SelfStatuses {
		d.Statuses = append(d.Statuses, option{string(s), s.Label()})
	}
	for _, b := range casework.WageBands {
		d.WageBands = append(d.WageBands, option{string(b), b.Label()})
	}
	for _, c := range casework.ContractTypes {
		d.Contracts = append(d.Contracts, option{string(c), c.Label()})
	}
	form := map[string]string{"since": casework.Day(h.now()).Format(time.DateOnly)}
	if o := m.Last; o != nil {
		form["status"], form["employer"], form["wage_band"], form["contract_type"] = string(o.Status), o.Employer, string(o.WageBand), string(o.ContractType)
		form["since"] = o.Since.Format(time.DateOnly)
	}
	return &Page{Title: "就业情况回访", Nav: "me", Data: d, Form: form}, nil
}

// myEmployment is the questionnaire.
func (h *outcomePages) myEmployment(w http.ResponseWriter, r *http.Request) {
	page, err := h.employmentPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "1" {
		page.Flash = "谢谢您的答复！就业服务中心会据此改进服务；需要帮助可随时联系我们。"
	}
	h.render(w, r, http.StatusOK, "casework_questionnaire", page)
}

// answerEmployment records the person's answer.
func (h *outcomePages) answerEmployment(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "status", "employer", "wage_band", "contract_type", "since")
	in := app.SelfAnswer{Status: form["status"], Employer: form["employer"], WageBand: form["wage_band"],
		ContractType: form["contract_type"], Since: form["since"]}
	if _, err := h.outcomes.AnswerSelf(r.Context(), httpx.Actor(r), in); err != nil {
		h.failOnPage(w, r, "casework_questionnaire", err, form, func() (*Page, error) { return h.employmentPage(r) })
		return
	}
	http.Redirect(w, r, "/me/employment?done=1", http.StatusSeeOther)
}
