package jobs

import (
	"regexp"
	"strings"
)

// Flag is something in a post a reviewer should look at before approving:
// the law (《就业促进法》, 《人力资源市场暂行条例》) forbids job ads that
// discriminate by sex, ethnicity, marriage and childbearing or carrier
// status, and employers taking deposits or fees from applicants. Age and
// household-registration limits are not always unlawful but the bureau
// asks for a reason. Flags are hints: the reviewer decides.
type Flag struct {
	Kind    string `json:"kind"`    // sex, age, marriage, ethnicity, health, hukou, fee
	Phrase  string `json:"phrase"`  // the words found, as written
	Message string `json:"message"` // what to check, in Chinese
}

// screenRule finds one kind of problem.
type screenRule struct {
	kind, message string
	re            *regexp.Regexp
	allow         []string // phrases that contain a match but are fine (男女不限)
}

// Screener holds the compiled rules; build it once with NewScreener.
type Screener struct{ rules []screenRule }

// NewScreener compiles the screening rules.
func NewScreener() *Screener {
	r := func(kind, message, expr string, allow ...string) screenRule {
		return screenRule{kind: kind, message: message, re: regexp.MustCompile(expr), allow: allow}
	}
	return &Screener{rules: []screenRule{
		r("sex", "含性别限制，违反《就业促进法》第二十七条", `(限|仅限|只招|仅招|要求|招收?)(男|女)(性|士|生|工)?|(男|女)(性|士|生)?优先|(男|女)性(员工|职工|求职者)`,
			"男女不限", "男女均可", "不限男女", "男女皆可", "招男女", "男女工"),
		r("age", "含年龄限制，请核实是否为岗位必需", `\d{2}\s*[-－—~～至到]\s*\d{2}\s*周?岁|\d{2}\s*周?岁\s*(以下|以上|以内|之间)|年龄\s*(不超过|不大于|不小于|限|要求)`),
		r("marriage", "含婚育要求，违反就业平等规定", `已婚|未婚|已育|未育|婚育`),
		r("ethnicity", "含民族限制，违反《就业促进法》第二十八条", `(限|仅限|只招|要求)汉族|汉族优先|非少数民族`),
		r("health", "含传染病病原携带者限制（如乙肝），违反《就业促进法》第三十条", `乙肝|携带者|大三阳|小三阳`),
		r("hukou", "含户籍限制，请核实是否必要", `(限|仅限|只招|要求)(本地|武汉|本市)(户口|户籍|人)|本地户口优先`),
		r("fee", "涉嫌向求职者收取押金或费用（《人力资源市场暂行条例》禁止）", `押金|保证金|培训费|服装费|体检费|介绍费|报名费`,
			"无押金", "不收押金", "不收取任何费用", "不收费", "无任何费用", "公司承担体检费", "报销体检费", "免培训费"),
	}}
}

// Screen returns the flags of a post's title, description and skills,
// at most one per kind, in rule order.
func (s *Screener) Screen(p *Post) []Flag {
	text := p.Title + "\n" + p.Description + "\n" + strings.Join(p.Skills, "、")
	var out []Flag
	for _, rule := range s.rules {
		if phrase := rule.find(text); phrase != "" {
			out = append(out, Flag{Kind: rule.kind, Phrase: phrase, Message: rule.message})
		}
	}
	return out
}

// find returns the first match not inside an allowed phrase.
func (r *screenRule) find(text string) string {
	for _, loc := range r.re.FindAllStringIndex(text, -1) {
		if !r.allowed(text, loc[0], loc[1]) {
			return text[loc[0]:loc[1]]
		}
	}
	return ""
}

// allowed reports whether text[i:j] lies inside one of the allowed phrases.
func (r *screenRule) allowed(text string, i, j int) bool {
	for _, a := range r.allow {
		for k := 0; ; {
			n := strings.Index(text[k:], a)
			if n < 0 {
				break
			}
			start := k + n
			if start <= i && j <= start+len(a) {
				return true
			}
			k = start + 1
		}
	}
	return false
}
