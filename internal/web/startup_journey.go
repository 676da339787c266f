package web

// 我想创业: the start-up journey page.

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/training"
)

type journeyData struct {
	J        *app.Journey
	Calls    []*startup.FundingCall // taking applications today
	Classes  []*training.Class      // 创业培训 classes filed and starting from today (the first few)
	Mentors  []*activity.Activity   // 创业导师坐诊 sessions to come (activities of kind mentor)
	Now      time.Time
	Amounts  []int64 // fen, the amount picker
	Terms    []int
	FirstNet int64 // the first month's payment less its subsidy
	Yuan     func(int64) string
	Wan      func(int64) string
}

// journey answers "我想创业" for the amount and term picked (by default
// 200,000 yuan over 36 months).
func (h *startupPages) journey(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"amount": "20000000", "term_months": "36"}
	for k := range form {
		if v := q.Get(k); v != "" {
			form[k] = v
		}
	}
	amount, _ := strconv.ParseInt(form["amount"], 10, 64)
	months, _ := strconv.Atoi(form["term_months"])
	d := &journeyData{Amounts: []int64{5_000_000, 10_000_000, 20_000_000, 30_000_000}, Terms: []int{12, 24, 36}, Yuan: startup.Yuan, Wan: startup.Wan}
	if !slices.Contains(d.Amounts, amount) || !slices.Contains(d.Terms, months) {
		amount, months, form["amount"], form["term_months"] = 20_000_000, 36, "20000000", "36" // the picker's choices only
	}
	j, err := h.startup.StartupJourney(r.Context(), httpx.Actor(r), amount, months)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.J = j
	if s := j.Estimate; s != nil && len(s.Periods) > 0 {
		d.FirstNet = s.Periods[0].Payment - s.Periods[0].Subsidy
	}
	calls, err := h.funding.Calls(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	today := h.funding.Today()
	for _, c := range calls {
		if c.DecidedAt.IsZero() && c.Accepting(today) {
			d.Calls = append(d.Calls, c)
		}
	}
	classes, err := h.training.SearchClasses(r.Context(), httpx.Actor(r), app.ClassQuery{Type: string(training.TypeStartup)})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Classes = classes.Classes[:min(len(classes.Classes), 5)]
	if d.Mentors, err = h.activities.Upcoming(r.Context(), activity.KindMentor, 4); err != nil {
		h.fail(w, r, err)
		return
	}
	d.Now = h.now()
	h.render(w, r, http.StatusOK, "startup_journey", &Page{Title: "我想创业", Nav: "policy", Form: form, Data: d})
}
