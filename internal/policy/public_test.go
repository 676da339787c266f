package policy

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestCatalogPublicTextsCarryNoResearchNotes is issue 12 item 1: the texts a
// person or employer reads say what the policy gives, and the compiler's
// doubts stay in doubts.
func TestCatalogPublicTextsCarryNoResearchNotes(t *testing.T) {
	for _, p := range defaultCatalog(t).Policies() {
		texts := append([]string{p.Name, p.Region, p.Issuer, p.DocNo, p.Channel, p.Benefit.AmountText, p.Benefit.Example, p.Benefit.Unit, p.Validity.Note}, p.Conditions...)
		texts = append(texts, p.TargetGroups...)
		texts = append(texts, p.Materials...)
		if p.TimeLimit != nil {
			texts = append(texts, p.TimeLimit.Text)
		}
		for _, s := range texts {
			if HasDoubtWords(s) || strings.Contains(s, "口径") {
				t.Errorf("%s: public text carries a research note: %q", p.ID, s)
			}
		}
		if p.TimeLimit != nil && p.TimeLimit.Source != "" {
			found := false
			for _, src := range p.Sources {
				found = found || src.Key == p.TimeLimit.Source
			}
			if !found {
				t.Errorf("%s: time_limit.source %q is not one of its sources", p.ID, p.TimeLimit.Source)
			}
		}
	}
}

func TestPublicText(t *testing.T) {
	for in, want := range map[string]string{
		"当地月最低工资标准的80%（武汉曾为1608元=2010×80%；按2210元推算为1768元，未在来源中读到）":              "当地月最低工资标准的80%",
		"湖北2019-2021：每户每年14400元限额（已证实）；2023-2027国家基准每户每年20000元、可上浮20%（未在来源中核实）": "湖北2019-2021：每户每年14400元限额",
		"每招用1人不超过1500元（国家上限）；湖北地市执行：黄石1500元、荆门1000元；武汉标准未核实":                    "每招用1人不超过1500元（国家上限）；湖北地市执行：黄石1500元、荆门1000元",
		"5000元（一次性）": "5000元（一次性）",
	} {
		if got := PublicText(in); got != want {
			t.Errorf("PublicText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A policy stored before the notes moved (old amount_text, doubts, sources)
// shows none of them through Public, in Go or in JSON.
func TestPublicDropsStaffFields(t *testing.T) {
	p := &Policy{ID: "x", Name: "求职补贴", Benefit: Benefit{AmountText: "当地月最低工资标准的80%（按2210元推算为1768元，未在来源中读到）"},
		Validity:  Validity{Note: "现行性未核实"},
		Sources:   []Source{{Key: "k", URL: "http://example.org", What: "某页面"}},
		Doubts:    []string{"金额未核实"},
		TimeLimit: &TimeLimit{ReviewWorkdays: 5, Source: "k"}, Confidence: "partly-verified"}
	q := p.Public()
	b, _ := json.Marshal(q)
	for _, bad := range []string{"推算", "未核实", "example.org", "partly-verified", `"source"`, "某页面"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("public policy JSON carries %q: %s", bad, b)
		}
	}
	if q.Benefit.AmountText != "当地月最低工资标准的80%" || q.TimeLimit.ReviewWorkdays != 5 {
		t.Errorf("public policy lost what it states: %+v", q)
	}
	if len(p.Doubts) != 1 || p.TimeLimit.Source != "k" {
		t.Error("Public changed the policy it copied")
	}
}

func TestTimeLimitAndAnswerBy(t *testing.T) {
	c := defaultCatalog(t)
	kunnan, _ := c.Policy("wh_cy_kunnan")
	if got := kunnan.TimeLimitText(); !strings.HasPrefix(got, "收到完整申请材料后 5 个工作日内审核，审核通过后公示 7 天") {
		t.Errorf("time limit text %q", got)
	}
	if len(kunnan.Materials) == 0 {
		t.Error("wh_cy_kunnan names its application form")
	}
	// Friday 2025-06-27 + 5 working days = Friday 2025-07-04.
	zone := time.FixedZone("CST", 8*3600)
	by, ok := kunnan.AnswerBy(time.Date(2025, 6, 27, 21, 30, 0, 0, zone))
	if !ok || by.Format(time.DateOnly) != "2025-07-04" {
		t.Errorf("answer by %v %v", by, ok)
	}
	// Saturday counts from the next working day: 2025-06-28 + 3 = Wed 2025-07-02.
	xina, _ := c.Policy("wh_xina_biyesheng_yicixing")
	if by, _ := xina.AnswerBy(time.Date(2025, 6, 28, 10, 0, 0, 0, zone)); by.Format(time.DateOnly) != "2025-07-02" {
		t.Errorf("answer by from a Saturday %v", by)
	}
	gy, _ := c.Policy("hb_gongyixing_gangwei")
	if _, ok := gy.AnswerBy(time.Now()); ok || gy.TimeLimitText() != NoTimeLimit {
		t.Errorf("a policy without a time limit says %q", gy.TimeLimitText())
	}
}
