package api

// Job fair endpoints: a fair's booths with their open posts (and, to
// staff, the totals); an employer applies for a booth and records its
// results; staff approve (at a place) or reject; a person sends their
// resume at a booth (what its QR code's page does).

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

type fairAPI struct {
	base
	fairs *app.Fairs
}

type boothPostView struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Salary string `json:"salary"`
}

type boothView struct {
	ID          int64           `json:"id"`
	FairID      int64           `json:"fair_id"`
	Enterprise  enterpriseRef   `json:"enterprise"`
	Place       string          `json:"place,omitempty"`
	Row         int             `json:"row,omitempty"`
	Col         int             `json:"col,omitempty"`
	Status      string          `json:"status"`
	StatusLabel string          `json:"status_label"`
	Reason      string          `json:"reason,omitempty"`
	Resumes     int             `json:"resumes"`
	Intentions  int             `json:"intentions"`
	Hires       int             `json:"hires"`
	RecordedAt  string          `json:"recorded_at,omitempty"`
	ScanURL     string          `json:"scan_url,omitempty"`
	Posts       []boothPostView `json:"posts,omitempty"`
}

func boothJSON(b *activity.Booth) boothView {
	v := boothView{ID: b.ID, FairID: b.ActivityID, Enterprise: enterpriseRef{ID: b.EnterpriseID, Name: b.EnterpriseName}, Place: b.Place(),
		Row: b.Row, Col: b.Col, Status: string(b.Status), StatusLabel: b.Status.Label(), Reason: b.Reason, Resumes: b.Resumes,
		Intentions: b.Intentions, Hires: b.Hires}
	if !b.RecordedAt.IsZero() {
		v.RecordedAt = ts(b.RecordedAt)
	}
	if b.Status == activity.BoothApproved {
		v.ScanURL = "/fairs/" + strconv.FormatInt(b.ActivityID, 10) + "/booths/" + strconv.FormatInt(b.ID, 10) + "/scan"
	}
	return v
}

// ids reads {id} (the fair) and {booth}.
func fairIDs(r *http.Request) (fair, booth int64, err error) {
	if fair, err = pathID(r); err != nil {
		return 0, 0, err
	}
	booth, err = strconv.ParseInt(r.PathValue("booth"), 10, 64)
	if err != nil || booth <= 0 {
		return 0, 0, apperr.New(apperr.NotFound, "展位不存在")
	}
	return fair, booth, nil
}

func (h *fairAPI) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.fairs.Fair(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	booths := []boothView{}
	for _, b := range v.Booths {
		bv := boothJSON(b)
		for _, p := range v.Posts[b.ID] {
			bv.Posts = append(bv.Posts, boothPostView{ID: p.ID, Title: p.Title, Salary: jobs.SalaryText(p.SalaryMin, p.SalaryMax)})
		}
		booths = append(booths, bv)
	}
	out := map[string]any{"fair_id": v.Activity.ID, "title": v.Activity.Title, "kind": string(v.Activity.Kind), "phase": string(v.Phase),
		"booths": booths, "grid": map[string]int{"rows": v.Grid.Rows, "cols": v.Grid.Cols}}
	if v.Mine != nil {
		out["my_booth"] = boothJSON(v.Mine)
	}
	if v.ApplyRefusal != "" {
		out["apply_refusal"] = v.ApplyRefusal
	}
	if t := v.Totals; t != nil {
		out["totals"] = map[string]int{"booths": t.Booths, "applied": t.Applied, "preregistered": t.Preregistered, "resumes": t.Resumes,
			"intentions": t.Intentions, "hires": t.Hires, "hired_on_board": t.HiredOnBoard, "recorded": t.Recorded}
		out["stations"] = stationResultsJSON(v.Stations)
	}
	if v.Station != nil {
		out["station_id"] = v.Station.ID
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *fairAPI) apply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.fairs.ApplyBooth(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, boothJSON(b))
}

func (h *fairAPI) decide(w http.ResponseWriter, r *http.Request) {
	id, booth, err := fairIDs(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.BoothDecisionInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.fairs.DecideBooth(r.Context(), httpx.Actor(r), id, booth, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, boothJSON(b))
}

func (h *fairAPI) scan(w http.ResponseWriter, r *http.Request) {
	id, booth, err := fairIDs(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ScanInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ap, err := h.fairs.SendResume(r.Context(), httpx.Actor(r), id, booth, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, jobAppJSONOf(ap))
}

func (h *fairAPI) results(w http.ResponseWriter, r *http.Request) {
	id, booth, err := fairIDs(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.BoothResultsInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.fairs.RecordResults(r.Context(), httpx.Actor(r), id, booth, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, boothJSON(b))
}
