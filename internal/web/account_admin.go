package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/startup"
)

type usersData struct {
	Users []*account.User
	Total int
	Q     string
	Role  string
	Roles []account.Role
	Banks []startup.Bank // for a bank user's bank
}

func (h *accountPages) usersPage(r *http.Request, p *Page) (*Page, error) {
	q := r.URL.Query()
	d := usersData{Q: q.Get("q"), Role: q.Get("role"), Roles: account.Roles}
	var err error
	d.Users, d.Total, err = h.accounts.ListUsers(r.Context(), httpx.Actor(r), account.UserFilter{Role: d.Role, Query: d.Q, Limit: 100})
	if err == nil {
		d.Banks, err = h.startup.Banks(r.Context(), httpx.Actor(r))
	}
	p.Title, p.Nav, p.Data = "用户管理", "admin", d
	return p, err
}

func (h *accountPages) adminUsers(w http.ResponseWriter, r *http.Request) {
	p, err := h.usersPage(r, &Page{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "已保存。"
	}
	h.render(w, r, http.StatusOK, "account_users", p)
}

func (h *accountPages) adminCreateUser(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, "role", "name", "phone", "bank_id", "school")
	in := app.NewUserInput{Role: form["role"], Name: form["name"], Phone: form["phone"], Password: r.PostFormValue("password"), School: form["school"]}
	in.BankID, _ = strconv.ParseInt(form["bank_id"], 10, 64)
	if _, err := h.accounts.CreateUser(r.Context(), httpx.Actor(r), in, false); err != nil {
		p, lerr := h.usersPage(r, &Page{Form: form})
		if lerr != nil {
			h.fail(w, r, lerr)
			return
		}
		h.formFail(w, r, "account_users", p, err)
		return
	}
	http.Redirect(w, r, "/admin/users?saved=1", http.StatusSeeOther)
}

func (h *accountPages) adminSetDisabled(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.accounts.SetUserDisabled(r.Context(), httpx.Actor(r), id, r.PostFormValue("disabled") == "1"); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?saved=1", http.StatusSeeOther)
}

type auditData struct {
	Entries     []audit.Entry
	Filter      audit.Filter
	From, To    string           // the date range as typed (Beijing days, inclusive)
	Names       map[int64]string // operator names by user id
	NextHref    string
	Actions     []audit.Action     // the action filter's choices, named in Chinese
	Unknown     bool               // the filter's action is not among them (kept as typed in the URL)
	Types       []audit.ObjectType // the object type filter's choices, named in Chinese
	UnknownType bool               // the filter's object type is not among them (kept as typed in the URL)
}

func (h *accountPages) adminAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := audit.Filter{Action: q.Get("action"), ObjectType: q.Get("object_type"), ObjectID: q.Get("object_id"), Limit: 50}
	f.ActorID, _ = strconv.ParseInt(q.Get("actor"), 10, 64)
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	d := auditData{Filter: f, From: q.Get("from"), To: q.Get("to"), Actions: audit.Actions(), Types: audit.ObjectTypes()}
	from, to, dateErr := app.AuditDates(d.From, d.To)
	f.From, f.To = from, to
	a := httpx.Actor(r)
	es, err := h.accounts.ListAudit(r.Context(), a, f)
	if err == nil {
		d.Names, err = h.accounts.AuditActorNames(r.Context(), a, es)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Entries = es
	d.Unknown = f.Action != "" && !slices.ContainsFunc(d.Actions, func(a audit.Action) bool { return a.Action == f.Action })
	d.UnknownType = f.ObjectType != "" && !slices.ContainsFunc(d.Types, func(t audit.ObjectType) bool { return t.Type == f.ObjectType })
	if len(es) == f.Limit {
		next := url.Values{}
		for k, v := range map[string]string{"action": f.Action, "object_type": f.ObjectType, "object_id": f.ObjectID, "from": d.From, "to": d.To,
			"before": strconv.FormatInt(es[len(es)-1].ID, 10)} {
			if v != "" {
				next.Set(k, v)
			}
		}
		if f.ActorID != 0 {
			next.Set("actor", strconv.FormatInt(f.ActorID, 10))
		}
		d.NextHref = "/admin/audit?" + next.Encode()
	}
	page := &Page{Title: "审计日志", Nav: "audit", Data: d}
	if dateErr != nil {
		h.formFail(w, r, "account_audit", page, dateErr)
		return
	}
	h.render(w, r, http.StatusOK, "account_audit", page)
}
