package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

// registryAPI serves the person and enterprise registry: the profiles of the
// user logged in (/me) and the person's reveal of their own full ID number
// and phone (limited per IP like login), and search, view, edit and
// verification by id.
type registryAPI struct {
	base
	registry *app.Registry
	limiter  *httpx.Limiter // per-IP limit on reveals, shared with login and sign-up
}

type revealInput struct {
	Password string `json:"password,omitempty"`
}

type verifyInput struct {
	Verified bool `json:"verified"`
}

// personView is a person's profile. The full ID number and phone appear
// only from personJSON(p, true) and only when the app layer disclosed them:
// to bureau personnel (audited), or to the person after a reveal (audited);
// the person's own record otherwise comes from the app masked.
type personView struct {
	ID                   int64  `json:"id"`
	Name                 string `json:"name"`
	IDNumber             string `json:"id_number,omitempty"`
	IDNumberMasked       string `json:"id_number_masked"`
	Phone                string `json:"phone,omitempty"`
	PhoneMasked          string `json:"phone_masked"`
	BirthDate            string `json:"birth_date"`
	Gender               string `json:"gender"`
	Education            string `json:"education"`
	GraduationDate       string `json:"graduation_date"`
	HukouRegion          string `json:"hukou_region"`
	ResidenceRegion      string `json:"residence_region"`
	EmploymentStatus     string `json:"employment_status"`
	RegisteredUnemployed bool   `json:"registered_unemployed"`
	DifficultyCategory   string `json:"difficulty_category"`
	Veteran              bool   `json:"veteran"`
	UpdatedAt            string `json:"updated_at"`
}

func personJSON(p *registry.Person, full bool) personView {
	v := personView{ID: p.ID, Name: p.Name, IDNumberMasked: p.IDMasked, PhoneMasked: p.PhoneMasked,
		BirthDate: date(p.Birth), Gender: p.Gender(), Education: p.Education, GraduationDate: date(p.GraduationDate),
		HukouRegion: p.HukouRegion, ResidenceRegion: p.ResidenceRegion, EmploymentStatus: p.EmploymentStatus,
		RegisteredUnemployed: p.RegisteredUnemployed, DifficultyCategory: p.DifficultyCategory, Veteran: p.Veteran,
		UpdatedAt: ts(p.UpdatedAt)}
	if v.IDNumberMasked == "" {
		v.IDNumberMasked, v.PhoneMasked = registry.MaskID(p.IDNumber), registry.MaskPhone(p.Phone)
	}
	if full {
		v.IDNumber, v.Phone = p.IDNumber, p.Phone
	} else {
		v.BirthDate = "" // derivable from the ID number: not in masked lists
	}
	return v
}

type enterpriseView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	USCC         string `json:"uscc"`
	USCCWarning  bool   `json:"uscc_warning"`
	IndustryCode string `json:"industry_code"`
	RegionCode   string `json:"region_code"`
	Size         string `json:"size"`
	RegisteredOn string `json:"registered_on"`
	Verified     bool   `json:"verified"`
	VerifiedAt   string `json:"verified_at,omitempty"`
}

func enterpriseJSON(e *registry.Enterprise) enterpriseView {
	return enterpriseView{ID: e.ID, Name: e.Name, USCC: e.USCC, USCCWarning: e.USCCWarning, IndustryCode: e.IndustryCode,
		RegionCode: e.RegionCode, Size: e.Size, RegisteredOn: date(e.RegisteredOn), Verified: e.Verified, VerifiedAt: ts(e.VerifiedAt)}
}

func (h *registryAPI) me(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r.Context())
	out := map[string]any{"user": userJSON(u)}
	a := httpx.Actor(r)
	switch {
	case account.IsPerson(u):
		p, err := h.registry.ViewPerson(r.Context(), a, u.PersonID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out["person"] = personJSON(p, true)
	case account.IsEmployer(u):
		e, err := h.registry.ViewEnterprise(r.Context(), a, u.EnterpriseID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out["enterprise"] = enterpriseJSON(e)
	}
	writeJSON(w, http.StatusOK, out)
}

// revealMe returns the person's own record with the full ID number and
// phone: the password in the body, or none ({} or no body) within
// account.RevealWindow of logging in.
func (h *registryAPI) revealMe(w http.ResponseWriter, r *http.Request) {
	if !h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		w.Header().Set("Retry-After", "60")
		h.fail(w, r, apperr.New(apperr.TooMany, "请求过于频繁，请稍后再试"))
		return
	}
	var in revealInput
	if r.ContentLength != 0 { // no body at all: no password
		if err := Decode(r.Body, &in); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p, err := h.registry.RevealMyPerson(r.Context(), httpx.Actor(r), httpx.Token(r.Context()), in.Password)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"person": personJSON(p, true)})
}

func (h *registryAPI) updateMyPerson(w http.ResponseWriter, r *http.Request) {
	h.savePerson(w, r, httpx.User(r.Context()).PersonID)
}

func (h *registryAPI) updatePerson(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.savePerson(w, r, id)
}

func (h *registryAPI) savePerson(w http.ResponseWriter, r *http.Request, id int64) {
	var in app.PersonInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.registry.UpdatePerson(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, personJSON(p, true))
}

func (h *registryAPI) getPerson(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.registry.ViewPerson(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, personJSON(p, true))
}

func (h *registryAPI) searchPersons(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	ps, total, err := h.registry.SearchPersons(r.Context(), httpx.Actor(r),
		registry.PersonFilter{Query: r.URL.Query().Get("q"), Limit: limit, Offset: offset})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := listView[personView]{Total: total, Items: []personView{}}
	for _, p := range ps {
		out.Items = append(out.Items, personJSON(p, false))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *registryAPI) getEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.registry.ViewEnterprise(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, enterpriseJSON(e))
}

func (h *registryAPI) updateMyEnterprise(w http.ResponseWriter, r *http.Request) {
	h.saveEnterprise(w, r, httpx.User(r.Context()).EnterpriseID)
}

func (h *registryAPI) updateEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saveEnterprise(w, r, id)
}

func (h *registryAPI) saveEnterprise(w http.ResponseWriter, r *http.Request, id int64) {
	var in app.EnterpriseInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.registry.UpdateEnterprise(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, enterpriseJSON(e))
}

func (h *registryAPI) verifyEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in verifyInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.registry.VerifyEnterprise(r.Context(), httpx.Actor(r), id, in.Verified); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *registryAPI) searchEnterprises(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	es, total, err := h.registry.SearchEnterprises(r.Context(), httpx.Actor(r), registry.EnterpriseFilter{
		Query: r.URL.Query().Get("q"), Unverified: r.URL.Query().Get("unverified") == "1", Limit: limit, Offset: offset})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := listView[enterpriseView]{Total: total, Items: []enterpriseView{}}
	for _, e := range es {
		out.Items = append(out.Items, enterpriseJSON(e))
	}
	writeJSON(w, http.StatusOK, out)
}
