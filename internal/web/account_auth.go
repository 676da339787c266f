package web

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

// accountPages are sign-up, login, passwords, the portal's home page and
// the admin's users and audit log.
type accountPages struct {
	*site
	accounts *app.Accounts
	startup  *app.Startup   // the partner banks a bank user works for
	limiter  *httpx.Limiter // per-IP limit on login and sign-up
}

var registerFields = []string{"kind", "step", "name", "id_number", "phone", "sms_code", "consent", "enterprise.name", "enterprise.uscc",
	"enterprise.industry_code", "enterprise.region_code", "enterprise.region_code_text", "enterprise.size"}

func (h *accountPages) registerForm(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	if kind != "employer" {
		kind = "person"
	}
	p, err := h.registerPage(r, map[string]string{"kind": kind})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "account_register", p)
}

func (h *accountPages) limited(w http.ResponseWriter, r *http.Request, name string, p *Page) bool {
	if h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		return false
	}
	w.Header().Set("Retry-After", "60")
	h.formFail(w, r, name, p, apperr.New(apperr.TooMany, "操作过于频繁，请一分钟后再试"))
	return true
}

func (h *accountPages) register(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, registerFields...)
	p, err := h.registerPage(r, form)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if h.limited(w, r, "account_register", p) {
		return
	}
	if r.PostFormValue("op") == "sms" {
		h.sendRegisterCode(w, r, p)
		return
	}
	consent, _ := strconv.Atoi(form["consent"])
	var bad apperr.Fields
	var places map[string]string
	if form["kind"] == "employer" {
		places, p.Places, bad = h.readPlaces(r, form, "enterprise.region_code")
	}
	in := app.RegisterInput{Kind: form["kind"], Name: form["name"], Phone: form["phone"], Password: r.PostFormValue("password"),
		SMSCode: form["sms_code"], ConsentVersion: consent}
	if in.Kind == "employer" {
		in.Enterprise = &app.EnterpriseInput{Name: form["enterprise.name"], USCC: form["enterprise.uscc"],
			IndustryCode: form["enterprise.industry_code"], RegionCode: places["enterprise.region_code"], Size: form["enterprise.size"]}
	} else {
		in.IDNumber = form["id_number"]
	}
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		bad.Add("password2", "两次输入的密码不一致")
	}
	if bad != nil { // a place that is not one place yet, or the passwords differ: before any check that spends the code
		form["step"] = "2"
		h.formFail(w, r, "account_register", p, bad.Err())
		return
	}
	if _, err := h.accounts.SignUp(r.Context(), httpx.Actor(r), in); err != nil {
		form["step"] = "2"
		if apperr.As(err).Fields["consent"] != "" {
			form["step"], form["consent"] = "", ""
		}
		h.formFail(w, r, "account_register", p, err)
		return
	}
	// Log straight in: the person just proved the password.
	token, _, err := h.accounts.Login(r.Context(), httpx.Actor(r), in.Phone, in.Password, account.SessionWeb)
	if err != nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	h.setSession(w, token)
	http.Redirect(w, r, "/me?welcome=1", http.StatusSeeOther)
}

func (h *accountPages) loginForm(w http.ResponseWriter, r *http.Request) {
	p := &Page{Title: "登录", Nav: "me", Form: map[string]string{"next": safeNext(r.URL.Query().Get("next"))}}
	if r.URL.Query().Get("reset") == "1" {
		p.Flash = "密码已重置，请用新密码登录。"
	}
	h.render(w, r, http.StatusOK, "account_login", p)
}

func (h *accountPages) login(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, "phone", "next")
	p := &Page{Title: "登录", Nav: "me", Form: form}
	if h.limited(w, r, "account_login", p) {
		return
	}
	token, u, err := h.accounts.Login(r.Context(), httpx.Actor(r), form["phone"], r.PostFormValue("password"), account.SessionWeb)
	if err != nil {
		h.formFail(w, r, "account_login", p, err)
		return
	}
	h.setSession(w, token)
	if u.MustChangePassword {
		http.Redirect(w, r, "/me/password?must=1", http.StatusSeeOther)
		return
	}
	next := safeNext(form["next"])
	if next == "/" || next == "/login" {
		next = landing(u)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// landing is where each role starts after logging in.
func landing(u *account.User) string {
	switch {
	case account.CanUseConsole(u):
		return "/console"
	case account.IsEmployer(u):
		return "/enterprise"
	case account.CanWorkLoans(u):
		return "/bank/loans"
	case account.IsExpert(u):
		return "/expert/reviews"
	case account.IsCounsellor(u):
		return "/counsel"
	case account.CanBookSchoolVisits(u):
		return "/me/school-visits"
	}
	return "/me"
}

func (h *accountPages) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.secure, MaxAge: int(account.AbsoluteTimeout.Seconds())})
}

func (h *accountPages) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.accounts.Logout(r.Context(), httpx.Actor(r), httpx.Token(r.Context())); err != nil {
		h.log.Error("logout", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.secure})
	http.Redirect(w, r, "/?bye=1", http.StatusSeeOther)
}

func (h *accountPages) passwordForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "account_password", &Page{Title: "修改密码", Nav: "me"})
}

func (h *accountPages) changePassword(w http.ResponseWriter, r *http.Request) {
	p := &Page{Title: "修改密码", Nav: "me"}
	if r.PostFormValue("new_password") != r.PostFormValue("new_password2") {
		h.formFail(w, r, "account_password", p, apperr.Field("new_password2", "两次输入的密码不一致"))
		return
	}
	err := h.accounts.ChangePassword(r.Context(), httpx.Actor(r), r.PostFormValue("old_password"), r.PostFormValue("new_password"))
	if err != nil {
		if e := apperr.As(err); e.Fields["password"] != "" {
			e.Fields = map[string]string{"new_password": e.Fields["password"]}
		}
		h.formFail(w, r, "account_password", p, err)
		return
	}
	http.Redirect(w, r, "/login?next=/me", http.StatusSeeOther)
}
