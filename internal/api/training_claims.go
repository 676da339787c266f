package api

// 培训补贴申领 endpoints: a provider's employer users check an ended class
// (every trainee with the five checks and their reasons) and submit its
// claim, read their claims and submit a returned one again; the bureau
// lists claims and reads the subsidy ledger; reviewers decide and record
// payouts. Another provider's claim or class answers 404.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

type trainingClaimsAPI struct {
	base
	claims *app.TrainingClaims
}

type claimView struct {
	ID             int64                   `json:"id"`
	ClassID        int64                   `json:"class_id"`
	ClassTitle     string                  `json:"class_title"`
	ProviderID     int64                   `json:"provider_id"`
	ProviderName   string                  `json:"provider_name"`
	OccupationCode string                  `json:"occupation_code"`
	Level          int                     `json:"level"`
	StandardYuan   int                     `json:"standard_yuan"`
	Status         string                  `json:"status"`
	StatusLabel    string                  `json:"status_label"`
	Round          int                     `json:"round"`
	Checked        int                     `json:"checked"`
	Trainees       int                     `json:"trainees"`
	TotalYuan      int                     `json:"total_yuan"`
	Reason         string                  `json:"reason,omitempty"`
	SubmittedAt    string                  `json:"submitted_at"`
	DecidedAt      string                  `json:"decided_at,omitempty"`
	PaidBatch      string                  `json:"paid_batch,omitempty"`
	PaidOn         string                  `json:"paid_on,omitempty"`
	Items          []training.TraineeCheck `json:"items,omitempty"`
}

func claimJSON(k *training.Claim) claimView {
	v := claimView{ID: k.ID, ClassID: k.ClassID, ClassTitle: k.ClassTitle, ProviderID: k.ProviderID, ProviderName: k.ProviderName,
		OccupationCode: k.Occupation, Level: int(k.Level), StandardYuan: k.StandardYuan, Status: string(k.Status), StatusLabel: k.Status.Label(),
		Round: k.Round, Checked: k.Checked, Trainees: k.Trainees, TotalYuan: k.TotalYuan, Reason: k.Reason, SubmittedAt: ts(k.SubmittedAt),
		DecidedAt: ts(k.DecidedAt), PaidBatch: k.PaidBatch, Items: k.Items}
	if !k.PaidOn.IsZero() {
		v.PaidOn = k.PaidOn.Format(time.DateOnly)
	}
	return v
}

func claimsJSON(ks []*training.Claim) []claimView {
	out := make([]claimView, 0, len(ks))
	for _, k := range ks {
		out = append(out, claimJSON(k))
	}
	return out
}

func (h *trainingClaimsAPI) check(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cc, err := h.claims.CheckClass(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := cc.Items
	if items == nil {
		items = []training.TraineeCheck{}
	}
	out := map[string]any{"class_id": cc.Class.ID, "class_title": cc.Class.Title, "standard_yuan": cc.Standard.Yuan,
		"standard_source": cc.Standard.Source, "attendance_threshold": cc.Threshold, "group_rule": cc.GroupRule, "checked": len(cc.Items),
		"eligible": cc.Eligible, "total_yuan": cc.TotalYuan, "can_submit": cc.CanSubmit(), "blocked": cc.Blocked, "items": items}
	if cc.Claim != nil {
		out["claim_id"], out["claim_status"] = cc.Claim.ID, string(cc.Claim.Status)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *trainingClaimsAPI) submit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	k, err := h.claims.Submit(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, claimJSON(k))
}

func (h *trainingClaimsAPI) resubmit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	k, err := h.claims.Resubmit(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, claimJSON(k))
}

func (h *trainingClaimsAPI) claim(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	k, err := h.claims.Claim(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, claimJSON(k))
}

func (h *trainingClaimsAPI) mine(w http.ResponseWriter, r *http.Request) {
	ks, err := h.claims.MyClaims(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": claimsJSON(ks)})
}

func (h *trainingClaimsAPI) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	ks, total, err := h.claims.ListClaims(r.Context(), httpx.Actor(r), q.Get("status"), page)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": claimsJSON(ks), "total": total, "page": max(page, 1), "page_size": app.ClaimPageSize})
}

func (h *trainingClaimsAPI) decide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var d training.ClaimDecision
	if err := Decode(r.Body, &d); err != nil {
		h.fail(w, r, err)
		return
	}
	k, err := h.claims.Decide(r.Context(), httpx.Actor(r), id, d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, claimJSON(k))
}

func (h *trainingClaimsAPI) pay(w http.ResponseWriter, r *http.Request) {
	var in app.PayInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	n, yuan, err := h.claims.PayClaims(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": n, "total_yuan": yuan, "batch": in.Batch})
}

type ledgerRowView struct {
	ProviderID   int64  `json:"provider_id"`
	ProviderName string `json:"provider_name"`
	Month        string `json:"month"`
	Claims       int    `json:"claims"`
	Trainees     int    `json:"trainees"`
	Yuan         int    `json:"yuan"`
}

func (h *trainingClaimsAPI) ledger(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l, err := h.claims.SubsidyLedger(r.Context(), httpx.Actor(r), q.Get("from"), q.Get("to"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([]ledgerRowView, 0, len(l.Rows))
	for _, x := range l.Rows {
		rows = append(rows, ledgerRowView(x))
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": l.From, "to": l.To, "rows": rows, "claims": l.Claims, "trainees": l.Trainees, "yuan": l.Yuan})
}
