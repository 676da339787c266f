package web

// Station pages: the labour stations and university liaison stations (with
// staff's form to register one), a station's page: its contact, its
// events and its results (the workers it brought to each fair and the
// hires among them), and staff's edit form.

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
	form := formValues(r, stationFields...)
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
	switch r.URL.Query().Get("done") {
	case "created":
		page.Flash = "已登记。发布活动时选择本站为主办的工作站，活动就会列在这里。"
	case "saved":
		page.Flash = "已保存。"
	}
	h.render(w, r, http.StatusOK, "station", page)
}

type stationEditData struct {
	ID    int64
	Name  string // as stored, for the crumbs
	Kinds []activity.StationKind
}

var stationFields = []string{"name", "kind", "region", "contact_name", "contact_phone"}

// editForm is staff's form of a station.
func (h *stationPages) editForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "工作站不存在")
	if !ok {
		return
	}
	st, err := h.stations.Get(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := h.stations.InputOf(st)
	form := map[string]string{"name": in.Name, "kind": in.Kind, "region": in.Region, "contact_name": in.ContactName, "contact_phone": in.ContactPhone}
	h.render(w, r, http.StatusOK, "station_edit", stationEditPage(st, form))
}

func stationEditPage(st *activity.Station, form map[string]string) *Page {
	return &Page{Title: "修改工作站 · " + st.Name, Nav: "activities", Form: form,
		Data: &stationEditData{ID: st.ID, Name: st.Name, Kinds: []activity.StationKind{activity.StationLabour, activity.StationUniversity}}}
}

// save saves staff's edit of a station; a refused one re-renders the form
// with what was typed and the messages.
func (h *stationPages) save(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "工作站不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, stationFields...)
	a := httpx.Actor(r)
	if _, err := h.stations.Update(r.Context(), a, id, app.StationInput{Name: form["name"], Kind: form["kind"], Region: form["region"],
		ContactName: form["contact_name"], ContactPhone: form["contact_phone"]}); err != nil {
		h.failOnPage(w, r, "station_edit", err, form, func() (*Page, error) {
			st, err := h.stations.Get(r.Context(), a, id)
			if err != nil {
				return nil, err
			}
			return stationEditPage(st, form), nil
		})
		return
	}
	http.Redirect(w, r, "/stations/"+strconv.FormatInt(id, 10)+"?done=saved", http.StatusSeeOther)
}
