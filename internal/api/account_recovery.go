package api

import (
	"net/http"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

// SMS codes, password reset by code and the terms a sign-up accepts.

type smsCodeInput struct {
	Phone   string `json:"phone"`
	Purpose string `json:"purpose"` // register or reset
}

// sendSMSCode answers 202 with the same message for every phone.
func (h *accountAPI) sendSMSCode(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in smsCodeInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.accounts.SendSMSCode(r.Context(), httpx.Actor(r), in.Phone, in.Purpose); err != nil {
		if apperr.CodeOf(err) == apperr.TooMany {
			w.Header().Set("Retry-After", "60")
		}
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"message": app.SMSCodeSent, "expires_in": 600})
}

func (h *accountAPI) resetPassword(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r) {
		return
	}
	var in app.ResetInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.accounts.ResetPasswordBySMS(r.Context(), httpx.Actor(r), in); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type termsView struct {
	Version       int    `json:"version"`
	UserAgreement string `json:"user_agreement"`
	PrivacyPolicy string `json:"privacy_policy"`
	PublishedAt   string `json:"published_at"`
}

// terms is the current 用户协议 and 隐私政策; registration sends its
// version as consent_version.
func (h *accountAPI) terms(w http.ResponseWriter, r *http.Request) {
	t, err := h.accounts.CurrentTerms(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, termsView{Version: t.Version, UserAgreement: t.UserAgreement, PrivacyPolicy: t.PrivacyPolicy, PublishedAt: ts(t.CreatedAt)})
}

// mustChangeAllowed are the API paths open to a user who must choose a new
// password after a staff reset.
var mustChangeAllowed = map[string]bool{"/api/v1/me/password": true, "/api/v1/auth/logout": true, "/api/v1/me": true, "/api/v1/terms": true}

// mustChangePassword refuses every other call of such a user with 403.
func (h *Handler) mustChangePassword(w http.ResponseWriter, r *http.Request) bool {
	u := httpx.User(r.Context())
	if u == nil || !u.MustChangePassword || mustChangeAllowed[strings.TrimSuffix(r.URL.Path, "/")] {
		return false
	}
	base{log: h.log}.fail(w, r, apperr.New(apperr.Forbidden, "工作人员已为您重置密码，请先修改密码（POST /api/v1/me/password）"))
	return true
}

type resetForInput struct {
	// IdentityChecked: the staff member checked the person's ID document.
	IdentityChecked bool `json:"identity_checked"`
}

// resetPasswordFor sets a temporary password for the account of person
// {id} (byPerson) or user {id} on its owner's behalf and returns it once.
func (h *adminAPI) resetPasswordFor(byPerson bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in resetForInput
		if err := Decode(r.Body, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		userID, personID := id, int64(0)
		if byPerson {
			userID, personID = 0, id
		}
		temp, u, err := h.accounts.ResetPasswordFor(r.Context(), httpx.Actor(r), userID, personID, in.IdentityChecked)
		if err != nil {
			if e := apperr.As(err); e.Fields["confirm"] != "" {
				err = apperr.Field("identity_checked", e.Fields["confirm"])
			}
			h.fail(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, map[string]any{"user": userJSON(u), "temporary_password": temp})
	}
}
