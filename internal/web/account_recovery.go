package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/sms"
)

// Password recovery by SMS code, staff resets on the owner's behalf, the
// 用户协议 and 隐私政策 and their admin page, and the built-in SMS outbox.

func (h *accountPages) forgotForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "account_forgot", &Page{Title: "找回密码", Nav: "me"})
}

// forgot sends a reset code and shows the form to type it in (the phone
// travels in the form, never in a URL).
func (h *accountPages) forgot(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, "phone")
	p := &Page{Title: "找回密码", Nav: "me", Form: form}
	if h.limited(w, r, "account_forgot", p) {
		return
	}
	if err := h.accounts.SendSMSCode(r.Context(), httpx.Actor(r), form["phone"], account.SMSPurposeReset); err != nil {
		if r.PostFormValue("again") != "" {
			p.Title = "设置新密码"
			h.formFail(w, r, "account_reset", p, err)
			return
		}
		h.formFail(w, r, "account_forgot", p, err)
		return
	}
	p.Title, p.Flash = "设置新密码", app.SMSCodeSent
	h.render(w, r, http.StatusOK, "account_reset", p)
}

func (h *accountPages) reset(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, "phone", "code")
	p := &Page{Title: "设置新密码", Nav: "me", Form: form}
	if h.limited(w, r, "account_reset", p) {
		return
	}
	if r.PostFormValue("new_password") != r.PostFormValue("new_password2") {
		h.formFail(w, r, "account_reset", p, apperr.Field("new_password2", "两次输入的密码不一致"))
		return
	}
	in := app.ResetInput{Phone: form["phone"], Code: form["code"], NewPassword: r.PostFormValue("new_password")}
	if err := h.accounts.ResetPasswordBySMS(r.Context(), httpx.Actor(r), in); err != nil {
		h.formFail(w, r, "account_reset", p, err)
		return
	}
	http.Redirect(w, r, "/login?reset=1", http.StatusSeeOther)
}

// registerData is what the sign-up form shows besides the fields: the
// version of the terms its consent box accepts.
type registerData struct{ Terms *account.Terms }

func (h *accountPages) registerPage(r *http.Request, form map[string]string) (*Page, error) {
	t, err := h.accounts.CurrentTerms(r.Context())
	if err != nil {
		return nil, err
	}
	return &Page{Title: "注册", Nav: "me", Form: form, Data: registerData{Terms: t}}, nil
}

// sendRegisterCode is the sign-up form's 获取验证码 button: the form comes
// back with everything typed (but the passwords) and the code on its way.
func (h *accountPages) sendRegisterCode(w http.ResponseWriter, r *http.Request, p *Page) {
	consent, _ := strconv.Atoi(p.Form["consent"])
	if err := h.accounts.CheckConsent(r.Context(), consent); err != nil {
		p.Form["step"], p.Form["consent"] = "", ""
		h.formFail(w, r, "account_register", p, err)
		return
	}
	if err := h.accounts.SendSMSCode(r.Context(), httpx.Actor(r), p.Form["phone"], account.SMSPurposeRegister); err != nil {
		h.formFail(w, r, "account_register", p, err)
		return
	}
	p.Flash, p.Form["step"] = app.SMSCodeSent, "2"
	h.render(w, r, http.StatusOK, "account_register", p)
}

// termsData is one document of one version.
type termsData struct {
	Terms   *account.Terms
	Doc     string // "user" or "privacy"
	Heading string
	Paras   []string
	Current bool
}

func (h *accountPages) termsPage(doc string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var t *account.Terms
		var err error
		cur, err := h.accounts.CurrentTerms(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		t = cur
		if v := r.URL.Query().Get("v"); v != "" {
			n, perr := strconv.Atoi(v)
			if perr != nil || n <= 0 {
				h.fail(w, r, apperr.New(apperr.NotFound, "该版本不存在"))
				return
			}
			if t, err = h.accounts.TermsVersion(r.Context(), n); err != nil {
				h.fail(w, r, err)
				return
			}
		}
		d := termsData{Terms: t, Doc: doc, Heading: "用户协议", Paras: account.Paragraphs(t.UserAgreement), Current: t.Version == cur.Version}
		if doc == "privacy" {
			d.Heading, d.Paras = "隐私政策", account.Paragraphs(t.PrivacyPolicy)
		}
		h.render(w, r, http.StatusOK, "account_terms", &Page{Title: d.Heading, Nav: "me", Data: d})
	}
}

type adminTermsData struct{ Versions []*account.Terms }

func (h *accountPages) adminTermsPage(r *http.Request, p *Page) (*Page, error) {
	vs, err := h.accounts.ListTerms(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	if p.Form == nil && len(vs) > 0 {
		p.Form = map[string]string{"user_agreement": vs[0].UserAgreement, "privacy_policy": vs[0].PrivacyPolicy}
	}
	p.Title, p.Nav, p.Data = "用户协议与隐私政策", "admin", adminTermsData{Versions: vs}
	return p, nil
}

func (h *accountPages) adminTerms(w http.ResponseWriter, r *http.Request) {
	p, err := h.adminTermsPage(r, &Page{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if v := r.URL.Query().Get("published"); v != "" {
		p.Flash = "已发布第 " + v + " 版。此后注册的用户须同意新版本。"
	}
	h.render(w, r, http.StatusOK, "account_terms_admin", p)
}

func (h *accountPages) adminPublishTerms(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, "user_agreement", "privacy_policy", "note")
	t := &account.Terms{UserAgreement: form["user_agreement"], PrivacyPolicy: form["privacy_policy"], Note: form["note"]}
	if err := h.accounts.PublishTerms(r.Context(), httpx.Actor(r), t); err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		p, lerr := h.adminTermsPage(r, &Page{Form: form})
		if lerr != nil {
			h.fail(w, r, lerr)
			return
		}
		h.formFail(w, r, "account_terms_admin", p, err)
		return
	}
	http.Redirect(w, r, "/admin/terms?published="+strconv.Itoa(t.Version), http.StatusSeeOther)
}

type outboxData struct {
	Messages []sms.Message
	Builtin  bool
}

func (h *accountPages) adminSMS(w http.ResponseWriter, r *http.Request) {
	msgs, builtin, err := h.accounts.SMSOutbox(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "account_sms", &Page{Title: "短信发件箱", Nav: "admin", Data: outboxData{Messages: msgs, Builtin: builtin}})
}

// resetForData is the staff reset's confirmation page and its result.
type resetForData struct {
	Target *account.User
	Action string // the form's action
	Back   string
	Temp   string // the temporary password, shown once after the reset
}

// resetFor serves GET and POST of a staff reset, for the account of the
// person in the path (byPerson, from the console) or of the user (admin).
func (h *accountPages) resetFor(byPerson bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		userID, personID, back := id, int64(0), "/admin/users"
		if byPerson {
			userID, personID, back = 0, id, "/console/persons/"+strconv.FormatInt(id, 10)
		}
		d := resetForData{Action: r.URL.Path, Back: back}
		p := &Page{Title: "代为重置密码", Nav: "console"}
		if r.Method == http.MethodGet {
			if d.Target, err = h.accounts.PasswordResetTarget(r.Context(), httpx.Actor(r), userID, personID); err != nil {
				h.fail(w, r, err)
				return
			}
			p.Data = d
			h.render(w, r, http.StatusOK, "account_reset_for", p)
			return
		}
		d.Temp, d.Target, err = h.accounts.ResetPasswordFor(r.Context(), httpx.Actor(r), userID, personID, r.PostFormValue("confirm") == "true")
		p.Data = d
		if err != nil {
			if d.Target == nil {
				h.fail(w, r, err)
				return
			}
			h.formFail(w, r, "account_reset_for", p, err)
			return
		}
		p.Flash = "密码已重置，该账号的所有登录已退出。"
		h.render(w, r, http.StatusOK, "account_reset_for", p)
	}
}

// mustChangeAllowed are the paths a user who must choose a new password
// may still reach; every other page leads to /me/password.
var mustChangeAllowed = map[string]bool{"/me/password": true, "/logout": true, "/settings/large": true,
	"/terms": true, "/privacy": true}

// mustChangePassword sends a user whose password staff reset to choose a
// new one before anything else.
func mustChangePassword(w http.ResponseWriter, r *http.Request) bool {
	u := httpx.User(r.Context())
	if u == nil || !u.MustChangePassword || mustChangeAllowed[r.URL.Path] || strings.HasPrefix(r.URL.Path, "/static/") {
		return false
	}
	http.Redirect(w, r, "/me/password?must=1", http.StatusSeeOther)
	return true
}
