package api

// 青创园 endpoints: the public list and page of the recognised parks (with
// their tenants' open job posts), and for staff managing parks the
// registration, tenants, events and annual assessments.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/startup"
)

type parkView struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	Level          string   `json:"level"`
	LevelLabel     string   `json:"level_label"`
	RegionCode     string   `json:"region_code"`
	RegionName     string   `json:"region_name"`
	Address        string   `json:"address"`
	Operator       string   `json:"operator"`
	ContactName    string   `json:"contact_name"`
	ContactPhone   string   `json:"contact_phone"`
	SpaceUnit      string   `json:"space_unit"`
	SpaceUnitLabel string   `json:"space_unit_label"`
	TotalSpace     int      `json:"total_space"`
	OpenSpace      int      `json:"open_space"`
	UsedSpace      int      `json:"used_space"`
	Tenants        int      `json:"tenants"`
	Services       []string `json:"services"`
	ServiceLabels  []string `json:"service_labels"`
	Status         string   `json:"status"`
	StatusLabel    string   `json:"status_label"`
	Intro          string   `json:"intro"`
	CreatedAt      string   `json:"created_at"`
	UpdatedAt      string   `json:"updated_at"`
}

func (h *startupAPI) parkJSON(p *startup.Park) parkView {
	return parkView{ID: p.ID, Name: p.Name, Level: string(p.Level), LevelLabel: p.Level.Label(), RegionCode: p.RegionCode,
		RegionName: h.startup.PlaceName(p.RegionCode), Address: p.Address, Operator: p.Operator, ContactName: p.ContactName,
		ContactPhone: p.ContactPhone, SpaceUnit: string(p.Unit), SpaceUnitLabel: p.Unit.Label(), TotalSpace: p.TotalSpace,
		OpenSpace: p.OpenSpace, UsedSpace: p.UsedSpace, Tenants: p.Tenants, Services: nonNil(p.Services), ServiceLabels: p.ServiceLabels(),
		Status: string(p.Status), StatusLabel: p.Status.Label(), Intro: p.Intro, CreatedAt: ts(p.CreatedAt), UpdatedAt: ts(p.UpdatedAt)}
}

type tenantView struct {
	ID             int64  `json:"id"`
	ParkID         int64  `json:"park_id"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name"`
	MoveIn         string `json:"move_in"`
	SpaceUsed      int    `json:"space_used"`
	JobsCreated    int    `json:"jobs_created"`
	Status         string `json:"status"`
	StatusLabel    string `json:"status_label"`
	LeftOn         string `json:"left_on,omitempty"`
}

func tenantJSON(t *startup.ParkTenant) tenantView {
	v := tenantView{ID: t.ID, ParkID: t.ParkID, EnterpriseID: t.EnterpriseID, EnterpriseName: t.EnterpriseName,
		MoveIn: t.MoveIn.Format(time.DateOnly), SpaceUsed: t.SpaceUsed, JobsCreated: t.Jobs, Status: string(t.Status), StatusLabel: t.Status.Label()}
	if !t.LeftOn.IsZero() {
		v.LeftOn = t.LeftOn.Format(time.DateOnly)
	}
	return v
}

type eventView struct {
	ID        int64  `json:"id"`
	ParkID    int64  `json:"park_id"`
	Date      string `json:"date"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	Attendees int    `json:"attendees"`
}

func eventJSON(e *startup.ParkEvent) eventView {
	return eventView{ID: e.ID, ParkID: e.ParkID, Date: e.Date.Format(time.DateOnly), Title: e.Title, Kind: string(e.Kind),
		KindLabel: e.Kind.Label(), Attendees: e.Attendees}
}

type factsView struct {
	Year        int    `json:"year"`
	AsOf        string `json:"as_of"`
	Tenants     int    `json:"tenants"`
	NewTenants  int    `json:"new_tenants"`
	Graduated   int    `json:"graduated"`
	JobsCreated int    `json:"jobs_created"`
	Events      int    `json:"events"`
	Attendees   int    `json:"attendees"`
	UsedSpace   int    `json:"used_space"`
	TotalSpace  int    `json:"total_space"`
	SpaceUnit   string `json:"space_unit"`
	Occupancy   string `json:"occupancy"`
	OccupancyBP int    `json:"occupancy_bp"`
}

func factsJSON(f startup.ParkFacts) factsView {
	return factsView{Year: f.Year, AsOf: f.AsOf.Format(time.DateOnly), Tenants: f.Tenants, NewTenants: f.NewTenants, Graduated: f.Graduated,
		JobsCreated: f.Jobs, Events: f.Events, Attendees: f.Attendees, UsedSpace: f.UsedSpace, TotalSpace: f.TotalSpace,
		SpaceUnit: string(f.Unit), Occupancy: f.OccupancyText(), OccupancyBP: f.Occupancy}
}

type assessmentView struct {
	ID         int64     `json:"id"`
	ParkID     int64     `json:"park_id"`
	Year       int       `json:"year"`
	Score      int       `json:"score"`
	Grade      string    `json:"grade"`
	GradeLabel string    `json:"grade_label"`
	Comment    string    `json:"comment"`
	Facts      factsView `json:"facts"`
	AssessedBy int64     `json:"assessed_by"`
	CreatedAt  string    `json:"created_at"`
	UpdatedAt  string    `json:"updated_at"`
}

func assessmentJSON(a *startup.ParkAssessment) assessmentView {
	return assessmentView{ID: a.ID, ParkID: a.ParkID, Year: a.Year, Score: a.Score, Grade: string(a.Grade), GradeLabel: a.Grade.Label(),
		Comment: a.Comment, Facts: factsJSON(a.Facts), AssessedBy: a.AssessedBy, CreatedAt: ts(a.CreatedAt), UpdatedAt: ts(a.UpdatedAt)}
}

func assessmentsJSON(as []*startup.ParkAssessment) []assessmentView {
	out := make([]assessmentView, 0, len(as))
	for _, a := range as {
		out = append(out, assessmentJSON(a))
	}
	return out
}

// parkPostView is a tenant's open post, as the park's page lists it.
type parkPostView struct {
	ID             int64  `json:"id"`
	Title          string `json:"title"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name"`
	SalaryMin      int    `json:"salary_min"`
	SalaryMax      int    `json:"salary_max"`
	RegionCode     string `json:"region_code"`
	PublishedAt    string `json:"published_at"`
}

func parkPostsJSON(ps []*jobs.Post) []parkPostView {
	out := make([]parkPostView, 0, len(ps))
	for _, p := range ps {
		out = append(out, parkPostView{ID: p.ID, Title: p.Title, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName,
			SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, RegionCode: p.RegionCode, PublishedAt: ts(p.PublishedAt)})
	}
	return out
}

func (h *startupAPI) parks(w http.ResponseWriter, r *http.Request) {
	ps, err := h.startup.ParkList(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]parkView, 0, len(ps))
	for _, p := range ps {
		out = append(out, h.parkJSON(p))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *startupAPI) park(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.startup.ParkView(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	tenants := make([]tenantView, 0, len(v.Tenants))
	for _, t := range v.Tenants {
		tenants = append(tenants, tenantJSON(t))
	}
	events := make([]eventView, 0, len(v.Events))
	for _, e := range v.Events {
		events = append(events, eventJSON(e))
	}
	out := map[string]any{"park": h.parkJSON(v.Park), "tenants": tenants, "events": events, "posts": parkPostsJSON(v.Posts)}
	if v.Manager {
		out["assessments"] = assessmentsJSON(v.Assessments)
		out["facts"] = factsJSON(*v.Facts)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *startupAPI) createPark(w http.ResponseWriter, r *http.Request) {
	var in app.ParkInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.startup.CreatePark(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.parkJSON(p))
}

func (h *startupAPI) updatePark(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ParkInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.startup.UpdatePark(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.parkJSON(p))
}

func (h *startupAPI) addParkTenant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.TenantInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.startup.AddParkTenant(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, tenantJSON(t))
}

func (h *startupAPI) updateParkTenant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.TenantInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.startup.UpdateParkTenant(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tenantJSON(t))
}

func (h *startupAPI) addParkEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.EventInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.startup.AddParkEvent(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, eventJSON(e))
}

func (h *startupAPI) updateParkEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.EventInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.startup.UpdateParkEvent(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, eventJSON(e))
}

// parkYear is a park's year for its assessor (?year=, default last year):
// the facts the records give now, and the year's assessment if made.
func (h *startupAPI) parkYear(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	year := 0
	if s := strings.TrimSpace(r.URL.Query().Get("year")); s != "" {
		if year, err = strconv.Atoi(s); err != nil {
			h.fail(w, r, apperr.Field("year", "考核年度应为四位数年份，如 2025"))
			return
		}
	}
	v, err := h.startup.ParkYear(r.Context(), httpx.Actor(r), id, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"park_id": v.Park.ID, "year": v.Facts.Year, "facts": factsJSON(v.Facts), "assessment": nil,
		"assessments": assessmentsJSON(v.Assessments)}
	if v.Assessment != nil {
		out["assessment"] = assessmentJSON(v.Assessment)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *startupAPI) assessPark(revise bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in app.AssessmentInput
		if err := Decode(r.Body, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		a, err := h.startup.AssessPark(r.Context(), httpx.Actor(r), id, in, revise)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		status := http.StatusCreated
		if revise {
			status = http.StatusOK
		}
		writeJSON(w, status, assessmentJSON(a))
	}
}
