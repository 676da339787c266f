package api

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/httpx"
)

type disableInput struct {
	Disabled bool `json:"disabled"`
}

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	q := r.URL.Query()
	us, total, err := h.app.Accounts.ListUsers(r.Context(), httpx.Actor(r), account.UserFilter{Role: q.Get("role"), Query: q.Get("q"), Limit: limit, Offset: offset})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := listView[userView]{Total: total, Items: []userView{}}
	for _, u := range us {
		out.Items = append(out.Items, userJSON(u))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	var in app.NewUserInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.app.Accounts.CreateUser(r.Context(), httpx.Actor(r), in, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func (h *Handler) setDisabled(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in disableInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.Accounts.SetUserDisabled(r.Context(), httpx.Actor(r), id, in.Disabled); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) listAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	actor, _ := strconv.ParseInt(q.Get("actor"), 10, 64)
	limit, _ := strconv.Atoi(q.Get("page_size"))
	es, err := h.app.Accounts.ListAudit(r.Context(), httpx.Actor(r), audit.Filter{ActorID: actor, Action: q.Get("action"),
		ObjectType: q.Get("object_type"), ObjectID: q.Get("object_id"), BeforeID: before, Limit: limit})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := listView[auditView]{Total: len(es), Items: []auditView{}}
	for _, e := range es {
		out.Items = append(out.Items, auditJSON(e))
	}
	writeJSON(w, http.StatusOK, out)
}
