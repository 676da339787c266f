package api

// 创业扶持 endpoints: the 青创贷 repayment schedule and interest subsidy.

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/startup"
)

type startupAPI struct {
	base
	startup *app.Startup
}

type periodView struct {
	N         int    `json:"n"`
	DueDate   string `json:"due_date"`
	Principal int64  `json:"principal"`
	Interest  int64  `json:"interest"`
	Payment   int64  `json:"payment"`
	Subsidy   int64  `json:"subsidy"`
	Balance   int64  `json:"balance"`
}

type quarterView struct {
	Quarter string `json:"quarter"`
	Subsidy int64  `json:"subsidy"`
	Periods int    `json:"periods"`
}

// scheduleJSON is a schedule with every amount in fen.
func scheduleJSON(s *startup.Schedule) map[string]any {
	periods := make([]periodView, 0, len(s.Periods))
	for _, p := range s.Periods {
		periods = append(periods, periodView{N: p.N, DueDate: p.Due.Format(time.DateOnly), Principal: p.Principal, Interest: p.Interest,
			Payment: p.Payment, Subsidy: p.Subsidy, Balance: p.Balance})
	}
	quarters := []quarterView{}
	for _, q := range s.Quarters() {
		quarters = append(quarters, quarterView{Quarter: q.Label, Subsidy: q.Subsidy, Periods: q.Periods})
	}
	return map[string]any{"periods": periods, "total_interest": s.TotalInterest, "total_subsidy": s.TotalSubsidy,
		"total_payment": s.TotalPayment, "subsidy_rate": s.SubsidyRate.String(), "quarters": quarters, "explain": s.Explain(),
		"unit": "fen"}
}

func (h *startupAPI) schedule(w http.ResponseWriter, r *http.Request) {
	var in app.ScheduleInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.startup.LoanSchedule(in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, scheduleJSON(s))
}
