package api

// 跟踪评估 through the API: cohort reports as JSON, the insurance import
// (multipart field "file", or the file as the raw body), the import's row
// errors, and one person's outcomes, checks due and a new outcome.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

// outcomesAPI serves outcome tracking to staff.
type outcomesAPI struct {
	base
	outcomes *app.Outcomes
}

type horizonView struct {
	Months   int     `json:"months"`
	Eligible int     `json:"eligible"`
	Placed   int     `json:"placed"`
	Rate     float64 `json:"rate"`
	Low      float64 `json:"ci_low"`
	High     float64 `json:"ci_high"`
}

type cohortRowView struct {
	Key        string        `json:"key"`
	Label      string        `json:"label"`
	N          int           `json:"n"`
	Horizons   []horizonView `json:"placement"`
	Employed   int           `json:"employed"`
	MedianDays *float64      `json:"median_days_to_employment"`
	WageBand   string        `json:"wage_band"`
	WageLabel  string        `json:"wage_band_label"`
	Small      bool          `json:"small_sample"`
	Note       string        `json:"note,omitempty"`
}

func cohortRowJSON(l app.CohortLine) cohortRowView {
	v := cohortRowView{Key: l.Key, Label: l.Label, N: l.N, Employed: l.Employed, WageBand: string(l.WageBand), Small: l.Small}
	if l.WageBand != "" {
		v.WageLabel = l.WageBand.Label()
	}
	if l.Employed > 0 {
		m := l.MedianDays
		v.MedianDays = &m
	}
	if l.Small {
		v.Note = casework.SmallNote
	}
	for _, h := range l.Horizons {
		v.Horizons = append(v.Horizons, horizonView{Months: h.Months, Eligible: h.Eligible, Placed: h.Placed, Rate: h.Rate, Low: h.Low, High: h.High})
	}
	return v
}

func (h *outcomesAPI) cohorts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cq, err := h.outcomes.ParseCohortQuery(q.Get("kind"), q.Get("from"), q.Get("to"), q.Get("group_by"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.outcomes.Cohorts(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([]cohortRowView, 0, len(rep.Rows))
	for _, l := range rep.Rows {
		rows = append(rows, cohortRowJSON(l))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"kind": rep.Query.Kind, "from": rep.Query.From.Format(time.DateOnly), "to": rep.Query.To.Format(time.DateOnly),
		"group_by": rep.Query.GroupBy, "as_of": rep.Today.Format(time.DateOnly), "confidence": 0.95,
		"rows": rows, "total": cohortRowJSON(rep.Total),
	})
}

type importErrorView struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

type insuranceImportView struct {
	ID        int64             `json:"id"`
	Filename  string            `json:"filename"`
	CreatedAt string            `json:"created_at"`
	Total     int               `json:"total"`
	Saved     int               `json:"saved"`
	Failed    int               `json:"failed"`
	Errors    []importErrorView `json:"errors"`
}

func insuranceImportJSON(run *casework.InsuranceImport) insuranceImportView {
	v := insuranceImportView{ID: run.ID, Filename: run.Filename, CreatedAt: ts(run.CreatedAt), Total: run.Total, Saved: run.Saved,
		Failed: run.Failed, Errors: []importErrorView{}}
	for _, e := range run.Errors {
		v.Errors = append(v.Errors, importErrorView(e))
	}
	return v
}

// importInsurance takes the file as multipart (field "file") or as the
// raw body (?filename= names it; text/csv is read as .csv, anything else
// by its content) and answers 201 with the counts and row errors.
func (h *outcomesAPI) importInsurance(w http.ResponseWriter, r *http.Request) {
	name, data, done, err := uploadedFile(w, r, "file", "insurance", app.MaxInsuranceBytes+1<<20, app.InsuranceTooLarge())
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	run, err := h.outcomes.ImportInsurance(r.Context(), httpx.Actor(r), false, name, data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/outcomes/insurance-imports/"+strconv.FormatInt(run.ID, 10))
	writeJSON(w, http.StatusCreated, insuranceImportJSON(run))
}

func (h *outcomesAPI) insuranceImport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	run, err := h.outcomes.InsuranceImport(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, insuranceImportJSON(run))
}

type outcomeView struct {
	ID             int64  `json:"id,omitempty"`
	Status         string `json:"status"`
	StatusLabel    string `json:"status_label"`
	Employer       string `json:"employer"`
	EmployerUSCC   string `json:"employer_uscc"`
	OccupationCode string `json:"occupation_code"`
	WageBand       string `json:"wage_band"`
	ContractType   string `json:"contract_type"`
	Since          string `json:"since"`
	Until          string `json:"until,omitempty"`
	Source         string `json:"source"`
	SourceLabel    string `json:"source_label"`
	RecordedAt     string `json:"recorded_at"`
}

func outcomeJSON(o casework.Outcome) outcomeView {
	v := outcomeView{ID: o.ID, Status: string(o.Status), StatusLabel: o.Status.Label(), Employer: o.Employer, EmployerUSCC: o.EmployerUSCC,
		OccupationCode: o.OccupationCode, WageBand: string(o.WageBand), ContractType: string(o.ContractType),
		Since: o.Since.Format(time.DateOnly), Source: string(o.Source), SourceLabel: o.Source.Label(), RecordedAt: ts(o.RecordedAt)}
	if !o.Until.IsZero() {
		v.Until = o.Until.Format(time.DateOnly)
	}
	return v
}

type checkView struct {
	Kind   string `json:"kind"`
	Months int    `json:"months"`
	Due    string `json:"due_on"`
	Done   bool   `json:"done"`
	Label  string `json:"label"`
}

func checksJSON(cs []casework.Check) []checkView {
	out := make([]checkView, 0, len(cs))
	for _, c := range cs {
		out = append(out, checkView{Kind: string(c.Kind), Months: c.Months, Due: c.Due.Format(time.DateOnly), Done: c.Done, Label: c.Label()})
	}
	return out
}

type servedView struct {
	Kind     string `json:"kind"`
	ServedOn string `json:"served_on"`
	Team     string `json:"team"`
	AgentID  int64  `json:"agent_id"`
	Topic    string `json:"topic"`
	Provider string `json:"provider"`
}

func (h *outcomesAPI) personOutcomes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	po, err := h.outcomes.PersonOutcomes(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := map[string]any{"person_id": po.PersonID, "checks": checksJSON(po.Checks), "due": checksJSON(po.Due), "current": nil}
	served := []servedView{}
	for _, s := range po.Served {
		served = append(served, servedView{Kind: string(s.Kind), ServedOn: s.ServedOn.Format(time.DateOnly), Team: s.Team, AgentID: s.AgentID,
			Topic: string(s.Topic), Provider: s.Provider})
	}
	v["served"] = served
	outs := []outcomeView{}
	for _, o := range po.Outcomes {
		outs = append(outs, outcomeJSON(o))
	}
	v["outcomes"] = outs
	if po.Current != nil {
		v["current"] = outcomeJSON(*po.Current)
	}
	writeJSON(w, http.StatusOK, v)
}

func (h *outcomesAPI) recordOutcome(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.OutcomeInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.PersonID != 0 && in.PersonID != id {
		h.fail(w, r, apperr.Field("person_id", "与地址中的人员不一致"))
		return
	}
	in.PersonID = id
	o, err := h.outcomes.RecordOutcome(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, outcomeJSON(*o))
}

func (h *outcomesAPI) myEmployment(w http.ResponseWriter, r *http.Request) {
	m, err := h.outcomes.MyEmployment(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := map[string]any{"due": checksJSON(m.Due), "last": nil}
	if m.Last != nil {
		v["last"] = outcomeJSON(*m.Last)
	}
	writeJSON(w, http.StatusOK, v)
}

func (h *outcomesAPI) answerEmployment(w http.ResponseWriter, r *http.Request) {
	var in app.SelfAnswer
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	o, err := h.outcomes.AnswerSelf(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, outcomeJSON(*o))
}
