package web

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

// consoleData is the staff console home: a search over persons or enterprises.
type consoleData struct {
	Q           string
	Kind        string // "person" or "enterprise"
	Unverified  bool
	Persons     []*registry.Person
	Enterprises []*registry.Enterprise
	Total       int
	Page        int
	Pages       int
	Searched    bool
	ToDo        []app.ToDoItem // the queues' counts, on the console home
	// IndustryName and RegionName name an enterprise's codes in the list.
	IndustryName, RegionName func(code string) string
}

const consolePageSize = 20

func (h *registryPages) console(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := consoleData{Q: q.Get("q"), Kind: q.Get("kind"), Unverified: q.Get("unverified") == "1",
		IndustryName: h.industryName, RegionName: h.placeLabel}
	if d.Kind != "enterprise" {
		d.Kind = "person"
	}
	d.Page, _ = strconv.Atoi(q.Get("page"))
	d.Page = max(d.Page, 1)
	offset := (d.Page - 1) * consolePageSize
	var err error
	d.Searched = d.Q != "" || d.Unverified || q.Has("kind")
	if d.Searched {
		a := httpx.Actor(r)
		if d.Kind == "enterprise" {
			d.Enterprises, d.Total, err = h.registry.SearchEnterprises(r.Context(), a, registry.EnterpriseFilter{
				Query: d.Q, Unverified: d.Unverified, Limit: consolePageSize, Offset: offset})
		} else {
			d.Persons, d.Total, err = h.registry.SearchPersons(r.Context(), a, registry.PersonFilter{Query: d.Q, Limit: consolePageSize, Offset: offset})
		}
	}
	if err == nil && !d.Searched {
		d.ToDo, err = h.todo.ToDo(r.Context(), httpx.Actor(r))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Pages = (d.Total + consolePageSize - 1) / consolePageSize
	h.render(w, r, http.StatusOK, "registry_console", &Page{Title: "经办工作台", Nav: "console", Data: d})
}

func idParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "对象不存在")
	}
	return id, nil
}

// consolePerson opens a person's full record; the app layer audits the view.
func (h *registryPages) consolePerson(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.registry.ViewPerson(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.personView(p, true)
	u := httpx.User(r.Context())
	v.CanEdit = account.CanEditPerson(u, id)
	v.EditHref = "/console/persons/" + strconv.FormatInt(id, 10) + "/edit"
	if account.CanAdmin(u) {
		v.AuditHref = "/admin/audit?object_type=person&object_id=" + strconv.FormatInt(id, 10)
	}
	page := &Page{Title: p.Name + " · 人员档案", Nav: "console", Data: v,
		Flash: "您正在查看完整个人信息，本次查看已记入审计日志。"}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "已代办保存档案，操作已记入审计日志。"
	}
	h.render(w, r, http.StatusOK, "registry_person", page)
}

func (h *registryPages) consolePersonEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := "/console/persons/" + strconv.FormatInt(id, 10)
	h.personEditForm(w, r, id, base+"/edit", base)
}

func (h *registryPages) consolePersonEdit(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := "/console/persons/" + strconv.FormatInt(id, 10)
	h.personEdit(w, r, id, base+"/edit", base)
}

func (h *registryPages) consoleEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.registry.ViewEnterprise(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.enterpriseView(e)
	v.ForStaff, v.CanVerify = true, account.CanVerifyEnterprise(httpx.User(r.Context()))
	page := &Page{Title: e.Name, Nav: "console", Data: v}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "核验状态已更新。"
	}
	h.render(w, r, http.StatusOK, "registry_enterprise", page)
}

func (h *registryPages) verifyEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.registry.VerifyEnterprise(r.Context(), httpx.Actor(r), id, r.PostFormValue("verified") == "1"); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/enterprises/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
}
