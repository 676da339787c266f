package api

// 就业政策通 applications: applying (JSON or multipart with materials), the
// applicant's own list, review and decisions, payouts and grants, the public
// list of recipients, and material downloads.

import (
	"net/http"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

// policyAppsAPI serves 就业政策通 applications: applying, the applicant's
// own list, review and decisions, payouts and grants, publicity, and the
// download of application materials.
type policyAppsAPI struct {
	base
	apps *app.PolicyApps
}

type applicationView struct {
	ID             int64   `json:"id"`
	PolicyID       string  `json:"policy_id"`
	PolicyName     string  `json:"policy_name"`
	Version        int     `json:"version"`
	SubjectType    string  `json:"subject_type"`
	SubjectID      int64   `json:"subject_id"`
	Status         string  `json:"status"`
	StatusLabel    string  `json:"status_label"`
	AmountYuan     float64 `json:"amount_yuan"`
	Note           string  `json:"note"`
	DecisionReason string  `json:"decision_reason,omitempty"`
	PaidOn         string  `json:"paid_on,omitempty"`
	Batch          string  `json:"batch,omitempty"`
	Period         string  `json:"period,omitempty"`   // a recurring payout's period, e.g. 2026Q1
	RefType        string  `json:"ref_type,omitempty"` // what it pays for, e.g. startup_loan
	RefID          int64   `json:"ref_id,omitempty"`
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
}

func applicationJSON(a *policy.Application) applicationView {
	v := applicationView{ID: a.ID, PolicyID: a.PolicyID, PolicyName: a.PolicyName, Version: a.Version, SubjectType: a.SubjectType,
		SubjectID: a.SubjectID, Status: string(a.Status), StatusLabel: a.Status.Label(), AmountYuan: a.AmountYuan, Note: a.Note,
		DecisionReason: a.DecisionReason, CreatedAt: ts(a.CreatedAt), UpdatedAt: ts(a.UpdatedAt),
		Period: a.Period, RefType: a.RefType, RefID: a.RefID}
	if a.Payout != nil {
		v.PaidOn, v.Batch = date(a.Payout.PaidOn), a.Payout.Batch
	}
	return v
}

// readApplication accepts JSON {"note"} or multipart/form-data with a
// "note" field and "materials" files.
func readApplication(r *http.Request) (string, []app.UploadFile, func(), error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		var in struct {
			Note string `json:"note"`
		}
		err := Decode(r.Body, &in)
		return in.Note, nil, func() {}, err
	}
	files, done, err := httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	return r.FormValue("note"), files, done, err
}

func (h *policyAppsAPI) applyPolicy(w http.ResponseWriter, r *http.Request) {
	note, files, done, err := readApplication(r)
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.apps.Apply(r.Context(), httpx.Actor(r), r.PathValue("id"), note, files)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, applicationJSON(a))
}

func (h *policyAppsAPI) myApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.apps.MyApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeApplications(w, apps, len(apps))
}

func (h *policyAppsAPI) writeApplications(w http.ResponseWriter, apps []*policy.Application, total int) {
	items := []applicationView{}
	for _, a := range apps {
		items = append(items, applicationJSON(a))
	}
	writeJSON(w, http.StatusOK, listView[applicationView]{Total: total, Items: items})
}

func (h *policyAppsAPI) getApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.apps.Application(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	files := []map[string]any{}
	for _, u := range v.Uploads {
		files = append(files, map[string]any{"id": u.ID, "filename": u.Filename, "content_type": u.ContentType, "size": u.Size})
	}
	writeJSON(w, http.StatusOK, map[string]any{"application": applicationJSON(v.App), "files": files})
}

func (h *policyAppsAPI) listApplications(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	q := r.URL.Query()
	apps, total, err := h.apps.ListApplications(r.Context(), httpx.Actor(r), policy.ApplicationFilter{PolicyID: q.Get("policy_id"),
		Status: q.Get("status"), Limit: limit, Offset: offset})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeApplications(w, apps, total)
}

type decisionInput struct {
	Action     string  `json:"action"`
	AmountYuan float64 `json:"amount_yuan"`
	Reason     string  `json:"reason"`
}

func (h *policyAppsAPI) decideApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in decisionInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.apps.Decide(r.Context(), httpx.Actor(r), id, policy.Decision{Action: in.Action, AmountYuan: in.AmountYuan, Reason: in.Reason})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, applicationJSON(a))
}

func (h *policyAppsAPI) pay(w http.ResponseWriter, r *http.Request) {
	h.payWith(w, r, h.apps.Pay)
}

func (h *policyAppsAPI) confirmGrants(w http.ResponseWriter, r *http.Request) {
	h.payWith(w, r, h.apps.ConfirmGrants)
}

func (h *policyAppsAPI) payWith(w http.ResponseWriter, r *http.Request, do func(ctx ctxT, a app.Actor, in app.PayInput) (int, float64, error)) {
	var in app.PayInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	n, total, err := do(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": n, "total_yuan": total, "batch": in.Batch})
}

func (h *policyAppsAPI) publicity(w http.ResponseWriter, r *http.Request) {
	rows, err := h.apps.Publicity(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []map[string]any{}
	for _, p := range rows {
		items = append(items, map[string]any{"name": p.Name, "policy_name": p.PolicyName, "amount_yuan": p.AmountYuan,
			"status": p.Status, "date": date(p.Date)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": len(items), "items": items})
}

func (h *policyAppsAPI) download(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u, read, err := h.apps.Upload(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data, err := read()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendAttachment(w, u.ID, u.Filename, u.ContentType, data)
}
