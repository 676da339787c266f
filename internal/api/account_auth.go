package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

// accountAPI serves sign-up, login, logout and password changes; sign-up and
// login are limited per IP.
type accountAPI struct {
	base
	accounts *app.Accounts
	limiter  *httpx.Limiter // per-IP limit on auth endpoints
}

type loginInput struct {
	Phone    string `json:"phone"`
	Password string `json:"password"`
}

type passwordInput struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

type userView struct {
	ID           int64  `json:"id"`
	Role         string `json:"role"`
	Name         string `json:"name"`
	PhoneMasked  string `json:"phone_masked"`
	PersonID     int64  `json:"person_id,omitempty"`
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	Disabled     bool   `json:"disabled"`
	CreatedAt    string `json:"created_at"`
	// MustChangePassword: staff reset the password; until POST
	// /api/v1/me/password, other calls answer 403.
	MustChangePassword bool `json:"must_change_password,omitempty"`
	ConsentVersion     int  `json:"consent_version,omitempty"`
}

func userJSON(u *account.User) userView {
	return userView{ID: u.ID, Role: string(u.Role), Name: u.Name, PhoneMasked: registry.MaskPhone(u.Phone),
		PersonID: u.PersonID, EnterpriseID: u.EnterpriseID, Disabled: u.Disabled, CreatedAt: ts(u.CreatedAt),
		MustChangePassword: u.MustChangePassword, ConsentVersion: u.ConsentVersion}
}

func (h *accountAPI) limited(w http.ResponseWriter, r *http.Request) bool {
	if h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		return false
	}
	w.Header().Set("Retry-After", "60")
	h.fail(w, r, apperr.New(apperr.TooMany, "请求过于频繁，请稍后再试"))
	return true
}

func (h *accountAPI) register(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in app.RegisterInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.accounts.SignUp(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func (h *accountAPI) login(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in loginInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	token, u, err := h.accounts.Login(r.Context(), httpx.Actor(r), in.Phone, in.Password, account.SessionAPI)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "user": userJSON(u)})
}

func (h *accountAPI) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.accounts.Logout(r.Context(), httpx.Actor(r), httpx.Token(r.Context())); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *accountAPI) changePassword(w http.ResponseWriter, r *http.Request) {
	var in passwordInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.accounts.ChangePassword(r.Context(), httpx.Actor(r), in.OldPassword, in.NewPassword); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
