package api

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

// trainingOutcomesAPI is 培训效果: the staff's report and a provider's
// public figures.
type trainingOutcomesAPI struct {
	*trainingAPI
	outcomes *app.TrainingOutcomes
}

type outcomeLineJSON struct {
	Label            string        `json:"label"`
	Trainees         int           `json:"trainees"`
	Placement        []horizonView `json:"placement"`
	Employed         int           `json:"employed_since_end"`
	Certified        int           `json:"certified"`
	PassRate         float64       `json:"certificate_rate"`
	SubsidyYuan      int64         `json:"subsidy_paid_yuan"`
	CostPerPlacement *int64        `json:"subsidy_per_placement_yuan"` // null when nobody is working yet
	Small            bool          `json:"small_sample"`
	Note             string        `json:"note,omitempty"`
}

func trainingOutcomeJSON(l app.OutcomeLine) outcomeLineJSON {
	v := outcomeLineJSON{Label: l.Label, Trainees: l.Trainees, Employed: l.Employed, Certified: l.Certified, PassRate: l.PassRate(),
		SubsidyYuan: l.SubsidyYuan, Small: l.Small, Placement: []horizonView{}}
	if c, ok := l.CostPerPlacement(); ok {
		v.CostPerPlacement = &c
	}
	if l.Small {
		v.Note = casework.SmallNote
	}
	for _, h := range l.Horizons {
		v.Placement = append(v.Placement, horizonView{Months: h.Months, Eligible: h.Eligible, Placed: h.Placed, Rate: h.Rate, Low: h.Low, High: h.High})
	}
	return v
}

type classOutcomeJSON struct {
	ID         int64  `json:"class_id"`
	Occupation string `json:"occupation"`
	Level      string `json:"level"`
	End        string `json:"ended_on"`
	outcomeLineJSON
}

type providerOutcomeJSON struct {
	ID int64 `json:"provider_id"`
	outcomeLineJSON
	Classes []classOutcomeJSON `json:"classes"`
}

// report is the staff's report as JSON.
func (h *trainingOutcomesAPI) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	oq, err := h.outcomes.ParseOutcomeQuery(q.Get("from"), q.Get("to"), q.Get("provider"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.outcomes.Report(r.Context(), httpx.Actor(r), oq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	providers := make([]providerOutcomeJSON, 0, len(rep.Providers))
	for _, p := range rep.Providers {
		pj := providerOutcomeJSON{ID: p.ProviderID, outcomeLineJSON: trainingOutcomeJSON(p.OutcomeLine), Classes: []classOutcomeJSON{}}
		for _, c := range p.Classes {
			pj.Classes = append(pj.Classes, classOutcomeJSON{ID: c.Class.ID, Occupation: h.training.OccupationName(c.Class.Occupation),
				Level: c.Class.Level.Label(), End: c.Class.End.Format(time.DateOnly), outcomeLineJSON: trainingOutcomeJSON(c.OutcomeLine)})
		}
		providers = append(providers, pj)
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": rep.Query.From.Format(time.DateOnly), "to": rep.Query.To.Format(time.DateOnly),
		"as_of": rep.Today.Format(time.DateOnly), "confidence": 0.95, "providers": providers, "total": trainingOutcomeJSON(rep.Total)})
}

// providerResults is a designated trainer's public figures over the last
// three years; below app.PublicMinTrainees trainees only the counts.
func (h *trainingOutcomesAPI) providerResults(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.training.Provider(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !v.Provider.Kind.Trains() || v.Provider.Status != training.StatusDesignated {
		writeJSON(w, http.StatusOK, map[string]any{"shown": false, "reason": "只公布已认定的培训机构的培训效果"})
		return
	}
	s, err := h.outcomes.PublicSummary(r.Context(), v.Provider)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !s.Shown {
		writeJSON(w, http.StatusOK, map[string]any{"shown": false, "classes": s.Classes, "reason": "近三年结业的学员不足 5 人，暂不公布"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"shown": true, "classes": s.Classes, "results": trainingOutcomeJSON(s.Line)})
}
