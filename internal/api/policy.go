package api

// 就业政策通 catalog and matching: the policy list and details, matching a
// profile against every policy, the person's own results and questionnaire,
// and authoring (suggestions, new versions, previews).

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

// policyAPI serves the 就业政策通 catalog and matching: the policy list and
// details, matching, the person's results and questionnaire, and authoring.
type policyAPI struct {
	base
	policies *app.Policies
}

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

func (h *policyAPI) listPolicies(w http.ResponseWriter, r *http.Request) {
	rows, err := h.policies.ListPolicies(r.Context(), httpx.Actor(r), r.URL.Query().Get("category"))
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

func (h *policyAPI) getPolicy(w http.ResponseWriter, r *http.Request) {
	d, err := h.policies.PolicyDetail(r.Context(), httpx.Actor(r), r.PathValue("id"))
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

func (h *policyAPI) matchPolicies(w http.ResponseWriter, r *http.Request) {
	var in app.MatchInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.policies.Match(r.Context(), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (h *policyAPI) myPolicies(w http.ResponseWriter, r *http.Request) {
	m, err := h.policies.MyPolicies(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	apps := map[string]applicationView{}
	for id, a := range m.Applications {
		apps[id] = applicationJSON(a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"eval_date": m.Result.EvalDate, "total_yuan": m.Result.TotalYuan, "recurring": m.Result.Recurring,
		"eligible": nonNil(m.Result.Eligible), "near": nonNil(m.Near), "ineligible": nonNil(m.Far), "applications": apps})
}

func (h *policyAPI) savePolicyAnswers(w http.ResponseWriter, r *http.Request) {
	var in map[string]any
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.policies.SaveAnswers(r.Context(), httpx.Actor(r), in); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type suggestInput struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

func (h *policyAPI) suggestPolicy(w http.ResponseWriter, r *http.Request) {
	var in suggestInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.policies.SuggestPolicy(r.Context(), httpx.Actor(r), in.Title, in.Text)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func (h *policyAPI) savePolicy(w http.ResponseWriter, r *http.Request) {
	var in app.PolicyDraft
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.policies.SavePolicy(r.Context(), httpx.Actor(r), r.PathValue("id"), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": d.ID, "version": d.Version})
}

func (h *policyAPI) previewPolicy(w http.ResponseWriter, r *http.Request) {
	var in app.PolicyDraft
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.policies.PreviewPolicy(r.Context(), httpx.Actor(r), r.PathValue("id"), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(rows)})
}
