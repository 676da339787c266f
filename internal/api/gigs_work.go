package api

// 零工经纪人 endpoints on the day and after: a shift's check-in code for
// its employer, check-in and check-out, completion with the pay record,
// no-shows, the worker's receipt or dispute, the employer's statement,
// staff's resolution and the open disputes, and ratings.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
)

type creditView struct {
	Shifts       int     `json:"shifts"`
	OnTimePct    int     `json:"on_time_pct"`
	PaidPct      int     `json:"paid_pct"`
	DisputesLost int     `json:"disputes_lost"`
	Stars        float64 `json:"stars"`
	Ratings      int     `json:"ratings"`
	Text         string  `json:"text"`
}

func creditJSON(c gigs.Credit) *creditView {
	return &creditView{Shifts: c.Shifts, OnTimePct: c.OnTimePct(), PaidPct: c.PaidPct(), DisputesLost: c.DisputesLost,
		Stars: c.Stars(), Ratings: c.Ratings, Text: c.Text()}
}

type payView struct {
	Status            string   `json:"status"`
	HoursWorked       float64  `json:"hours_worked"`
	Pieces            int      `json:"pieces,omitempty"`
	PromisedAmount    float64  `json:"promised_amount"`
	PaidAmount        *float64 `json:"paid_amount"`
	PaidOnTime        bool     `json:"paid_on_time"`
	ReceivedAmount    *float64 `json:"received_amount"`
	Dispute           string   `json:"dispute,omitempty"`
	WorkerStatement   string   `json:"worker_statement,omitempty"`
	EmployerStatement string   `json:"employer_statement,omitempty"`
	Resolution        string   `json:"resolution,omitempty"`
	DueAmount         float64  `json:"due_amount,omitempty"`
	CheckedInAt       string   `json:"checked_in_at,omitempty"`
	CheckedOutAt      string   `json:"checked_out_at,omitempty"`
	CheckinDistanceM  *int     `json:"checkin_distance_m,omitempty"`
}

func amount(fen int64) *float64 {
	if fen < 0 {
		return nil
	}
	y := float64(fen) / 100
	return &y
}

func payJSON(s *gigs.Signup) payView {
	v := payView{Status: string(s.Status), HoursWorked: s.HoursWorked, Pieces: s.Pieces, PromisedAmount: float64(s.PromisedFen) / 100,
		PaidAmount: amount(s.PaidFen), PaidOnTime: s.PaidOnTime, ReceivedAmount: amount(s.ReceivedFen), Dispute: string(s.Dispute),
		WorkerStatement: s.WorkerStatement, EmployerStatement: s.EmployerStatement, Resolution: s.Resolution,
		DueAmount: float64(s.ResolvedFen) / 100, CheckedInAt: ts(s.CheckedInAt), CheckedOutAt: ts(s.CheckedOutAt)}
	if s.CheckinDistM >= 0 {
		d := s.CheckinDistM
		v.CheckinDistanceM = &d
	}
	return v
}

type signupPayView struct {
	signupView
	Pay payView `json:"pay"`
}

func signupPayJSON(s *gigs.Signup) signupPayView {
	v := signupPayView{signupView: signupJSON(s), Pay: payJSON(s)}
	v.PersonName = s.PersonName
	return v
}

func (h *gigsAPI) checkinCode(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.work.CheckinCode(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"shift_id": c.Shift.ID, "code": c.Code, "checkin_path": c.Path, "shift": c.Shift.Text()})
}

func (h *gigsAPI) checkIn(w http.ResponseWriter, r *http.Request) {
	var in app.CheckinInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.work.CheckIn(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	action := "checked_in"
	if res.Out {
		action = "checked_out"
	}
	writeJSON(w, http.StatusOK, map[string]any{"action": action, "warning": res.Warning, "signup": signupPayJSON(res.Signup)})
}

// signupAction decodes a body into in and runs do on the {id} sign-up.
func signupAction[T any](h *gigsAPI, w http.ResponseWriter, r *http.Request, do func(id int64, in T) (*gigs.Signup, error)) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in T
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := do(id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, signupPayJSON(s))
}

func (h *gigsAPI) complete(w http.ResponseWriter, r *http.Request) {
	signupAction(h, w, r, func(id int64, in app.CompleteInput) (*gigs.Signup, error) {
		return h.work.CompleteSignup(r.Context(), httpx.Actor(r), id, in)
	})
}

func (h *gigsAPI) noShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.work.MarkNoShow(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, signupPayJSON(s))
}

func (h *gigsAPI) receipt(w http.ResponseWriter, r *http.Request) {
	signupAction(h, w, r, func(id int64, in app.ReceiptInput) (*gigs.Signup, error) {
		return h.work.ConfirmReceipt(r.Context(), httpx.Actor(r), id, in)
	})
}

type statementInput struct {
	Statement string `json:"statement"`
}

func (h *gigsAPI) statement(w http.ResponseWriter, r *http.Request) {
	signupAction(h, w, r, func(id int64, in statementInput) (*gigs.Signup, error) {
		return h.work.EmployerStatement(r.Context(), httpx.Actor(r), id, in.Statement)
	})
}

func (h *gigsAPI) resolve(w http.ResponseWriter, r *http.Request) {
	signupAction(h, w, r, func(id int64, in app.ResolveInput) (*gigs.Signup, error) {
		return h.work.ResolveDispute(r.Context(), httpx.Actor(r), id, in)
	})
}

func (h *gigsAPI) disputes(w http.ResponseWriter, r *http.Request) {
	list, err := h.work.OpenDisputes(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]signupPayView, 0, len(list))
	for _, s := range list {
		items = append(items, signupPayJSON(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *gigsAPI) rate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.RateInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.work.Rate(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"stars": in.Stars})
}
