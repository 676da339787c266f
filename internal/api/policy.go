package api

import (
	"net/http"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

type policyView struct {
	ID          string        `json:"id"`
	Version     int           `json:"version"`
	Name        string        `json:"name"`
	Category    string        `json:"category"`
	Beneficiary string        `json:"beneficiary"`
	NoApply     bool          `json:"no_apply"`
	Status      string        `json:"status"`
	Active      bool          `json:"active"`
	Stats       *policy.Stats `json:"stats,omitempty"`
}

func policyRowJSON(r app.PolicyRow) policyView {
	return policyView{ID: r.Doc.ID, Version: r.Doc.Version, Name: r.Doc.Name, Category: r.Doc.Category,
		Beneficiary: r.Doc.Beneficiary, NoApply: r.Doc.NoApply, Status: r.Doc.Status, Active: r.Active, Stats: r.Stats}
}

func (h *Handler) listPolicies(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.Policies.ListPolicies(r.Context(), httpx.Actor(r), r.URL.Query().Get("category"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []policyView{}
	for _, row := range rows {
		items = append(items, policyRowJSON(row))
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": len(items), "items": items})
}

func (h *Handler) getPolicy(w http.ResponseWriter, r *http.Request) {
	d, err := h.app.Policies.PolicyDetail(r.Context(), httpx.Actor(r), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"id": d.Doc.ID, "version": d.Doc.Version, "status": d.Doc.Status, "no_apply": d.Doc.NoApply,
		"active": d.Active, "policy": d.Policy}
	if d.Stats != nil {
		out["stats"] = d.Stats
		var hist []map[string]any
		for _, v := range d.History {
			hist = append(hist, map[string]any{"version": v.Version, "note": v.Name, "at": ts(v.UpdatedAt)})
		}
		out["history"] = hist
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) matchPolicies(w http.ResponseWriter, r *http.Request) {
	var in app.MatchInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.app.Policies.Match(r.Context(), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (h *Handler) myPolicies(w http.ResponseWriter, r *http.Request) {
	m, err := h.app.Policies.MyPolicies(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	apps := map[string]applicationView{}
	for id, a := range m.Applications {
		apps[id] = applicationJSON(a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"eval_date": m.Result.EvalDate, "total_yuan": m.Result.TotalYuan,
		"eligible": nonNil(m.Result.Eligible), "near": nonNil(m.Near), "ineligible": nonNil(m.Far), "applications": apps})
}

func (h *Handler) savePolicyAnswers(w http.ResponseWriter, r *http.Request) {
	var in map[string]any
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.Policies.SaveAnswers(r.Context(), httpx.Actor(r), in); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
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
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
}

func applicationJSON(a *policy.Application) applicationView {
	v := applicationView{ID: a.ID, PolicyID: a.PolicyID, PolicyName: a.PolicyName, Version: a.Version, SubjectType: a.SubjectType,
		SubjectID: a.SubjectID, Status: string(a.Status), StatusLabel: a.Status.Label(), AmountYuan: a.AmountYuan, Note: a.Note,
		DecisionReason: a.DecisionReason, CreatedAt: ts(a.CreatedAt), UpdatedAt: ts(a.UpdatedAt)}
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
	files, done, err := httpx.ReadFiles(r, "materials")
	return r.FormValue("note"), files, done, err
}

func (h *Handler) applyPolicy(w http.ResponseWriter, r *http.Request) {
	note, files, done, err := readApplication(r)
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.app.PolicyApps.Apply(r.Context(), httpx.Actor(r), r.PathValue("id"), note, files)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, applicationJSON(a))
}

func (h *Handler) myApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.app.PolicyApps.MyApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeApplications(w, apps, len(apps))
}

func (h *Handler) writeApplications(w http.ResponseWriter, apps []*policy.Application, total int) {
	items := []applicationView{}
	for _, a := range apps {
		items = append(items, applicationJSON(a))
	}
	writeJSON(w, http.StatusOK, listView[applicationView]{Total: total, Items: items})
}

func (h *Handler) getApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.PolicyApps.Application(r.Context(), httpx.Actor(r), id)
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

func (h *Handler) listApplications(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	q := r.URL.Query()
	apps, total, err := h.app.PolicyApps.ListApplications(r.Context(), httpx.Actor(r), policy.ApplicationFilter{PolicyID: q.Get("policy_id"),
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

func (h *Handler) decideApplication(w http.ResponseWriter, r *http.Request) {
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
	a, err := h.app.PolicyApps.Decide(r.Context(), httpx.Actor(r), id, policy.Decision{Action: in.Action, AmountYuan: in.AmountYuan, Reason: in.Reason})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, applicationJSON(a))
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	h.payWith(w, r, h.app.PolicyApps.Pay)
}

func (h *Handler) confirmGrants(w http.ResponseWriter, r *http.Request) {
	h.payWith(w, r, h.app.PolicyApps.ConfirmGrants)
}

func (h *Handler) payWith(w http.ResponseWriter, r *http.Request, do func(ctx ctxT, a app.Actor, in app.PayInput) (int, float64, error)) {
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

func (h *Handler) publicity(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.PolicyApps.Publicity(r.Context(), r.PathValue("id"))
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

type suggestInput struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

func (h *Handler) suggestPolicy(w http.ResponseWriter, r *http.Request) {
	var in suggestInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.app.Policies.SuggestPolicy(r.Context(), httpx.Actor(r), in.Title, in.Text)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func (h *Handler) savePolicy(w http.ResponseWriter, r *http.Request) {
	var in app.PolicyDraft
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.Policies.SavePolicy(r.Context(), httpx.Actor(r), r.PathValue("id"), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": d.ID, "version": d.Version})
}

func (h *Handler) previewPolicy(w http.ResponseWriter, r *http.Request) {
	var in app.PolicyDraft
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.app.Policies.PreviewPolicy(r.Context(), httpx.Actor(r), r.PathValue("id"), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(rows)})
}

func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u, read, err := h.app.PolicyApps.Upload(r.Context(), httpx.Actor(r), id)
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
