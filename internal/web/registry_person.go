package web

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

// registryPages are the person's and the enterprise's own profiles and the
// staff console's person and enterprise records.
type registryPages struct {
	*site
	registry *app.Registry
	todo     *app.Console   // the console home's to-do counts
	limiter  *httpx.Limiter // per-IP limit on reveals, shared with login and sign-up
}

var personFields = []string{"name", "phone", "education", "graduation_date", "hukou_region", "residence_region",
	"employment_status", "registered_unemployed", "difficulty_category", "veteran"}

// personPlaces are the person's region fields, picked by name (see readPlaces).
var personPlaces = []string{"hukou_region", "residence_region"}

// personView is a person record as the profile pages show it.
type personView struct {
	P             *registry.Person
	HukouName     string
	ResidenceName string
	Full          bool // unmasked: staff who opened it, or the owner who revealed it (both audited)
	CanEdit       bool
	EditHref      string
	AuditHref     string
}

func (h *registryPages) personView(p *registry.Person, full bool) personView {
	return personView{P: p, HukouName: h.regionName(p.HukouRegion), ResidenceName: h.regionName(p.ResidenceRegion), Full: full}
}

// me is "我的": a person's own record, the ID number and phone masked
// with a form to reveal them; other roles go to their home page.
func (h *registryPages) me(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r.Context())
	if !account.IsPerson(u) {
		if account.IsEmployer(u) {
			http.Redirect(w, r, "/enterprise", http.StatusSeeOther)
			return
		}
		h.render(w, r, http.StatusOK, "registry_me_staff", &Page{Title: "我的", Nav: "me"})
		return
	}
	page := &Page{Title: "我的档案", Nav: "me"}
	if r.URL.Query().Get("welcome") == "1" {
		page.Flash = "注册成功，欢迎使用！完善档案后可获得更准确的岗位和政策推荐。"
	}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "档案已保存。"
	}
	h.showMe(w, r, http.StatusOK, page, nil)
}

// revealMe shows the person's record with the full ID number and phone
// after the password (or within 5 minutes of logging in). They are in this
// response only: pages are no-store, and /me masks them again; nothing is
// kept on the session.
func (h *registryPages) revealMe(w http.ResponseWriter, r *http.Request) {
	page := &Page{Title: "我的档案", Nav: "me"}
	if !h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		w.Header().Set("Retry-After", "60")
		page.Message = "操作过于频繁，请一分钟后再试"
		h.showMe(w, r, http.StatusTooManyRequests, page, nil)
		return
	}
	p, err := h.registry.RevealMyPerson(r.Context(), httpx.Actor(r), httpx.Token(r.Context()), r.PostFormValue("password"))
	if err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		e := apperr.As(err)
		page.Message, page.Errors = e.Message, e.Fields
		h.showMe(w, r, httpx.Status(e.Code), page, nil)
		return
	}
	h.showMe(w, r, http.StatusOK, page, p)
}

// showMe renders "我的档案": revealed is the record with the full values
// when the person just revealed them; otherwise the masked record is read.
func (h *registryPages) showMe(w http.ResponseWriter, r *http.Request, status int, page *Page, revealed *registry.Person) {
	p := revealed
	if p == nil {
		var err error
		if p, err = h.registry.ViewPerson(r.Context(), httpx.Actor(r), httpx.User(r.Context()).PersonID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	v := h.personView(p, revealed != nil)
	v.CanEdit, v.EditHref = true, "/me/edit"
	page.Data = v
	h.render(w, r, status, "registry_me", page)
}

func personForm(in app.PersonInput) map[string]string {
	return map[string]string{"name": in.Name, "phone": in.Phone, "education": in.Education, "graduation_date": in.GraduationDate,
		"hukou_region": in.HukouRegion, "residence_region": in.ResidenceRegion, "employment_status": in.EmploymentStatus,
		"registered_unemployed": boolStr(in.RegisteredUnemployed), "difficulty_category": in.DifficultyCategory,
		"veteran": boolStr(in.Veteran)}
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func personInput(form map[string]string) app.PersonInput {
	return app.PersonInput{Name: form["name"], Phone: form["phone"], Education: form["education"],
		GraduationDate: form["graduation_date"], HukouRegion: form["hukou_region"], ResidenceRegion: form["residence_region"],
		EmploymentStatus: form["employment_status"], RegisteredUnemployed: form["registered_unemployed"] != "",
		DifficultyCategory: form["difficulty_category"], Veteran: form["veteran"] != ""}
}

// personEditData tells the shared edit template where to post and whose record it is.
type personEditData struct {
	Action   string
	Cancel   string
	P        *registry.Person
	ForStaff bool
}

func (h *registryPages) editMeForm(w http.ResponseWriter, r *http.Request) {
	h.personEditForm(w, r, httpx.User(r.Context()).PersonID, "/me/edit", "/me")
}

func (h *registryPages) editMe(w http.ResponseWriter, r *http.Request) {
	h.personEdit(w, r, httpx.User(r.Context()).PersonID, "/me/edit", "/me")
}

func (h *registryPages) personEditForm(w http.ResponseWriter, r *http.Request, id int64, action, cancel string) {
	p, err := h.registry.EditablePerson(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := personForm(app.InputFromPerson(p))
	h.placeForm(form, personPlaces...)
	h.render(w, r, http.StatusOK, "registry_person_edit", &Page{Title: "编辑档案", Nav: "me", Form: form,
		Data: personEditData{Action: action, Cancel: cancel, P: p, ForStaff: httpx.User(r.Context()).PersonID != id}})
}

func (h *registryPages) personEdit(w http.ResponseWriter, r *http.Request, id int64, action, cancel string) {
	form := formValues(r, personFields...)
	places, picks, bad := h.readPlaces(r, form, personPlaces...)
	page := &Page{Title: "编辑档案", Nav: "me", Form: form, Places: picks,
		Data: personEditData{Action: action, Cancel: cancel, ForStaff: httpx.User(r.Context()).PersonID != id}}
	if bad != nil {
		h.formFail(w, r, "registry_person_edit", page, bad.Err())
		return
	}
	in := personInput(form)
	in.HukouRegion, in.ResidenceRegion = places["hukou_region"], places["residence_region"]
	if _, err := h.registry.UpdatePerson(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.formFail(w, r, "registry_person_edit", page, err)
		return
	}
	http.Redirect(w, r, cancel+"?saved=1", http.StatusSeeOther)
}
