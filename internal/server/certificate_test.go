package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// evaluator has "employer" apply for an evaluation body designated for
// 电工 四级 and staff designate it; it returns the provider's id.
func (f *fixture) evaluator() int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/training/providers", f.token("employer"), goodApplication(func(m map[string]any) {
		m["name"], m["kind"] = "武汉临空港职业技能评价中心", "evaluator"
		m["scope"] = []map[string]any{{"occupation": "电工", "level": 4}}
	}))
	if rec.Code != 201 {
		f.t.Fatalf("apply as evaluator: %d %s", rec.Code, rec.Body)
	}
	pid := idOf(f.t, rec)
	if rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/designate", pid), f.token("staff"), nil); rec.Code != 200 {
		f.t.Fatalf("designate: %d %s", rec.Code, rec.Body)
	}
	return pid
}

// sittingWithTrainees schedules a 电工 四级 sitting on 2025-07-20 of a new
// evaluation body and registers "person" (enrolled in a filed class of
// the same occupation and level) and person2 (by ID number); it returns
// the sitting's id. The clock is at trainingDay.
func (f *fixture) sittingWithTrainees() int64 {
	f.t.Helper()
	pid := f.evaluator()
	rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/sittings", pid), f.token("employer"),
		map[string]any{"occupation": "电工", "level": 4, "held_on": "2025-07-20", "place": "实训楼 301", "capacity": 10})
	if rec.Code != 201 {
		f.t.Fatalf("schedule: %d %s", rec.Code, rec.Body)
	}
	sid := idOf(f.t, rec)
	cid, _ := f.filedClass(f.trainingProvider(), "电工（四级）提升班", 20, [3]string{"2025-07-05", "09:00", "12:00"})
	if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", cid), f.token("person"), nil); rec.Code != 201 {
		f.t.Fatalf("enrol: %d %s", rec.Code, rec.Body)
	}
	sp := fmt.Sprintf("/api/v1/training/sittings/%d/candidates", sid)
	if rec := f.do("POST", sp, f.token("employer"), map[string]any{"class_id": cid}); rec.Code != 200 || decode(f.t, rec)["added"] != 1.0 {
		f.t.Fatalf("register the class: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("POST", sp, f.token("employer"), map[string]any{"id_number": f.idNumberOf("person2"), "name": "李小红"}); rec.Code != 200 {
		f.t.Fatalf("register by ID number: %d %s", rec.Code, rec.Body)
	}
	return sid
}

// TestCertificates: an evaluation body schedules a sitting within its
// scope only (outside it, or as a training institution, refused with the
// reason; another enterprise's body 404); registers a class's trainees
// and persons by ID number (a wrong name refused, repeats skipped);
// records results from the sitting's day (a non-candidate refused with
// nothing written, a pass below 60 refused); issues certificates to those
// who passed (a typed number already used refused with nothing written,
// a failed candidate refused, generated numbers unique). The public check
// answers number + name with the occupation's name, level, issuer and
// date and never the ID number; a wrong name answers exactly as an
// unknown number. The holder and staff open the certificate (staff
// audited), another person gets 404; the resume shows it with the
// 已核验 badge; staff filter and export; another body's sitting is 404.
func TestCertificates(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := trainingFixture(t, db)
		emp, emp2, staff, p1 := f.token("employer"), f.token("employer2"), f.token("staff"), f.token("person")
		sid := f.sittingWithTrainees()
		var pid int64
		if rec := f.do("GET", "/api/v1/me/sittings", emp, nil); rec.Code != 200 {
			t.Fatalf("my sittings: %d", rec.Code)
		} else {
			items := decode(t, rec)["items"].([]any)
			if len(items) != 1 || items[0].(map[string]any)["occupation_name"] != "电工" {
				t.Fatalf("my sittings: %v", items)
			}
			pid = int64(items[0].(map[string]any)["provider_id"].(float64))
		}
		schedule := fmt.Sprintf("/api/v1/training/providers/%d/sittings", pid)
		good := func(edit func(m map[string]any)) map[string]any {
			m := map[string]any{"occupation": "电工", "level": 4, "held_on": "2025-08-01", "place": "实训楼 301", "capacity": 10}
			if edit != nil {
				edit(m)
			}
			return m
		}
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["level"] = 3 }, "level", "不在本机构的评价认定范围内"},
			{func(m map[string]any) { m["occupation"] = "焊工" }, "level", "不在本机构"},
			{func(m map[string]any) { m["held_on"] = "2025-06-01" }, "held_on", "早于今天"},
			{func(m map[string]any) { m["capacity"] = 0 }, "capacity", "1 到 500"},
			{func(m map[string]any) { m["place"] = "" }, "place", "地点"},
		} {
			rec := f.do("POST", schedule, emp, good(bad.edit))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Errorf("bad sitting (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", schedule, emp2, good(nil)); rec.Code != 404 {
			t.Errorf("another enterprise schedules for the body: %d", rec.Code)
		}
		trainer := decode(t, f.do("GET", "/api/v1/me/training/providers", emp, nil))["items"].([]any)
		for _, it := range trainer {
			m := it.(map[string]any)
			if m["kind"] != "enterprise" {
				continue
			}
			rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/sittings", int64(m["id"].(float64))), emp, good(nil))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, "provider"), "只有评价机构") {
				t.Errorf("a training provider schedules: %d %s", rec.Code, rec.Body)
			}
		}
		if n, _ := db.Count(ctx, "skill_sittings"); n != 1 {
			t.Fatalf("refused sittings stored: %d", n)
		}

		// Another body's sitting is answered as a missing one, audited.
		sp := fmt.Sprintf("/api/v1/training/sittings/%d", sid)
		if rec := f.do("GET", sp, emp2, nil); rec.Code != 404 {
			t.Errorf("another body's sitting: %d", rec.Code)
		}
		if rec := f.page(fmt.Sprintf("/enterprise/certificates/sittings/%d", sid), emp2); rec.Code != 404 {
			t.Errorf("another body's sitting page: %d", rec.Code)
		}
		if rec := f.do("POST", sp+"/results", emp2, map[string]any{"items": []map[string]any{{"person_id": 1, "result": "pass", "score": 90}}}); rec.Code != 404 {
			t.Errorf("another body records results: %d", rec.Code)
		}
		if n := auditFor(t, db, audit.AccessDenied, "skill_sitting", sid, "denied"); n != 3 {
			t.Errorf("denied reads audited %d times, want 3", n)
		}
		if rec := f.do("GET", sp, staff, nil); rec.Code != 403 {
			t.Errorf("staff on the evaluator's API: %d", rec.Code)
		}

		// Candidates: a wrong name, repeats skipped, the seats.
		cands := sp + "/candidates"
		if rec := f.do("POST", cands, emp, map[string]any{"id_number": f.idNumberOf("person2"), "name": "李大红"}); rec.Code != 422 || errField(t, rec, "name") == "" {
			t.Errorf("a wrong name: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", cands, emp, map[string]any{"id_number": f.idNumberOf("person2"), "name": "李小红"}); rec.Code != 200 ||
			decode(t, rec)["added"] != 0.0 {
			t.Errorf("registered twice: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", cands, emp, map[string]any{}); rec.Code != 422 || errField(t, rec, "class_id") == "" {
			t.Errorf("nothing to register: %d %s", rec.Code, rec.Body)
		}
		p3 := f.registerPerson("赵小刚")
		f.users["person3"] = p3
		if rec := f.do("POST", cands, emp, map[string]any{"id_number": f.idNumberOf("person3"), "name": "赵小刚"}); rec.Code != 200 {
			t.Fatalf("register person3: %d %s", rec.Code, rec.Body)
		}
		outsider := f.registerPerson("钱多多")
		ids := map[string]int64{"person": f.users["person"].User.PersonID, "person2": f.users["person2"].User.PersonID,
			"person3": p3.User.PersonID, "outsider": outsider.User.PersonID}

		// Results: only from the sitting's day; only candidates; all or nothing.
		results := sp + "/results"
		mark := func(who, result string, score int) map[string]any {
			return map[string]any{"person_id": ids[who], "result": result, "score": score}
		}
		body := map[string]any{"items": []map[string]any{mark("person", "pass", 85), mark("person2", "pass", 72), mark("person3", "fail", 40)}}
		if rec := f.do("POST", results, emp, body); rec.Code != 409 {
			t.Errorf("results before the sitting: %d %s", rec.Code, rec.Body)
		}
		db.SetClock(func() time.Time { return time.Date(2025, 7, 20, 8, 0, 0, 0, time.UTC) })
		emp, emp2, staff, p1 = f.token("employer"), f.token("employer2"), f.token("staff"), f.token("person")
		withOutsider := map[string]any{"items": append(body["items"].([]map[string]any), mark("outsider", "pass", 99))}
		if rec := f.do("POST", results, emp, withOutsider); rec.Code != 422 || !strings.Contains(errField(t, rec, "items.3.person_id"), "不是本场评价的考生") {
			t.Fatalf("a result for a non-candidate: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", results, emp, map[string]any{"items": []map[string]any{mark("person", "pass", 50)}}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "items.0.score"), "60") {
			t.Errorf("a pass below 60: %d %s", rec.Code, rec.Body)
		}
		if ks := decode(t, f.do("GET", sp, emp, nil))["candidates"].([]any); len(ks) != 3 || ks[0].(map[string]any)["result"] != "pending" {
			t.Fatalf("a refused result was written: %v", ks)
		}
		if rec := f.do("POST", results, emp, body); rec.Code != 200 || decode(t, rec)["passed"] != 2.0 {
			t.Fatalf("record results: %d %s", rec.Code, rec.Body)
		}

		// Issuing: a typed number, a number taken, a failed candidate.
		issue := sp + "/certificates"
		rec := f.do("POST", issue, emp, map[string]any{"items": []map[string]any{{"person_id": ids["person"], "number": "s4201120000001"}}})
		if rec.Code != 201 {
			t.Fatalf("issue with a typed number: %d %s", rec.Code, rec.Body)
		}
		first := decode(t, rec)["items"].([]any)[0].(map[string]any)
		number, certID := first["number"].(string), int64(first["id"].(float64))
		if number != "S4201120000001" || first["issuer"] != "武汉临空港职业技能评价中心" || first["issued_on"] != "2025-07-20" {
			t.Fatalf("issued: %v", first)
		}
		if rec := f.do("POST", issue, emp, map[string]any{"items": []map[string]any{{"person_id": ids["person2"], "number": "S4201120000001"}}}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "items.0.number"), "已被使用") {
			t.Fatalf("a duplicate number: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", issue, emp, map[string]any{"items": []map[string]any{{"person_id": ids["person2"]}, {"person_id": ids["person3"]}}}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "items.1.person_id"), "合格后才能发证") {
			t.Fatalf("a failed candidate: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", issue, emp, map[string]any{"items": []map[string]any{{"person_id": ids["person"]}}}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "items.0.person_id"), "已获发") {
			t.Fatalf("a second certificate: %d %s", rec.Code, rec.Body)
		}
		if n, _ := db.Count(ctx, "skill_certificates"); n != 1 {
			t.Fatalf("refused certificates stored: %d", n)
		}
		rec = f.do("POST", issue, emp, nil) // every candidate who passed and holds none: person2
		if rec.Code != 201 {
			t.Fatalf("issue the rest: %d %s", rec.Code, rec.Body)
		}
		second := decode(t, rec)["items"].([]any)[0].(map[string]any)["number"].(string)
		if !strings.HasPrefix(second, "S42011225400") || !strings.HasSuffix(second, "00001") {
			t.Errorf("generated number %q", second)
		}
		if rec := f.do("POST", results, emp, map[string]any{"items": []map[string]any{mark("person", "fail", 30)}}); rec.Code != 409 {
			t.Errorf("a certified result changed: %d %s", rec.Code, rec.Body)
		}
		if n := auditFor(t, db, "certificate.issue", "person", ids["person"], "ok"); n != 1 {
			t.Errorf("issue audited %d times", n)
		}
		if n, _ := db.Count(ctx, "messages"); n == 0 {
			t.Error("no message to the holders")
		}

		// The public check.
		vp := func(number, name string) string {
			return "/api/v1/certificates/verify?" + url.Values{"number": {number}, "name": {name}}.Encode()
		}
		rec = f.do("GET", vp(number, "王小明"), "", nil)
		if rec.Code != 200 {
			t.Fatalf("verify: %d %s", rec.Code, rec.Body)
		}
		got := decode(t, rec)
		if got["occupation"] != "电工" || got["level"] != 4.0 || got["level_label"] != "四级/中级工" || got["issuer"] != "武汉临空港职业技能评价中心" ||
			got["issued_on"] != "2025-07-20" || got["valid"] != true {
			t.Errorf("verify: %v", got)
		}
		raw := rec.Body.String()
		if strings.Contains(raw, f.idNumberOf("person")) || strings.Contains(raw, "id_number") || strings.Contains(raw, "person_id") ||
			strings.Contains(raw, "6-31-01-03") {
			t.Errorf("the check tells more than it should: %s", raw)
		}
		if rec := f.do("GET", vp(strings.ToLower(number), " 王小明 "), "", nil); rec.Code != 200 {
			t.Errorf("a number typed in lower case: %d", rec.Code)
		}
		wrongName, unknown := f.do("GET", vp(number, "王小"), "", nil), f.do("GET", vp("S4201129999999", "王小明"), "", nil)
		if wrongName.Code != 404 || unknown.Code != 404 || wrongName.Body.String() != unknown.Body.String() {
			t.Errorf("wrong name %d %s vs unknown number %d %s", wrongName.Code, wrongName.Body, unknown.Code, unknown.Body)
		}
		if rec := f.do("GET", vp(number, ""), "", nil); rec.Code != 422 || errField(t, rec, "name") == "" {
			t.Errorf("no name: %d %s", rec.Code, rec.Body)
		}
		page := f.page("/certificates/verify?"+url.Values{"number": {number}, "name": {"王小明"}}.Encode(), "")
		if page.Code != 200 || !strings.Contains(page.Body.String(), "核验通过") || !strings.Contains(page.Body.String(), "四级/中级工") ||
			strings.Contains(page.Body.String(), f.idNumberOf("person")) {
			t.Errorf("verify page: %d", page.Code)
		}
		pw, pu := f.page("/certificates/verify?"+url.Values{"number": {number}, "name": {"王小"}}.Encode(), ""),
			f.page("/certificates/verify?"+url.Values{"number": {"S4201129999999"}, "name": {"王小"}}.Encode(), "")
		if pw.Code != 404 || pu.Code != 404 || strings.ReplaceAll(pw.Body.String(), number, "S4201129999999") != pu.Body.String() {
			t.Errorf("verify page, wrong name %d vs unknown %d", pw.Code, pu.Code)
		}

		// The printable certificate: the holder and staff only.
		cp := fmt.Sprintf("/certificates/%d", certID)
		rec = f.page(cp, p1)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), f.idNumberOf("person")) || !strings.Contains(rec.Body.String(), "<svg") ||
			!strings.Contains(rec.Body.String(), "/certificates/verify?name=") {
			t.Fatalf("the holder's certificate: %d", rec.Code)
		}
		if rec := f.page(cp, f.token("person2")); rec.Code != 404 {
			t.Errorf("another person's certificate: %d", rec.Code)
		}
		if rec := f.page(cp, emp); rec.Code != 404 {
			t.Errorf("the issuer's users open the certificate: %d", rec.Code)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/certificates/%d", certID), staff, nil); rec.Code != 200 || decode(t, rec)["id_number"] != f.idNumberOf("person") {
			t.Errorf("staff's certificate: %d", rec.Code)
		}
		if n := auditFor(t, db, "certificate.view", "person", ids["person"], "ok"); n != 1 {
			t.Errorf("staff's view audited %d times", n)
		}

		// 我的证书 and the resume's badge.
		if items := decode(t, f.do("GET", "/api/v1/me/certificates", p1, nil))["items"].([]any); len(items) != 1 {
			t.Errorf("my certificates: %v", items)
		}
		if body := f.page("/me/certificates", p1).Body.String(); !strings.Contains(body, number) || !strings.Contains(body, "已核验") {
			t.Errorf("我的证书 page")
		}
		for _, path := range []string{"/me/resume/print", "/me/resume"} {
			body := f.page(path, p1).Body.String()
			if !strings.Contains(body, "已核验") || !strings.Contains(body, number) || !strings.Contains(body, "武汉临空港职业技能评价中心") {
				t.Errorf("%s lacks the verified certificate", path)
			}
		}
		if body := f.page("/me/resume/print", f.token("person3")).Body.String(); strings.Contains(body, "已核验") {
			t.Errorf("a resume without a certificate shows the badge")
		}

		// Staff's list and export.
		list := func(q string) float64 {
			rec := f.do("GET", "/api/v1/certificates?"+q, staff, nil)
			if rec.Code != 200 {
				t.Fatalf("list %s: %d %s", q, rec.Code, rec.Body)
			}
			return decode(t, rec)["total"].(float64)
		}
		if n := list("occupation=电工&level=4"); n != 2 {
			t.Errorf("by occupation and level: %v", n)
		}
		if n := list("level=3"); n != 0 {
			t.Errorf("level 3: %v", n)
		}
		if n := list("provider_id=" + strconv.FormatInt(pid, 10) + "&from=2025-07-20&to=2025-07-20"); n != 2 {
			t.Errorf("by issuer and date: %v", n)
		}
		if n := list("from=2025-07-21"); n != 0 {
			t.Errorf("after the date: %v", n)
		}
		if rec := f.do("GET", "/api/v1/certificates?level=9", staff, nil); rec.Code != 422 {
			t.Errorf("a bad level: %d", rec.Code)
		}
		if body := f.page("/console/certificates?occupation=电工", staff).Body.String(); !strings.Contains(body, number) || !strings.Contains(body, "共 2 本证书") {
			t.Errorf("staff's list page")
		}
		if rec := f.page("/console/certificates.xlsx?level=4", staff); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("export: %d", rec.Code)
		}
		if rows, err := db.ListAudit(ctx, audit.Filter{Action: "certificate.export", Limit: 5}); err != nil || len(rows) != 1 {
			t.Errorf("export audited %d times (%v)", len(rows), err)
		}
		_ = emp2
	})
}

// TestCertificatePages: the evaluator's HTML faces — scheduling outside
// the scope shows the reason next to the level with what was typed kept;
// the sitting's page registers by ID number, takes the roster form
// (a pass below 60 shown next to its score) and a results spreadsheet
// (bad rows reported by row, a non-candidate among them), issues with a
// typed number already used shown next to its field; the certificate's
// page has the QR image of the check; the public check is limited per IP.
func TestCertificatePages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		emp := f.token("employer")
		pid := f.evaluator()
		if body := f.page("/enterprise/certificates", emp).Body.String(); !strings.Contains(body, "武汉临空港职业技能评价中心") ||
			!strings.Contains(body, fmt.Sprintf("/enterprise/certificates/providers/%d/sittings/new", pid)) {
			t.Fatalf("the evaluator's page")
		}
		if body := f.page("/enterprise/certificates", f.token("employer2")).Body.String(); !strings.Contains(body, "还不是评价机构") {
			t.Errorf("an enterprise without an evaluation body")
		}
		action := fmt.Sprintf("/enterprise/certificates/providers/%d/sittings", pid)
		if rec := f.page(action+"/new", emp); rec.Code != 200 {
			t.Fatalf("the form: %d", rec.Code)
		}
		rec := f.form(action, emp, url.Values{"occupation": {"电工"}, "level": {"2"}, "held_on": {"2025-07-20"}, "place": {"实训楼 301"}, "capacity": {"5"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-level"`) || !strings.Contains(rec.Body.String(), "不在本机构的评价认定范围内") ||
			!strings.Contains(rec.Body.String(), `value="实训楼 301"`) {
			t.Fatalf("outside the scope by form: %d %s", rec.Code, rec.Body)
		}
		rec = f.form(action, emp, url.Values{"occupation": {"电工"}, "level": {"4"}, "held_on": {"2025-07-20"}, "place": {"实训楼 301"}, "capacity": {"5"}})
		if rec.Code != 303 {
			t.Fatalf("schedule by form: %d %s", rec.Code, rec.Body)
		}
		sp := strings.SplitN(rec.Header().Get("Location"), "?", 2)[0]
		if rec := f.form(sp+"/candidates", emp, url.Values{"id_number": {f.idNumberOf("person")}, "name": {"王小明"}}); rec.Code != 303 {
			t.Fatalf("register by form: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form(sp+"/candidates", emp, url.Values{"id_number": {"110105194912310021"}, "name": {"张三"}}); rec.Code != 422 ||
			!strings.Contains(rec.Body.String(), `id="e-id_number"`) {
			t.Errorf("a bad ID number by form: %d", rec.Code)
		}
		if rec := f.form(sp+"/candidates", emp, url.Values{"id_number": {f.idNumberOf("person2")}, "name": {"李小红"}}); rec.Code != 303 {
			t.Fatalf("register person2 by form: %d", rec.Code)
		}
		db.SetClock(func() time.Time { return time.Date(2025, 7, 20, 8, 0, 0, 0, time.UTC) })
		emp = f.token("employer")
		k1, k2 := strconv.FormatInt(f.users["person"].User.PersonID, 10), strconv.FormatInt(f.users["person2"].User.PersonID, 10)
		rec = f.form(sp+"/results", emp, url.Values{"person": {k1, k2}, "result_" + k1: {"pass"}, "score_" + k1: {"55"}, "result_" + k2: {"absent"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-score_`+k1+`"`) || !strings.Contains(rec.Body.String(), `value="55"`) {
			t.Fatalf("a pass below 60 by form: %d %s", rec.Code, rec.Body)
		}
		csv := "身份证号,姓名,结果,成绩\n" + f.idNumberOf("person") + ",王小明,合格,88\n110105194912310021,张三,合格,80\n" +
			f.idNumberOf("person2") + ",李大红,缺考,\n"
		outsider := f.registerPerson("钱多多")
		f.users["outsider"] = outsider
		csv += f.idNumberOf("outsider") + ",钱多多,合格,90\n"
		rec = f.multipart(sp+"/import", "employer", false, "r.csv", []byte(csv))
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "已登记 1 名考生的成绩") || !strings.Contains(body, "校验位") || !strings.Contains(body, "姓名与该身份证号登记的姓名不一致") ||
			!strings.Contains(body, "不是本场评价的考生") {
			t.Fatalf("import by page: %d %s", rec.Code, body)
		}
		if rec := f.page("/enterprise/certificates/results-template.xlsx", emp); rec.Code != 200 {
			t.Errorf("template: %d", rec.Code)
		}
		// A number issued elsewhere on the platform, then typed again.
		taken := "S4201120000777"
		sid, _ := strconv.ParseInt(strings.TrimPrefix(sp, "/enterprise/certificates/sittings/"), 10, 64)
		rec = f.form(sp+"/issue", emp, url.Values{"issue": {k1}, "number_" + k1: {taken}, "issued_on": {"2025-07-20"}})
		if rec.Code != 303 {
			t.Fatalf("issue by form: %d %s", rec.Code, rec.Body)
		}
		rec = f.form(sp+"/results", emp, url.Values{"person": {k2}, "result_" + k2: {"pass"}, "score_" + k2: {"75"}})
		if rec.Code != 303 {
			t.Fatalf("results by form: %d %s", rec.Code, rec.Body)
		}
		rec = f.form(sp+"/issue", emp, url.Values{"issue": {k2}, "number_" + k2: {taken}, "issued_on": {"2025-07-20"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-number_`+k2+`"`) || !strings.Contains(rec.Body.String(), "已被使用") {
			t.Fatalf("a duplicate number by form: %d %s", rec.Code, rec.Body)
		}
		certs, _, err := db.Training().Certificates().Certificates(context.Background(), store.CertificateFilter{})
		if err != nil || len(certs) != 1 || certs[0].SittingID != sid {
			t.Fatalf("certificates: %v %v", certs, err)
		}
		rec = f.page(fmt.Sprintf("/certificates/%d", certs[0].ID), f.token("person"))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<svg") || !strings.Contains(rec.Body.String(), "扫码核验") {
			t.Errorf("the printable certificate: %d", rec.Code)
		}
	})
}

// TestCertificateVerifyLimit: the public check is limited per address
// (the page and the API share the bucket), and the login's bucket is its own.
func TestCertificateVerifyLimit(t *testing.T) {
	f := newFixture(t, storeSQLite(t), server.Options{AuthPerMinute: 3}) // the check: 6 a minute, bursts of 10
	limited := 0
	for i := range 12 {
		path := "/api/v1/certificates/verify?number=S4201120000001&name=%E7%8E%8B"
		if i%2 == 1 {
			path = "/certificates/verify?number=S4201120000001&name=%E7%8E%8B"
		}
		rec := f.do("GET", path, "", nil)
		switch rec.Code {
		case 404:
		case 429:
			limited++
		default:
			t.Fatalf("check %d: %d %s", i, rec.Code, rec.Body)
		}
	}
	if limited != 2 {
		t.Errorf("%d checks refused, want 2 of 12", limited)
	}
	if rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": f.users["person"].User.Phone, "password": testPassword}); rec.Code != 200 {
		t.Errorf("login after the checks: %d", rec.Code)
	}
}
