package api

// 技能评价 and 职业技能等级证书 endpoints: the public check by number and
// name (limited per IP); the holder's certificates and one certificate
// for the holder and staff; staff's list; an evaluation body's sittings,
// candidates, results (JSON or a spreadsheet) and issuing.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

type certificateAPI struct {
	base
	certs   *app.Certificates
	limiter *httpx.Limiter // per-IP limit on the public check
}

type certificateView struct {
	ID             int64  `json:"id"`
	Number         string `json:"number"`
	PersonID       int64  `json:"person_id"`
	Name           string `json:"name"`
	IDNumber       string `json:"id_number,omitempty"` // the holder's and staff's single certificate only
	IDMasked       string `json:"id_number_masked"`
	OccupationCode string `json:"occupation_code"`
	OccupationName string `json:"occupation_name"`
	Level          int    `json:"level"`
	LevelLabel     string `json:"level_label"`
	ProviderID     int64  `json:"provider_id"`
	Issuer         string `json:"issuer"`
	SittingID      int64  `json:"sitting_id"`
	IssuedOn       string `json:"issued_on"`
	Status         string `json:"status"`
	StatusLabel    string `json:"status_label"`
}

func (h *certificateAPI) certJSON(c *training.Certificate, full bool) certificateView {
	v := certificateView{ID: c.ID, Number: c.Number, PersonID: c.PersonID, Name: c.Name, IDMasked: c.IDMasked, OccupationCode: c.Occupation,
		OccupationName: h.certs.OccupationName(c.Occupation), Level: int(c.Level), LevelLabel: c.Level.Label(), ProviderID: c.ProviderID,
		Issuer: c.ProviderName, SittingID: c.SittingID, IssuedOn: c.IssuedOn.Format(time.DateOnly), Status: string(c.Status), StatusLabel: c.Status.Label()}
	if full {
		v.IDNumber = c.IDNumber
	}
	return v
}

func (h *certificateAPI) certsJSON(cs []*training.Certificate) []certificateView {
	out := make([]certificateView, 0, len(cs))
	for _, c := range cs {
		out = append(out, h.certJSON(c, false))
	}
	return out
}

// verify answers the public check: 200 with the occupation (its name),
// level, issuer and date, or the same 404 whether the number is unknown
// or the name does not match.
func (h *certificateAPI) verify(w http.ResponseWriter, r *http.Request) {
	if !h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		w.Header().Set("Retry-After", "60")
		h.fail(w, r, apperr.New(apperr.TooMany, "查询过于频繁，请稍后再试"))
		return
	}
	q := r.URL.Query()
	c, err := h.certs.VerifyCertificate(r.Context(), q.Get("number"), q.Get("name"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"valid": true, "number": c.Check.Number, "name": c.Check.Name,
		"occupation": c.OccupationName, "level": int(c.Check.Level), "level_label": c.Check.Level.Label(), "issuer": c.Check.Issuer,
		"issued_on": c.Check.IssuedOn.Format(time.DateOnly)})
}

func (h *certificateAPI) myCertificates(w http.ResponseWriter, r *http.Request) {
	cs, err := h.certs.MyCertificates(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": h.certsJSON(cs)})
}

func (h *certificateAPI) certificate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.certs.Certificate(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.certJSON(c, true))
}

func (h *certificateAPI) listCertificates(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cq := app.CertificateQuery{Occupation: q.Get("occupation"), Level: q.Get("level"), Provider: q.Get("provider_id"), From: q.Get("from"), To: q.Get("to")}
	cq.Page, _ = strconv.Atoi(q.Get("page"))
	res, err := h.certs.ListCertificates(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": h.certsJSON(res.Certificates), "total": res.Total, "page": res.Page, "pages": res.Pages()})
}

type sittingView struct {
	ID             int64  `json:"id"`
	ProviderID     int64  `json:"provider_id"`
	ProviderName   string `json:"provider_name"`
	OccupationCode string `json:"occupation_code"`
	OccupationName string `json:"occupation_name"`
	Level          int    `json:"level"`
	LevelLabel     string `json:"level_label"`
	HeldOn         string `json:"held_on"`
	Place          string `json:"place"`
	Capacity       int    `json:"capacity"`
	Candidates     int    `json:"candidates"`
	Status         string `json:"status"`
	StatusLabel    string `json:"status_label"`
}

func (h *certificateAPI) sittingJSON(s *training.Sitting) sittingView {
	return sittingView{ID: s.ID, ProviderID: s.ProviderID, ProviderName: s.ProviderName, OccupationCode: s.Occupation,
		OccupationName: h.certs.OccupationName(s.Occupation), Level: int(s.Level), LevelLabel: s.Level.Label(), HeldOn: s.HeldOn.Format(time.DateOnly),
		Place: s.Place, Capacity: s.Capacity, Candidates: s.Candidates, Status: string(s.Status), StatusLabel: s.Status.Label()}
}

type candidateView struct {
	PersonID    int64  `json:"person_id"`
	Name        string `json:"name"`
	IDMasked    string `json:"id_number_masked"`
	ClassID     int64  `json:"class_id,omitempty"`
	Result      string `json:"result"`
	ResultLabel string `json:"result_label"`
	Score       int    `json:"score"`
	Certificate string `json:"certificate_number,omitempty"`
}

func (h *certificateAPI) scheduleSitting(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.SittingInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.certs.ScheduleSitting(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.sittingJSON(s))
}

func (h *certificateAPI) mySittings(w http.ResponseWriter, r *http.Request) {
	es, err := h.certs.MySittings(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []sittingView{}
	for _, e := range es {
		for _, s := range e.Sittings {
			items = append(items, h.sittingJSON(s))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *certificateAPI) sitting(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.certs.Sitting(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ks := make([]candidateView, 0, len(v.Candidates))
	for _, k := range v.Candidates {
		ks = append(ks, candidateView{PersonID: k.PersonID, Name: k.PersonName, IDMasked: k.IDMasked, ClassID: k.ClassID, Result: string(k.Result),
			ResultLabel: k.Result.Label(), Score: k.Score, Certificate: k.Certificate})
	}
	writeJSON(w, http.StatusOK, map[string]any{"sitting": h.sittingJSON(v.Sitting), "candidates": ks, "pending": v.Pending, "passed": v.Passed,
		"issuable": v.Issuable})
}

func (h *certificateAPI) addCandidates(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.CandidateInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.certs.AddCandidates(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (h *certificateAPI) recordResults(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ResultsInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.certs.RecordResults(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sitting(w, r)
}

func (h *certificateAPI) importResults(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	name, data, done, err := uploadedFile(w, r, "file", "成绩表", training.MaxResultBytes+1<<20, "文件过大：成绩表不能超过 2 MB")
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.certs.ImportResults(r.Context(), httpx.Actor(r), id, name, data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	errs := make([]rowErrorView, 0, len(rep.Errors))
	for _, e := range rep.Errors {
		errs = append(errs, rowErrorView{Row: e.Row, Column: e.Column, Reason: e.Reason})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": rep.Total, "saved": rep.Saved, "errors": errs})
}

func (h *certificateAPI) issue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.IssueInput
	if err := decodeOptional(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	cs, err := h.certs.IssueCertificates(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"items": h.certsJSON(cs)})
}
