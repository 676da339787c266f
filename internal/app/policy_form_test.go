package app

import (
	"testing"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
)

// TestBuilderCoversCatalog: the policy builder (rows and condition groups)
// shows every built-in policy whose criteria are an all/any of conditions
// and of all/any groups of conditions, so staff edit those without YAML;
// what it shows turns back into the same criteria.
func TestBuilderCoversCatalog(t *testing.T) {
	cat, err := policy.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var inBuilder, withGroups, yaml int
	for _, p := range cat.Policies() {
		combine, rows, groups, ok := BuilderRows(p.Criteria)
		if !ok {
			yaml++
			if !existsOrNot(p.Criteria) {
				t.Errorf("%s: only all/any, yet the builder sends staff to YAML", p.ID)
			}
			continue
		}
		inBuilder++
		if len(groups) > 0 {
			withGroups++
		}
		pf := PolicyForm{Combine: combine, Rows: rows, Groups: groups}
		var f apperr.Fields
		n := pf.criteriaOf(&f)
		if err := f.Err(); err != nil {
			t.Fatalf("%s: the builder's rows do not read back: %v", p.ID, err)
		}
		if n == nil && p.Criteria != nil {
			t.Fatalf("%s: criteria lost", p.ID)
		}
		if n != nil {
			var back policy.Node
			if err := n.Decode(&back); err != nil {
				t.Fatal(err)
			}
			c2, r2, g2, ok := BuilderRows(&back)
			if !ok || c2 != combine || len(r2)+len(g2) != len(rows)+len(groups) {
				t.Errorf("%s: round trip %s %d+%d → %s %d+%d", p.ID, combine, len(rows), len(groups), c2, len(r2), len(g2))
			}
		}
	}
	t.Logf("%d policies open in the builder (%d with condition groups), %d need YAML", inBuilder, withGroups, yaml)
	if withGroups == 0 {
		t.Error("no built-in policy uses a condition group: the nested case is not covered")
	}
}

// existsOrNot reports whether criteria use "exists" (a condition on the
// items of a list, such as new hires) or "not", which the builder leaves
// to the YAML editor.
func existsOrNot(n *policy.Node) bool {
	if n == nil {
		return false
	}
	if n.Exists != "" || n.Not != nil {
		return true
	}
	for _, k := range append(append([]*policy.Node{}, n.All...), n.Any...) {
		if existsOrNot(k) {
			return true
		}
	}
	return false
}
