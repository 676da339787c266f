package web

// 就业政策通's questions and results: the questionnaire both the anonymous
// calculator and "my policies" render, and the calculator itself. Every rule
// about what an answer means lives in app (Policies.Match), so the page and
// POST /api/v1/policies/match answer the same input alike.

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
)

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
	cityChoices    = app.CityChoices()
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
	for _, c := range h.codes.Regions.Children(WuhanCode) {
		if c.Name != "市辖区" {
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
	NoApply   bool
	App       *policy.Application
	Materials []string // 申请材料; empty: 以经办窗口告知为准
	TimeLimit string   // 办理时限 in words
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
	Banner   banner
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
		c := eligibleCard{Eligible: e, App: apps[e.PolicyID], TimeLimit: policy.NoTimeLimit}
		if d, ok := set.Docs[e.PolicyID]; ok {
			c.NoApply = d.NoApply
		}
		if p, ok := set.Cat.Policy(e.PolicyID); ok {
			c.Materials, c.TimeLimit = p.Public().Materials, p.TimeLimitText()
		}
		v.Eligible = append(v.Eligible, c)
	}
	v.Banner = bannerOf(res, len(near), len(far))
	for _, in := range near {
		v.Near = append(v.Near, ineligibleCard{Ineligible: in, App: apps[in.PolicyID]})
	}
	for _, in := range far {
		v.Far = append(v.Far, ineligibleCard{Ineligible: in, App: apps[in.PolicyID]})
	}
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
	near, far := res.NearAndFar()
	h.fillResult(v, set, res, near, far, nil)
	h.render(w, r, http.StatusOK, "policy_match", page)
}

// banner is the red packet's headline and the lines under it, in words that
// follow the counts: the total adds one-off sums only (the rule is said),
// monthly and yearly amounts are counted apart, and the pointer below names
// a section only when it has policies.
type banner struct {
	Headline string
	Lines    []string
}

func bannerOf(res *policy.Result, near, far int) banner {
	var b banner
	n := len(res.Eligible)
	if n == 0 {
		b.Headline = "暂未找到您可直接申请的补贴"
		switch {
		case near > 0:
			b.Lines = append(b.Lines, fmt.Sprintf("看看下面“差一点”的 %d 项政策，补充信息后也许就能申请。", near))
		case far > 0:
			b.Lines = append(b.Lines, fmt.Sprintf("下面“不符合”的 %d 项政策逐条列出了原因，信息有误或有变化时，补充后会重新测算。", far))
		}
		return b
	}
	b.Headline = fmt.Sprintf("您可申请 %d 项补贴", n)
	switch {
	case res.TotalYuan > 0:
		b.Headline += "，一次性补贴合计约 " + policy.FormatYuan(res.TotalYuan)
		b.Lines = append(b.Lines, "合计只加一次性发放的金额；同组政策只能享受一项的，按金额最高的一项计。")
	case res.Recurring == 0:
		b.Headline += "，金额以经办核定为准"
	}
	if res.Recurring > 0 {
		b.Lines = append(b.Lines, fmt.Sprintf("另有 %d 项按月或按年发放，未计入合计，每项发多少、发多久见下方。", res.Recurring))
	}
	if near > 0 {
		b.Lines = append(b.Lines, fmt.Sprintf("还有 %d 项政策只差一个条件，见下方“差一点”。", near))
	}
	return b
}
