package web

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

var enterpriseFields = []string{"enterprise.name", "enterprise.industry_code", "enterprise.region_code",
	"enterprise.size", "enterprise.registered_on"}

// enterpriseView is an enterprise as its profile pages show it.
type enterpriseView struct {
	E            *registry.Enterprise
	RegionName   string
	IndustryName string
	ForStaff     bool
	CanVerify    bool
}

func (h *registryPages) enterpriseView(e *registry.Enterprise) enterpriseView {
	return enterpriseView{E: e, RegionName: h.regionName(e.RegionCode), IndustryName: h.industryName(e.IndustryCode)}
}

func (h *registryPages) myEnterprise(w http.ResponseWriter, r *http.Request) {
	e, err := h.registry.ViewEnterprise(r.Context(), httpx.Actor(r), httpx.User(r.Context()).EnterpriseID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &Page{Title: "企业档案", Nav: "me", Data: h.enterpriseView(e)}
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "企业档案已保存。"
	}
	h.render(w, r, http.StatusOK, "registry_enterprise", p)
}

func enterpriseForm(in app.EnterpriseInput) map[string]string {
	return map[string]string{"enterprise.name": in.Name, "enterprise.industry_code": in.IndustryCode,
		"enterprise.region_code": in.RegionCode, "enterprise.size": in.Size, "enterprise.registered_on": in.RegisteredOn}
}

func (h *registryPages) editEnterpriseForm(w http.ResponseWriter, r *http.Request) {
	e, err := h.registry.ViewEnterprise(r.Context(), httpx.Actor(r), httpx.User(r.Context()).EnterpriseID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := enterpriseForm(app.InputFromEnterprise(e))
	h.placeForm(form, "enterprise.region_code")
	h.render(w, r, http.StatusOK, "registry_enterprise_edit", &Page{Title: "编辑企业档案", Nav: "me", Form: form, Data: e})
}

func (h *registryPages) editEnterprise(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, enterpriseFields...)
	places, picks, bad := h.readPlaces(r, form, "enterprise.region_code")
	page := &Page{Title: "编辑企业档案", Nav: "me", Form: form, Places: picks}
	if bad != nil {
		h.formFail(w, r, "registry_enterprise_edit", page, bad.Err())
		return
	}
	in := app.EnterpriseInput{Name: form["enterprise.name"], IndustryCode: form["enterprise.industry_code"],
		RegionCode: places["enterprise.region_code"], Size: form["enterprise.size"], RegisteredOn: form["enterprise.registered_on"]}
	id := httpx.User(r.Context()).EnterpriseID
	if _, err := h.registry.UpdateEnterprise(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.formFail(w, r, "registry_enterprise_edit", page, err)
		return
	}
	http.Redirect(w, r, "/enterprise?saved=1", http.StatusSeeOther)
}
