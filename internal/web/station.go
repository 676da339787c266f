package web

// Station pages: the labour stations and university liaison stations (with
// staff's form to register one) and a station's page: its contact, its
// events and its results.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
)

// stationPages are the station pages.
type stationPages struct {
	*site
	stations *app.Stations
}

type stationsData struct {
	List    []*activity.Station
	Kinds   []activity.StationKind
	Manager bool
}

func (h *stationPages) listPage(r *http.Request) (*Page, error) {
	list, err := h.stations.List(r.Context())
	if err != nil {
		return nil, err
	}
	d := &stationsData{List: list, Kinds: []activity.StationKind{activity.StationLabour, activity.StationUniversity},
		Manager: account.CanManageStations(httpx.User(r.Context()))}
	page := &Page{Title: "劳务工作站与高校联络站", Nav: "activities", Data: d, Form: map[string]string{"kind": string(activity.StationLabour)}}
	if r.URL.Query().Get("done") == "created" {
		page.Flash = "已登记。"
	}
	return page, nil
}

// list is the stations.
func (h *stationPages) list(w http.ResponseWriter, r *http.Request) {
	page, err := h.listPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "stations", page)
}

// create registers a station from staff's form.
func (h *stationPages) create(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "name", "kind", "region", "contact_name", "contact_phone")
	st, err := h.stations.Create(r.Context(), httpx.Actor(r), app.StationInput{Name: form["name"], Kind: form["kind"], Region: form["region"],
		ContactName: form["contact_name"], ContactPhone: form["contact_phone"]})
	if err != nil {
		h.failOnPage(w, r, "stations", err, form, func() (*Page, error) { return h.listPage(r) })
		return
	}
	http.Redirect(w, r, "/stations/"+strconv.FormatInt(st.ID, 10)+"?done=created", http.StatusSeeOther)
}

type stationPageData struct {
	V *app.StationView
}

// show is a station's page.
func (h *stationPages) show(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "工作站不存在")
	if !ok {
		return
	}
	v, err := h.stations.Station(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: v.Station.Name, Nav: "activities", Data: &stationPageData{V: v}}
	if r.URL.Query().Get("done") == "created" {
		page.Flash = "已登记。该站主办的活动（主办单位名称与站名相同）会列在这里。"
	}
	h.render(w, r, http.StatusOK, "station", page)
}
