package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/worker"
)

// evalDay is the personas' evaluation date; tests run the platform's clock there.
var evalDay = time.Date(2025, 6, 30, 3, 0, 0, 0, time.UTC)

func policyFixture(t *testing.T, db *store.DB) (*fixture, *worker.Worker) {
	t.Helper()
	db.SetClock(func() time.Time { return evalDay })
	f := newFixture(t, db, serverOpts())
	if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
		t.Fatal(err)
	}
	w := worker.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.app.RegisterTasks(w)
	return f, w
}

// TestPersonasThroughAPI: every shared persona, sent to the match endpoint,
// is eligible for exactly the policies the personas file expects.
func TestPersonasThroughAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		personas, err := policy.ParsePersonas(policy.DefaultPersonasYAML())
		if err != nil || len(personas) != 20 {
			t.Fatalf("personas: %d %v", len(personas), err)
		}
		for _, p := range personas {
			rec := f.do("POST", "/api/v1/policies/match", "", map[string]any{"kind": p.Kind,
				"eval_date": p.EvalDate.Format(time.DateOnly), "attrs": p.Attrs})
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", p.ID, rec.Code, rec.Body)
			}
			var res policy.Result
			json.Unmarshal(rec.Body.Bytes(), &res)
			var got []string
			for _, e := range res.Eligible {
				got = append(got, e.PolicyID)
				if len(e.Reasons) == 0 || e.Benefit.Text == "" {
					t.Errorf("%s/%s: no reasons or benefit text", p.ID, e.PolicyID)
				}
			}
			want := append([]string(nil), p.Expected...)
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: eligible %v, want %v", p.ID, got, want)
			}
		}
	})
}

// TestMatchBadInput: unknown attributes, wrong types and impossible dates
// are 422 naming the field.
func TestMatchBadInput(t *testing.T) {
	db := storeSQLite(t)
	f, _ := policyFixture(t, db)
	cases := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"kind": "person", "attrs": map[string]any{"favourite_colour": "红"}}, "attrs.favourite_colour"},
		{map[string]any{"kind": "person", "attrs": map[string]any{"birth_date": 1990}}, "attrs.birth_date"},
		{map[string]any{"kind": "person", "attrs": map[string]any{"birth_date": "2025-02-30"}}, "attrs.birth_date"},
		{map[string]any{"kind": "person", "attrs": map[string]any{"unemployment_registered": "yes"}}, "attrs.unemployment_registered"},
		{map[string]any{"kind": "person", "eval_date": "2025-13-01", "attrs": map[string]any{}}, "eval_date"},
		{map[string]any{"kind": "robot", "attrs": map[string]any{}}, "kind"},
	}
	for _, c := range cases {
		rec := f.do("POST", "/api/v1/policies/match", "", c.body)
		if rec.Code != 422 || !hasHan(errField(t, rec, c.field)) {
			t.Errorf("%v: %d %s (want 422 on %s)", c.body, rec.Code, rec.Body, c.field)
		}
	}
}

// TestCatalogImportRejectsBadFile: an unknown operator is refused naming the
// policy and path; the catalog in force is untouched.
func TestCatalogImportRejectsBadFile(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ctx := context.Background()
		before, _ := db.Count(ctx, "policy_versions")
		bad := strings.Replace(string(policy.DefaultCatalogYAML()), "op: is_true", "op: is_truthy", 1)
		_, err := f.app.Policies.ImportCatalog(ctx, app.Actor{}, []byte(bad), true)
		if err == nil || !strings.Contains(err.Error(), "criteria") {
			t.Fatalf("bad catalog: %v", err)
		}
		after, _ := db.Count(ctx, "policy_versions")
		if after != before || before != 32 {
			t.Fatalf("versions %d → %d", before, after)
		}
		rep, err := f.app.Policies.ImportCatalog(ctx, app.Actor{}, policy.DefaultCatalogYAML(), true)
		if err != nil || rep.Unchanged != 32 {
			t.Fatalf("re-import of the same file: %+v %v", rep, err)
		}
	})
}

func pngBytes() []byte {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")
}

// multipartApply posts an application with files through the API.
func (f *fixture) multipartApply(path, token, note string, files map[string][]byte) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("note", note)
	for name, data := range files {
		fw, _ := mw.CreateFormFile("materials", name)
		fw.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest("POST", path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// TestPolicyApplicationFlow: a person made eligible by their profile and
// questionnaire applies with a file, a second try is 409, a reviewer
// approves, pays in a batch, the person is told, the 公示 masks the name,
// and another person cannot read the application.
func TestPolicyApplicationFlow(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, w := policyFixture(t, db)
		ctx := context.Background()
		// P07: 大龄 woman with Wuhan hukou in flexible employment, paying social insurance.
		birth := time.Date(1978, 3, 15, 0, 0, 0, 0, time.UTC)
		u, err := f.app.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘秀英",
			IDNumber: registry.GenerateIDNumber(f.rng, "420102", birth, false), Phone: registry.GeneratePhone(f.rng), Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		f.users["p07"] = &fixtureUser{User: u, Password: testPassword}
		tok := f.token("p07")
		rec := f.do("PUT", "/api/v1/me/person", tok, map[string]any{"name": "刘秀英", "phone": u.Phone, "education": "初中",
			"hukou_region": "420102", "employment_status": "灵活就业", "registered_unemployed": true, "difficulty_category": "大龄"})
		if rec.Code != 200 {
			t.Fatalf("profile: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", "/api/v1/me/policy-answers", tok, map[string]any{"hukou_type": "城镇", "flexible_registered": true,
			"flexible_si_paid": true, "no_such_answer": 1}); rec.Code != 422 {
			t.Fatalf("unknown answer accepted: %d", rec.Code)
		}
		if rec := f.do("PUT", "/api/v1/me/policy-answers", tok, map[string]any{"hukou_type": "城镇", "flexible_registered": true,
			"flexible_si_paid": true}); rec.Code != 204 {
			t.Fatalf("answers: %d %s", rec.Code, rec.Body)
		}
		mine := decode(t, f.do("GET", "/api/v1/me/policies", tok, nil))
		const pid = "wh_lhjy_shebao_kunnan"
		found := false
		for _, e := range mine["eligible"].([]any) {
			if e.(map[string]any)["policy_id"] == pid {
				found = true
			}
		}
		if !found {
			t.Fatalf("%s not eligible: %v", pid, mine["eligible"])
		}
		// The push job tells the person once, however often it runs.
		if err := w.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Policies.PushPolicies(ctx, "*"); err != nil {
			t.Fatal(err)
		}
		inbox := decode(t, f.do("GET", "/api/v1/me/inbox", tok, nil))
		n := 0
		for _, m := range inbox["items"].([]any) {
			if strings.Contains(m.(map[string]any)["title"].(string), "灵活就业") {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("policy messages for %s: %d, want exactly 1: %v", pid, n, inbox["items"])
		}
		// Apply: a text file posing as PDF is refused; a PNG is accepted.
		if rec := f.multipartApply("/api/v1/policies/"+pid+"/applications", tok, "申请", map[string][]byte{"x.pdf": []byte("just text")}); rec.Code != 422 {
			t.Fatalf("fake pdf: %d %s", rec.Code, rec.Body)
		}
		rec = f.multipartApply("/api/v1/policies/"+pid+"/applications", tok, "申请社保补贴", map[string][]byte{"社保缴费证明.png": pngBytes()})
		if rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		appID := int64(decode(t, rec)["id"].(float64))
		// A second application with the same file is 409 and must not remove the stored file.
		if rec := f.multipartApply("/api/v1/policies/"+pid+"/applications", tok, "again", map[string][]byte{"again.png": pngBytes()}); rec.Code != 409 {
			t.Fatalf("second application: %d", rec.Code)
		}
		// Another person: 404 on the application and its file, as if missing, audited.
		other := f.token("person2")
		path := "/api/v1/applications/" + strconv.FormatInt(appID, 10)
		if rec := f.do("GET", path, other, nil); rec.Code != 404 {
			t.Fatalf("other person reads application: %d", rec.Code)
		}
		files := decode(t, f.do("GET", path, tok, nil))["files"].([]any)
		upID := strconv.Itoa(int(files[0].(map[string]any)["id"].(float64)))
		if rec := f.do("GET", "/api/v1/uploads/"+upID, other, nil); rec.Code != 404 {
			t.Fatalf("other person downloads file: %d", rec.Code)
		}
		if rec := f.do("GET", "/api/v1/uploads/"+upID, tok, nil); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), pngBytes()) {
			t.Fatalf("owner download: %d", rec.Code)
		}
		// The policy changes while the application is open: it keeps its version.
		doc, _ := db.Policies().PolicyVersion(ctx, pid, 0)
		staff := f.token("staff")
		if rec := f.do("PUT", "/api/v1/policies/"+pid, staff, map[string]any{"yaml": strings.Replace(doc.Body, "name: ", "name: （修订）", 1), "note": "改名"}); rec.Code != 200 {
			t.Fatalf("edit policy: %d %s", rec.Code, rec.Body)
		}
		got := decode(t, f.do("GET", path, tok, nil))["application"].(map[string]any)
		if got["version"].(float64) != float64(doc.Version) {
			t.Fatalf("application version %v, want %d", got["version"], doc.Version)
		}
		// Staff may not decide; a reviewer approves and pays.
		if rec := f.do("POST", path+"/decision", staff, map[string]any{"action": "approve", "amount_yuan": 3000}); rec.Code != 403 {
			t.Fatalf("staff decision: %d", rec.Code)
		}
		rev := f.token("reviewer")
		if rec := f.do("POST", path+"/decision", rev, map[string]any{"action": "reject"}); rec.Code != 422 {
			t.Fatalf("reject without reason: %d", rec.Code)
		}
		if rec := f.do("POST", path+"/decision", rev, map[string]any{"action": "approve", "amount_yuan": 3000}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": []int64{appID, 999999}, "batch": "2025-06-A", "paid_on": "2025-06-30"}); rec.Code != 404 {
			t.Fatalf("batch with a bad id must fail whole: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": []int64{appID}, "batch": "2025-06-A", "paid_on": "2025-06-30"}); rec.Code != 200 {
			t.Fatalf("pay: %d %s", rec.Code, rec.Body)
		}
		got = decode(t, f.do("GET", path, tok, nil))["application"].(map[string]any)
		if got["status"] != "paid" || got["batch"] != "2025-06-A" {
			t.Fatalf("after payout: %v", got)
		}
		pub := f.do("GET", "/api/v1/policies/"+pid+"/publicity", "", nil).Body.String()
		if strings.Contains(pub, "刘秀英") || !strings.Contains(pub, "刘*英") {
			t.Fatalf("publicity not masked: %s", pub)
		}
		stats := decode(t, f.do("GET", "/api/v1/policies/"+pid, staff, nil))["stats"].(map[string]any)
		if stats["Paid"].(float64) != 1 || stats["Eligible"].(float64) < 1 || stats["Notified"].(float64) < 1 {
			t.Fatalf("stats: %v", stats)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// TestNoApplyGrantsAndExclusiveGroups: 免申即享 policies get proposals
// without applying; a reviewer confirms the batch and it is paid; an open
// application blocks another policy of the same exclusive group.
func TestNoApplyGrantsAndExclusiveGroups(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ctx := context.Background()
		emp := f.users["employer"].User
		tok := f.token("employer")
		if rec := f.do("PUT", "/api/v1/me/enterprise", tok, map[string]any{"name": "武汉临空港物流有限公司", "industry_code": "54",
			"region_code": "420112", "size": "小型"}); rec.Code != 200 {
			t.Fatalf("profile: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", "/api/v1/me/policy-answers", tok, map[string]any{"headcount": 80, "ui_paid_months_last_year": 12,
			"layoff_rate": 0.02, "serious_dishonesty": false, "last_year_ui_premiums_paid": 50000}); rec.Code != 204 {
			t.Fatalf("answers: %d %s", rec.Code, rec.Body)
		}
		if _, err := f.app.Policies.PushPolicies(ctx, "*"); err != nil {
			t.Fatal(err)
		}
		apps, _, _ := db.Policies().ListApplications(ctx, policy.ApplicationFilter{SubjectType: "enterprise", SubjectID: emp.EnterpriseID})
		var grant *policy.Application
		for _, a := range apps {
			if a.PolicyID == "nat_wengang_fanhuan" && a.Status == policy.Proposed {
				grant = a
			}
		}
		if grant == nil || grant.AmountYuan != 30000 {
			t.Fatalf("no 免申即享 proposal for 稳岗返还 (60%% of 50,000): %+v", apps)
		}
		f.app.Policies.PushPolicies(ctx, "*")
		again, _, _ := db.Policies().ListApplications(ctx, policy.ApplicationFilter{SubjectType: "enterprise", SubjectID: emp.EnterpriseID})
		if len(again) != len(apps) {
			t.Fatal("a second push proposed again")
		}
		rev := f.token("reviewer")
		if rec := f.do("POST", "/api/v1/grants", rev, map[string]any{"ids": []int64{grant.ID}, "batch": "MS-2025-06", "paid_on": "2025-06-30"}); rec.Code != 200 {
			t.Fatalf("confirm grants: %d %s", rec.Code, rec.Body)
		}
		paid, _ := db.Policies().ApplicationByID(ctx, grant.ID)
		if paid.Status != policy.Paid || paid.Payout == nil || paid.Payout.AmountYuan != 30000 {
			t.Fatalf("grant after confirm: %+v", paid)
		}
		// Exclusive groups: an open application in the group blocks the other policy.
		first := &policy.Application{PolicyID: "nat_kuogang_buzhu", Version: 1, SubjectType: "enterprise", SubjectID: emp.EnterpriseID,
			ExclusiveGroup: "per_hire_one_time_absorption", Status: policy.Submitted}
		if err := db.Policies().CreateApplication(ctx, store.Actor{}, first, nil); err != nil {
			t.Fatal(err)
		}
		second := &policy.Application{PolicyID: "wh_xina_biyesheng_yicixing", Version: 1, SubjectType: "enterprise", SubjectID: emp.EnterpriseID,
			ExclusiveGroup: "per_hire_one_time_absorption", Status: policy.Submitted}
		if err := db.Policies().CreateApplication(ctx, store.Actor{}, second, nil); err == nil || !strings.Contains(err.Error(), "同组") {
			t.Fatalf("exclusive group not enforced: %v", err)
		}
	})
}
