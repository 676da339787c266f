package api

// 技能培训 endpoints: the public list and page of designated providers and
// the search and page of filed classes; an employer's applications and
// classes; staff's designation decisions and 开班备案.

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

type trainingAPI struct {
	base
	training *app.Training
}

type scopeView struct {
	OccupationCode string `json:"occupation_code"`
	OccupationName string `json:"occupation_name"`
	Level          int    `json:"level"`
	LevelLabel     string `json:"level_label"`
}

type providerView struct {
	ID           int64       `json:"id"`
	Name         string      `json:"name"`
	Kind         string      `json:"kind"`
	KindLabel    string      `json:"kind_label"`
	RegionCode   string      `json:"region_code"`
	RegionName   string      `json:"region_name"`
	Address      string      `json:"address"`
	ContactName  string      `json:"contact_name"`
	ContactPhone string      `json:"contact_phone"`
	Scope        []scopeView `json:"scope"`
	Intro        string      `json:"intro"`
	Status       string      `json:"status"`
	StatusLabel  string      `json:"status_label"`
	Reason       string      `json:"reason,omitempty"`
	CreatedAt    string      `json:"created_at"`
	UpdatedAt    string      `json:"updated_at"`
}

func (h *trainingAPI) providerJSON(p *training.Provider) providerView {
	v := providerView{ID: p.ID, Name: p.Name, Kind: string(p.Kind), KindLabel: p.Kind.Label(), RegionCode: p.RegionCode,
		RegionName: h.training.PlaceName(p.RegionCode), Address: p.Address, ContactName: p.ContactName, ContactPhone: p.ContactPhone,
		Scope: []scopeView{}, Intro: p.Intro, Status: string(p.Status), StatusLabel: p.Status.Label(), Reason: p.Reason,
		CreatedAt: ts(p.CreatedAt), UpdatedAt: ts(p.UpdatedAt)}
	for _, it := range p.Scope {
		v.Scope = append(v.Scope, scopeView{OccupationCode: it.Occupation, OccupationName: h.training.OccupationName(it.Occupation),
			Level: int(it.Level), LevelLabel: it.Level.Label()})
	}
	return v
}

type sessionView struct {
	ID    int64  `json:"id"`
	Date  string `json:"date"`
	Start string `json:"start"`
	End   string `json:"end"`
	Place string `json:"place"`
}

type classView struct {
	ID             int64         `json:"id"`
	ProviderID     int64         `json:"provider_id"`
	ProviderName   string        `json:"provider_name"`
	Title          string        `json:"title"`
	Type           string        `json:"type"`
	TypeLabel      string        `json:"type_label"`
	OccupationCode string        `json:"occupation_code"`
	OccupationName string        `json:"occupation_name"`
	Level          int           `json:"level"`
	LevelLabel     string        `json:"level_label"`
	Hours          int           `json:"hours"`
	Capacity       int           `json:"capacity"`
	Enrolled       int           `json:"enrolled"`
	Seats          int           `json:"seats"`
	FeeYuan        int           `json:"fee_yuan"`
	RegionCode     string        `json:"region_code"`
	RegionName     string        `json:"region_name"`
	StartDate      string        `json:"start_date"`
	EndDate        string        `json:"end_date"`
	Sessions       []sessionView `json:"sessions"`
	SubsidyYuan    int           `json:"subsidy_yuan"`
	SubsidySource  string        `json:"subsidy_source,omitempty"`
	Status         string        `json:"status"`
	StatusLabel    string        `json:"status_label"`
	Reason         string        `json:"reason,omitempty"`
	CreatedAt      string        `json:"created_at"`
	UpdatedAt      string        `json:"updated_at"`
}

func (h *trainingAPI) classJSON(c *training.Class) classView {
	v := classView{ID: c.ID, ProviderID: c.ProviderID, ProviderName: c.ProviderName, Title: c.Title, Type: string(c.Type),
		TypeLabel: c.Type.Label(), OccupationCode: c.Occupation, OccupationName: h.training.OccupationName(c.Occupation),
		Level: int(c.Level), LevelLabel: c.Level.Label(), Hours: c.Hours, Capacity: c.Capacity, Enrolled: c.Enrolled, Seats: c.Seats(), FeeYuan: c.FeeYuan,
		RegionCode: c.RegionCode, RegionName: h.training.PlaceName(c.RegionCode), StartDate: c.Start().Format(time.DateOnly),
		EndDate: c.End().Format(time.DateOnly), Sessions: []sessionView{}, SubsidyYuan: c.SubsidyYuan, SubsidySource: c.SubsidySource,
		Status: string(c.Status), StatusLabel: c.Status.Label(), Reason: c.Reason, CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt)}
	for _, s := range c.Sessions {
		v.Sessions = append(v.Sessions, sessionView{ID: s.ID, Date: s.Date.Format(time.DateOnly), Start: s.Start, End: s.End, Place: s.Place})
	}
	return v
}

func (h *trainingAPI) classesJSON(cs []*training.Class) []classView {
	out := make([]classView, 0, len(cs))
	for _, c := range cs {
		out = append(out, h.classJSON(c))
	}
	return out
}

func (h *trainingAPI) providersJSON(w http.ResponseWriter, ps []*training.Provider) {
	out := make([]providerView, 0, len(ps))
	for _, p := range ps {
		out = append(out, h.providerJSON(p))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *trainingAPI) providers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ps, err := h.training.Providers(r.Context(), httpx.Actor(r), q.Get("status"), q.Get("kind"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.providersJSON(w, ps)
}

func (h *trainingAPI) myProviders(w http.ResponseWriter, r *http.Request) {
	ps, err := h.training.MyProviders(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.providersJSON(w, ps)
}

func (h *trainingAPI) provider(w http.ResponseWriter, r *http.Request) {
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
	writeJSON(w, http.StatusOK, map[string]any{"provider": h.providerJSON(v.Provider), "classes": h.classesJSON(v.Classes)})
}

func (h *trainingAPI) applyProvider(w http.ResponseWriter, r *http.Request) {
	var in app.ProviderInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.training.ApplyProvider(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.providerJSON(p))
}

// providerStatus is designate, suspend or reinstate.
func (h *trainingAPI) providerStatus(op func(*app.Training) func(r *http.Request, a app.Actor, id int64, in app.StatusInput) (*training.Provider, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in app.StatusInput
		if err := decodeOptional(r, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		p, err := op(h.training)(r, httpx.Actor(r), id, in)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, h.providerJSON(p))
	}
}

func designateOp(t *app.Training) func(*http.Request, app.Actor, int64, app.StatusInput) (*training.Provider, error) {
	return func(r *http.Request, a app.Actor, id int64, in app.StatusInput) (*training.Provider, error) {
		return t.DesignateProvider(r.Context(), a, id, in)
	}
}

func suspendOp(t *app.Training) func(*http.Request, app.Actor, int64, app.StatusInput) (*training.Provider, error) {
	return func(r *http.Request, a app.Actor, id int64, in app.StatusInput) (*training.Provider, error) {
		return t.SuspendProvider(r.Context(), a, id, in)
	}
}

func reinstateOp(t *app.Training) func(*http.Request, app.Actor, int64, app.StatusInput) (*training.Provider, error) {
	return func(r *http.Request, a app.Actor, id int64, in app.StatusInput) (*training.Provider, error) {
		return t.ReinstateProvider(r.Context(), a, id, in)
	}
}

// decodeOptional reads a JSON body that may be empty.
func decodeOptional(r *http.Request, dst any) error {
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil || len(bytes.TrimSpace(raw)) > 0 {
		return Decode(bytes.NewReader(raw), dst)
	}
	return nil
}

func (h *trainingAPI) openClass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ClassInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.training.OpenClass(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.classJSON(c))
}

func (h *trainingAPI) updateClass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ClassInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.training.UpdateClass(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.classJSON(c))
}

func (h *trainingAPI) class(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.training.Class(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.classJSON(c))
}

// reviewClass is approve (true) or return (false).
func (h *trainingAPI) reviewClass(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in app.StatusInput
		if err := decodeOptional(r, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		c, err := h.training.ReviewClass(r.Context(), httpx.Actor(r), id, approve, in)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, h.classJSON(c))
	}
}

func (h *trainingAPI) searchClasses(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cq := app.ClassQuery{Occupation: q.Get("occupation"), Type: q.Get("type"), Region: q.Get("region"), From: q.Get("from"),
		Free: q.Get("free") == "1" || q.Get("free") == "true", Subsidised: q.Get("subsidised") == "1" || q.Get("subsidised") == "true",
		Status: q.Get("status")}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			h.fail(w, r, apperr.Field("page", "页码应为正整数"))
			return
		}
		cq.Page = n
	}
	res, err := h.training.SearchClasses(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": h.classesJSON(res.Classes), "total": res.Total, "page": res.Page,
		"pages": res.Pages(), "page_size": app.ClassPageSize, "occupation_code": res.OccupationCode})
}

func (h *trainingAPI) standard(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f apperr.Fields
	typ := training.ClassType(q.Get("type"))
	if !typ.Valid() {
		f.Add("type", "培训类型应为 employment、upgrade 或 startup")
	}
	level, err := strconv.Atoi(q.Get("level"))
	if err != nil || !training.Level(level).Valid() {
		f.Add("level", "等级应为 5（五级/初级工）到 1（一级/高级技师）")
	}
	day := app.ParseDate(&f, "date", q.Get("date"))
	if q.Get("date") == "" {
		f.Add("date", "请填写开班日期 YYYY-MM-DD")
	}
	if err := f.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	s, ok, err := h.training.Standard(string(typ), level, day)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"found": false, "subsidy_yuan": 0})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"found": true, "subsidy_yuan": s.Yuan, "source": s.Source,
		"valid_from": s.From.Format(time.DateOnly), "valid_to": dateOrEmpty(s.To)})
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
