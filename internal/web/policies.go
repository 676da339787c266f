package web

// 就业政策通, the public and applicant side: the policy list, the anonymous
// calculator, "my policies" (the red packet) with its questionnaire, the
// policy page with the personal verdict and the apply form, the applicant's
// applications, the public 公示 list and material downloads.

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

// policyPages are 就业政策通: the catalog, the calculator, a person's and an
// enterprise's policies and applications, authoring and the staff console.
type policyPages struct {
	*site
	policies   *app.Policies
	policyApps *app.PolicyApps
}

// helpers are formatting methods the policy pages' data embed, so templates
// can write {{$.Yuan .AmountYuan}} without new template functions.
type helpers struct{}

// Yuan formats an amount as "¥1,500" (two decimals only when needed).
func (helpers) Yuan(v float64) string { return fmtYuan(v) }

// Beneficiary is 个人 or 企业.
func (helpers) Beneficiary(kind string) string {
	if kind == policy.KindEnterprise {
		return "企业"
	}
	return "个人"
}

// Day is a time's date in Beijing.
func (helpers) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinatime.Zone).Format(time.DateOnly)
}

// Size formats a file size.
func (helpers) Size(n int64) string {
	if n < 1024*1024 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
}

func fmtYuan(v float64) string { return policy.FormatYuan(v) }

// validityText says when a policy applies, in words.
func validityText(v policy.Validity) string {
	var span string
	switch {
	case v.From != "" && v.To != "":
		span = v.From + " 至 " + v.To
	case v.From != "":
		span = "自 " + v.From + " 起"
	case v.To != "":
		span = "至 " + v.To
	}
	switch v.Status {
	case "expired":
		if span == "" {
			return "已失效"
		}
		return span + "（已失效）"
	case "unknown":
		if span == "" {
			return "有效期待核实"
		}
		return span + "（待核实）"
	}
	if span == "" {
		return "长期有效"
	}
	return span
}

// ---------------------------------------------------------------- list

type policyCard struct {
	ID, Name, Category, Beneficiary, AmountText, Validity string
	NoApply, Active                                       bool
}

type chip struct {
	Label, Href string
	Count       int
	On          bool
}

type policyListData struct {
	helpers
	Cards     []policyCard
	Chips     []chip
	ForChips  []chip
	CheckHref string
	Empty     bool // no catalog at all
}

func (h *policyPages) policyList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cat, forKind := q.Get("category"), q.Get("for")
	a := httpx.Actor(r)
	rows, err := h.policies.ListPolicies(r.Context(), a, "")
	if err != nil && !apperr.Is(err, apperr.NotFound) { // NotFound: no catalog imported yet
		h.fail(w, r, err)
		return
	}
	var set *app.PolicySet
	if err == nil {
		if set, err = h.policies.Catalog(r.Context()); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d := policyListData{CheckHref: "/policies/check", Empty: len(rows) == 0}
	if account.CanClaimPolicies(a.User) {
		d.CheckHref = "/me/policies"
	}
	counts := map[string]int{}
	for _, row := range rows {
		if row.Doc.Status != policy.Published {
			continue
		}
		if forKind != "" && row.Doc.Beneficiary != forKind {
			continue
		}
		counts[row.Doc.Category]++
		if cat != "" && row.Doc.Category != cat {
			continue
		}
		c := policyCard{ID: row.Doc.ID, Name: row.Doc.Name, Category: row.Doc.Category, Beneficiary: d.Beneficiary(row.Doc.Beneficiary),
			NoApply: row.Doc.NoApply, Active: row.Active}
		if p, ok := set.Cat.Policy(row.Doc.ID); ok {
			c.AmountText, c.Validity = p.Benefit.AmountText, validityText(p.Validity)
		}
		d.Cards = append(d.Cards, c)
	}
	slices.SortStableFunc(d.Cards, func(x, y policyCard) int { // in force first, then by category
		if x.Active != y.Active {
			if x.Active {
				return -1
			}
			return 1
		}
		return categoryRank(x.Category) - categoryRank(y.Category)
	})
	link := func(c, f string) string {
		v := url.Values{}
		if c != "" {
			v.Set("category", c)
		}
		if f != "" {
			v.Set("for", f)
		}
		if len(v) == 0 {
			return "/policies"
		}
		return "/policies?" + v.Encode()
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	d.Chips = append(d.Chips, chip{Label: "全部", Href: link("", forKind), Count: total, On: cat == ""})
	for _, c := range app.Categories {
		if counts[c] > 0 || c == cat {
			d.Chips = append(d.Chips, chip{Label: c, Href: link(c, forKind), Count: counts[c], On: c == cat})
		}
	}
	d.ForChips = []chip{{Label: "全部对象", Href: link(cat, ""), On: forKind == ""},
		{Label: "面向个人", Href: link(cat, policy.KindPerson), On: forKind == policy.KindPerson},
		{Label: "面向企业", Href: link(cat, policy.KindEnterprise), On: forKind == policy.KindEnterprise}}
	h.render(w, r, http.StatusOK, "policies", &Page{Title: "就业政策通", Nav: "policy", Data: d})
}

// categoryRank orders categories as app.Categories lists them.
func categoryRank(c string) int {
	if i := slices.Index(app.Categories, c); i >= 0 {
		return i
	}
	return len(app.Categories)
}

// ---------------------------------------------------------------- questions

// question is one attribute a policy form asks for. Labels default to the
// engine's field labels (policy.Catalog.Fields).
type question struct {
	Group   string
	Name    string // engine attribute
	Kind    string // yesno | select | multi | number | percent | date
	Label   string // overrides the engine label
	Options []string
	Hint    string
}

var (
	schoolTypes    = []string{"普通高校", "中职", "技工院校", "其他"}
	hardshipKinds  = []string{"低保家庭", "城乡低收入家庭", "脱贫家庭", "贫困残疾人家庭", "特困人员", "零就业家庭", "农村零转移就业贫困家庭", "生活困难的失地农民"}
	cityChoices    = []string{"武汉市", "湖北省其他城市", "湖北省外"}
	provinceChoice = []string{"湖北省", "其他省份"}
)

// personQuestions are what the registry does not hold about a person.
func personQuestions() []question {
	return []question{
		{Group: "学业", Name: "full_time", Kind: "yesno", Label: "是否全日制学历"},
		{Group: "学业", Name: "student_status", Kind: "select", Label: "学籍状态", Options: []string{"在校", "毕业"}},
		{Group: "学业", Name: "school_type", Kind: "select", Options: schoolTypes},
		{Group: "学业", Name: "school_province", Kind: "select", Options: provinceChoice},
		{Group: "学业", Name: "school_city", Kind: "select", Options: cityChoices},
		{Group: "学业", Name: "national_student_loan", Kind: "yesno", Label: "是否获得国家助学贷款"},
		{Group: "家庭与身份", Name: "family_hardship", Kind: "multi", Options: hardshipKinds, Hint: "可多选；都不属于则不勾选。"},
		{Group: "家庭与身份", Name: "has_wuhan_residence_permit", Kind: "yesno"},
		{Group: "家庭与身份", Name: "disabled", Kind: "yesno"},
		{Group: "家庭与身份", Name: "orphan", Kind: "yesno"},
		{Group: "家庭与身份", Name: "martyr_family", Kind: "yesno"},
		{Group: "家庭与身份", Name: "is_migrant_worker", Kind: "yesno"},
		{Group: "就业与社保", Name: "employed_since_graduation", Kind: "yesno"},
		{Group: "就业与社保", Name: "unemployed_months", Kind: "number", Hint: "从最近一次失业起算，未失业填 0。"},
		{Group: "就业与社保", Name: "flexible_registered", Kind: "yesno"},
		{Group: "就业与社保", Name: "flexible_si_paid", Kind: "yesno"},
		{Group: "就业与社保", Name: "enterprise_employee", Kind: "yesno"},
		{Group: "就业与社保", Name: "ui_months", Kind: "number", Label: "失业保险累计缴费月数"},
	}
}

// enterpriseQuestions are what the registry does not hold about an enterprise.
func enterpriseQuestions() []question {
	return []question{
		{Group: "用工与参保", Name: "headcount", Kind: "number"},
		{Group: "用工与参保", Name: "insured_employees", Kind: "number"},
		{Group: "用工与参保", Name: "ui_paid_months_last_year", Kind: "number"},
		{Group: "用工与参保", Name: "layoff_rate", Kind: "percent", Label: "上年度裁员率（%）", Hint: "填百分数，如 3.5 表示 3.5%；未裁员填 0。"},
		{Group: "用工与参保", Name: "last_year_ui_premiums_paid", Kind: "number"},
		{Group: "用工与参保", Name: "cydb_new_hires_12m", Kind: "number", Hint: "近 12 个月新招用、符合创业担保贷款条件并签订 1 年以上合同的人数。"},
		{Group: "信用", Name: "serious_dishonesty", Kind: "yesno"},
		{Group: "信用", Name: "wage_or_si_arrears", Kind: "yesno"},
		{Group: "就业见习", Name: "is_jianxi_base", Kind: "yesno"},
		{Group: "就业见习", Name: "pays_allowance_ge_min_wage", Kind: "yesno"},
		{Group: "就业见习", Name: "buys_accident_insurance", Kind: "yesno"},
	}
}

// calculatorQuestions are the anonymous calculator's: the most useful
// person attributes, registry facts included.
func (h *policyPages) calculatorQuestions() []question {
	var districts []string
	for _, c := range h.pickers.Regions {
		if len(c.Code) == 6 && c.Name != "市辖区" {
			districts = append(districts, c.Name)
		}
	}
	edu := append([]string{}, h.pickers.Educations...)
	return append([]question{
		{Group: "基本情况", Name: "gender", Kind: "select", Options: []string{"男", "女"}},
		{Group: "基本情况", Name: "birth_date", Kind: "date"},
		{Group: "基本情况", Name: "education", Kind: "select", Label: "最高学历", Options: edu},
		{Group: "基本情况", Name: "graduation_date", Kind: "date", Hint: "尚未毕业的填预计毕业日期。"},
		{Group: "户籍", Name: "hukou_city", Kind: "select", Label: "户籍所在城市", Options: cityChoices},
		{Group: "户籍", Name: "hukou_district", Kind: "select", Label: "户籍所在区（武汉户籍填写）", Options: districts},
		{Group: "就业与社保", Name: "employment_status", Kind: "select", Label: "目前就业状态", Options: h.pickers.Employment},
		{Group: "就业与社保", Name: "unemployment_registered", Kind: "yesno"},
		{Group: "就业与社保", Name: "difficulty_certified", Kind: "yesno"},
	}, personQuestions()...)
}

type qOpt struct {
	Value, Label string
	On           bool
}

// qView is one question as the template renders it.
type qView struct {
	Name, Label, Kind, Hint, Unit, Value, Error string
	Options                                     []qOpt
}

type qGroup struct {
	Title string
	Items []qView
}

// fieldLabels maps an attribute path of kind to its engine label and unit.
func fieldLabels(set *app.PolicySet, kind string) map[string]policy.FieldInfo {
	out := map[string]policy.FieldInfo{}
	if set == nil {
		return out
	}
	for _, f := range set.Cat.Fields() {
		if f.Scope == kind {
			out[f.Path] = f
		}
	}
	return out
}

func questionViews(qs []question, labels map[string]policy.FieldInfo, form, errs map[string]string) []qGroup {
	var out []qGroup
	for _, q := range qs {
		fi := labels[q.Name]
		v := qView{Name: q.Name, Label: q.Label, Kind: q.Kind, Hint: q.Hint, Value: form[q.Name], Error: errs[q.Name], Unit: fi.Unit}
		if v.Label == "" {
			v.Label = fi.Label
		}
		if v.Label == "" {
			v.Label = q.Name
		}
		if q.Kind == "percent" {
			v.Unit = ""
		}
		switch q.Kind {
		case "yesno":
			v.Options = []qOpt{{Value: "true", Label: "是", On: v.Value == "true"}, {Value: "false", Label: "否", On: v.Value == "false"}}
		case "select":
			for _, o := range q.Options {
				v.Options = append(v.Options, qOpt{Value: o, Label: o, On: o == v.Value})
			}
		case "multi":
			picked := strings.Split(v.Value, ",")
			for _, o := range q.Options {
				v.Options = append(v.Options, qOpt{Value: o, Label: o, On: slices.Contains(picked, o)})
			}
		}
		if len(out) == 0 || out[len(out)-1].Title != q.Group {
			out = append(out, qGroup{Title: q.Group})
		}
		g := &out[len(out)-1]
		g.Items = append(g.Items, v)
	}
	return out
}

// readQuestions turns a posted questionnaire into engine attributes. Every
// question answered goes into set; unanswered ones are listed in unset. The
// form map keeps what was typed.
func readQuestions(r *http.Request, qs []question) (set map[string]any, unset []string, form map[string]string, errs apperr.Fields) {
	set, form = map[string]any{}, map[string]string{}
	for _, q := range qs {
		if q.Kind == "multi" {
			var picked []string
			for _, v := range r.PostForm[q.Name] {
				if slices.Contains(q.Options, v) && !slices.Contains(picked, v) {
					picked = append(picked, v)
				}
			}
			form[q.Name] = strings.Join(picked, ",")
			set[q.Name] = append([]string{}, picked...)
			continue
		}
		raw := strings.TrimSpace(r.PostFormValue(q.Name))
		form[q.Name] = raw
		if raw == "" {
			unset = append(unset, q.Name)
			continue
		}
		switch q.Kind {
		case "yesno":
			if raw != "true" && raw != "false" {
				errs.Add(q.Name, "请选择“是”或“否”")
				continue
			}
			set[q.Name] = raw == "true"
		case "select":
			if !slices.Contains(q.Options, raw) {
				errs.Add(q.Name, "请从列表中选择")
				continue
			}
			set[q.Name] = raw
		case "number", "percent":
			n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(raw, "%"), ",", ""), 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				errs.Add(q.Name, "请填写数字")
				continue
			}
			if n < 0 {
				errs.Add(q.Name, "不能为负数")
				continue
			}
			if q.Kind == "percent" {
				if n > 100 {
					errs.Add(q.Name, "请填写 0 到 100 之间的百分数")
					continue
				}
				n /= 100
			}
			set[q.Name] = n
		case "date":
			set[q.Name] = raw // the engine checks it is a real date
		}
	}
	return set, unset, form, errs
}

// answersForm shows stored answers in the questionnaire.
func answersForm(ans map[string]any, qs []question) map[string]string {
	form := map[string]string{}
	for _, q := range qs {
		v, ok := ans[q.Name]
		if !ok || v == nil {
			continue
		}
		switch x := v.(type) {
		case bool:
			form[q.Name] = strconv.FormatBool(x)
		case float64:
			if q.Kind == "percent" {
				x *= 100
			}
			form[q.Name] = strconv.FormatFloat(math.Round(x*10000)/10000, 'f', -1, 64)
		case string:
			form[q.Name] = x
		case []any:
			var parts []string
			for _, e := range x {
				if s, ok := e.(string); ok {
					parts = append(parts, s)
				}
			}
			form[q.Name] = strings.Join(parts, ",")
		case []string:
			form[q.Name] = strings.Join(x, ",")
		}
	}
	return form
}

// attrErrors maps the engine's "attrs.x" field names to form field names.
func attrErrors(err error) error {
	e := apperr.As(err)
	if len(e.Fields) == 0 {
		return err
	}
	out := &apperr.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{}, Err: e.Err}
	for k, v := range e.Fields {
		out.Fields[strings.TrimPrefix(k, "attrs.")] = v
	}
	return out
}

// ---------------------------------------------------------------- match results

type eligibleCard struct {
	policy.Eligible
	NoApply bool
	App     *policy.Application
}

type ineligibleCard struct {
	policy.Ineligible
	App *policy.Application
}

// matchView is a match result plus the form beside it; /me/policies and the
// anonymous calculator render it with the same template.
type matchView struct {
	helpers
	Mine     bool   // the logged-in subject's own result
	Kind     string // person | enterprise
	Result   bool   // a result is shown
	EvalDate string
	Total    float64
	Eligible []eligibleCard
	Near     []ineligibleCard
	Far      []ineligibleCard
	Groups   []qGroup
	Action   string // where the form posts
	EditHref string // where registry facts are edited
}

func (h *policyPages) fillResult(v *matchView, set *app.PolicySet, res *policy.Result, near, far []policy.Ineligible, apps map[string]*policy.Application) {
	v.Result, v.EvalDate, v.Total = true, res.EvalDate, res.TotalYuan
	for _, e := range res.Eligible {
		c := eligibleCard{Eligible: e, App: apps[e.PolicyID]}
		if d, ok := set.Docs[e.PolicyID]; ok {
			c.NoApply = d.NoApply
		}
		v.Eligible = append(v.Eligible, c)
	}
	for _, in := range near {
		v.Near = append(v.Near, ineligibleCard{Ineligible: in, App: apps[in.PolicyID]})
	}
	for _, in := range far {
		v.Far = append(v.Far, ineligibleCard{Ineligible: in, App: apps[in.PolicyID]})
	}
}

func splitNear(res *policy.Result) (near, far []policy.Ineligible) {
	for _, in := range res.Ineligible {
		if in.Hint != "" {
			near = append(near, in)
		} else {
			far = append(far, in)
		}
	}
	return near, far
}

// ---------------------------------------------------------------- calculator

func (h *policyPages) checkPage(r *http.Request, form, errs map[string]string) (*matchView, error) {
	set, err := h.policies.Catalog(r.Context())
	if err != nil {
		return nil, err
	}
	v := &matchView{Kind: policy.KindPerson, Action: "/policies/check"}
	v.Groups = questionViews(h.calculatorQuestions(), fieldLabels(set, policy.KindPerson), form, errs)
	return v, nil
}

func (h *policyPages) policyCheckForm(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkPage(r, nil, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "policy_match", &Page{Title: "政策计算器", Nav: "policy", Data: v})
}

func (h *policyPages) policyCheck(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	qs := h.calculatorQuestions()
	attrs, _, form, errs := readQuestions(r, qs)
	if form["hukou_city"] == "武汉市" || form["hukou_city"] == "湖北省其他城市" {
		attrs["hukou_province"] = "湖北省"
	}
	if _, ok := attrs["school_province"]; !ok && (form["school_city"] == "武汉市" || form["school_city"] == "湖北省其他城市") {
		attrs["school_province"] = "湖北省"
	}
	var res *policy.Result
	err := errs.Err()
	if err == nil {
		res, err = h.policies.Match(r.Context(), app.MatchInput{Kind: policy.KindPerson, Attrs: attrs})
		err = attrErrors(err)
	}
	v, perr := h.checkPage(r, form, apperr.As(err).Fields)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	page := &Page{Title: "政策计算器", Nav: "policy", Form: form, Data: v}
	if err != nil {
		h.formFail(w, r, "policy_match", page, err)
		return
	}
	set, err := h.policies.Catalog(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	near, far := splitNear(res)
	h.fillResult(v, set, res, near, far, nil)
	h.render(w, r, http.StatusOK, "policy_match", page)
}

// ---------------------------------------------------------------- my policies

func subjectQuestions(kind string) []question {
	if kind == policy.KindEnterprise {
		return enterpriseQuestions()
	}
	return personQuestions()
}

func (h *policyPages) myPoliciesPage(r *http.Request, form map[string]string, errs map[string]string) (*matchView, *app.MyPolicies, error) {
	a := httpx.Actor(r)
	mp, err := h.policies.MyPolicies(r.Context(), a)
	if err != nil {
		return nil, nil, err
	}
	set, err := h.policies.Catalog(r.Context())
	if err != nil {
		return nil, nil, err
	}
	qs := subjectQuestions(mp.Kind)
	if form == nil {
		form = answersForm(mp.Answers, qs)
	}
	v := &matchView{Mine: true, Kind: mp.Kind, Action: "/me/policies/answers", EditHref: "/me/edit"}
	if mp.Kind == policy.KindEnterprise {
		v.EditHref = "/enterprise/edit"
	}
	h.fillResult(v, set, mp.Result, mp.Near, mp.Far, mp.Applications)
	v.Groups = questionViews(qs, fieldLabels(set, mp.Kind), form, errs)
	return v, mp, nil
}

func (h *policyPages) myPolicies(w http.ResponseWriter, r *http.Request) {
	v, _, err := h.myPoliciesPage(r, nil, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "我的政策红包", Nav: "policy", Data: v}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "已保存，测算结果已按您的回答更新。"
	}
	h.render(w, r, http.StatusOK, "policy_match", page)
}

func (h *policyPages) savePolicyAnswers(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	_, mp, err := h.myPoliciesPage(r, map[string]string{}, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	qs := subjectQuestions(mp.Kind)
	set, unset, form, errs := readQuestions(r, qs)
	err = errs.Err()
	if err == nil {
		// Keep answers given elsewhere (the API), replace the ones this form asks.
		ans := map[string]any{}
		for k, v := range mp.Answers {
			ans[k] = v
		}
		for _, k := range unset {
			delete(ans, k)
		}
		for k, v := range set {
			ans[k] = v
		}
		err = attrErrors(h.policies.SaveAnswers(r.Context(), httpx.Actor(r), ans))
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		v, _, perr := h.myPoliciesPage(r, form, apperr.As(err).Fields)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		h.formFail(w, r, "policy_match", &Page{Title: "我的政策红包", Nav: "policy", Form: form, Data: v}, err)
		return
	}
	http.Redirect(w, r, "/me/policies?saved=1#result", http.StatusSeeOther)
}

// ---------------------------------------------------------------- detail and apply

type policyDetailData struct {
	helpers
	D         *app.PolicyDetail
	P         *policy.Policy
	Validity  string
	Staff     bool
	Subject   bool // a person or employer is logged in
	ForKind   bool // the policy is for the user's kind of subject
	Eligible  *eligibleCard
	Near      *ineligibleCard
	Far       *ineligibleCard
	Unmatched bool // not auto-matched for the user (manual review or out of validity)
	App       *policy.Application
	CanApply  bool
	LoginHref string
	MaxFiles  int
}

func (h *policyPages) policyDetailPage(r *http.Request, id string) (*Page, error) {
	a := httpx.Actor(r)
	d, err := h.policies.PolicyDetail(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	v := &policyDetailData{D: d, P: d.Policy, Staff: account.CanUseConsole(a.User), Subject: account.CanClaimPolicies(a.User), MaxFiles: app.MaxUploadFiles,
		LoginHref: "/login?next=" + url.QueryEscape("/policies/"+id)}
	if v.P != nil {
		v.Validity = validityText(v.P.Validity)
	}
	if v.Subject {
		kind := policy.KindPerson
		if account.IsEmployer(a.User) {
			kind = policy.KindEnterprise
		}
		v.ForKind = d.Doc.Beneficiary == kind
		if v.ForKind {
			mp, err := h.policies.MyPolicies(r.Context(), a)
			if err != nil {
				return nil, err
			}
			v.App = mp.Applications[id]
			for _, e := range mp.Result.Eligible {
				if e.PolicyID == id {
					v.Eligible = &eligibleCard{Eligible: e, NoApply: d.Doc.NoApply, App: v.App}
				}
			}
			for _, in := range mp.Near {
				if in.PolicyID == id {
					v.Near = &ineligibleCard{Ineligible: in, App: v.App}
				}
			}
			for _, in := range mp.Far {
				if in.PolicyID == id {
					v.Far = &ineligibleCard{Ineligible: in, App: v.App}
				}
			}
			v.Unmatched = v.Eligible == nil && v.Near == nil && v.Far == nil
			v.CanApply = v.Eligible != nil && v.App == nil && !d.Doc.NoApply && d.Doc.Status == policy.Published
		}
	}
	return &Page{Title: d.Doc.Name, Nav: "policy", Data: v}, nil
}

func (h *policyPages) policyDetail(w http.ResponseWriter, r *http.Request) {
	page, err := h.policyDetailPage(r, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "policy_detail", page)
}

// readMaterials reads a multipart form's note and "materials" files; a plain
// form (no files) is accepted too. done releases the temporary files.
func readMaterials(r *http.Request) (note string, files []app.UploadFile, done func(), err error) {
	files, done, err = httpx.ReadFiles(r, "materials")
	return r.FormValue("note"), files, done, err
}

func (h *policyPages) applyPolicy(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	note, files, done, err := readMaterials(r)
	defer done()
	var ap *policy.Application
	if err == nil {
		ap, err = h.policyApps.Apply(r.Context(), httpx.Actor(r), id, note, files)
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		page, perr := h.policyDetailPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = map[string]string{"note": strings.TrimSpace(note)}
		h.formFail(w, r, "policy_detail", page, err)
		return
	}
	http.Redirect(w, r, "/me/applications/"+strconv.FormatInt(ap.ID, 10)+"?new=1", http.StatusSeeOther)
}

// ---------------------------------------------------------------- applications

type applicationsData struct {
	helpers
	Apps []*policy.Application
}

func (h *policyPages) myApplications(w http.ResponseWriter, r *http.Request) {
	apps, err := h.policyApps.MyApplications(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "applications", &Page{Title: "我的申请", Nav: "policy", Data: applicationsData{Apps: apps}})
}

// step is one line of an application's timeline.
type step struct {
	Title, When, Text string
	State             string // done | current | bad
}

func timeline(ap *policy.Application) []step {
	var out []step
	first := step{Title: "提交申请", When: datetimeCN(ap.CreatedAt), State: "done"}
	if ap.ApplicantID == 0 {
		first.Title = "系统生成免申即享发放建议"
	}
	out = append(out, first)
	decided := datetimeCN(ap.DecidedAt)
	switch ap.Status {
	case policy.Proposed:
		out = append(out, step{Title: "待经办人员确认", Text: "免申即享，无需申请；经办人员核实后直接发放。", State: "current"})
	case policy.Submitted:
		if !ap.DecidedAt.IsZero() && ap.DecisionReason != "" {
			out = append(out, step{Title: "曾退回补充材料", When: decided, Text: ap.DecisionReason, State: "done"},
				step{Title: "已补充材料，重新提交", When: datetimeCN(ap.UpdatedAt), State: "done"})
		}
		out = append(out, step{Title: "审核中", Text: "经办人员将在规定时限内审核，结果会通过站内消息通知您。", State: "current"})
	case policy.Returned:
		out = append(out, step{Title: "退回补充材料", When: decided, Text: ap.DecisionReason, State: "current"})
	case policy.Rejected:
		out = append(out, step{Title: "未通过", When: decided, Text: ap.DecisionReason, State: "bad"})
	case policy.Approved, policy.Paid:
		out = append(out, step{Title: "审核通过", When: decided, Text: "核定金额 " + fmtYuan(ap.AmountYuan), State: "done"})
		if ap.Payout != nil {
			out = append(out, step{Title: "已发放", When: ap.Payout.PaidOn.Format(time.DateOnly),
				Text: fmt.Sprintf("%s，发放批次 %s", fmtYuan(ap.Payout.AmountYuan), ap.Payout.Batch), State: "done"})
		} else {
			out = append(out, step{Title: "待发放", Text: "发放后会通知您，请留意到账。", State: "current"})
		}
	}
	return out
}

func datetimeCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinatime.Zone).Format("2006-01-02 15:04")
}

type applicationData struct {
	helpers
	V           *app.ApplicationView
	A           *policy.Application
	Steps       []step
	Staff       bool
	CanDecide   bool // reviewer or admin, and the application awaits a decision
	Reviewer    bool
	SubjectHref string
	Resubmit    bool
	MaxFiles    int
}

func (h *policyPages) applicationPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.policyApps.Application(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	u := httpx.User(r.Context())
	d := &applicationData{V: v, A: v.App, Steps: timeline(v.App), Staff: account.CanUseConsole(u), MaxFiles: app.MaxUploadFiles}
	d.Resubmit = !d.Staff && v.App.Status == policy.Returned
	d.Reviewer = account.CanReviewApplications(u)
	d.CanDecide = d.Staff && d.Reviewer && (v.App.Status == policy.Submitted || v.App.Status == policy.Proposed)
	if v.App.SubjectType == policy.KindEnterprise {
		d.SubjectHref = "/console/enterprises/" + strconv.FormatInt(v.App.SubjectID, 10)
	} else {
		d.SubjectHref = "/console/persons/" + strconv.FormatInt(v.App.SubjectID, 10)
	}
	title := v.App.PolicyName + " · 申请 #" + strconv.FormatInt(id, 10)
	nav := "policy"
	if d.Staff {
		nav = "policies"
	}
	return &Page{Title: title, Nav: nav, Data: d}, nil
}

func (h *policyPages) myApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.applicationPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch {
	case r.URL.Query().Get("new") == "1":
		page.Flash = "申请已提交，审核结果会通过站内消息通知您。"
	case r.URL.Query().Get("resubmitted") == "1":
		page.Flash = "材料已补充，申请已重新进入审核。"
	}
	h.render(w, r, http.StatusOK, "application", page)
}

func (h *policyPages) resubmitApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	note, files, done, err := readMaterials(r)
	defer done()
	if err == nil {
		err = h.policyApps.Resubmit(r.Context(), httpx.Actor(r), id, note, files)
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		page, perr := h.applicationPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = map[string]string{"note": strings.TrimSpace(note)}
		h.formFail(w, r, "application", page, err)
		return
	}
	http.Redirect(w, r, "/me/applications/"+strconv.FormatInt(id, 10)+"?resubmitted=1", http.StatusSeeOther)
}

// download serves an application's material to its applicant or to staff,
// always as an attachment so it never renders in the site's origin.
func (h *policyPages) download(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u, read, err := h.policyApps.Upload(r.Context(), httpx.Actor(r), id)
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

// ---------------------------------------------------------------- publicity

type publicityData struct {
	helpers
	Doc        *policy.Doc
	Rows       []app.PublicityRow
	Total      float64
	ExportHref string
}

func (h *policyPages) publicity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := h.policies.PolicyDetail(r.Context(), app.Actor{}, id) // as the public sees it
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.policyApps.Publicity(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		out := make([][]any, 0, len(rows))
		for _, p := range rows {
			out = append(out, []any{p.Name, p.PolicyName, p.AmountYuan, p.Status, p.Date.In(chinatime.Zone).Format(time.DateOnly)})
		}
		h.writeSheet(w, "公示-"+d.Doc.Name, []string{"姓名/单位", "政策", "金额（元）", "状态", "日期"}, out)
		return
	}
	v := publicityData{Doc: d.Doc, Rows: rows, ExportHref: "/policies/" + url.PathEscape(id) + "/publicity?format=xlsx"}
	for _, p := range rows {
		v.Total += p.AmountYuan
	}
	h.render(w, r, http.StatusOK, "policy_publicity", &Page{Title: d.Doc.Name + " · 公示", Nav: "policy", Data: v})
}
