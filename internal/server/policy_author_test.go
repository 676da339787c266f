package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestPolicyAuthoring: staff edit a policy in the form-based builder; a bad
// value re-renders the form (422) with the message and every typed value;
// preview shows which test profiles qualify; saving writes a new version
// and reviewers cannot author.
func TestPolicyAuthoring(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ctx := context.Background()
		staff := f.token("staff")
		const pid = "wh_kunnan_rending"
		page := f.page("/console/policies/"+pid+"/edit", staff)
		if page.Code != 200 || !strings.Contains(page.Body.String(), "判定条件") {
			t.Fatalf("editor: %d", page.Code)
		}
		if f.page("/console/policies/"+pid+"/edit", f.token("reviewer")).Code != 403 {
			t.Fatal("reviewer may not open the editor")
		}
		before, _ := db.Policies().PolicyVersion(ctx, pid, 0)
		form := url.Values{"name": {"就业困难人员认定（测试修订）"}, "category": {"就业补贴"}, "beneficiary": {"person"},
			"match_mode": {"auto"}, "valid_status": {"assumed_active"}, "combine": {"all"},
			"row0.field": {"hukou_city"}, "row0.op": {"eq"}, "row0.value": {"武汉市"},
			"row1.field": {"derived.age"}, "row1.op": {"gte"}, "row1.value": {"四十"},
			"amount_text": {"认定后可享受就业困难人员政策"}, "note": {"测试"}}
		rec := f.form("/console/policies/"+pid+"/edit", staff, form)
		body := rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "请填写数字") || !strings.Contains(body, "就业困难人员认定（测试修订）") || !strings.Contains(body, `value="四十"`) {
			t.Fatalf("bad number: %d", rec.Code)
		}
		form.Set("row1.value", "40")
		form.Set("action", "preview")
		rec = f.form("/console/policies/"+pid+"/edit", staff, form)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "测试画像的判定变化") {
			t.Fatalf("preview: %d %s", rec.Code, rec.Body.String()[:200])
		}
		if v, _ := db.Policies().PolicyVersion(ctx, pid, 0); v.Version != before.Version {
			t.Fatal("preview must not save")
		}
		form.Set("action", "save")
		rec = f.form("/console/policies/"+pid+"/edit", staff, form)
		if rec.Code != 303 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
		}
		after, _ := db.Policies().PolicyVersion(ctx, pid, 0)
		if after.Version != before.Version+1 || !strings.Contains(after.Body, "测试修订") || !strings.Contains(after.Body, "sources") {
			t.Fatalf("saved version %d (was %d); keeps sources? %v", after.Version, before.Version, strings.Contains(after.Body, "sources"))
		}
		// An unknown operator is refused by the engine, naming the path.
		form.Set("row0.op", "eqq")
		rec = f.form("/console/policies/"+pid+"/edit", staff, form)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "criteria") {
			t.Fatalf("unknown operator: %d", rec.Code)
		}
		// Paste-and-suggest pre-fills a new policy.
		rec = f.form("/console/policies/suggest", staff, url.Values{"paste_title": {"高校毕业生灵活就业社会保险补贴"},
			"paste_text": {"离校2年内未就业高校毕业生灵活就业后缴纳社会保险费的，给予不超过其实际缴费2/3的社会保险补贴。"}})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "系统建议") {
			t.Fatalf("suggest: %d", rec.Code)
		}
	})
}
