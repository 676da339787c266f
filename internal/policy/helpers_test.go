package policy

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// day parses a test date.
func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := parseCivil(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Time()
}

// testParams is a small parameters block: two min-wage tables, the second
// without a district map (as in the real catalog).
const testParams = `meta:
  title: 测试目录
  eval_date_default: '2025-06-30'
  parameters:
    central_group_for_fanxiang: [江岸区, 江汉区, 硚口区]
    min_wage:
    - effective_from: '2021-09-01'
      tiers_yuan_per_month: {一档: 2010, 二档: 1800}
      wuhan_district_tier: {东西湖区: 一档, 江汉区: 一档, 蔡甸区: 二档}
    - effective_from: '2024-02-01'
      tiers_yuan_per_month: {一档: 2210, 二档: 1950}
      wuhan_district_tier: 未读到分区表
policies:
`

// policyYAML renders one auto policy with criteria given as a Go value.
func policyYAML(id, beneficiary string, criteria any) string {
	b, _ := json.Marshal(criteria)
	return fmt.Sprintf(`- id: %s
  name: 测试政策%s
  category: 其他
  beneficiary: %s
  match_mode: auto
  criteria: %s
  benefit: {type: fixed, amount_text: 一次性100元, yuan: 100}
  validity: {from: null, to: null, status: active}
`, id, id, beneficiary, b)
}

// leafCatalog builds a catalog with a single policy "t" on criteria.
func leafCatalog(t testing.TB, beneficiary string, criteria any) *Catalog {
	t.Helper()
	c, err := ParseCatalog([]byte(testParams + policyYAML("t", beneficiary, criteria)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// eligibleOn reports whether the subject matches policy "t" on date, by
// both the fast and the explained path (which must agree).
func eligibleOn(t testing.TB, c *Catalog, kind string, attrs map[string]any, date string) bool {
	t.Helper()
	s := Subject{Kind: kind, Attrs: attrs}
	ids, err := c.EligiblePolicyIDs(s, day(t, date))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Match(s, day(t, date))
	if err != nil {
		t.Fatal(err)
	}
	fast, slow := len(ids) == 1, len(res.Eligible) == 1
	if fast != slow {
		t.Fatalf("fast path %v but explained %v for %v", fast, slow, attrs)
	}
	return fast
}

// derivedOf computes derived field name of a subject on date.
func derivedOf(t testing.TB, c *Catalog, kind string, attrs map[string]any, date, name string) dval {
	t.Helper()
	p, err := c.Prepare(Subject{Kind: kind, Attrs: attrs})
	if err != nil {
		t.Fatal(err)
	}
	p.ctx.begin(c, civilOf(day(t, date)), p.rec)
	d, ok := p.rec.sch.derived[name]
	if !ok {
		t.Fatalf("no derived %s", name)
	}
	return p.ctx.get(p.rec, d)
}

// personas loads the embedded personas by id.
func personas(t testing.TB) map[string]Persona {
	t.Helper()
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Persona{}
	for _, p := range ps {
		out[p.ID] = p
	}
	return out
}

// defaultCatalog parses the embedded catalog.
func defaultCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// cloneAttrs deep-copies attributes through JSON (as the API would decode them).
func cloneAttrs(t testing.TB, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// find returns the named entries of a result.
func findEligible(r *Result, id string) (Eligible, bool) {
	for _, e := range r.Eligible {
		if e.PolicyID == id {
			return e, true
		}
	}
	return Eligible{}, false
}

func findIneligible(r *Result, id string) (Ineligible, bool) {
	for _, e := range r.Ineligible {
		if e.PolicyID == id {
			return e, true
		}
	}
	return Ineligible{}, false
}

// hasLine reports whether list holds s exactly.
func hasLine(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mustContain fails unless s contains every part.
func mustContain(t testing.TB, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%q does not contain %q", s, p)
		}
	}
}
