package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// matchGoldenFile pins the complete explained Match result (every field of
// every eligible and ineligible policy, in order: reasons, assumptions,
// benefit, failures, hints, totals) for every embedded persona, as one
// line of JSON each, and for generated profiles on several evaluation
// dates, as a SHA-256 of the same JSON each. It was recorded from the
// explainer before it was rewritten for speed (issue 16), so a rewrite that
// changes a single character of an explanation fails here.
const matchGoldenFile = "testdata/match_golden.txt"

// matchGoldenUpdateEnv, set to 1, rewrites matchGoldenFile from the current
// code instead of comparing with it. Do that only when a change of the
// explanations is intended, and review the diff of the persona lines.
const matchGoldenUpdateEnv = "MATCH_GOLDEN_UPDATE"

// goldenGenerated is how many generated profiles each evaluation date
// contributes, and goldenDates the dates (with the generator's seed).
const goldenGenerated = 1000

var goldenDates = []struct {
	seed uint64
	date string
}{
	{1, "2025-06-30"}, // the catalog's default evaluation date
	{2, "2024-03-15"},
	{3, "2025-01-01"},
	{4, "2026-02-28"},
}

// TestMatchGolden compares Match on every persona and on the generated
// profiles with the recorded results.
func TestMatchGolden(t *testing.T) {
	got := buildMatchGolden(t, defaultCatalog(t))
	if os.Getenv(matchGoldenUpdateEnv) == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(matchGoldenFile, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d profiles)", matchGoldenFile, len(got))
		return
	}
	b, err := os.ReadFile(matchGoldenFile)
	if err != nil {
		t.Fatalf("%v (generate it with %s=1 go test -run TestMatchGolden)", err, matchGoldenUpdateEnv)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(want) != len(got) {
		t.Fatalf("%s has %d profiles, the test makes %d", matchGoldenFile, len(want), len(got))
	}
	var diffs []string
	for i := range want {
		if want[i] != got[i] {
			w, g := around(want[i], got[i])
			diffs = append(diffs, fmt.Sprintf("- %s\n+ %s", w, g))
		}
	}
	if len(diffs) > 0 {
		n := len(diffs)
		if n > 5 {
			diffs = diffs[:5]
		}
		t.Errorf("Match differs from %s for %d of %d profiles (if intended, regenerate with %s=1 and review the diff):\n%s",
			matchGoldenFile, n, len(want), matchGoldenUpdateEnv, strings.Join(diffs, "\n"))
	}
}

// clip shortens a golden line for a failure message, keeping its start.
func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// around returns the profile label of two differing lines and the text
// around their first difference.
func around(a, b string) (string, string) {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-150)
	for from > 0 && from < len(a) && a[from]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		from--
	}
	cut := func(s string) string {
		label := strings.Join(strings.Fields(s)[:2], " ")
		end := min(len(s), i+150)
		for end < len(s) && s[end]&0xC0 == 0x80 {
			end++
		}
		return label + " …" + s[min(from, len(s)):end] + "…"
	}
	return cut(a), cut(b)
}

// buildMatchGolden returns one line per profile: "persona ID JSON" for the
// personas (and "early ID JSON" for them before the first minimum-wage
// table), "without ID ATTR SHA256" for a persona less one attribute and
// "gen DATE N SHA256" for the generated ones. An error is recorded
// as the error's text.
func buildMatchGolden(t *testing.T, c *Catalog) []string {
	t.Helper()
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, "persona "+p.ID+" "+matchJSON(t, c, p.Subject(), p.EvalDate))
	}
	// Before the first minimum-wage table: the eval_date error.
	for _, p := range ps {
		out = append(out, "early "+p.ID+" "+matchJSON(t, c, p.Subject(), day(t, "2021-03-01")))
	}
	// Each persona without one of its attributes, in name order: the
	// "未提供" sentences, the defaults and the missing-object failures.
	for _, p := range ps {
		for _, k := range sortedKeys(p.Attrs) {
			attrs := make(map[string]any, len(p.Attrs))
			for kk, v := range p.Attrs {
				if kk != k {
					attrs[kk] = v
				}
			}
			sum := sha256.Sum256([]byte(matchJSON(t, c, Subject{Kind: p.Kind, Attrs: attrs}, p.EvalDate)))
			out = append(out, fmt.Sprintf("without %s %s %s", p.ID, k, hex.EncodeToString(sum[:])))
		}
	}
	for _, g := range goldenDates {
		d := day(t, g.date)
		gen := c.NewGenerator(g.seed, d)
		for i := range goldenGenerated {
			s := gen.Subject()
			sum := sha256.Sum256([]byte(matchJSON(t, c, s, d)))
			out = append(out, fmt.Sprintf("gen %s %d %s", g.date, i, hex.EncodeToString(sum[:])))
		}
	}
	return out
}

// matchJSON is Match's result (or error) as JSON, every field included.
func matchJSON(t *testing.T, c *Catalog, s Subject, d time.Time) string {
	t.Helper()
	res, err := c.Match(s, d)
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMatchPreparedReuse checks that one Prepared matched again, on other
// dates and in another order, explains exactly as a fresh Match does (the
// derived-value cache and any reused buffers must not leak between calls).
func TestMatchPreparedReuse(t *testing.T) {
	c := defaultCatalog(t)
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	dates := []time.Time{day(t, "2025-06-30"), day(t, "2023-01-10"), day(t, "2026-12-31"), day(t, "2025-06-30")}
	for _, p := range ps {
		pr, err := c.Prepare(p.Subject())
		if err != nil {
			t.Fatal(err)
		}
		kept := make([]*Result, len(dates))
		for i, d := range dates {
			res, err := c.MatchPrepared(pr, d)
			kept[i] = res
			got := ""
			if err != nil {
				got = "error: " + err.Error()
			} else {
				b, _ := json.Marshal(res)
				got = string(b)
			}
			if want := matchJSON(t, c, p.Subject(), d); got != want {
				t.Errorf("%s on %s: MatchPrepared on a reused Prepared differs from Match:\n got %s\nwant %s", p.ID, d.Format(time.DateOnly), clip(got), clip(want))
			}
		}
		// Results handed out earlier are not overwritten by later calls.
		for i, d := range dates {
			if kept[i] == nil {
				continue
			}
			b, _ := json.Marshal(kept[i])
			if want := matchJSON(t, c, p.Subject(), d); string(b) != want {
				t.Errorf("%s: the result for %s changed after later calls", p.ID, d.Format(time.DateOnly))
			}
		}
	}
}

// TestMatchGoldenAllOps is TestMatchGolden on a synthetic catalog that puts
// every operator allowed on every attribute and derived field (of persons,
// enterprises and their list elements) into a policy of its own, and again
// under not, any and exists, so that the sentences the embedded catalog
// never produces are pinned too. It records one SHA-256 per profile.
func TestMatchGoldenAllOps(t *testing.T) {
	const file = "testdata/match_golden_allops.txt"
	c := allOpsCatalog(t)
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	add := func(label string, s Subject, d time.Time) {
		sum := sha256.Sum256([]byte(matchJSON(t, c, s, d)))
		got = append(got, label+" "+hex.EncodeToString(sum[:]))
	}
	for _, p := range ps {
		add("persona "+p.ID, p.Subject(), p.EvalDate)
		for _, k := range sortedKeys(p.Attrs) {
			attrs := make(map[string]any, len(p.Attrs))
			for kk, v := range p.Attrs {
				if kk != k {
					attrs[kk] = v
				}
			}
			add("without "+p.ID+" "+k, Subject{Kind: p.Kind, Attrs: attrs}, p.EvalDate)
		}
	}
	for _, g := range goldenDates {
		d := day(t, g.date)
		gen := c.NewGenerator(g.seed, d)
		for i := range goldenGenerated / 4 {
			add(fmt.Sprintf("gen %s %d", g.date, i), gen.Subject(), d)
		}
	}
	if os.Getenv(matchGoldenUpdateEnv) == "1" {
		if err := os.WriteFile(file, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d profiles, %d policies)", file, len(got), len(c.Policies()))
		return
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (generate it with %s=1 go test -run TestMatchGoldenAllOps)", err, matchGoldenUpdateEnv)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(want) != len(got) {
		t.Fatalf("%s has %d profiles, the test makes %d", file, len(want), len(got))
	}
	var bad []string
	for i := range want {
		if want[i] != got[i] {
			bad = append(bad, got[i][:strings.LastIndexByte(got[i], ' ')])
		}
	}
	if len(bad) > 0 {
		t.Errorf("Match on the synthetic catalog differs from %s for %d of %d profiles, first: %s", file, len(bad), len(want), strings.Join(bad[:min(len(bad), 10)], ", "))
	}
}

// allOpsCatalog builds the synthetic catalog of TestMatchGoldenAllOps from
// the schemas, in schema order, with the embedded catalog's parameters.
func allOpsCatalog(t *testing.T) *Catalog {
	t.Helper()
	base := defaultCatalog(t)
	var pols []*Policy
	n := 0
	add := func(kind string, crit *Node) {
		n++
		to := ""
		if n%3 == 0 {
			to = "2025-12-31" // a policy window for the hints
		}
		pols = append(pols, &Policy{ID: fmt.Sprintf("op_%04d", n), Name: fmt.Sprintf("合成政策%d", n), Category: "其他", Beneficiary: kind,
			MatchMode: "auto", Criteria: crit, Benefit: Benefit{Type: "fixed", AmountText: "一次性100元", Yuan: 100},
			Validity: Validity{To: to, Status: "active"}})
	}
	for _, kind := range []string{KindPerson, KindEnterprise} {
		s, _ := base.schemas.forKind(kind)
		leaves := opLeaves(s)
		for _, l := range leaves {
			add(kind, l)
		}
		for i := 0; i+1 < len(leaves); i += 2 {
			add(kind, &Node{Any: []*Node{leaves[i], leaves[i+1]}})
			add(kind, &Node{Not: leaves[i]})
			add(kind, &Node{All: []*Node{leaves[i+1], {Any: []*Node{leaves[i], {Not: leaves[i+1]}}}}})
		}
		for _, f := range s.fields {
			if f.typ != tObjList {
				continue
			}
			els := opLeaves(f.elem)
			for i, l := range els {
				add(kind, &Node{Exists: f.path, Where: l})
				if i+1 < len(els) {
					add(kind, &Node{All: []*Node{leaves[i%len(leaves)], {Exists: f.path, Where: &Node{All: []*Node{l, els[i+1]}}}}})
				}
			}
		}
	}
	c, err := NewCatalog(base.Meta(), base.Parameters(), pols)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// opLeaves returns a leaf for every operator allowed on every field and
// derived field of s, with values that some profiles meet and some do not.
func opLeaves(s *schema) []*Node {
	var out []*Node
	leaf := func(path string, typ ftype, enum []string) {
		strs := []any{"武汉市", "本科", "失业"}
		if len(enum) > 0 {
			strs = []any{enum[0]}
		}
		vals := map[string][]any{}
		switch typ {
		case tBool:
			vals = map[string][]any{"is_true": {nil}, "is_false": {nil}, "eq": {true}, "ne": {true}}
		case tNum:
			vals = map[string][]any{"gte": {3, 12}, "lte": {3}, "gt": {3}, "lt": {0.5}, "eq": {3}, "ne": {3}, "in": {[]any{1, 3}}, "not_in": {[]any{1, 3}}}
		case tStr:
			vals = map[string][]any{"eq": {strs[0]}, "ne": {strs[0]}, "in": {strs}, "not_in": {strs}}
			if path == "employment_status" {
				vals["eq"] = []any{"灵活就业", "公益性岗位", "自主创业", "在职", "失业"}
			}
		case tDate:
			vals = map[string][]any{"eq": {"2024-06-30"}, "ne": {"2024-06-30"}, "date_gte": {"2023-01-01"}, "date_lte": {"2023-01-01"},
				"within_years": {2}, "within_months": {6}, "at_least_months_ago": {6, 24}}
		case tStrList:
			vals = map[string][]any{"contains_any": {[]any{"低保家庭", "脱贫家庭"}}, "not_empty": {nil}}
		case tObjList:
			vals = map[string][]any{"not_empty": {nil}}
		case tMask:
			vals = map[string][]any{"contains_any": {[]any{enum[0], enum[len(enum)-1]}}, "not_empty": {nil}}
		}
		for _, op := range sortedKeys(vals) {
			for _, v := range vals[op] {
				out = append(out, &Node{Field: path, Op: op, Value: v})
			}
		}
	}
	for _, f := range s.fields {
		leaf(f.path, f.typ, f.enum)
	}
	for _, d := range s.dlist {
		leaf("derived."+d.name, d.typ, d.names)
	}
	return out
}

// TestMatchConcurrentSame runs Match from many goroutines at once (the
// pooled subjects and scratch space shared between them) and checks every
// result against the one a lone call gives.
func TestMatchConcurrentSame(t *testing.T) {
	c := defaultCatalog(t)
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	dates := []time.Time{day(t, "2025-06-30"), day(t, "2024-03-15"), day(t, "2026-02-28")}
	want := map[string]string{}
	for _, p := range ps {
		for _, d := range dates {
			want[p.ID+d.String()] = matchJSON(t, c, p.Subject(), d)
		}
	}
	var wg sync.WaitGroup
	bad := make(chan string, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				p := ps[(i+w)%len(ps)]
				d := dates[(i+w)%len(dates)]
				res, err := c.Match(p.Subject(), d)
				if err != nil {
					bad <- err.Error()
					return
				}
				b, _ := json.Marshal(res)
				if string(b) != want[p.ID+d.String()] {
					bad <- p.ID + " on " + d.Format(time.DateOnly)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(bad)
	for s := range bad {
		t.Errorf("concurrent Match differs from a lone one: %s", s)
	}
}

// TestOnlyMarkedDerivedAssume: the explainer traces a derived field's
// assumptions only when the field is marked assumes; every other derived
// field, computed for every persona (and every persona less one attribute)
// and their list elements on several dates, records none.
func TestOnlyMarkedDerivedAssume(t *testing.T) {
	c := defaultCatalog(t)
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	var subjects []Subject
	for _, p := range ps {
		subjects = append(subjects, p.Subject())
		for _, k := range sortedKeys(p.Attrs) {
			attrs := make(map[string]any, len(p.Attrs))
			for kk, v := range p.Attrs {
				if kk != k {
					attrs[kk] = v
				}
			}
			subjects = append(subjects, Subject{Kind: p.Kind, Attrs: attrs})
		}
	}
	for _, d := range goldenDates {
		gen := c.NewGenerator(d.seed, day(t, d.date))
		for range 200 {
			subjects = append(subjects, gen.Subject())
		}
	}
	var check func(e *ectx, r *record)
	check = func(e *ectx, r *record) {
		for _, d := range r.sch.dlist {
			if d.assumes {
				continue
			}
			var tr trace
			d.fn(e, r, &tr)
			if len(tr.list()) > 0 {
				t.Fatalf("derived.%s recorded an assumption but is not marked assumes", d.name)
			}
		}
		for _, els := range r.objs {
			for _, el := range els {
				check(e, el)
			}
		}
	}
	for _, s := range subjects {
		p, err := c.Prepare(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range goldenDates {
			p.ctx.begin(c, civilOf(day(t, d.date)), p.rec)
			check(&p.ctx, p.rec)
		}
	}
}

// TestMatchAgreesWithDecision: the explained match finds eligible exactly
// the policies the fast decision does (the explainer skips the branches the
// decision says do not matter, so the two must never disagree), on the
// embedded and the synthetic catalog.
func TestMatchAgreesWithDecision(t *testing.T) {
	for _, c := range []*Catalog{defaultCatalog(t), allOpsCatalog(t)} {
		for _, g := range goldenDates {
			d := day(t, g.date)
			gen := c.NewGenerator(g.seed+100, d)
			for range 250 {
				s := gen.Subject()
				res, err := c.Match(s, d)
				if err != nil {
					continue
				}
				ids, err := c.EligiblePolicyIDs(s, d)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range res.Eligible {
					got = append(got, e.PolicyID)
				}
				if strings.Join(got, ",") != strings.Join(ids, ",") {
					t.Fatalf("on %s Match finds %v eligible, the decision %v", g.date, got, ids)
				}
			}
		}
	}
}
