package api

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/httpx"
)

// adminAPI serves the administrator's account management: the user list,
// new staff accounts, disabling accounts, and the audit log.
type adminAPI struct {
	base
	accounts *app.Accounts
}

type disableInput struct {
	Disabled bool `json:"disabled"`
}

type auditView struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	ActorID    int64  `json:"actor_id"`
	ActorRole  string `json:"actor_role"`
	ActorName  string `json:"actor_name,omitempty"`
	IP         string `json:"ip"`
	Action     string `json:"action"`
	ObjectType string `json:"object_type"`
	ObjectID   string `json:"object_id"`
	Summary    string `json:"summary"`
	Result     string `json:"result"`
	Hash       string `json:"hash"`
}

func auditJSON(e audit.Entry) auditView {
	return auditView{ID: e.ID, At: ts(e.At), ActorID: e.ActorID, ActorRole: e.ActorRole, IP: e.IP, Action: e.Action,
		ObjectType: e.ObjectType, ObjectID: e.ObjectID, Summary: e.Summary, Result: e.Result, Hash: e.Hash}
}

func (h *adminAPI) listUsers(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	q := r.URL.Query()
	us, total, err := h.accounts.ListUsers(r.Context(), httpx.Actor(r), account.UserFilter{Role: q.Get("role"), Query: q.Get("q"), Limit: limit, Offset: offset})
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

func (h *adminAPI) createUser(w http.ResponseWriter, r *http.Request) {
	var in app.NewUserInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.accounts.CreateUser(r.Context(), httpx.Actor(r), in, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func (h *adminAPI) setDisabled(w http.ResponseWriter, r *http.Request) {
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
	if err := h.accounts.SetUserDisabled(r.Context(), httpx.Actor(r), id, in.Disabled); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *adminAPI) listAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	actor, _ := strconv.ParseInt(q.Get("actor"), 10, 64)
	limit, _ := strconv.Atoi(q.Get("page_size"))
	from, to, err := app.AuditDates(q.Get("from"), q.Get("to"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a := httpx.Actor(r)
	es, err := h.accounts.ListAudit(r.Context(), a, audit.Filter{ActorID: actor, Action: q.Get("action"),
		ObjectType: q.Get("object_type"), ObjectID: q.Get("object_id"), BeforeID: before, From: from, To: to, Limit: limit})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names, err := h.accounts.AuditActorNames(r.Context(), a, es)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := listView[auditView]{Total: len(es), Items: []auditView{}}
	for _, e := range es {
		v := auditJSON(e)
		v.ActorName = names[e.ActorID]
		out.Items = append(out.Items, v)
	}
	writeJSON(w, http.StatusOK, out)
}
