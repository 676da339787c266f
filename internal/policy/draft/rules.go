package draft

import (
	"regexp"
	"strings"
)

// This file is the built-in keyword/phrase table. It encodes the catalog's
// labelling conventions (checked against every policy of
// shared/data/policies/catalog.yaml):
//
//   - a named subsidy type wins over the hiring verb: "招用就业困难人员社会保险补贴"
//     is 社保补贴, not 就业补贴; likewise 见习 / 培训 / 贷款.
//   - loans and interest subsidies are 贷款贴息 even when they serve
//     entrepreneurs ("个人创业担保贷款及财政贴息", "青创贷").
//   - "一次性求职创业补贴" is 就业补贴 (it pays job seekers), not 创业扶持.
//   - tax deductions follow the subject: a veteran's own 个体经营 → 创业扶持,
//     an enterprise hiring veterans → 就业补贴.
//   - status recognition (就业困难人员认定), veterans' resettlement payments
//     (退役…经济补助) and commercial insurance subsidies (意外伤害保险) are 其他.
//   - the catalog has no 人才引进 policy yet; its rules come from the usual
//     wording of talent policies (人才引进, 落户, 安家费, 人才公寓, 留汉).

type kwRule struct {
	Label  string
	Re     *regexp.Regexp
	Unless *regexp.Regexp // the rule does not fire on a part that also matches this
	Weight float64
}

func rule(label, re string, w float64) kwRule {
	return kwRule{Label: label, Re: regexp.MustCompile(re), Weight: w}
}

func ruleUnless(label, re, unless string, w float64) kwRule {
	r := rule(label, re, w)
	r.Unless = regexp.MustCompile(unless)
	return r
}

// titleFactor: a keyword in the title counts this many times a keyword in the body.
const titleFactor = 3

var categoryRules = []kwRule{
	// named subsidy types: strongest
	rule("见习补贴", `见习`, 5),
	ruleUnless("贷款贴息", `贷款|贴息|创业贷|青创贷`, `助学贷款`, 5),
	rule("社保补贴", `社会保险补贴|社保补贴|社会保险费补贴|养老保险补贴`, 5),
	rule("培训补贴", `培训|技能提升|学徒|以工代训|技能鉴定|职业技能等级`, 4),
	rule("人才引进", `人才引进|引进人才|引才|落户|安家费|安居补贴|人才公寓|购房补贴|博士后|高层次人才`, 4),
	rule("就业补贴", `求职创业补贴|求职补贴`, 6),
	// entrepreneurship
	ruleUnless("创业扶持", `创业补贴|创业扶持|创业项目|创业资助|创业专项|创业孵化|场租|个体经营|自主创业|创办`, `求职创业|担保贷款`, 3),
	// hiring / employment
	rule("就业补贴", `扩岗|稳岗|吸纳|招用|录用|公益性岗位|就业补贴|就业补助|就业奖补|岗位补贴|稳定就业`, 2),
	// other
	rule("其他", `认定$|认定[^后]|意外伤害|经济补助|退役金|抚恤|优待`, 3),
}

var beneficiaryRules = []kwRule{
	// an organisation applies
	rule(Enterprise, `^(企业|单位|用人单位|中小微企业|小微企业|中小企业)|企业吸纳|企业招用|单位招用|企业开展|补贴企业|见习补贴|见习基地|见习单位`, 3),
	rule(Enterprise, `招用|吸纳[^，。；]{0,8}(人员|毕业生|青年|军人|人口|就业)|扩岗|稳岗|见习基地|见习单位|用人单位|申报单位|申请主体为企业|参保企业|上述企业|学徒|以工代训`, 2),
	ruleUnless(Enterprise, `小微企业|中小微企业|企业\(单位\)|企业\(含`, `企业主|创办|开办|创业`, 1),
	// a person applies
	rule(Person, `个人|本人|户籍|灵活就业|个体经营|从事个体|创业者|创业青年|青年创业|申请人|求职|公益性岗位|在校生|毕业生自|在职职工|参保职工|领取失业保险金`, 2),
	ruleUnless(Person, `创业补贴|创业扶持|大学生|高校毕业生`, `吸纳|招用`, 1),
	// a group of people named with no organisation around them is the applicant
	ruleUnless(Person, `士兵|军人|毕业生|人员|青年|农民工|学生|残疾人|劳动者`, `企业|单位|招用|吸纳|基地`, 1),
}

// ruleScores returns the normalised keyword-table scores, or nil when no rule
// fired, and whether any rule fired on the title.
func ruleScores(rules []kwRule, title, text string) (map[string]float64, bool) {
	raw := map[string]float64{}
	titleHit := false
	for _, r := range rules {
		switch {
		case r.fires(title):
			raw[r.Label] += titleFactor * r.Weight
			titleHit = true
		case r.fires(text):
			raw[r.Label] += r.Weight
		}
	}
	var sum float64
	for _, v := range raw {
		sum += v
	}
	if sum == 0 {
		return nil, false
	}
	for l := range raw {
		raw[l] /= sum
	}
	return raw, titleHit
}

func (r kwRule) fires(s string) bool {
	if s == "" || !r.Re.MatchString(s) {
		return false
	}
	return r.Unless == nil || !r.Unless.MatchString(s)
}

// tagRule is one canonical target-group tag. Cue finds it in a policy text;
// Norm maps the catalog's free-form target_groups entries onto it, so that
// "离校2年内未就业高校毕业生" and "毕业学年高校毕业生" both count as 高校毕业生.
type tagRule struct {
	Tag       string
	Cue       *regexp.Regexp // nil: never predicted from text (Norm only)
	CueUnless *regexp.Regexp
	// ClauseUnless drops a cue match whose comma-delimited clause matches it
	// ("中小微企业按60%返还" states an amount, not who may apply).
	ClauseUnless *regexp.Regexp
	Norm         *regexp.Regexp
	NormUnless   *regexp.Regexp
	For          string // "" any beneficiary, or Person / Enterprise only
}

func re(s string) *regexp.Regexp {
	if s == "" {
		return nil
	}
	return regexp.MustCompile(s)
}

// tagRules is the canonical tag vocabulary, in output order. The tags are the
// catalog's own most frequent target_groups entries.
var tagRules = []tagRule{
	{Tag: "企业", Cue: re(`.`), CueUnless: re(`见习基地|见习单位`), Norm: re(`企业|单位$`), NormUnless: re(`职工|企业主|民办非企业|的企业$`), For: Enterprise},
	{Tag: "小微企业", Cue: re(`小微企业|小型微型企业|小型、微型企业|中小微`), ClauseUnless: re(`%|返还`), Norm: re(`小微企业|中小微`), NormUnless: re(`企业主`), For: Enterprise},
	{Tag: "社会组织", Cue: re(`社会组织|社会团体|民办非企业`), Norm: re(`社会组织|社会团体|六类主体|民办非企业`), For: Enterprise},
	{Tag: "个体工商户", Norm: re(`个体工商户|个体户`)},
	{Tag: "就业见习基地", Cue: re(`见习基地|见习单位`), Norm: re(`见习基地|见习单位`), For: Enterprise},
	{Tag: "高校毕业生", Cue: re(`高校毕业生|大学生|高等院校|高等学校|普通高校|应届`), Norm: re(`高校毕业生|大学生|高等院校|应届`)},
	{Tag: "登记失业人员", Cue: re(`登记\)?失业(人员|青年|的)|失业青年`), Norm: re(`登记失业|失业青年`)},
	{Tag: "失业人员", Cue: re(`失业状态|失业人员`), Norm: re(`失业人员`), NormUnless: re(`登记失业`)},
	{Tag: "青年", Cue: re(`青年|16-24岁`), Norm: re(`青年`)},
	{Tag: "就业困难人员", Cue: re(`就业困难人员`), Norm: re(`就业困难`)},
	{Tag: "退役军人", Cue: re(`退役军人|退役士兵|复员转业`), Norm: re(`退役|复员转业|军人`)},
	{Tag: "农民工", Cue: re(`农民工`), Norm: re(`农民工`)},
	{Tag: "返乡创业人员", Cue: re(`返乡`), Norm: re(`返乡`)},
	{Tag: "脱贫人口", Cue: re(`脱贫|建档立卡|贫困劳动力`), Norm: re(`脱贫|建档立卡|贫困劳动力|扶贫`)},
	{Tag: "残疾人", Cue: re(`残疾`), Norm: re(`残疾`)},
	{Tag: "灵活就业人员", Cue: re(`灵活就业`), Norm: re(`灵活就业`)},
	{Tag: "创业者", Cue: re(`创业者([^本]|$)|创业青年|青年创业`), Norm: re(`创业者|创业青年`)},
	{Tag: "企业职工", Cue: re(`在职职工|转岗|岗位职工`), CueUnless: re(`在职职工人数`), Norm: re(`职工`)},
}

// canonicalTags maps a free-form target-group entry to canonical tags; nil
// when none applies.
func canonicalTags(raw string) []string {
	raw = normalize(strings.TrimSpace(raw))
	var out []string
	for _, t := range tagRules {
		if t.Norm == nil || !t.Norm.MatchString(raw) {
			continue
		}
		if t.NormUnless != nil && t.NormUnless.MatchString(raw) {
			continue
		}
		out = append(out, t.Tag)
	}
	return out
}

// CanonicalTags maps catalog target_groups entries to the canonical tag
// vocabulary (entries with no canonical form are kept as they are), sorted and
// de-duplicated. Evaluation compares tags in this form.
func CanonicalTags(raw []string) []string {
	set := map[string]bool{}
	for _, r := range raw {
		c := canonicalTags(r)
		if len(c) == 0 {
			c = []string{strings.TrimSpace(r)}
		}
		for _, t := range c {
			if t != "" {
				set[t] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sortStrings(out)
	return out
}

func (c *Classifier) targetGroups(title, text, beneficiary string) []string {
	full := title + "\n" + text
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tagRules {
		if t.Cue == nil || (t.For != "" && t.For != beneficiary) {
			continue
		}
		if !t.cueIn(full) {
			continue
		}
		out = append(out, t.Tag)
		seen[t.Tag] = true
	}
	for _, raw := range c.learnedTags {
		if !seen[raw] && strings.Contains(full, normalize(raw)) {
			out = append(out, raw)
			seen[raw] = true
		}
	}
	return out
}

func (t tagRule) cueIn(full string) bool {
	if t.CueUnless != nil && t.CueUnless.MatchString(full) {
		return false
	}
	if t.ClauseUnless == nil {
		return t.Cue.MatchString(full)
	}
	ctx := &sentenceCtx{s: full}
	for _, m := range t.Cue.FindAllStringIndex(full, -1) {
		if !t.ClauseUnless.MatchString(ctx.clause(m[0], m[1])) {
			return true
		}
	}
	return false
}
