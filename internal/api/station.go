package api

// Station endpoints: the labour and university liaison stations, one
// station with its events and results (the workers it brought to each
// fair and the hires among them), and staff's registration and edit.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
)

type stationAPI struct {
	base
	stations *app.Stations
}

type stationView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	KindLabel    string `json:"kind_label"`
	Region       string `json:"region"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
}

func stationJSON(s *activity.Station) stationView {
	return stationView{ID: s.ID, Name: s.Name, Kind: string(s.Kind), KindLabel: s.Kind.Label(), Region: s.Region,
		ContactName: s.ContactName, ContactPhone: s.ContactPhone}
}

func (h *stationAPI) list(w http.ResponseWriter, r *http.Request) {
	list, err := h.stations.List(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []stationView{}
	for _, s := range list {
		items = append(items, stationJSON(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *stationAPI) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.stations.Station(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type event struct {
		ID    int64  `json:"id"`
		Kind  string `json:"kind"`
		Title string `json:"title"`
		Start string `json:"start"`
	}
	events := []event{}
	for _, a := range v.Events {
		events = append(events, event{a.ID, string(a.Kind), a.Title, ts(a.StartsAt)})
	}
	s := v.Stats
	writeJSON(w, http.StatusOK, map[string]any{"station": stationJSON(v.Station), "events": events, "events_total": v.Total,
		"stats": map[string]int{"events": s.Events, "signups": s.Signups, "brought": s.Brought, "resumes": s.Resumes, "hired": s.Hired,
			"booth_intentions": s.BoothIntended, "booth_hires": s.BoothHires},
		"fairs": stationResultsJSON(v.Fairs)})
}

type stationResultView struct {
	StationID   int64  `json:"station_id"`
	StationName string `json:"station_name,omitempty"`
	FairID      int64  `json:"fair_id"`
	Title       string `json:"title,omitempty"`
	Start       string `json:"start,omitempty"`
	Brought     int    `json:"brought"`
	Resumes     int    `json:"resumes"`
	Hired       int    `json:"hired"`
}

// stationResultsJSON is what stations brought to fairs: per fair on a
// station's page, per station on a fair's.
func stationResultsJSON(list []activity.StationResult) []stationResultView {
	out := []stationResultView{}
	for _, r := range list {
		v := stationResultView{StationID: r.StationID, StationName: r.StationName, FairID: r.ActivityID, Title: r.Title,
			Brought: r.Brought, Resumes: r.Resumes, Hired: r.Hired}
		if !r.Start.IsZero() {
			v.Start = ts(r.Start)
		}
		out = append(out, v)
	}
	return out
}

func (h *stationAPI) update(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.StationInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.stations.Update(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, stationJSON(s))
}

func (h *stationAPI) create(w http.ResponseWriter, r *http.Request) {
	var in app.StationInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.stations.Create(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, stationJSON(s))
}
