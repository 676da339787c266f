package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/policy/draft"
)

// authorData is the policy editor page.
type authorData struct {
	New        bool
	Form       app.PolicyForm
	Fields     []policy.FieldInfo
	Ops        []opChoice
	Categories []string
	Preview    []app.PreviewRow
	Previewed  bool
	Suggestion *draft.Suggestion
	Errors     map[string]string
}

type opChoice struct{ Op, Label string }

// ops lists the criteria operators with Chinese labels for the builder.
func ops() []opChoice {
	return []opChoice{{"eq", "等于"}, {"ne", "不等于"}, {"in", "属于（顿号分隔）"}, {"not_in", "不属于"}, {"gte", "≥"}, {"lte", "≤"},
		{"gt", ">"}, {"lt", "<"}, {"is_true", "是"}, {"is_false", "否"}, {"contains_any", "包含任一"}, {"not_empty", "非空"},
		{"date_gte", "日期不早于"}, {"date_lte", "日期不晚于"}, {"within_years", "在 N 年内"}, {"within_months", "在 N 个月内"},
		{"at_least_months_ago", "已满 N 个月"}}
}

// blankRows is how many empty builder rows the editor offers for new conditions.
const blankRows = 2

func (h *policyPages) authorPage(w http.ResponseWriter, r *http.Request, status int, d *authorData) {
	set, err := h.policies.Catalog(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, fi := range set.Cat.Fields() {
		if fi.Type != "object_list" && fi.Type != "object" {
			d.Fields = append(d.Fields, fi)
		}
	}
	d.Ops, d.Categories = ops(), app.Categories
	if d.Form.CriteriaYAML == "" {
		for i := 0; i < blankRows; i++ {
			d.Form.Rows = append(d.Form.Rows, app.CondRow{})
		}
		for j := range d.Form.Groups {
			d.Form.Groups[j].Rows = append(d.Form.Groups[j].Rows, app.CondRow{})
		}
	}
	title := "编辑政策"
	if d.New {
		title = "新建政策"
	}
	h.render(w, r, status, "policy_edit", &Page{Title: title, Nav: "policies", Data: d, Errors: d.Errors})
}

func (h *policyPages) newPolicyForm(w http.ResponseWriter, r *http.Request) {
	h.authorPage(w, r, http.StatusOK, &authorData{New: true, Form: app.PolicyForm{Combine: "all", MatchMode: "auto",
		ValidStatus: "active", Beneficiary: "person", Category: "就业补贴"}})
}

func (h *policyPages) editPolicyForm(w http.ResponseWriter, r *http.Request) {
	d, err := h.policies.PolicyDetail(r.Context(), httpx.Actor(r), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Policy == nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "政策不存在"))
		return
	}
	h.authorPage(w, r, http.StatusOK, &authorData{Form: app.FormFromPolicy(d.Policy, d.Doc.NoApply)})
}

// readPolicyForm reads the editor's fields, including the builder rows row0.field …
func readPolicyForm(r *http.Request) app.PolicyForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	pf := app.PolicyForm{ID: v("id"), Name: v("name"), Category: v("category"), Beneficiary: v("beneficiary"),
		TargetGroups: v("target_groups"), Conditions: r.PostFormValue("conditions"), AmountText: v("amount_text"),
		BenefitType: v("benefit_type"), Yuan: v("yuan"), ValidFrom: v("valid_from"), ValidTo: v("valid_to"),
		ValidStatus: v("valid_status"), MatchMode: v("match_mode"), ExclusiveGroup: v("exclusive_group"), Channel: v("channel"),
		Materials: r.PostFormValue("materials"), ReviewWorkdays: v("review_workdays"), PublicityDays: v("publicity_days"), Doubts: r.PostFormValue("doubts"),
		NoApply: r.PostFormValue("no_apply") != "", Combine: v("combine"), CriteriaYAML: r.PostFormValue("criteria_yaml"), Note: v("note")}
	pf.Rows = readRows(r, "")
	for j := 0; j < maxGroups; j++ {
		gp := "g" + strconv.Itoa(j) + "."
		if !r.PostForm.Has(gp + "combine") {
			break
		}
		if r.PostFormValue(gp+"remove") != "" {
			continue
		}
		pf.Groups = append(pf.Groups, app.CondGroup{Combine: v(gp + "combine"), Rows: readRows(r, gp)})
	}
	return pf
}

// maxGroups bounds the condition groups one policy's builder reads.
const maxGroups = 20

// readRows reads the builder rows prefix+row0.field …, without those ticked 删除.
func readRows(r *http.Request, prefix string) []app.CondRow {
	var rows []app.CondRow
	for i := 0; i < 60; i++ {
		p := prefix + "row" + strconv.Itoa(i) + "."
		if !r.PostForm.Has(p + "field") {
			break
		}
		if r.PostFormValue(p+"remove") == "" {
			rows = append(rows, app.CondRow{Field: strings.TrimSpace(r.PostFormValue(p + "field")),
				Op: strings.TrimSpace(r.PostFormValue(p + "op")), Value: strings.TrimSpace(r.PostFormValue(p + "value"))})
		}
	}
	return rows
}

// savePolicyForm handles the editor's buttons: 预览 runs the draft against
// the test profiles, 保存 stores a new version; both keep every typed value.
func (h *policyPages) savePolicyForm(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	pf := readPolicyForm(r)
	d := &authorData{New: id == "", Form: pf}
	stored := ""
	if id != "" {
		pf.ID = id
		d.Form.ID = id
		if body, err := h.policies.StoredBody(r.Context(), httpx.Actor(r), id); err == nil {
			stored = body
		}
	}
	if r.PostFormValue("action") == "add_group" {
		// 添加条件组: the page again with every typed value and one more group
		// ("满足任一" is the usual case: 毕业两年内 或 在校).
		if len(d.Form.Groups) < maxGroups {
			d.Form.Groups = append(d.Form.Groups, app.CondGroup{Combine: "any", Rows: []app.CondRow{{}}})
		}
		h.authorPage(w, r, http.StatusOK, d)
		return
	}
	dr, err := pf.ToDraft(stored)
	if err == nil {
		if r.PostFormValue("action") == "preview" {
			d.Preview, err = h.policies.PreviewPolicy(r.Context(), httpx.Actor(r), id, dr)
			d.Previewed = err == nil
		} else {
			_, err = h.policies.SavePolicy(r.Context(), httpx.Actor(r), id, dr)
			if err == nil {
				http.Redirect(w, r, "/policies/"+pf.ID+"?saved=1", http.StatusSeeOther)
				return
			}
		}
	}
	status := http.StatusOK
	if err != nil {
		e := apperr.As(err)
		if e.Code != apperr.Invalid && e.Code != apperr.Conflict {
			h.fail(w, r, err)
			return
		}
		status, d.Errors = httpx.Status(e.Code), e.Fields
		if d.Errors == nil {
			d.Errors = map[string]string{}
		}
		d.Errors["_"] = e.Message
	}
	h.authorPage(w, r, status, d)
}

// suggestPolicyForm classifies pasted policy text and pre-fills a new policy.
func (h *policyPages) suggestPolicyForm(w http.ResponseWriter, r *http.Request) {
	title, text := strings.TrimSpace(r.PostFormValue("paste_title")), r.PostFormValue("paste_text")
	s, err := h.policies.SuggestPolicy(r.Context(), httpx.Actor(r), title, text)
	d := &authorData{New: true, Form: app.PolicyForm{Name: title, Combine: "all", MatchMode: "auto", ValidStatus: "active"}}
	if err != nil {
		e := apperr.As(err)
		if e.Code != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		d.Errors = map[string]string{"_": e.Message}
		h.authorPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	d.Suggestion = s
	d.Form.Category, d.Form.Beneficiary = s.Category, s.Beneficiary
	d.Form.TargetGroups = strings.Join(s.TargetGroups, "、")
	var lines []string
	for _, c := range s.Conditions {
		if c.Scope == "" {
			d.Form.Rows = append(d.Form.Rows, app.CondRow{Field: c.Field, Op: c.Op, Value: valueString(c.Value)})
		}
		lines = append(lines, c.Text)
	}
	d.Form.Conditions = strings.Join(lines, "\n")
	if s.Benefit != nil {
		d.Form.AmountText, d.Form.BenefitType = s.Benefit.Snippet, s.Benefit.Type
		if s.Benefit.AmountYuan > 0 {
			d.Form.Yuan = strconv.FormatFloat(s.Benefit.AmountYuan, 'f', -1, 64)
		}
	}
	h.authorPage(w, r, http.StatusOK, d)
}

func valueString(v any) string {
	if l, ok := v.([]any); ok {
		var parts []string
		for _, x := range l {
			parts = append(parts, strings.TrimSpace(strings.Trim(strings.TrimSpace(toString(x)), `"`)))
		}
		return strings.Join(parts, "、")
	}
	return toString(v)
}

func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}
