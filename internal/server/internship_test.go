package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// goodBase is a valid internship base application; edit changes it.
func goodBase(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"places_per_year": 10, "occupations": []string{"电工", "6-18-02-04"}, "contact_name": "刘主管",
		"contact_phone": "13871234567", "supervisor": "王师傅", "intro": "临空港物流园区，提供仓储和设备维护见习岗位。"}
	if edit != nil {
		edit(m)
	}
	return m
}

// setPerson changes role's registry record: education, graduation date,
// employment status and whether registered unemployed.
func (f *fixture) setPerson(role, education, graduated, status string, unemployed bool) {
	f.t.Helper()
	ctx := context.Background()
	p, err := f.db.Registry().PersonByID(ctx, f.users[role].User.PersonID)
	if err != nil {
		f.t.Fatal(err)
	}
	in := app.InputFromPerson(p)
	in.Education, in.GraduationDate, in.EmploymentStatus, in.RegisteredUnemployed = education, graduated, status, unemployed
	if rec := f.do("PUT", "/api/v1/me/person", f.token(role), in); rec.Code != 200 {
		f.t.Fatalf("update %s: %d %s", role, rec.Code, rec.Body)
	}
}

// designatedBase has role apply to be a base and staff designate it; it
// returns the base id.
func (f *fixture) designatedBase(role string) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/internship/bases", f.token(role), goodBase(nil))
	if rec.Code != 201 {
		f.t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	id := int64(decode(f.t, rec)["id"].(float64))
	if rec := f.do("POST", fmt.Sprintf("/api/v1/internship/bases/%d/designate", id), f.token("staff"), nil); rec.Code != 200 {
		f.t.Fatalf("designate: %d %s", rec.Code, rec.Body)
	}
	return id
}

// hire moves an application to hired through the employer's API.
func (f *fixture) hire(role string, appID int64) {
	f.t.Helper()
	path := fmt.Sprintf("/api/v1/job-applications/%d", appID)
	tok := f.token(role)
	if rec := f.do("GET", path, tok, nil); rec.Code != 200 {
		f.t.Fatalf("open application: %d %s", rec.Code, rec.Body)
	}
	for _, s := range []string{"interview", "hired"} {
		if rec := f.do("POST", path+"/status", tok, map[string]any{"status": s}); rec.Code != 200 {
			f.t.Fatalf("%s: %d %s", s, rec.Code, rec.Body)
		}
	}
}

// TestInternshipBases: an employer applies (bad fields named, nothing
// written), a second application is 409; it is not public until staff
// designate it; staff return and suspend only with a reason and only from
// the right status; every decision is audited; the contact phone is
// sealed at rest.
func TestInternshipBases(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		staff, emp, emp2, person := f.token("staff"), f.token("employer"), f.token("employer2"), f.token("person")

		if rec := f.do("POST", "/api/v1/internship/bases", person, goodBase(nil)); rec.Code != 403 {
			t.Fatalf("a person applies: %d", rec.Code)
		}
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["places_per_year"] = 0 }, "places_per_year", "1–1000"},
			{func(m map[string]any) { m["occupations"] = []string{} }, "occupations", "至少"},
			{func(m map[string]any) { m["occupations"] = []string{"火星种菜师"} }, "occupations.0", "没有"},
			{func(m map[string]any) { m["contact_phone"] = "电话" }, "contact_phone", "区号"},
			{func(m map[string]any) { m["supervisor"] = "" }, "supervisor", "带教"},
		} {
			rec := f.do("POST", "/api/v1/internship/bases", emp, goodBase(bad.edit))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("%s: %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		if bs, _ := db.Internships().Bases(context.Background(), ""); len(bs) != 0 {
			t.Fatalf("bad applications stored %d bases", len(bs))
		}
		rec := f.do("POST", "/api/v1/internship/bases", emp, goodBase(nil))
		if rec.Code != 201 || decode(t, rec)["status"] != "applying" {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		id := int64(decode(t, rec)["id"].(float64))
		if rec := f.do("POST", "/api/v1/internship/bases", emp, goodBase(nil)); rec.Code != 409 {
			t.Fatalf("second application: %d %s", rec.Code, rec.Body)
		}
		path := fmt.Sprintf("/api/v1/internship/bases/%d", id)
		if rec := f.do("GET", path, "", nil); rec.Code != 404 {
			t.Fatalf("an applying base is public: %d", rec.Code)
		}
		if rec := f.do("GET", path, emp2, nil); rec.Code != 404 {
			t.Fatalf("another enterprise sees the application: %d", rec.Code)
		}
		if rec := f.do("GET", "/api/v1/internship/bases", "", nil); strings.Contains(rec.Body.String(), "临空港") {
			t.Fatalf("public list shows an applying base: %s", rec.Body)
		}
		if rec := f.do("POST", path+"/return", staff, nil); rec.Code != 422 || errField(t, rec, "reason") == "" {
			t.Fatalf("return without a reason: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path+"/suspend", staff, map[string]any{"reason": "检查"}); rec.Code != 409 {
			t.Fatalf("suspend an applying base: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path+"/designate", emp, nil); rec.Code != 403 {
			t.Fatalf("employer designates itself: %d", rec.Code)
		}
		if rec := f.do("POST", path+"/return", staff, map[string]any{"reason": "带教老师资质材料不全"}); rec.Code != 200 || decode(t, rec)["status"] != "returned" {
			t.Fatalf("return: %d %s", rec.Code, rec.Body)
		}
		// Returned: the enterprise applies again, the same base.
		rec = f.do("POST", "/api/v1/internship/bases", emp, goodBase(func(m map[string]any) { m["places_per_year"] = 12 }))
		if rec.Code != 201 || int64(decode(t, rec)["id"].(float64)) != id || decode(t, rec)["places_per_year"].(float64) != 12 {
			t.Fatalf("apply again: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path+"/designate", staff, nil); rec.Code != 200 || decode(t, rec)["status"] != "designated" {
			t.Fatalf("designate: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("GET", "/api/v1/internship/bases", "", nil)
		if !strings.Contains(rec.Body.String(), "武汉临空港物流有限公司") || !strings.Contains(rec.Body.String(), "暂无期满见习人员") {
			t.Fatalf("public list: %s", rec.Body)
		}
		if rec := f.do("POST", path+"/suspend", staff, map[string]any{"reason": "年度检查不合格"}); rec.Code != 200 || decode(t, rec)["status"] != "suspended" {
			t.Fatalf("suspend: %d %s", rec.Code, rec.Body)
		}
		// Suspended: no 见习 posts.
		if rec := f.do("POST", "/api/v1/jobs", emp, weldPost(func(m map[string]any) { m["internship"] = true })); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "internship"), "暂停") {
			t.Fatalf("suspended base posts a place: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path+"/designate", staff, nil); rec.Code != 200 {
			t.Fatalf("reinstate: %d %s", rec.Code, rec.Body)
		}
		for _, a := range []string{"internship.base.apply", "internship.base.return", "internship.base.designate", "internship.base.suspend"} {
			if auditCount(t, db, a, "ok") == 0 {
				t.Fatalf("%s not audited", a)
			}
		}
	})
}

// TestInternships: a designated base posts a 见习 place, found with the
// 见习 filter (and flagged) in job search; an ineligible applicant is
// refused with the reason, an eligible graduate applies and is hired; the
// base starts the internship (months ≤ the rule's maximum), records the
// months, claims a month (the rule's amount), a second claim of the month
// is 409; another base gets 404 on the intern; a reviewer approves and
// pays the claim through the policy workflow; the end (留用) makes the
// retention rate on the public page and the retention bonus.
func TestInternships(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		if _, err := f.app.Policies.ImportCatalog(context.Background(), app.Actor{}, policy.DefaultCatalogYAML(), true); err != nil {
			t.Fatal(err)
		}
		emp, emp2, person, person2, staff, reviewer := f.token("employer"), f.token("employer2"), f.token("person"), f.token("person2"),
			f.token("staff"), f.token("reviewer")

		// Not a base: no 见习 posts.
		if rec := f.do("POST", "/api/v1/jobs", emp, weldPost(func(m map[string]any) { m["internship"] = true })); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "internship"), "尚未被认定") {
			t.Fatalf("a non-base posts a place: %d %s", rec.Code, rec.Body)
		}
		baseID := f.designatedBase("employer")
		postID := f.publishedPost("employer", func(m map[string]any) { m["internship"] = true; m["title"] = "仓储管理见习生" })
		other := f.publishedPost("employer", nil)

		ids, doc := f.searchJobs("internship=1")
		if !hasID(ids, postID) || hasID(ids, other) || len(ids) != 1 {
			t.Fatalf("见习 filter: %v", ids)
		}
		if it := doc["items"].([]any)[0].(map[string]any); it["internship"] != true {
			t.Fatalf("search item not flagged: %v", it)
		}
		if ids, _ := f.searchJobs(""); !hasID(ids, postID) || !hasID(ids, other) {
			t.Fatalf("unfiltered search: %v", ids)
		}
		if rec := f.do("GET", "/api/v1/jobs?internship=maybe", "", nil); rec.Code != 422 {
			t.Fatalf("bad filter: %d", rec.Code)
		}
		page := f.page("/jobs?internship=1", "").Body.String()
		if !strings.Contains(page, "仓储管理见习生") || !strings.Contains(page, `<span class="tag brand" title="就业见习岗位">见习</span>`) ||
			strings.Contains(page, "电焊工") {
			t.Fatalf("jobs page with the 见习 filter: badge or filter missing")
		}

		// Eligibility: person2 (高中, not registered unemployed) refused with the reason.
		f.setPerson("person2", "高中", "", "失业", false)
		apply := fmt.Sprintf("/api/v1/jobs/%d/applications", postID)
		rec := f.do("POST", apply, person2, nil)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "学历不是大专及以上") || !strings.Contains(rec.Body.String(), "未登记失业") {
			t.Fatalf("ineligible applicant: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/applications", other), person2, nil); rec.Code != 201 {
			t.Fatalf("an ordinary post takes anyone: %d %s", rec.Code, rec.Body)
		}
		f.setPerson("person", "本科", "2025-06-30", "失业", false)
		rec = f.do("POST", apply, person, map[string]any{"note": "2025 届毕业生"})
		if rec.Code != 201 {
			t.Fatalf("eligible graduate applies: %d %s", rec.Code, rec.Body)
		}
		appID := int64(decode(t, rec)["id"].(float64))

		// Not hired yet: cannot start.
		start := map[string]any{"application_id": appID, "start_on": "2026-02-01", "planned_months": 3}
		if rec := f.do("POST", "/api/v1/internships", emp, start); rec.Code != 422 || !strings.Contains(errField(t, rec, "application_id"), "录用") {
			t.Fatalf("start before hiring: %d %s", rec.Code, rec.Body)
		}
		f.hire("employer", appID)
		rec = f.do("GET", "/api/v1/me/internship", emp, nil)
		if !strings.Contains(rec.Body.String(), `"candidates":[{`) {
			t.Fatalf("hired applicant not offered: %s", rec.Body)
		}
		if rec := f.do("POST", "/api/v1/internships", emp, map[string]any{"application_id": appID, "start_on": "2026-02-01", "planned_months": 7}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "planned_months"), "最长 6 个月") {
			t.Fatalf("7 months: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/internships", emp2, start); rec.Code != 404 && rec.Code != 409 {
			t.Fatalf("another enterprise starts our applicant: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", "/api/v1/internships", emp, start)
		if rec.Code != 201 {
			t.Fatalf("start: %d %s", rec.Code, rec.Body)
		}
		in := decode(t, rec)
		internID := int64(in["id"].(float64))
		if ps := in["periods"].([]any); len(ps) != 3 || ps[0].(map[string]any)["to"] != "2026-02-28" || ps[2].(map[string]any)["month"] != "2026-04" {
			t.Fatalf("periods: %v", in["periods"])
		}
		if rec := f.do("POST", "/api/v1/internships", emp, start); rec.Code != 409 {
			t.Fatalf("start twice: %d %s", rec.Code, rec.Body)
		}

		// Another base, a person, a visitor: as if there were no such intern.
		f.designatedBase("employer2")
		ipath := fmt.Sprintf("/api/v1/internships/%d", internID)
		for _, tok := range []string{emp2, person2} {
			if rec := f.do("GET", ipath, tok, nil); rec.Code != 404 {
				t.Fatalf("outsider reads the intern: %d", rec.Code)
			}
		}
		if rec := f.do("POST", ipath+"/months", emp2, map[string]any{"n": 1, "served": true}); rec.Code != 404 {
			t.Fatalf("another base records a month: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", ipath, staff, nil); rec.Code != 200 {
			t.Fatalf("staff reads the intern: %d", rec.Code)
		}

		// Months: 1 and 2 served; 4 does not exist.
		for n := 1; n <= 2; n++ {
			if rec := f.do("POST", ipath+"/months", emp, map[string]any{"n": n, "served": true}); rec.Code != 200 {
				t.Fatalf("month %d: %d %s", n, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", ipath+"/months", emp, map[string]any{"n": 4, "served": true}); rec.Code != 422 {
			t.Fatalf("month 4: %d %s", rec.Code, rec.Body)
		}

		// Claim February: 0.7 × 2210 = 1547 yuan; twice is 409 with the reason.
		rec = f.do("POST", "/api/v1/internship/claims", emp, map[string]any{"month": "2026-02"})
		if rec.Code != 201 || decode(t, rec)["amount_yuan"].(float64) != 1547 || decode(t, rec)["status"] != "submitted" {
			t.Fatalf("claim: %d %s", rec.Code, rec.Body)
		}
		claimID := int64(decode(t, rec)["application_id"].(float64))
		rec = f.do("POST", "/api/v1/internship/claims", emp, map[string]any{"month": "2026-02"})
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "已申领过") {
			t.Fatalf("second claim: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", ipath+"/months", emp, map[string]any{"n": 1, "served": false}); rec.Code != 409 {
			t.Fatalf("change a claimed month: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/internship/claims", emp, map[string]any{"month": "2026-05"}); rec.Code != 422 || errField(t, rec, "month") == "" {
			t.Fatalf("claim a month not over: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/internship/claims", emp2, map[string]any{"month": "2026-03"}); rec.Code != 422 {
			t.Fatalf("another base claims nothing: %d %s", rec.Code, rec.Body)
		}

		// Review and payout through the policy workflow.
		dec := fmt.Sprintf("/api/v1/applications/%d/decision", claimID)
		if rec := f.do("POST", dec, emp, map[string]any{"action": "approve", "amount_yuan": 1547}); rec.Code != 403 {
			t.Fatalf("the base approves its claim: %d", rec.Code)
		}
		if rec := f.do("POST", dec, reviewer, map[string]any{"action": "approve", "amount_yuan": 1547}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/payouts", reviewer, map[string]any{"ids": []int64{claimID}, "batch": "JX-2026-05", "paid_on": "2026-05-11"}); rec.Code != 200 {
			t.Fatalf("pay: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("GET", "/api/v1/me/internship", emp, nil)
		if !strings.Contains(rec.Body.String(), `"claim_status":"paid"`) || !strings.Contains(rec.Body.String(), `"paid_on":"2026-05-11"`) {
			t.Fatalf("ledger after payout: %s", rec.Body)
		}

		// The end: kept on 2026-04-30 → retention 1/1, and April's claim
		// carries month 3 (served) and the 1000 yuan retention bonus.
		if rec := f.do("POST", ipath+"/months", emp, map[string]any{"n": 3, "served": true}); rec.Code != 200 {
			t.Fatalf("month 3: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", ipath+"/finish", emp, map[string]any{"ended_on": "2026-01-01", "kept": true}); rec.Code != 422 {
			t.Fatalf("end before start: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", ipath+"/finish", emp, map[string]any{"ended_on": "2026-04-30", "kept": true}); rec.Code != 200 {
			t.Fatalf("finish: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", ipath+"/finish", emp, map[string]any{"kept": false}); rec.Code != 409 {
			t.Fatalf("finish twice: %d", rec.Code)
		}
		rec = f.do("GET", fmt.Sprintf("/api/v1/internship/bases/%d", baseID), "", nil)
		b := decode(t, rec)["base"].(map[string]any)
		if b["retention_rate"].(float64) != 1 || b["retention_text"] != "1/1（100.0%）" || decode(t, rec)["interns"] != nil {
			t.Fatalf("public base page: %s", rec.Body)
		}
		if !strings.Contains(f.page(fmt.Sprintf("/internships/bases/%d", baseID), "").Body.String(), "1/1（100.0%）") {
			t.Fatal("retention rate missing on the public page")
		}
		rec = f.do("POST", "/api/v1/internship/claims", emp, map[string]any{"month": "2026-04"})
		if rec.Code != 201 || decode(t, rec)["amount_yuan"].(float64) != 1547+1000 || decode(t, rec)["retention_bonuses"].(float64) != 1 {
			t.Fatalf("April claim with the bonus: %d %s", rec.Code, rec.Body)
		}
		// The pages: the base's ledger with March's claim button; a claim of
		// April again through the form is refused on the page (409) with
		// the reason; staff's list and spreadsheets.
		page = f.page("/enterprise/internship", emp).Body.String()
		for _, want := range []string{"补贴台账", "申领2026年3月补贴", "已发放", "1/1（100.0%）"} {
			if !strings.Contains(page, want) {
				t.Fatalf("base page lacks %q", want)
			}
		}
		if rec := f.form("/enterprise/internship/claims", emp, url.Values{"month": {"2026-04"}}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已申领过") {
			t.Fatalf("claim twice on the page: %d", rec.Code)
		}
		if rec := f.form("/enterprise/internship/claims", emp, url.Values{"month": {"2026-03"}}); rec.Code != 303 {
			t.Fatalf("claim March on the page: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page(fmt.Sprintf("/enterprise/internship/interns/%d", internID), emp); rec.Code != 200 || !strings.Contains(rec.Body.String(), "已申领") {
			t.Fatalf("intern page: %d", rec.Code)
		}
		if rec := f.page(fmt.Sprintf("/enterprise/internship/interns/%d", internID), emp2); rec.Code != 404 {
			t.Fatalf("another base opens the intern page: %d", rec.Code)
		}
		if rec := f.page("/console/internship", staff); rec.Code != 200 || !strings.Contains(rec.Body.String(), "武汉临空港物流有限公司") {
			t.Fatalf("console list: %d", rec.Code)
		}
		for _, x := range []string{"bases", "interns", "ledger"} {
			rec := f.page("/console/internship/"+x+".xlsx", staff)
			if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") || rec.Body.Len() < 100 {
				t.Fatalf("%s.xlsx: %d %s", x, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
		if auditCount(t, db, "internship.export", "ok") != 3 {
			t.Fatal("exports not audited")
		}
		for _, a := range []string{"internship.start", "internship.month", "internship.claim", "internship.finish"} {
			if auditCount(t, db, a, "ok") == 0 {
				t.Fatalf("%s not audited", a)
			}
		}
	})
}
