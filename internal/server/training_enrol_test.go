package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// trainingProvider has "employer" apply for a provider (电工 四级, 焊工
// 五级) and staff designate it; it returns the provider's id.
func (f *fixture) trainingProvider() int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/training/providers", f.token("employer"), goodApplication(nil))
	if rec.Code != 201 {
		f.t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	pid := idOf(f.t, rec)
	if rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/designate", pid), f.token("staff"), nil); rec.Code != 200 {
		f.t.Fatalf("designate: %d %s", rec.Code, rec.Body)
	}
	return pid
}

// filedClass opens a class of the provider with capacity and sessions
// (date, start, end) and files it; it returns the class's id and its
// sessions' ids in date order.
func (f *fixture) filedClass(pid int64, title string, capacity int, sessions ...[3]string) (int64, []int64) {
	f.t.Helper()
	var ss []map[string]any
	for _, s := range sessions {
		ss = append(ss, map[string]any{"date": s[0], "start": s[1], "end": s[2], "place": "实训楼 201"})
	}
	rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/classes", pid), f.token("employer"), goodClassBody(func(m map[string]any) {
		m["title"], m["capacity"], m["sessions"] = title, capacity, ss
	}))
	if rec.Code != 201 {
		f.t.Fatalf("open class: %d %s", rec.Code, rec.Body)
	}
	cid := idOf(f.t, rec)
	rec = f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/approve", cid), f.token("staff"), nil)
	if rec.Code != 200 {
		f.t.Fatalf("approve: %d %s", rec.Code, rec.Body)
	}
	var ids []int64
	for _, s := range decode(f.t, rec)["sessions"].([]any) {
		ids = append(ids, int64(s.(map[string]any)["id"].(float64)))
	}
	return cid, ids
}

// idNumberOf is the ID number a fixture role's person registered with.
func (f *fixture) idNumberOf(role string) string {
	f.t.Helper()
	p, err := f.db.Registry().PersonByID(context.Background(), f.users[role].User.PersonID)
	if err != nil {
		f.t.Fatal(err)
	}
	return p.IDNumber
}

// TestTrainingEnrolment: persons enrol in filed classes (twice 409, a full
// class 409, an overlapping class 422 naming the clash, withdraw frees the
// seat); concurrent enrolments never exceed the capacity; a provider
// imports a roster (good rows enrolled, bad ID numbers, unregistered
// persons, wrong names and the rows past the capacity reported by row; a
// malformed file saves nothing); trainees sign in on the session's day
// with the right code only, and only if enrolled; the provider corrects
// the roster with a reason (audited) and reads each trainee's rate against
// the threshold; another provider gets 404, audited.
func TestTrainingEnrolment(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		ctx := context.Background()
		f.users["person3"] = f.registerPerson("赵小刚")
		p1, p2, p3, emp, emp2, staff := f.token("person"), f.token("person2"), f.token("person3"), f.token("employer"), f.token("employer2"), f.token("staff")
		pid := f.trainingProvider()
		a, aSessions := f.filedClass(pid, "电工提升班 A", 2, [3]string{"2025-07-05", "09:00", "12:00"}, [3]string{"2025-07-12", "09:00", "17:00"})
		b, _ := f.filedClass(pid, "电工提升班 B（同日下午）", 10, [3]string{"2025-07-05", "11:00", "15:00"})
		enrol := func(tok string, cid int64) int {
			return f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", cid), tok, nil).Code
		}

		// Enrol, twice, full, overlap, withdraw.
		rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", a), p1, nil)
		if rec.Code != 201 || decode(t, rec)["status"] != "enrolled" || decode(t, rec)["source"] != "self" {
			t.Fatalf("enrol: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", a), p1, nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "重复") {
			t.Fatalf("enrol twice: %d %s", rec.Code, rec.Body)
		}
		if code := enrol(p2, a); code != 201 {
			t.Fatalf("second trainee: %d", code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", a), p3, nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "报满") {
			t.Fatalf("a full class: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", b), p1, nil)
		if rec.Code != 422 || !strings.Contains(errField(t, rec, "class_id"), "电工提升班 A") || !strings.Contains(errField(t, rec, "class_id"), "09:00–12:00") {
			t.Fatalf("an overlapping class: %d %s", rec.Code, rec.Body)
		}
		for who, want := range map[string]int{emp: 403, staff: 403, "": 401} {
			if code := enrol(who, a); code != want {
				t.Errorf("enrol as a non-person: %d, want %d", code, want)
			}
		}
		if code := enrol(p3, 987654); code != 404 {
			t.Errorf("enrol in an unknown class: %d", code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/withdraw", a), p2, nil); rec.Code != 200 || decode(t, rec)["status"] != "withdrawn" {
			t.Fatalf("withdraw: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/withdraw", a), p2, nil); rec.Code != 409 {
			t.Fatalf("withdraw twice: %d", rec.Code)
		}
		if code := enrol(p3, a); code != 201 {
			t.Fatalf("the freed seat: %d", code)
		}
		if code := enrol(p2, a); code != 409 {
			t.Fatalf("re-enrol in a full class: %d", code)
		}
		if c := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d", a), "", nil)); c["enrolled"].(float64) != 2 || c["seats"].(float64) != 0 {
			t.Fatalf("seats: %v / %v", c["enrolled"], c["seats"])
		}
		if n := auditFor(t, db, "training.enrol", "training_enrolment", decodeID(t, f, a, "person"), "ok"); n != 1 {
			t.Errorf("enrol audits: %d", n)
		}

		// Concurrent enrolments: exactly the capacity.
		crowd, _ := f.filedClass(pid, "电工提升班（热门）", 5, [3]string{"2025-08-02", "09:00", "12:00"})
		var toks []string
		for i := range 12 {
			role := fmt.Sprintf("crowd%d", i)
			f.users[role] = f.registerPerson(fmt.Sprintf("学员%02d", i))
			toks = append(toks, f.token(role))
		}
		codes := make([]int, len(toks))
		var wg sync.WaitGroup
		for i, tok := range toks {
			wg.Add(1)
			go func() { defer wg.Done(); codes[i] = enrol(tok, crowd) }()
		}
		wg.Wait()
		got := map[int]int{}
		for _, c := range codes {
			got[c]++
		}
		if got[201] != 5 || got[409] != 7 {
			t.Fatalf("concurrent enrolments: %v", got)
		}
		var held int
		if err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_enrolments WHERE class_id = ? AND status = 'enrolled'", crowd).Scan(&held)
		}); err != nil || held != 5 {
			t.Fatalf("enrolled rows: %d %v", held, err)
		}

		// Import: good rows kept, bad rows reported, a malformed file saves nothing.
		imp, _ := f.filedClass(pid, "电工提升班（机构报名）", 2, [3]string{"2025-08-09", "09:00", "12:00"})
		f.users["person4"] = f.registerPerson("钱小丽")
		f.users["person5"] = f.registerPerson("孙小美")
		csv := "身份证号,姓名,手机号\n" +
			f.idNumberOf("person2") + ",李小红,13807100001\n" + // row 2: good
			"110105194912310021,张三,\n" + // row 3: bad check digit
			f.newIDNumber() + ",无名氏,\n" + // row 4: valid but not registered
			f.idNumberOf("person3") + ",赵大刚,\n" + // row 5: name differs
			f.idNumberOf("person2") + ",李小红,\n" + // row 6: repeated
			",,\n" + // blank
			f.idNumberOf("person4") + ",钱小丽,12345\n" + // row 8: bad phone
			f.idNumberOf("person4") + ",钱小丽,\n" + // row 9: good
			f.idNumberOf("person3") + ",赵小刚,\n" + // row 10: repeats row 5's number
			f.idNumberOf("person5") + ",孙小美,\n" // row 11: good, but the class is full
		path := fmt.Sprintf("/api/v1/training/classes/%d/trainees", imp)
		before, _ := db.Count(ctx, "training_enrolments")
		for name, bad := range map[string]string{"roster.txt": csv, "roster.csv": "姓名,电话\n张三,13800000000\n", "empty.csv": ""} {
			if rec := f.multipart(path, "employer", true, name, []byte(bad)); rec.Code != 422 || errField(t, rec, "file") == "" {
				t.Errorf("malformed %s: %d %s", name, rec.Code, rec.Body)
			}
		}
		if n, _ := db.Count(ctx, "training_enrolments"); n != before {
			t.Fatalf("a malformed file enrolled %d", n-before)
		}
		if rec := f.multipart(path, "employer2", true, "roster.csv", []byte(csv)); rec.Code != 404 {
			t.Fatalf("another provider imports: %d", rec.Code)
		}
		if n := auditFor(t, db, audit.AccessDenied, "training_class", imp, "denied"); n != 1 {
			t.Errorf("the refused import audits: %d", n)
		}
		rec = f.multipart(path, "employer", true, "roster.csv", []byte(csv))
		if rec.Code != 200 {
			t.Fatalf("import: %d %s", rec.Code, rec.Body)
		}
		rep := decode(t, rec)
		byRow := map[int]string{}
		for _, e := range rep["errors"].([]any) {
			m := e.(map[string]any)
			byRow[int(m["row"].(float64))] += m["column"].(string) + ":" + m["reason"].(string)
		}
		if rep["saved"].(float64) != 2 || rep["total"].(float64) != 9 || len(byRow) != 7 || rep["failed"].(float64) != 7 {
			t.Fatalf("import report: %v", rep)
		}
		for row, want := range map[int]string{3: "校验位", 4: "未在平台实名登记", 5: "姓名", 6: "第 2 行", 8: "手机号", 10: "第 5 行", 11: "报满"} {
			if !strings.Contains(byRow[row], want) {
				t.Errorf("row %d: %q, want %q", row, byRow[row], want)
			}
		}
		roster := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d/roster", imp), emp, nil))
		if roster["enrolled"].(float64) != 2 {
			t.Fatalf("imported roster: %v", roster["enrolled"])
		}
		if src := roster["trainees"].([]any)[0].(map[string]any)["enrolment"].(map[string]any)["source"]; src != "import" {
			t.Errorf("imported source: %v", src)
		}
		if items := decode(t, f.do("GET", "/api/v1/me/training", f.token("person4"), nil))["items"].([]any); len(items) != 1 {
			t.Errorf("person4's classes: %d", len(items))
		}

		// Check-in on the day of session 1 of class A (person, person3 enrolled).
		db.SetClock(func() time.Time { return time.Date(2025, 7, 5, 1, 30, 0, 0, time.UTC) }) // 09:30 in China
		p1, p2, emp, emp2, staff = f.token("person"), f.token("person2"), f.token("employer"), f.token("employer2"), f.token("staff")
		codeOf := func(sid int64) string {
			rec := f.do("GET", fmt.Sprintf("/api/v1/training/sessions/%d/code", sid), emp, nil)
			if rec.Code != 200 {
				t.Fatalf("session code: %d %s", rec.Code, rec.Body)
			}
			return decode(t, rec)["code"].(string)
		}
		c1, c2 := codeOf(aSessions[0]), codeOf(aSessions[1])
		if c1 == c2 || len(c1) != 6 {
			t.Fatalf("codes %q %q", c1, c2)
		}
		for who, want := range map[string]int{emp2: 404, p1: 403, staff: 200} {
			if rec := f.do("GET", fmt.Sprintf("/api/v1/training/sessions/%d/code", aSessions[0]), who, nil); rec.Code != want {
				t.Errorf("session code: %d, want %d", rec.Code, want)
			}
		}
		checkin := func(tok string, body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", "/api/v1/training/checkin", tok, body)
		}
		n1, _ := strconv.Atoi(c1)
		wrong := fmt.Sprintf("%06d", (n1+1)%1000000)
		if rec := checkin(p1, map[string]any{"code": wrong}); rec.Code != 422 || !strings.Contains(errField(t, rec, "code"), "不对") {
			t.Fatalf("a wrong code: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p1, map[string]any{"code": c2}); rec.Code != 422 {
			t.Fatalf("another session's code typed: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p1, map[string]any{"session_id": aSessions[1], "code": c2}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "当天") {
			t.Fatalf("another day's session: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p1, map[string]any{"session_id": aSessions[0], "code": c2}); rec.Code != 422 {
			t.Fatalf("the QR of a session with another's code: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p2, map[string]any{"session_id": aSessions[0], "code": c1}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "没有报名") {
			t.Fatalf("a withdrawn person signs in: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p2, map[string]any{"code": c1}); rec.Code != 422 || !strings.Contains(errField(t, rec, "code"), "今天没有") {
			t.Fatalf("a person with no session today types a code: %d %s", rec.Code, rec.Body)
		}
		rec = checkin(p1, map[string]any{"code": c1[:3] + " " + c1[3:]})
		if rec.Code != 200 || decode(t, rec)["already"] != false || decode(t, rec)["method"] != "code" {
			t.Fatalf("sign in: %d %s", rec.Code, rec.Body)
		}
		if rec := checkin(p1, map[string]any{"session_id": aSessions[0], "code": c1}); rec.Code != 200 || decode(t, rec)["already"] != true {
			t.Fatalf("sign in again: %d %s", rec.Code, rec.Body)
		}

		// Corrections: person3 had no phone at hand.
		corr := fmt.Sprintf("/api/v1/training/sessions/%d/attendance", aSessions[0])
		p3ID, p2ID := f.users["person3"].User.PersonID, f.users["person2"].User.PersonID
		if rec := f.do("POST", corr, emp, map[string]any{"person_id": p3ID, "present": true}); rec.Code != 422 || errField(t, rec, "reason") == "" {
			t.Fatalf("a correction without a reason: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", corr, emp, map[string]any{"person_id": p2ID, "present": true, "reason": "代签"}); rec.Code != 422 || !strings.Contains(errField(t, rec, "person_id"), "不在本班") {
			t.Fatalf("attendance of a person not enrolled: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/sessions/%d/attendance", aSessions[1]), emp, map[string]any{"person_id": p3ID, "present": true, "reason": "提前登记"}); rec.Code != 409 {
			t.Fatalf("a correction before the session: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", corr, emp2, map[string]any{"person_id": p3ID, "present": true, "reason": "x"}); rec.Code != 404 {
			t.Fatalf("another provider corrects: %d", rec.Code)
		}
		if rec := f.do("POST", corr, emp, map[string]any{"person_id": p3ID, "present": true, "reason": "手机没电，现场点名已到"}); rec.Code != 200 {
			t.Fatalf("correct: %d %s", rec.Code, rec.Body)
		}
		if n := auditFor(t, db, "training.attendance.correct", "training_session", aSessions[0], "ok"); n != 1 {
			t.Errorf("correction audits: %d", n)
		}
		rows, err := db.ListAudit(ctx, audit.Filter{Action: "training.attendance.correct", Limit: 5})
		if err != nil || len(rows) != 1 || !strings.Contains(rows[0].Summary, "未签到→出勤") || !strings.Contains(rows[0].Summary, "手机没电") {
			t.Errorf("correction audit: %+v %v", rows, err)
		}

		// The roster with rates; another provider 404, audited.
		db.SetClock(func() time.Time { return time.Date(2025, 7, 12, 8, 0, 0, 0, time.UTC) }) // after the last session
		p1, emp, emp2, staff = f.token("person"), f.token("employer"), f.token("employer2"), f.token("staff")
		rp := fmt.Sprintf("/api/v1/training/classes/%d/roster", a)
		ro := decode(t, f.do("GET", rp, emp, nil))
		if ro["attendance_threshold"].(float64) != 0.8 || ro["enrolled"].(float64) != 2 {
			t.Fatalf("roster: %v", ro)
		}
		rates := map[float64]map[string]any{}
		for _, tr := range ro["trainees"].([]any) {
			m := tr.(map[string]any)
			rates[m["enrolment"].(map[string]any)["person_id"].(float64)] = m["rate"].(map[string]any)
		}
		r3 := rates[float64(p3ID)]
		if r3["attended"].(float64) != 1 || r3["held"].(float64) != 2 || r3["rate"].(float64) != 0.5 || r3["meets_threshold"] != false {
			t.Errorf("person3's rate: %v", r3)
		}
		if _, ok := rates[float64(p2ID)]; !ok {
			t.Errorf("the withdrawn trainee is not listed")
		}
		if rec := f.do("GET", rp, emp2, nil); rec.Code != 404 {
			t.Fatalf("another provider's roster: %d", rec.Code)
		}
		if n := auditFor(t, db, audit.AccessDenied, "training_class", a, "denied"); n != 3 { // the code, the correction, the roster
			t.Errorf("the refused session code, correction and roster audit: %d", n)
		}
		if rec := f.do("GET", rp, staff, nil); rec.Code != 200 {
			t.Errorf("staff's roster: %d", rec.Code)
		}
		if n := auditFor(t, db, "training.roster.view", "training_class", a, "ok"); n != 2 {
			t.Errorf("roster view audits: %d", n)
		}
		mine := decode(t, f.do("GET", "/api/v1/me/training", p1, nil))["items"].([]any)
		if len(mine) != 1 || mine[0].(map[string]any)["attendance"].([]any)[0].(map[string]any)["status"] != "present" {
			t.Errorf("my training: %v", mine)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/withdraw", a), p1, nil); rec.Code != 409 {
			t.Errorf("withdraw after the start: %d", rec.Code)
		}
		if n, _ := db.Count(ctx, "messages"); n == 0 {
			t.Error("no inbox messages")
		}
	})
}

// decodeID is the id of role's enrolment in class cid.
func decodeID(t *testing.T, f *fixture, cid int64, role string) int64 {
	t.Helper()
	e, err := f.db.Training().EnrolmentOf(context.Background(), cid, f.users[role].User.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// TestTrainingEnrolmentPages: the HTML faces — a person enrols with the
// class page's button and sees 我的培训; the provider's roster shows the
// session's code and QR, takes a correction (a missing reason shown next
// to its field, the values kept), exports .xlsx; the trainee signs in with
// the typed code; staff read the roster on the console; the import page
// reports rows.
func TestTrainingEnrolmentPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		p1, emp, staff := f.token("person"), f.token("employer"), f.token("staff")
		pid := f.trainingProvider()
		cid, sids := f.filedClass(pid, "焊工入门班", 20, [3]string{"2025-07-05", "09:00", "12:00"})
		cp := fmt.Sprintf("/training/classes/%d", cid)
		if body := f.page(cp, p1).Body.String(); !strings.Contains(body, cp+"/enrol") {
			t.Fatalf("the class page offers no 报名 button")
		}
		if body := f.page(cp, "").Body.String(); !strings.Contains(body, "登录后报名") {
			t.Errorf("a visitor is not asked to log in")
		}
		if rec := f.form(cp+"/enrol", p1, url.Values{}); rec.Code != 303 {
			t.Fatalf("enrol by form: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form(cp+"/enrol", p1, url.Values{}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "重复") {
			t.Fatalf("enrol twice by form: %d", rec.Code)
		}
		if body := f.page(cp, p1).Body.String(); !strings.Contains(body, "已报名") || !strings.Contains(body, cp+"/withdraw") {
			t.Errorf("the class page does not show the enrolment")
		}
		if body := f.page("/me/training", p1).Body.String(); !strings.Contains(body, "焊工入门班") {
			t.Errorf("我的培训 lacks the class")
		}
		ro := fmt.Sprintf("/enterprise/training/classes/%d/roster", cid)
		if body := f.page(ro, emp).Body.String(); !strings.Contains(body, "王小明") || !strings.Contains(body, fmt.Sprintf("/enterprise/training/sessions/%d/code", sids[0])) {
			t.Fatalf("roster page")
		}
		if rec := f.page(ro, f.token("employer2")); rec.Code != 404 {
			t.Errorf("another provider's roster page: %d", rec.Code)
		}
		rec := f.page(fmt.Sprintf("/enterprise/training/sessions/%d/code", sids[0]), emp)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<svg") {
			t.Fatalf("code page: %d", rec.Code)
		}
		code := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/sessions/%d/code", sids[0]), emp, nil))["code"].(string)
		if rec := f.page(ro+".xlsx", emp); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("roster export: %d", rec.Code)
		}
		if rec := f.page("/training/checkin?s="+fmt.Sprint(sids[0])+"&c="+code, p1); rec.Code != 200 || !strings.Contains(rec.Body.String(), code) {
			t.Errorf("the QR link's page: %d", rec.Code)
		}

		db.SetClock(func() time.Time { return time.Date(2025, 7, 5, 1, 30, 0, 0, time.UTC) })
		p1, emp, staff = f.token("person"), f.token("employer"), f.token("staff")
		if rec := f.form("/training/checkin", p1, url.Values{"code": {"000000"}}); rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-code"`) {
			t.Fatalf("a wrong code by form: %d", rec.Code)
		}
		if rec := f.form("/training/checkin", p1, url.Values{"code": {code}}); rec.Code != 200 || !strings.Contains(rec.Body.String(), "签到成功") {
			t.Fatalf("sign in by form: %d", rec.Code)
		}
		corr := fmt.Sprintf("/enterprise/training/sessions/%d/attendance", sids[0])
		pID := fmt.Sprint(f.users["person"].User.PersonID)
		rec = f.form(corr, emp, url.Values{"person_id": {pID}, "present": {"0"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-reason"`) || !strings.Contains(rec.Body.String(), `value="0" checked`) {
			t.Fatalf("a correction without a reason: %d", rec.Code)
		}
		if rec := f.form(corr, emp, url.Values{"person_id": {pID}, "present": {"0"}, "reason": {"签到后离开"}}); rec.Code != 303 {
			t.Fatalf("correct by form: %d %s", rec.Code, rec.Body)
		}
		if body := f.page(fmt.Sprintf("/console/training/classes/%d", cid), staff).Body.String(); !strings.Contains(body, "签到后离开") {
			t.Errorf("staff's roster lacks the correction")
		}
		if body := f.page("/me/training", p1).Body.String(); !strings.Contains(body, "缺勤") {
			t.Errorf("我的培训 lacks the correction")
		}
		db.SetClock(func() time.Time { return trainingDay })
		emp = f.token("employer")
		imp := fmt.Sprintf("/enterprise/training/classes/%d/import", cid)
		if rec := f.page(imp, emp); rec.Code != 200 {
			t.Errorf("import page: %d", rec.Code)
		}
		rec = f.multipart(imp, "employer", false, "r.csv", []byte("身份证号,姓名\n110105194912310021,张三\n"+f.idNumberOf("person2")+",李小红\n"))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "校验位") || !strings.Contains(rec.Body.String(), "已导入 1 名学员") {
			t.Fatalf("import by page: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page("/enterprise/training/trainees-template.xlsx", emp); rec.Code != 200 {
			t.Errorf("template: %d", rec.Code)
		}
		// Staff run the same door and import for a provider from the console.
		staff = f.token("staff")
		cro := fmt.Sprintf("/console/training/classes/%d", cid)
		body := f.page(cro, staff).Body.String()
		for _, want := range []string{cro + "/import", fmt.Sprintf("/console/training/sessions/%d/code", sids[0])} {
			if !strings.Contains(body, want) {
				t.Fatalf("staff's roster lacks %s", want)
			}
		}
		rec = f.page(fmt.Sprintf("/console/training/sessions/%d/code", sids[0]), staff)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<svg") || !strings.Contains(rec.Body.String(), `href="`+cro+`?s=`) {
			t.Fatalf("staff's code page: %d", rec.Code)
		}
		if body := f.page(cro+"/import", staff).Body.String(); !strings.Contains(body, `action="`+cro+`/import"`) || !strings.Contains(body, "/console/training/trainees-template.xlsx") {
			t.Fatalf("staff's import page")
		}
		rec = f.multipart(cro+"/import", "staff", false, "r.csv", []byte("身份证号,姓名\n110105194912310021,张三\n"))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "校验位") || !strings.Contains(rec.Body.String(), "已导入 0 名学员") {
			t.Fatalf("import by staff: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page("/console/training/trainees-template.xlsx", staff); rec.Code != 200 {
			t.Errorf("staff's template: %d", rec.Code)
		}
	})
}
