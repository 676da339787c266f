package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// publicWorker is an attribute set for 公益性岗位补贴 in 东西湖区: a monthly
// amount (2,210 元 from 2024-02) paid for at most 36 months.
func publicWorker() map[string]any {
	return map[string]any{"gender": "女", "birth_date": "1971-09-09", "education": "初中", "hukou_province": "湖北省",
		"hukou_city": "武汉市", "hukou_district": "东西湖区", "hukou_type": "城镇", "employment_status": "公益性岗位", "difficulty_certified": true}
}

// TestPolicyAmountsAsPaid is issue 12 item 1: a monthly amount is said
// monthly, never multiplied into the headline, and research notes stay on
// the staff pages.
func TestPolicyAmountsAsPaid(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		rec := f.do("POST", "/api/v1/policies/match", "", map[string]any{"kind": "person", "eval_date": "2025-06-30", "attrs": publicWorker()})
		mustStatus(t, "match", rec, 200)
		var res policy.Result
		json.Unmarshal(rec.Body.Bytes(), &res)
		if len(res.Eligible) != 1 || res.Eligible[0].PolicyID != "hb_gongyixing_gangwei" {
			t.Fatalf("eligible: %+v", res.Eligible)
		}
		b := res.Eligible[0].Benefit
		if b.AmountYuan != 2210 || b.Period != "month" || b.Months != 36 || b.Says != "每月约 2,210 元，最长 36 个月" || res.TotalYuan != 0 || res.Recurring != 1 {
			t.Errorf("公益性岗位补贴 is promised as %+v, total %v", b, res.TotalYuan)
		}

		// The calculator page says the same and adds nothing up.
		form := url.Values{}
		for k, v := range publicWorker() {
			switch v := v.(type) {
			case bool:
				form.Set(k, strconv.FormatBool(v))
			case string:
				form.Set(k, v)
			}
		}
		rec = f.form("/policies/check", "", form)
		mustStatus(t, "calculator", rec, 200)
		mustContain(t, "calculator", rec, "您可申请 1 项补贴", "每月约 2,210 元，最长 36 个月", "另有 1 项按月或按年发放，未计入合计")
		for _, bad := range []string{"79,560", "合计约", "推定", "推算", "未在来源"} {
			if strings.Contains(rec.Body.String(), bad) {
				t.Errorf("calculator page says %q", bad)
			}
		}

		// Research notes: staff see them on the policy page, nobody else does,
		// and the public API leaves them out.
		const qiuzhi = "/policies/hb_qiuzhi_chuangye"
		for _, who := range []string{"", "person", "employer"} {
			rec = f.page(qiuzhi, f.token(who))
			mustStatus(t, "policy page "+who, rec, 200)
			for _, bad := range []string{"推算", "未在来源", "存疑之处", "来源与可信度"} {
				if strings.Contains(rec.Body.String(), bad) {
					t.Errorf("policy page for %q shows %q", who, bad)
				}
			}
			rec = f.do("GET", "/api/v1"+qiuzhi, f.token(who), nil)
			mustStatus(t, "policy API "+who, rec, 200)
			for _, bad := range []string{"推算", "未在来源", "outofmemory", "verified-from-source"} {
				if strings.Contains(rec.Body.String(), bad) {
					t.Errorf("policy API for %q carries %q", who, bad)
				}
			}
		}
		rec = f.page(qiuzhi, f.token("staff"))
		mustContain(t, "staff policy page", rec, "存疑之处", "按2210元推算为1768元，未在来源中读到", "来源与可信度")
		rec = f.do("GET", "/api/v1"+qiuzhi, f.token("staff"), nil)
		mustContain(t, "staff policy API", rec, "按2210元推算为1768元", "outofmemory")
	})
}

// TestPolicyResultsShowWhy is issue 12 item 4: every section opens with a
// visible control, each policy says its materials and time limit, and an
// application page says by when the bureau must answer.
func TestPolicyResultsShowWhy(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, w := policyFixture(t, db)
		form := url.Values{"gender": {"女"}, "birth_date": {"1971-09-09"}, "education": {"初中"}, "hukou_city": {"武汉市"},
			"hukou_district": {"东西湖区"}, "employment_status": {"公益性岗位"}, "difficulty_certified": {"true"}}
		rec := f.form("/policies/check", "", form)
		mustStatus(t, "calculator", rec, 200)
		body := rec.Body.String()
		summaries := regexp.MustCompile(`(?s)<summary>(.*?)</summary>`).FindAllStringSubmatch(body, -1)
		if len(summaries) != 3 {
			t.Fatalf("%d result sections", len(summaries))
		}
		for _, s := range summaries {
			if !strings.Contains(s[1], "展开查看原因") {
				t.Errorf("section without a visible control: %s", s[1])
			}
		}
		mustContain(t, "calculator", rec, "申请材料：", "办理时限：", "以经办窗口告知为准")

		rec = f.page("/policies/wh_cy_kunnan", "")
		mustContain(t, "policy with a time limit", rec, "《武汉市一次性创业补贴申请表》（一式两份）", "收到完整申请材料后 5 个工作日内审核，审核通过后公示 7 天")
		rec = f.page("/policies/hb_gongyixing_gangwei", "")
		mustContain(t, "policy without one", rec, "<h2>申请材料</h2>", "<h2>办理时限</h2>", "以经办窗口告知为准")

		// A policy whose catalog entry gives 10 working days: the application
		// page names the day the answer is due.
		raw := string(policy.DefaultCatalogYAML())
		ch := "  channel: 本人填申请表→学校审核公示5天→学校经湖北智慧就业服务平台申报→人社审核拨付\n"
		if !strings.Contains(raw, ch) {
			t.Fatal("catalog changed: no 求职创业补贴 channel")
		}
		raw = strings.Replace(raw, ch, ch+"  time_limit:\n    review_workdays: 10\n", 1)
		if _, err := f.app.Policies.ImportCatalog(ctx, app.Actor{IP: "test"}, []byte(raw), true); err != nil {
			t.Fatal(err)
		}
		u := f.users["person"].User
		p, err := db.Registry().PersonByID(ctx, u.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		in := app.InputFromPerson(p)
		in.Education, in.GraduationDate, in.EmploymentStatus = "本科", graduationThisSchoolYear(db.Now()), "在校学生"
		if _, err := f.app.Registry.UpdatePerson(ctx, app.Actor{User: u, IP: "test"}, u.PersonID, in); err != nil {
			t.Fatal(err)
		}
		tok := f.token("person")
		mustStatus(t, "answers", f.form("/me/policies/answers", tok, url.Values{"full_time": {"true"}, "student_status": {"在校"},
			"school_type": {"普通高校"}, "school_province": {"湖北省"}, "school_city": {"武汉市"}, "family_hardship": {"低保家庭"}}), 303)
		if err := w.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		rec = f.multipartForm("/policies/hb_qiuzhi_chuangye/apply", tok, map[string]string{"note": "求职补贴"}, formFile{"申请表.png", tinyPNG(t)})
		mustStatus(t, "apply", rec, 303)
		appPath := strings.TrimSuffix(rec.Header().Get("Location"), "?new=1")
		id, _ := strconv.ParseInt(strings.TrimPrefix(appPath, "/me/applications/"), 10, 64)
		ap, err := db.Policies().ApplicationByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		// 10 working days after the day it was made, Monday to Friday.
		due := ap.CreatedAt.In(chinatime.Zone)
		due = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, chinatime.Zone)
		for n := 0; n < 10; {
			due = due.AddDate(0, 0, 1)
			if due.Weekday() != time.Saturday && due.Weekday() != time.Sunday {
				n++
			}
		}
		rec = f.page(appPath, tok)
		mustStatus(t, "application page", rec, 200)
		mustContain(t, "application page", rec, "经办人员最迟于 "+due.Format(time.DateOnly)+" 前答复", "最迟答复", "<strong>"+due.Format(time.DateOnly)+"</strong> 前", "收到完整申请材料后 10 个工作日内审核",
			"一次性求职创业补贴申请表（本人填写，经学校审核）")
		rec = f.page("/console/applications/"+strconv.FormatInt(id, 10), f.token("reviewer"))
		mustContain(t, "console application page", rec, "最迟答复", due.Format(time.DateOnly))
	})
}

// TestPolicyAuthorNotesStayWithStaff: the editor shows the doubts to staff,
// refuses a research note in a public text, and saves materials and a time
// limit that the public page then shows without the doubts.
func TestPolicyAuthorNotesStayWithStaff(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ctx := context.Background()
		staff := f.token("staff")
		const pid = "wh_kunnan_rending"
		edit := "/console/policies/" + pid + "/edit"
		rec := f.page(edit, staff)
		mustStatus(t, "editor", rec, 200)
		mustContain(t, "editor", rec, `name="doubts"`, "存疑之处（仅工作人员可见", `name="materials"`, `name="review_workdays"`)
		form := url.Values{"name": {"就业困难人员认定"}, "category": {"就业补贴"}, "beneficiary": {"person"},
			"match_mode": {"auto"}, "valid_status": {"assumed_active"}, "combine": {"all"},
			"row0.field": {"hukou_city"}, "row0.op": {"eq"}, "row0.value": {"武汉市"},
			"amount_text": {"认定后可享受就业困难人员政策（推定）"}, "materials": {"居民身份证\n《就业创业证》"},
			"review_workdays": {"5"}, "publicity_days": {""}, "doubts": {"认定时限推定为5个工作日"}, "action": {"save"}, "note": {"材料与时限"}}
		rec = f.form(edit, staff, form)
		mustStatus(t, "a note in public text", rec, 422)
		mustContain(t, "a note in public text", rec, "请写到“存疑之处（仅工作人员可见）”", "认定后可享受就业困难人员政策（推定）")
		form.Set("amount_text", "认定后可享受就业困难人员政策")
		mustStatus(t, "save", f.form(edit, staff, form), 303)
		v, _ := db.Policies().PolicyVersion(ctx, pid, 0)
		if !strings.Contains(v.Body, "review_workdays: 5") || !strings.Contains(v.Body, "认定时限推定为5个工作日") {
			t.Fatalf("saved body:\n%s", v.Body)
		}
		rec = f.page("/policies/"+pid, "")
		mustContain(t, "public page", rec, "居民身份证", "《就业创业证》", "收到完整申请材料后 5 个工作日内审核")
		if strings.Contains(rec.Body.String(), "推定") {
			t.Error("the public page shows the doubt")
		}
		mustContain(t, "staff page", f.page("/policies/"+pid, staff), "认定时限推定为5个工作日")
	})
}
