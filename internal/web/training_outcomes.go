package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

// outcomeLineView is an outcome line as the pages print it.
type outcomeLineView struct {
	Label     string
	Trainees  int
	Horizons  []horizonCell
	Employed  int
	Certified int
	PassRate  string // "80.0%"
	Subsidy   string // "12,000 元"
	Cost      string // cost per placement, "—" when nobody is working yet
	Small     bool
}

func outcomeView(l app.OutcomeLine) outcomeLineView {
	v := outcomeLineView{Label: l.Label, Trainees: l.Trainees, Employed: l.Employed, Certified: l.Certified, Small: l.Small,
		PassRate: "—", Subsidy: yuanText(l.SubsidyYuan), Cost: "—"}
	if l.Trainees > 0 {
		v.PassRate = pct(l.PassRate())
	}
	if c, ok := l.CostPerPlacement(); ok {
		v.Cost = yuanText(c)
	}
	for _, hz := range l.Horizons {
		c := horizonCell{Months: hz.Months, Placed: hz.Placed, Eligible: hz.Eligible, Rate: "—"}
		if hz.Eligible > 0 {
			c.Rate, c.Interval = pct(hz.Rate), pct(hz.Low)+"–"+pct(hz.High)
		}
		v.Horizons = append(v.Horizons, c)
	}
	return v
}

// yuanText prints whole yuan with thousands separators: "12,000 元".
func yuanText(y int64) string {
	s := strconv.FormatInt(y, 10)
	neg := y < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s + " 元"
}

type providerOutcomeView struct {
	Line    outcomeLineView
	ID      int64
	Classes []classOutcomeView
}

type classOutcomeView struct {
	Line       outcomeLineView
	ID         int64
	Occupation string
	Level      string
	End        time.Time
}

type outcomesPageData struct {
	Providers []providerOutcomeView
	Total     outcomeLineView
	Today     time.Time
	Export    string
}

// outcomeReport reads the query in r's URL and computes the report; a bad
// query is a field error.
func (h *trainingPages) outcomeReport(r *http.Request) (*app.OutcomeReport, map[string]string, error) {
	q := r.URL.Query()
	form := map[string]string{"from": q.Get("from"), "to": q.Get("to"), "provider": q.Get("provider")}
	oq, err := h.outcomes.ParseOutcomeQuery(form["from"], form["to"], form["provider"])
	if err != nil {
		return nil, form, err
	}
	rep, err := h.outcomes.Report(r.Context(), httpx.Actor(r), oq)
	if err != nil {
		return nil, form, err
	}
	form["from"], form["to"] = oq.From.Format(time.DateOnly), oq.To.Format(time.DateOnly)
	return rep, form, nil
}

// outcomesReport is the staff's 培训效果 page: per provider and class, placement
// at 3/6/12 months, certificates, subsidy paid and cost per placement.
func (h *trainingPages) outcomesReport(w http.ResponseWriter, r *http.Request) {
	rep, form, err := h.outcomeReport(r)
	page := &Page{Title: "培训效果", Nav: "console", Form: form, Data: &outcomesPageData{}}
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			page.Message, page.Errors = e.Message, e.Fields
			h.render(w, r, http.StatusUnprocessableEntity, "training_outcomes", page)
			return
		}
		h.fail(w, r, err)
		return
	}
	d := page.Data.(*outcomesPageData)
	d.Today, d.Total = rep.Today, outcomeView(rep.Total)
	d.Export = "/console/training/outcomes.xlsx?from=" + form["from"] + "&to=" + form["to"]
	for _, p := range rep.Providers {
		pv := providerOutcomeView{Line: outcomeView(p.OutcomeLine), ID: p.ProviderID}
		for _, c := range p.Classes {
			pv.Classes = append(pv.Classes, classOutcomeView{Line: outcomeView(c.OutcomeLine), ID: c.Class.ID,
				Occupation: h.training.OccupationName(c.Class.Occupation), Level: c.Class.Level.Label(), End: c.Class.End})
		}
		d.Providers = append(d.Providers, pv)
	}
	h.render(w, r, http.StatusOK, "training_outcomes", page)
}

var outcomeSheetHeader = []string{"培训机构", "培训班", "职业（工种）", "等级", "结业日期", "结业人数", "3个月就业率", "3个月（就业/满期）",
	"6个月就业率", "6个月（就业/满期）", "12个月就业率", "12个月（就业/满期）", "结业后就业人数", "取证人数", "取证率", "已拨付补贴（元）", "每就业一人的补贴（元）"}

// exportOutcomes is the report as .xlsx: a row per class, then a row per
// provider and the total.
func (h *trainingPages) exportOutcomes(w http.ResponseWriter, r *http.Request) {
	rep, _, err := h.outcomeReport(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	row := func(provider, class, occ, level, end string, l app.OutcomeLine) []any {
		out := []any{provider, class, occ, level, end, l.Trainees}
		for _, m := range []int{3, 6, 12} {
			hz := l.Horizon(m)
			rate := "—"
			if hz.Eligible > 0 {
				rate = pct(hz.Rate)
			}
			out = append(out, rate, fmt.Sprintf("%d/%d", hz.Placed, hz.Eligible))
		}
		cost := any("—")
		if c, ok := l.CostPerPlacement(); ok {
			cost = c
		}
		return append(out, l.Employed, l.Certified, pct(l.PassRate()), l.SubsidyYuan, cost)
	}
	var rows [][]any
	for _, p := range rep.Providers {
		for _, c := range p.Classes {
			rows = append(rows, row(p.Label, c.Label, h.training.OccupationName(c.Class.Occupation), c.Class.Level.Label(), c.Class.End.Format(time.DateOnly), c.OutcomeLine))
		}
		rows = append(rows, row(p.Label, "（本机构合计）", "", "", "", p.OutcomeLine))
	}
	rows = append(rows, row("合计", "", "", "", "", rep.Total))
	h.writeSheet(w, "培训效果", outcomeSheetHeader, rows)
}
