package policy

import (
	"strings"
	"testing"
)

// TestExplain: one policy's verdict for a subject says the same as Match
// (eligible with reasons, or the failed conditions), is inactive outside
// the validity, and refuses an unknown id or the other subject kind.
func TestExplain(t *testing.T) {
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	attrs := func(months int) map[string]any {
		return map[string]any{"birth_date": "1990-05-01", "gender": "男", "enterprise_employee": true, "ui_months": months,
			"certificates": []any{map[string]any{"occupation": "电工", "level": "中级", "issued": "2025-03-01"}}}
	}
	on := day(t, "2025-06-01")
	for _, months := range []int{24, 6} {
		p, err := c.Prepare(Subject{Kind: KindPerson, Attrs: attrs(months)})
		if err != nil {
			t.Fatal(err)
		}
		v, err := c.Explain(p, "nat_jineng_tisheng", on)
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.MatchPrepared(p, on)
		if err != nil {
			t.Fatal(err)
		}
		matched := false
		for _, e := range m.Eligible {
			matched = matched || e.PolicyID == "nat_jineng_tisheng"
		}
		if !v.Active || v.Eligible != matched || v.Eligible != (months >= 12) {
			t.Errorf("%d months: %+v, match says %v", months, v, matched)
		}
		if !v.Eligible && (len(v.Failed) == 0 || v.Failed[0].Field != "ui_months" || !strings.Contains(v.Failed[0].Reason, "12")) {
			t.Errorf("%d months: failures %+v", months, v.Failed)
		}
		if v.Eligible && len(v.Reasons) == 0 {
			t.Errorf("eligible without reasons: %+v", v)
		}
	}
	p, _ := c.Prepare(Subject{Kind: KindPerson, Attrs: attrs(24)})
	if v, err := c.Explain(p, "nat_jineng_tisheng", day(t, "2026-03-01")); err != nil || v.Active {
		t.Errorf("past the validity: %+v %v", v, err)
	}
	if _, err := c.Explain(p, "no_such_policy", on); err == nil {
		t.Error("an unknown policy explained")
	}
	for _, pol := range c.Policies() {
		if pol.Beneficiary == KindEnterprise {
			if _, err := c.Explain(p, pol.ID, on); err == nil {
				t.Errorf("an enterprise policy %s explained for a person", pol.ID)
			}
			break
		}
	}
}
