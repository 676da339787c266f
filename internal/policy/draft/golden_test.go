package draft

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/jiuye/jiuye/internal/policy"
)

// goldenFile holds the drafts of every policy text the package knows of, as
// produced by the extractor when the file was last regenerated: one JSON
// object per line, so that a change shows as the lines of the inputs it hit.
const goldenFile = "testdata/extract_golden.jsonl"

// goldenUpdateEnv, set to 1, rewrites goldenFile from the current code instead
// of comparing with it. Do that only when a change of output is intended, and
// review the diff of the file.
const goldenUpdateEnv = "DRAFT_GOLDEN_UPDATE"

// goldenText is the recorded output for one input text: the conditions read
// for either beneficiary, the benefit guess, and the keyword-only suggestion.
type goldenText struct {
	Text       string        `json:"text"`
	Sources    []string      `json:"sources"`
	Person     []Condition   `json:"person"`
	Enterprise []Condition   `json:"enterprise"`
	Benefit    *BenefitGuess `json:"benefit"`
	Suggest    Suggestion    `json:"suggest"`
}

// goldenPolicy is the full draft of one catalog policy (title + conditions +
// amount_text), from a classifier trained on the catalog.
type goldenPolicy struct {
	Policy  string     `json:"policy"`
	Suggest Suggestion `json:"suggest"`
}

// goldenReading is the Chinese reading of one probe condition.
type goldenReading struct {
	Condition Condition `json:"condition"`
	Reading   string    `json:"reading"`
}

// TestExtractGolden pins the extractor's complete output over every policy
// text in this package's tests and in the catalog (testdata and the one
// embedded in package policy), so that a refactoring of the rule tables
// cannot change a single condition, snippet or reading unnoticed. The
// hand-written expectations in extract_test.go say what is right; this test
// says what is unchanged.
func TestExtractGolden(t *testing.T) {
	got := buildGolden(t)
	if os.Getenv(goldenUpdateEnv) == "1" {
		if err := os.WriteFile(goldenFile, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d inputs)", goldenFile, len(got))
		return
	}
	b, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (generate it with %s=1 go test -run TestExtractGolden)", err, goldenUpdateEnv)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if diffs := goldenDiff(want, got); len(diffs) > 0 {
		n := len(diffs)
		if n > 10 {
			diffs = diffs[:10]
		}
		t.Errorf("extractor output differs from %s for %d inputs (if intended, regenerate with %s=1 and review the diff):\n%s",
			goldenFile, n, goldenUpdateEnv, strings.Join(diffs, "\n"))
	}
}

// buildGolden runs the extractor over every known text and policy and
// returns one compact JSON line per input.
func buildGolden(t *testing.T) []string {
	texts := goldenInputs(t)
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	plain := New(nil)
	for _, k := range keys {
		out = append(out, goldenLine(t, goldenText{
			Text:       k,
			Sources:    sortedKeys(texts[k]),
			Person:     ExtractConditions(k, Person),
			Enterprise: ExtractConditions(k, Enterprise),
			Benefit:    ExtractBenefit(k),
			Suggest:    plain.Suggest("", k),
		}))
	}
	exs := loadExamples(t)
	trained := New(exs)
	for _, ex := range exs {
		out = append(out, goldenLine(t, goldenPolicy{Policy: ex.ID, Suggest: trained.Suggest(ex.Title, ex.Text)}))
	}
	for _, c := range goldenReadingProbes() {
		out = append(out, goldenLine(t, goldenReading{Condition: c, Reading: reading(c)}))
	}
	return out
}

// goldenLine is v as one line of compact JSON.
func goldenLine(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goldenInputs maps each input text to the places it came from.
func goldenInputs(t *testing.T) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(text, source string) {
		if !hasHan(text) {
			return
		}
		if out[text] == nil {
			out[text] = map[string]bool{}
		}
		out[text][source] = true
	}
	testLiterals(t, add)
	for _, p := range goldenProbes() {
		add(p, "probe")
	}
	b, err := os.ReadFile("testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	catalogTexts(t, b, "testdata", add)
	catalogTexts(t, policy.DefaultCatalogYAML(), "embedded", add)
	return out
}

// goldenProbes are sentences written for this test to reach the branches
// that no test or catalog sentence reaches: negated clauses, number forms,
// the rarer phrasings of each rule and the guards that reject a match.
func goldenProbes() []string {
	return []string{
		"不满16周岁的人员不予补贴", "非全日制学生不得申请", "退役军人不适用本政策",
		"35周岁以上", "35周岁及以上的劳动者", "十二周岁以下", "二十周岁以上", "二十三周岁以下", "十周岁以上",
		"五十五周岁以下", "两周岁以上", "年满十八周岁", "超过60岁", "未满十六周岁", "不超过四十五周岁",
		"女40周岁以上、女50周岁以上", "24-16岁", "16-130岁", "18-35岁登记失业人员", "招用18-35岁登记失业青年",
		"招用离校1年内未就业的高校毕业生", "招用离校3年内的高校毕业生", "3年内毕业的高校毕业生",
		"见习人员为毕业2年内的高校毕业生", "见习人员为离校2年内未就业的高校毕业生",
		"学徒为应届高校毕业生", "学徒为登记失业人员", "学徒为脱贫人口", "企业吸纳退役2年以内的退役军人",
		"企业招用退役军人", "企业招用脱贫人口、低保家庭成员",
		"对新录用职工开展60课时以上的培训", "开展不少于十个学时的岗前培训",
		"签订1.5年以上劳动合同", "缴纳社会保险十二个月以上", "失业保险累计缴费满2年", "连续失业1年以上", "失业6个月以上",
		"高校毕业生或高校毕业生", "低保家庭或低保家庭", "属于以下之一：低保家庭；低保家庭",
		"经营满十二个月", "营业执照登记3年内", "登记之日起2年", "2021年3月5日以后注册",
		"外出务工满6个月以上", "首次创业", "在武汉创业", "在湖北省内自主注册", "带动就业5人以上", "吸纳2人以上",
		"从事个体经营或合伙经营", "开办合伙企业", "灵活就业人员从事个体经营",
		"中小微企业按60%返还", "小微企业按50%返还", "招用人员签订劳动合同后3个月内申请", "签订劳动合同之日起3年内",
		"在职职工人数", "就业困难人员认定", "取得就业困难人员身份", "已经就业困难人员认定的人员",
		"外地户籍人员", "非本市户籍", "毕业学年起5年以内", "毕业学年=毕业当年",
		"企业(含社会组织)", "申请主体为企业", "灵活就业登记", "以灵活就业身份缴纳社会保险", "无其他贷款",
		"毕业一二年内", "带动就业一二人以上", "签订一二年以上劳动合同", "失业保险费累计一二年", "缴纳社会保险1.5个月以上",
		"安置到公益性岗位", "单位就业登记", "灵活就业登记人员", "当年新招用", "新招用或转岗人员开展学徒培训",
		"女40周岁以上、男50周岁以上的人员不予补贴", "符合大中小微企业划分标准的企业", "16-24岁以下", "年满16-24周岁", "16-24岁以上或登记失业人员",
		"全日制高校毕业生或登记失业人员，且属于以下之一：低保家庭、残疾人", "毕业2年内(含)的高校毕业生或登记失业人员",
		"毕业2年内的高校毕业生或者登记失业人员", "企业开展见习和学徒培训，招用登记失业人员",
		"见习单位与见习人员签订劳动合同后6个月内申请", "见习人员稳定就业1年以上", "学徒工作满6个月以上",
		"签订1年以上劳动合同，且已签订劳动合同",
		// benefit amounts: ranges (unit written once, reversed, in a budget,
		// a loan), formulas and "=" definitions, per-head and yearly units,
		// percent bases, an improper fraction, and a loan amount that outranks
		// an earlier per-head one
		"1000至3000元", "每人5000至1万元", "安排资金100万至200万元", "个人贷款5万元，合伙最高10万至20万元",
		"创业担保贷款额度为5万至20万元", "补贴金额=500元", "500元=当地标准", "按人数×500元", "按人数*500元",
		"贷款额度每人最高20万元", "每人3000元/年", "补贴3000元/年", "按单位缴纳社会保险费的50%给予补贴",
		"补贴标准为工资的3/2", "按本人工资的2/3发放", "每人补贴1000元，另可申请贷款10万元",
	}
}

// goldenReadingProbes are conditions for the branches of reading that no
// extracted condition reaches (the extractor emits neither ne, not_in nor
// not_empty, a field missing from fieldInfos, a nil value read as a number,
// or contract_months gt a number other than 0): every operator on a few
// fields and values, and the scope prefixes on the fields that name a hire.
func goldenReadingProbes() []Condition {
	ops := []string{"is_true", "is_false", "eq", "ne", "in", "not_in", "contains_any",
		"gte", "gt", "lte", "lt", "within_years", "within_months", "not_empty", "date_gte"}
	var out []Condition
	for _, f := range []string{"derived.age", "contract_months", "unemployment_registered", "some.new_field"} {
		for _, op := range ops {
			for _, v := range []any{nil, 0, 12, []string{"小型", "微型"}} {
				out = append(out, Condition{Field: f, Op: op, Value: v})
			}
		}
	}
	for _, sc := range []string{ScopeNewHires, ScopeInterns, ScopeApprentices} {
		for _, f := range []string{"derived.age", "age_at_hire", "hire_date", "derived.is_grad_year_hire", "unemployment_registered"} {
			out = append(out, Condition{Field: f, Op: "is_true", Scope: sc}, Condition{Field: f, Op: "gte", Value: 18, Scope: sc})
		}
	}
	return out
}

// testLiterals feeds every string literal with Chinese text in this package's
// test files (except this one) to add: they are the sentences the tests
// already care about.
func testLiterals(t *testing.T, add func(text, source string)) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if name == "golden_test.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					add(s, name)
				}
			}
			return true
		})
	}
}

// catalogTexts feeds every text field of every policy (name, conditions,
// amount_text, doubts, source descriptions, …, but not criteria trees, ids
// or URLs) to add, plus each policy's example text as the classifier sees it.
func catalogTexts(t *testing.T, yamlBytes []byte, source string, add func(text, source string)) {
	var cat struct {
		Policies []map[string]any `yaml:"policies"`
	}
	if err := yaml.Unmarshal(yamlBytes, &cat); err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Policies {
		id, _ := p["id"].(string)
		for k, v := range p {
			if k != "criteria" {
				stringLeaves(v, func(s string) { add(s, source+":"+id+"."+k) })
			}
		}
	}
	exs, err := ExamplesFromCatalog(yamlBytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exs {
		add(ex.Text, source+":"+ex.ID+".example")
	}
}

// stringLeaves calls fn on every string in a decoded YAML value.
func stringLeaves(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			stringLeaves(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			stringLeaves(e, fn)
		}
	}
}

// hasHan reports whether s has a Chinese character, which every policy text
// has and field names, operators and URLs do not.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of a set in order, for a stable golden file.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// goldenDiff describes the inputs whose line differs, or that only one side
// has, in input order.
func goldenDiff(want, got []string) []string {
	wm, gm := goldenByInput(want), goldenByInput(got)
	keys := map[string]bool{}
	for k := range wm {
		keys[k] = true
	}
	for k := range gm {
		keys[k] = true
	}
	var out []string
	for _, k := range sortedKeys(keys) {
		if wm[k] != gm[k] {
			w, g := firstDiff(wm[k], gm[k])
			out = append(out, k+"\n  want …"+w+"…\n  got  …"+g+"…")
		}
	}
	return out
}

// firstDiff returns the parts of a and b around their first difference, so
// that a change deep in a long line can be read.
func firstDiff(a, b string) (string, string) {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	around := func(s string) string {
		r := []rune(s[:min(i, len(s))])
		lo := max(0, len(r)-40)
		rest := []rune(s[min(i, len(s)):])
		return string(r[lo:]) + string(rest[:min(len(rest), 80)])
	}
	return around(a), around(b)
}

// goldenByInput keys golden lines by their input: the text, the policy id, or
// the probe condition.
func goldenByInput(lines []string) map[string]string {
	out := map[string]string{}
	for _, l := range lines {
		var in struct {
			Text      *string         `json:"text"`
			Policy    string          `json:"policy"`
			Condition json.RawMessage `json:"condition"`
		}
		_ = json.Unmarshal([]byte(l), &in)
		k := "policy " + in.Policy
		switch {
		case in.Text != nil:
			k = "text " + strconv.Quote(*in.Text)
		case in.Condition != nil:
			k = "condition " + string(in.Condition)
		}
		out[k] = l
	}
	return out
}
