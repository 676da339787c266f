package server_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

var todoTile = regexp.MustCompile(`href="([^"]+)" data-todo="([a-z_]+)"><span class="todo-n">(\d+)</span>`)

// todoCounts reads the console home's tiles: key → count and link.
func todoCounts(t *testing.T, f *fixture, token string) (map[string]int, map[string]string) {
	t.Helper()
	rec := f.page("/console", token)
	if rec.Code != 200 {
		t.Fatalf("/console: %d", rec.Code)
	}
	counts, links := map[string]int{}, map[string]string{}
	for _, m := range todoTile.FindAllStringSubmatch(rec.Body.String(), -1) {
		counts[m[2]], _ = strconv.Atoi(m[3])
		links[m[2]] = strings.ReplaceAll(m[1], "&amp;", "&")
	}
	return counts, links
}

// TestConsoleToDo (issue 12 item 8): /console opens on the queues' counts,
// each only for a role that opens the queue, each linking to the queue
// filtered to what it counts; a decision moves the count.
func TestConsoleToDo(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ctx := context.Background()
		f.verify("employer")
		post := f.createPost("employer", weldPost(nil))
		f.registerEmployer("武汉待核验商贸有限公司")
		applyP07(t, f)

		reviewer, staff := f.token("reviewer"), f.token("staff")
		counts, links := todoCounts(t, f, reviewer)
		_, unverified, err := db.Registry().SearchEnterprises(ctx, registry.EnterpriseFilter{Unverified: true, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"job_posts": 1, "gigs": 0, "enterprises": unverified, "applications": 1, "grants": 0, "payouts": 0, "returned": 0}
		for k, n := range want {
			if got, ok := counts[k]; !ok || got != n {
				t.Errorf("reviewer's %s: %d (shown %v), want %d", k, got, ok, n)
			}
		}
		if unverified < 2 { // employer2 and the new one
			t.Errorf("unverified enterprises: %d", unverified)
		}
		// Each link opens the queue with exactly what was counted.
		for k, href := range links {
			rec := f.page(href, reviewer)
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Errorf("%s → %s: %d", k, href, rec.Code)
				continue
			}
			switch k {
			case "job_posts":
				if !strings.Contains(body, `id="post-`+strconv.FormatInt(post, 10)+`"`) {
					t.Errorf("review queue lacks the pending post")
				}
			case "enterprises", "applications", "grants", "payouts", "returned":
				if !strings.Contains(body, "共 "+strconv.Itoa(counts[k])+" 条") {
					t.Errorf("%s → %s does not list %d rows:\n%.2000s", k, href, counts[k], body)
				}
			}
		}
		if !strings.Contains(links["applications"], "status=submitted") || !strings.Contains(links["enterprises"], "unverified=1") {
			t.Errorf("links: %v", links)
		}
		// Staff do not review posts or gigs: no such tiles; the policy queues say who decides.
		counts, _ = todoCounts(t, f, staff)
		if _, ok := counts["job_posts"]; ok {
			t.Errorf("staff see 待审核岗位: %v", counts)
		}
		if _, ok := counts["gigs"]; ok {
			t.Errorf("staff see 待审核零工: %v", counts)
		}
		if counts["enterprises"] != unverified || counts["applications"] != 1 {
			t.Errorf("staff counts %v", counts)
		}
		if body := f.page("/console", staff).Body.String(); !strings.Contains(body, "由审核员审核") {
			t.Errorf("staff's policy tiles do not say who decides")
		}
		// The API gives the same counts and links.
		items := decode(t, f.do("GET", "/api/v1/console/todo", staff, nil))["items"].([]any)
		if len(items) != len(counts) {
			t.Errorf("API to-do: %v, page %v", items, counts)
		}
		for _, it := range items {
			it := it.(map[string]any)
			if int(it["count"].(float64)) != counts[it["key"].(string)] || it["href"] == "" {
				t.Errorf("API to-do item %v, page %v", it, counts)
			}
		}
		if rec := f.do("GET", "/api/v1/console/todo", f.token("employer"), nil); rec.Code != 403 {
			t.Errorf("employer reads the to-do counts: %d", rec.Code)
		}
		// A search still works and shows no tiles.
		if body := f.page("/console?kind=enterprise&unverified=1", staff).Body.String(); strings.Contains(body, "data-todo") {
			t.Errorf("tiles on a search result")
		}
		// The reviewer approves the post: its count goes to 0.
		if rec := f.do("POST", "/api/v1/jobs/"+strconv.FormatInt(post, 10)+"/review", reviewer, map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if counts, _ := todoCounts(t, f, reviewer); counts["job_posts"] != 0 {
			t.Errorf("after approving: %v", counts)
		}
	})
}

// applyP07 makes the persona P07 eligible for 灵活就业社保补贴 and applies
// (with a file); it returns her token.
func applyP07(t *testing.T, f *fixture) string {
	t.Helper()
	ctx := context.Background()
	u, err := f.app.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘秀英",
		IDNumber: registry.GenerateIDNumber(f.rng, "420102", evalDay.AddDate(-47, 0, 0), false), Phone: registry.GeneratePhone(f.rng), Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	f.users["p07"] = &fixtureUser{User: u, Password: testPassword}
	tok := f.token("p07")
	if rec := f.do("PUT", "/api/v1/me/person", tok, map[string]any{"name": "刘秀英", "phone": u.Phone, "education": "初中",
		"hukou_region": "420102", "employment_status": "灵活就业", "registered_unemployed": true, "difficulty_category": "大龄"}); rec.Code != 200 {
		t.Fatalf("profile: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("PUT", "/api/v1/me/policy-answers", tok, map[string]any{"hukou_type": "城镇", "flexible_registered": true,
		"flexible_si_paid": true}); rec.Code != 204 {
		t.Fatalf("answers: %d %s", rec.Code, rec.Body)
	}
	if rec := f.multipartApply("/api/v1/policies/wh_lhjy_shebao_kunnan/applications", tok, "申请社保补贴", map[string][]byte{"证明.png": pngBytes()}); rec.Code != 201 {
		t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	return tok
}

// TestPolicyStatsCharts: the statistics page draws the funnel and the
// monthly trend as SVG images with a title, a description in words and a
// table of the same numbers.
func TestPolicyStatsCharts(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		tok := applyP07(t, f)
		rec := f.page("/console/policies", f.token("staff"))
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("/console/policies: %d", rec.Code)
		}
		for _, want := range []string{
			`<svg class="chart" id="funnel" role="img" aria-labelledby="funnel-t funnel-d"`, `<title id="funnel-t">政策办理漏斗`, `<desc id="funnel-d">符合 `,
			`<svg class="chart" id="trend" role="img" aria-labelledby="trend-t trend-d"`, `<title id="trend-t">近 12 个月`, `已申请：`,
			`<th class="num" scope="col">已发放</th>`, `<td>2025-06</td><td class="num" data-label="已申请">1</td>`, `<td>2024-07</td>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/console/policies lacks %q", want)
			}
		}
		if months := decode(t, f.do("GET", "/api/v1/console/policy-trend", f.token("staff"), nil))["months"].([]any); len(months) != 12 ||
			months[11].(map[string]any)["month"] != "2025-06" || months[11].(map[string]any)["applied"].(float64) != 1 {
			t.Errorf("API trend: %v", months)
		}
		if strings.Contains(body, "<td>2024-06</td>") {
			t.Errorf("the trend shows 13 months")
		}
		if m := regexp.MustCompile(`<desc id="funnel-d">[^<]*已申请 1（`).FindString(body); m == "" {
			t.Errorf("the funnel's description does not say 已申请 1")
		}
		// Approved and paid the same month: the month's row says 1, 1, 1.
		id := int64(decode(t, f.do("GET", "/api/v1/me/applications", tok, nil))["items"].([]any)[0].(map[string]any)["id"].(float64))
		reviewer := f.token("reviewer")
		if rec := f.do("POST", "/api/v1/applications/"+strconv.FormatInt(id, 10)+"/decision", reviewer, map[string]any{"action": "approve", "amount_yuan": 3000}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/payouts", reviewer, map[string]any{"ids": []int64{id}, "batch": "2025-06-A", "paid_on": "2025-06-30"}); rec.Code != 200 {
			t.Fatalf("pay: %d %s", rec.Code, rec.Body)
		}
		body = f.page("/console/policies", f.token("staff")).Body.String()
		if !strings.Contains(body, `<td>2025-06</td><td class="num" data-label="已申请">1</td><td class="num" data-label="已通过">1</td><td class="num" data-label="已发放">1</td>`) {
			t.Errorf("the trend after approval and payout:\n%s", body[strings.Index(body, "按月数据表"):][:1500])
		}
	})
}

// TestAuditByDateAndName: the audit log filters by a Beijing date range and
// names its operators; a bad date is a field error.
func TestAuditByDateAndName(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		applyP07(t, f)
		admin := f.token("admin")
		p07 := strconv.FormatInt(f.users["p07"].User.ID, 10)
		rec := f.page("/admin/audit?from=2025-06-30&to=2025-06-30", admin)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `<a href="/admin/audit?actor=`+p07+`">刘秀英</a>`) || strings.Contains(body, "没有匹配的记录") {
			t.Fatalf("audit for the day: %d\n%.3000s", rec.Code, body)
		}
		if body := f.page("/admin/audit?from=2025-07-01", admin).Body.String(); !strings.Contains(body, "没有匹配的记录") {
			t.Errorf("audit from tomorrow is not empty")
		}
		if body := f.page("/admin/audit?to=2025-06-29", admin).Body.String(); !strings.Contains(body, "没有匹配的记录") {
			t.Errorf("audit to yesterday is not empty")
		}
		if body := f.page("/admin/audit?actor="+p07, admin).Body.String(); !strings.Contains(body, "只看操作人 刘秀英") {
			t.Errorf("filter by operator does not name them")
		}
		for _, q := range []string{"from=2025-6-31", "from=2025-07-01&to=2025-06-30"} {
			if rec := f.page("/admin/audit?"+q, admin); rec.Code != 422 || !strings.Contains(rec.Body.String(), `class="error"`) {
				t.Errorf("%s: %d", q, rec.Code)
			}
		}
		// The API: the same range, each row with its operator's name.
		m := decode(t, f.do("GET", "/api/v1/audit?from=2025-06-30&to=2025-06-30&actor="+p07, admin, nil))
		items := m["items"].([]any)
		if len(items) == 0 || items[0].(map[string]any)["actor_name"] != "刘秀英" {
			t.Errorf("API audit: %v", m)
		}
		if rec := f.do("GET", "/api/v1/audit?from=2025-07-01&to=2025-06-30", admin, nil); rec.Code != 422 {
			t.Errorf("API bad range: %d", rec.Code)
		}
		if n := len(decode(t, f.do("GET", "/api/v1/audit?from=2025-07-01", admin, nil))["items"].([]any)); n != 0 {
			t.Errorf("API from tomorrow: %d rows", n)
		}
	})
}
