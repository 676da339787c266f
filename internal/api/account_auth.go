package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

type loginInput struct {
	Phone    string `json:"phone"`
	Password string `json:"password"`
}

type passwordInput struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

func (h *Handler) limited(w http.ResponseWriter, r *http.Request) bool {
	if h.limiter.Allow(httpx.IP(r.Context())) {
		return false
	}
	w.Header().Set("Retry-After", "60")
	h.fail(w, r, apperr.New(apperr.TooMany, "请求过于频繁，请稍后再试"))
	return true
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in app.RegisterInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.app.Accounts.Register(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in loginInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	token, u, err := h.app.Accounts.Login(r.Context(), httpx.Actor(r), in.Phone, in.Password, account.SessionAPI)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "user": userJSON(u)})
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.app.Accounts.Logout(r.Context(), httpx.Actor(r), httpx.Token(r.Context())); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	var in passwordInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.Accounts.ChangePassword(r.Context(), httpx.Actor(r), in.OldPassword, in.NewPassword); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
