package draft

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

func loadExamples(t *testing.T) []Example {
	t.Helper()
	b, err := os.ReadFile("testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	exs, err := ExamplesFromCatalog(b)
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

func TestExamplesFromCatalog(t *testing.T) {
	exs := loadExamples(t)
	if len(exs) != 32 {
		t.Fatalf("got %d examples, want 32", len(exs))
	}
	first := exs[0]
	if first.ID != "nat_kuogang_buzhu" || first.Title != "一次性扩岗补助" || first.Category != "就业补贴" ||
		first.Beneficiary != Enterprise || len(first.TargetGroups) != 4 {
		t.Errorf("first example = %+v", first)
	}
	if want := "申请主体为企业"; !containsStr(first.Text, want) {
		t.Errorf("text lacks conditions: %q", first.Text)
	}
	if want := "每招用1人不超过1500元"; !containsStr(first.Text, want) {
		t.Errorf("text lacks benefit.amount_text: %q", first.Text)
	}
	for _, ex := range exs {
		if !contains(Categories, ex.Category) {
			t.Errorf("%s: category %q not in the fixed list", ex.ID, ex.Category)
		}
	}
	if _, err := ExamplesFromCatalog([]byte("policies: [")); err == nil {
		t.Error("broken YAML accepted")
	}
	if _, err := ExamplesFromCatalog([]byte("meta: {}\n")); err == nil {
		t.Error("catalog without policies accepted")
	}
}

func containsStr(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && indexOf(s, sub) >= 0
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestLeaveOneOut trains on 31 catalog policies and classifies the 32nd from
// its title, conditions and benefit.amount_text (never its labels), for each.
func TestLeaveOneOut(t *testing.T) {
	r := LeaveOneOut(loadExamples(t))
	t.Logf("leave-one-out on %d catalog policies:", r.N)
	t.Logf("  category accuracy      %.3f  (model alone %.3f, keyword table alone %.3f)",
		r.CategoryAccuracy, r.CategoryAccuracyModelOnly, r.CategoryAccuracyRulesOnly)
	t.Logf("  beneficiary accuracy   %.3f  (model alone %.3f)", r.BeneficiaryAccuracy, r.BeneficiaryAccuracyModelOnly)
	t.Logf("  target groups (canonical tags, micro) P %.3f  R %.3f  F1 %.3f",
		r.TargetGroupPrecision, r.TargetGroupRecall, r.TargetGroupF1)
	for _, m := range r.Misses {
		t.Logf("  miss %-26s %-13s want [%s] got [%s]", m.ID, m.What, m.Want, m.Got)
	}
	if r.N != 32 {
		t.Fatalf("N = %d", r.N)
	}
	if r.CategoryAccuracy < 0.75 {
		t.Errorf("category accuracy %.3f < 0.75", r.CategoryAccuracy)
	}
	if r.BeneficiaryAccuracy < 0.9 {
		t.Errorf("beneficiary accuracy %.3f < 0.9", r.BeneficiaryAccuracy)
	}
}

// TestUnseenTitles classifies policy titles that are not in the catalog,
// including 人才引进, which the catalog has no example of.
func TestUnseenTitles(t *testing.T) {
	c := New(loadExamples(t))
	cases := []struct{ title, text, cat, ben string }{
		{"东西湖区高层次人才引进安家费", "对新引进的博士研究生给予一次性安家费", "人才引进", Person},
		{"大学毕业生落户及租房补贴", "留汉就业创业的大学毕业生办理落户后可申请租房补贴", "人才引进", Person},
		{"创业孵化基地场地租金补贴", "对入驻创业孵化基地的初创企业给予场租补贴", "创业扶持", Person},
		{"职业技能培训补贴（就业技能培训）", "城乡未继续升学的应届初高中毕业生参加就业技能培训，按每人1200元给予补贴", "培训补贴", Person},
		{"企业吸纳就业困难人员岗位补贴", "企业招用就业困难人员，签订1年以上劳动合同的，按每人每月500元给予岗位补贴", "就业补贴", Enterprise},
		{"创业担保贷款贴息（个人）", "符合条件的个人创业者可申请最高30万元创业担保贷款，财政给予贴息", "贷款贴息", Person},
		{"用人单位招用高校毕业生社会保险补贴", "对用人单位招用离校2年内未就业高校毕业生的，给予社会保险补贴", "社保补贴", Enterprise},
		{"高校毕业生就业见习补贴", "见习单位吸纳离校2年内未就业高校毕业生参加就业见习的，给予见习补贴", "见习补贴", Enterprise},
	}
	for _, tc := range cases {
		s := c.Suggest(tc.title, tc.text)
		if s.Category != tc.cat || s.Beneficiary != tc.ben {
			t.Errorf("%s: got %s/%s (%v), want %s/%s", tc.title, s.Category, s.Beneficiary, s.CategoryScores, tc.cat, tc.ben)
		}
	}
}

// The keyword table alone (no catalog) still gives a usable answer.
func TestKeywordTableAlone(t *testing.T) {
	c := New(nil)
	s := c.Suggest("企业吸纳退役军人一次性就业奖补", "企业吸纳退役1年以内的退役军人，签订1年以上劳动合同，每人2000元")
	if s.Category != "就业补贴" || s.Beneficiary != Enterprise {
		t.Fatalf("got %s/%s", s.Category, s.Beneficiary)
	}
	if len(s.CategoryScores) != 3 || s.CategoryScores[0].Label != "就业补贴" || s.CategoryScores[0].Score <= s.CategoryScores[1].Score {
		t.Errorf("scores %v", s.CategoryScores)
	}
	s = New(nil).Suggest("", "")
	if s.Category != "其他" || s.Criteria != nil || s.Benefit != nil || s.Conditions == nil {
		t.Errorf("empty input: %+v", s)
	}
}

// End to end on the catalog's own text: for these enterprise policies the
// drafted {exists: new_hires …} node is exactly the catalog's.
func TestSuggestReproducesCatalogHireCriteria(t *testing.T) {
	b, err := os.ReadFile("testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Policies []struct {
			ID       string         `yaml:"id"`
			Criteria map[string]any `yaml:"criteria"`
		} `yaml:"policies"`
	}
	if err := yaml.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	for _, p := range cat.Policies {
		if p.Criteria == nil {
			continue
		}
		all, _ := p.Criteria["all"].([]any)
		for _, n := range all {
			if m, ok := n.(map[string]any); ok && m["exists"] == "new_hires" {
				want[p.ID] = jsonNorm(t, m)
			}
		}
	}
	c := New(loadExamples(t))
	for _, ex := range loadExamples(t) {
		switch ex.ID {
		case "nat_kuogang_buzhu", "hb_tuiyi_xina_jiangbu", "hb_tuopin_xina_jiangbu", "hb_xiaowei_biyesheng_shebao":
		default:
			continue
		}
		s := c.Suggest(ex.Title, ex.Text)
		var got any
		for _, n := range s.Criteria["all"].([]any) {
			if m := n.(map[string]any); m["exists"] == "new_hires" {
				got = jsonNorm(t, m)
			}
		}
		if !reflect.DeepEqual(got, want[ex.ID]) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want[ex.ID])
			t.Errorf("%s:\n got  %s\n want %s", ex.ID, g, w)
		}
	}
}

func jsonNorm(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSuggestJSON(t *testing.T) {
	c := New(loadExamples(t))
	s := c.Suggest("高校毕业生一次性创业补贴",
		"毕业2年内的高校毕业生，35周岁以下，在武汉登记注册并领取营业执照，正常经营6个月及以上的，每人8000元")
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"category", "category_scores", "beneficiary", "target_groups", "conditions", "criteria", "benefit"} {
		if _, ok := back[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if s.Category != "创业扶持" || s.Beneficiary != Person {
		t.Errorf("got %s/%s", s.Category, s.Beneficiary)
	}
	if s.Benefit == nil || s.Benefit.Type != "per_person" || s.Benefit.AmountYuan != 8000 {
		t.Errorf("benefit %+v", s.Benefit)
	}
	if !contains(s.TargetGroups, "高校毕业生") {
		t.Errorf("target groups %v", s.TargetGroups)
	}
	var age *Condition
	for i := range s.Conditions {
		if s.Conditions[i].Field == "derived.age" {
			age = &s.Conditions[i]
		}
	}
	if age == nil || age.Op != "lte" || age.Value != 35 || age.Text != "年龄不超过 35 周岁" || age.Snippet != "35周岁以下" {
		t.Errorf("age condition %+v", age)
	}
}

func TestCanonicalTags(t *testing.T) {
	got := CanonicalTags([]string{"16-24岁登记失业青年", "离校2年内未就业高校毕业生", "中小微企业", "青年小微企业主", "刑满释放人员"})
	want := []string{"企业", "刑满释放人员", "小微企业", "登记失业人员", "青年", "高校毕业生"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}
