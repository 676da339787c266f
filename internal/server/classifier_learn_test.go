package server_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// firstSuggestion is the first code the classify endpoint suggests.
func (f *fixture) firstSuggestion(title string) string {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/occupations/classify", "", map[string]any{"title": title})
	var out struct{ Items []struct{ Code string } }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != 200 || len(out.Items) == 0 {
		f.t.Fatalf("classify %q: %d %s", title, rec.Code, rec.Body)
	}
	return out.Items[0].Code
}

// TestClassifierLearns: an employer saves a post with an occupation other
// than the first suggestion for its title; from then on that title, the
// same title dressed up as boards write it and a longer title containing
// it suggest the chosen occupation first. Staff see the pair with its
// count at /console/classifier and export it; removing it (audited) brings
// the built-in suggestion back at once. A post saved with the first
// suggestion teaches nothing.
func TestClassifierLearns(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		const title, similar = "理货员", "仓库理货员"
		before, beforeSimilar := f.firstSuggestion(title), f.firstSuggestion(similar)
		chosen := "4-02-06-03" // 物流服务师: another code a human coder might choose
		if before == chosen || beforeSimilar == chosen {
			t.Fatalf("pick a code the classifier does not suggest first: %s %s", before, beforeSimilar)
		}
		// The first suggestion kept: nothing learned.
		f.createPost("employer", weldPost(func(m map[string]any) { m["title"], m["occupation_code"] = title, before }))
		if n, _ := db.Count(t.Context(), "classifier_corrections"); n != 0 {
			t.Fatalf("%d corrections from a post that kept the suggestion", n)
		}
		f.createPost("employer", weldPost(func(m map[string]any) { m["title"], m["occupation_code"] = title, chosen }))
		for _, q := range []string{title, "急招理货员（包吃住）", similar} {
			if got := f.firstSuggestion(q); got != chosen {
				t.Errorf("%q after the correction: first %s, want %s", q, got, chosen)
			}
		}
		// Another post with the same choice counts it again.
		f.createPost("employer2", weldPost(func(m map[string]any) { m["title"], m["occupation_code"] = title, chosen }))

		page := f.page("/console/classifier", f.token("staff"))
		body := page.Body.String()
		if page.Code != 200 || !strings.Contains(body, title) || !strings.Contains(body, chosen) || !regexp.MustCompile(`class="num">2</td>`).MatchString(body) {
			t.Fatalf("console page: %d %.2000s", page.Code, body)
		}
		rows := openXLSX(t, f.page("/console/classifier?format=xlsx", f.token("reviewer")))
		if len(rows) != 2 || rows[1][0] != title || rows[1][1] != chosen || rows[1][3] != "2" || rows[1][4] != before {
			t.Fatalf("export %q", rows)
		}
		if rec := f.page("/console/classifier", f.token("employer")); rec.Code != 403 {
			t.Fatalf("employer saw the console page: %d", rec.Code)
		}

		id := regexp.MustCompile(`/console/classifier/(\d+)/delete`).FindStringSubmatch(body)
		if id == nil {
			t.Fatal("no remove button")
		}
		denied0 := auditCount(t, db, "classifier.unlearn", audit.ResultOK)
		rec := f.form(fmt.Sprintf("/console/classifier/%s/delete", id[1]), f.token("staff"), nil)
		if rec.Code != 303 || rec.Header().Get("Location") != "/console/classifier?done=removed" {
			t.Fatalf("remove: %d %s", rec.Code, rec.Body)
		}
		if got := auditCount(t, db, "classifier.unlearn", audit.ResultOK) - denied0; got != 1 {
			t.Fatalf("%d removals audited", got)
		}
		if got, gotSimilar := f.firstSuggestion(title), f.firstSuggestion(similar); got != before || gotSimilar != beforeSimilar {
			t.Fatalf("after removal: %s %s, want %s %s", got, gotSimilar, before, beforeSimilar)
		}
		if rec := f.form(fmt.Sprintf("/console/classifier/%s/delete", id[1]), f.token("staff"), nil); rec.Code != 404 {
			t.Fatalf("removing again: %d", rec.Code)
		}
	})
}
