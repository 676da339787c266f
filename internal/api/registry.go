package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

type verifyInput struct {
	Verified bool `json:"verified"`
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r.Context())
	out := map[string]any{"user": userJSON(u)}
	a := httpx.Actor(r)
	switch u.Role {
	case account.RolePerson:
		p, err := h.app.Registry.ViewPerson(r.Context(), a, u.PersonID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out["person"] = personJSON(p, true)
	case account.RoleEmployer:
		e, err := h.app.Registry.ViewEnterprise(r.Context(), a, u.EnterpriseID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out["enterprise"] = enterpriseJSON(e)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) updateMyPerson(w http.ResponseWriter, r *http.Request) {
	h.savePerson(w, r, httpx.User(r.Context()).PersonID)
}

func (h *Handler) updatePerson(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.savePerson(w, r, id)
}

func (h *Handler) savePerson(w http.ResponseWriter, r *http.Request, id int64) {
	var in app.PersonInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.Registry.UpdatePerson(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, personJSON(p, true))
}

func (h *Handler) getPerson(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.Registry.ViewPerson(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, personJSON(p, true))
}

func (h *Handler) searchPersons(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	ps, total, err := h.app.Registry.SearchPersons(r.Context(), httpx.Actor(r),
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

func (h *Handler) getEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.Registry.ViewEnterprise(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, enterpriseJSON(e))
}

func (h *Handler) updateMyEnterprise(w http.ResponseWriter, r *http.Request) {
	h.saveEnterprise(w, r, httpx.User(r.Context()).EnterpriseID)
}

func (h *Handler) updateEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saveEnterprise(w, r, id)
}

func (h *Handler) saveEnterprise(w http.ResponseWriter, r *http.Request, id int64) {
	var in app.EnterpriseInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.Registry.UpdateEnterprise(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, enterpriseJSON(e))
}

func (h *Handler) verifyEnterprise(w http.ResponseWriter, r *http.Request) {
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
	if err := h.app.Registry.VerifyEnterprise(r.Context(), httpx.Actor(r), id, in.Verified); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) searchEnterprises(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	es, total, err := h.app.Registry.SearchEnterprises(r.Context(), httpx.Actor(r), registry.EnterpriseFilter{
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
