package startup

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func testCall() *FundingCall {
	return &FundingCall{ID: 1, Title: "2026 年第一批", Opens: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Closes: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Budget: 60_000_000, Tiers: DefaultTiers(), Rubric: DefaultRubric()}
}

// An application needs a name, a plan of 50 to 5,000 characters and an
// amount between the lowest and highest tier.
func TestFundingAppValidate(t *testing.T) {
	good := FundingApp{Project: "社区烘焙工坊", Plan: strings.Repeat("面包", 30), Requested: 20_000_000}
	if err := good.Validate(testCall()); err != nil {
		t.Fatalf("good application: %v", err)
	}
	bad := FundingApp{Project: "", Plan: "太短", Requested: 60_000_000}
	got := fieldNames(t, bad.Validate(testCall()))
	if !slices.Equal(got, []string{"amount", "plan", "project"}) {
		t.Fatalf("bad application fields: %v", got)
	}
}

// The panel's decision: 50 + 5 万 within a 60 万 budget passes; a tier not
// in the call, more than asked, no reason, an application decided twice or
// not at all, another call's application, and a total over the budget are
// each refused on their field.
func TestCheckAwards(t *testing.T) {
	c := testCall()
	apps := []*FundingApp{{ID: 1, Requested: 50_000_000}, {ID: 2, Requested: 10_000_000}, {ID: 3, Requested: 5_000_000}}
	ok := []Award{{1, 50_000_000, "排名第一"}, {2, 0, "未达到资助线"}, {3, 5_000_000, "排名第三"}}
	if err := CheckAwards(c, apps, ok); err != nil {
		t.Fatalf("a decision within the budget: %v", err)
	}
	cases := []struct {
		name   string
		awards []Award
		field  string
		says   string
	}{
		{"not a tier", []Award{{1, 30_000_000, "x"}, {2, 0, "x"}, {3, 0, "x"}}, "awards.1", "档次"},
		{"more than asked", []Award{{1, 0, "x"}, {2, 20_000_000, "x"}, {3, 0, "x"}}, "awards.2", "不能超过申请金额 10 万元"},
		{"no reason", []Award{{1, 0, "x"}, {2, 0, " "}, {3, 0, "x"}}, "awards.2", "决定理由"},
		{"twice", []Award{{1, 0, "x"}, {1, 0, "x"}, {2, 0, "x"}, {3, 0, "x"}}, "awards.1", "只能决定一次"},
		{"missing", []Award{{1, 0, "x"}, {2, 0, "x"}}, "awards.3", "请决定是否资助"},
		{"another call's", []Award{{1, 0, "x"}, {2, 0, "x"}, {3, 0, "x"}, {9, 0, "x"}}, "awards.9", "不属于本批次"},
		// 50 + 10 + 5 = 65 万 > 60 万.
		{"over the budget", []Award{{1, 50_000_000, "x"}, {2, 10_000_000, "x"}, {3, 5_000_000, "x"}}, "awards", "资助合计 65 万元 超过预算 60 万元"},
	}
	for _, tc := range cases {
		err := CheckAwards(c, apps, tc.awards)
		e := apperr.As(err)
		if e == nil || !strings.Contains(e.Fields[tc.field], tc.says) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
