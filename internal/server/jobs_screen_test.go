package server_test

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestReviewQueueFlags: a post asking for men only and a deposit reaches
// the reviewer with both hints, in the API and on the page; a clean post
// has none.
func TestReviewQueueFlags(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		f.createPost("employer", weldPost(nil))
		f.createPost("employer", weldPost(func(m map[string]any) {
			m["title"] = "普工（限男性）"
			m["description"] = "流水线作业，入职交押金300元，男女不限的岗位另见。"
		}))
		rec := f.do("GET", "/api/v1/job-reviews", f.token("reviewer"), nil)
		if rec.Code != 200 {
			t.Fatalf("queue: %d %s", rec.Code, rec.Body)
		}
		items := decode(t, rec)["items"].([]any)
		if len(items) != 2 {
			t.Fatalf("queue has %d items", len(items))
		}
		kinds := func(it any) string {
			var out []string
			for _, fl := range it.(map[string]any)["flags"].([]any) {
				out = append(out, fl.(map[string]any)["kind"].(string))
			}
			return strings.Join(out, ",")
		}
		if k0, k1 := kinds(items[0]), kinds(items[1]); k0 != "" || k1 != "sex,fee" {
			t.Fatalf("flags %q and %q, want \"\" and \"sex,fee\"", k0, k1)
		}
		body := f.page("/console/jobs/review", f.token("reviewer")).Body.String()
		if strings.Count(body, "审核提示") != 1 || !strings.Contains(body, "含性别限制") || !strings.Contains(body, "“押金”") {
			t.Fatalf("review page lacks the hints")
		}
	})
}
