package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// claimsFixture is a training fixture with the policy catalog imported
// (rule 4 asks its engine).
func claimsFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := trainingFixture(t, db)
	if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f
}

// providerOf has the employer role apply for a provider named name
// (电工 四级 in scope) and staff designate it.
func (f *fixture) providerOf(role, name string) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/training/providers", f.token(role), goodApplication(func(m map[string]any) { m["name"] = name }))
	if rec.Code != 201 {
		f.t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	pid := idOf(f.t, rec)
	if rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/designate", pid), f.token("staff"), nil); rec.Code != 200 {
		f.t.Fatalf("designate: %d %s", rec.Code, rec.Body)
	}
	return pid
}

// classOf opens a filed 电工 四级 岗位技能提升 class of the role's provider
// on the days given (09:00–17:00) and returns it with its sessions' ids.
func (f *fixture) classOf(role string, pid int64, title string, days ...string) (int64, []int64) {
	f.t.Helper()
	var ss []map[string]any
	for _, d := range days {
		ss = append(ss, map[string]any{"date": d, "start": "09:00", "end": "17:00", "place": "实训楼 201"})
	}
	rec := f.do("POST", fmt.Sprintf("/api/v1/training/providers/%d/classes", pid), f.token(role), goodClassBody(func(m map[string]any) {
		m["title"], m["sessions"] = title, ss
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

// exec runs test-data SQL (the skill-evaluation tables whose store
// methods live on another branch, attendance, an earlier year's claim).
func (f *fixture) exec(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	err := f.db.Write(context.Background(), func(tx *store.Tx) error {
		if strings.HasPrefix(q, "INSERT") && !strings.Contains(q, "training_attendance") && !strings.Contains(q, "skill_candidates") && !strings.Contains(q, "ledger") {
			var err error
			id, err = tx.InsertID(context.Background(), q, args...)
			return err
		}
		_, err := tx.Exec(context.Background(), q, args...)
		return err
	})
	if err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

// attend marks the person present at the sessions.
func (f *fixture) attend(personID int64, sessions ...int64) {
	f.t.Helper()
	for _, s := range sessions {
		f.exec("INSERT INTO training_attendance (session_id, person_id, present, method, signed_at) VALUES (?, ?, ?, ?, ?)", s, personID, true, "code", f.db.Now())
	}
}

// certify issues a valid 电工 四级 certificate to the person on day.
func (f *fixture) certify(pid, personID int64, day string) {
	f.t.Helper()
	on, _ := time.Parse(time.DateOnly, day)
	f.exec(`INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id, issued_on, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?)`, fmt.Sprintf("C%d-%s", personID, day), personID, "学员", f.db.Box().Seal("x"), "6-31-01-03", 4, pid, on, f.db.Now())
}

// answer stores the person's policy questionnaire: an enterprise employee
// insured for months.
func (f *fixture) answer(personID int64, months int) {
	f.t.Helper()
	if err := f.db.Policies().SaveAnswers(context.Background(), store.Actor{}, "person", personID,
		fmt.Sprintf(`{"enterprise_employee":true,"ui_months":%d}`, months)); err != nil {
		f.t.Fatal(err)
	}
}

// itemsByName reads a claim or check's items keyed by trainee name.
func itemsByName(t *testing.T, m map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	items, _ := m["items"].([]any)
	for _, it := range items {
		x := it.(map[string]any)
		out[x["name"].(string)] = x
	}
	return out
}

// failed is the reason of the item's failed check of rule ("" when it passed).
func failed(it map[string]any, rule string) string {
	for _, c := range it["checks"].([]any) {
		ck := c.(map[string]any)
		if ck["rule"] == rule && ck["ok"] == false {
			return ck["reason"].(string)
		}
	}
	return ""
}

// TestTrainingClaims: a provider claims an ended class; each trainee is
// listed with the five checks and the reason of each (enrolled after the
// start, attendance under the threshold, no certificate — a passed exam
// counts —, not an eligible group under the catalog policy, subsidised
// before at another provider in an earlier year); a claim before the end
// and a second claim for the class are refused; another provider sees
// 404; the reviewer returns it (reason required), the provider resubmits,
// the reviewer approves and pays; the provider is told at each step; a
// trainee already subsidised at another provider is excluded from its
// claim with the reason; two claims submitted at once for the same person
// cannot both pay them; the ledger adds up the payouts per provider and
// month, and both lists export.
func TestTrainingClaims(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := claimsFixture(t, db)
		ctx := context.Background()
		names := []string{"person3", "person4", "person5", "person6", "person7", "person8", "person9"}
		for i, r := range names {
			f.users[r] = f.registerPerson([]string{"赵小刚", "钱小丽", "孙小伟", "周小芳", "吴小军", "郑小燕", "冯小东"}[i])
		}
		pid := map[string]int64{}
		for _, r := range append([]string{"person", "person2"}, names...) {
			pid[r] = f.users[r].User.PersonID
		}
		emp, emp2, reviewer, staff := f.token("employer"), f.token("employer2"), f.token("reviewer"), f.token("staff")
		p1 := f.providerOf("employer", "临空港职业培训学校")
		p2 := f.providerOf("employer2", "金银湖职业培训学校")
		a, aS := f.classOf("employer", p1, "电工提升班 A", "2025-07-05", "2025-07-12", "2025-07-19", "2025-07-26")
		c, cS := f.classOf("employer", p1, "电工提升班 C", "2025-08-02", "2025-08-09")
		b, bS := f.classOf("employer2", p2, "电工提升班 B", "2025-08-04", "2025-08-11")
		lone, _ := f.classOf("employer", p1, "电工提升班 D（无人报名）", "2025-06-28")
		enrol := func(role string, cid int64) {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", cid), f.token(role), nil); rec.Code != 201 {
				t.Fatalf("enrol %s in %d: %d %s", role, cid, rec.Code, rec.Body)
			}
		}
		for _, r := range []string{"person", "person2", "person3", "person4", "person5", "person6", "person7"} {
			enrol(r, a)
		}
		enrol("person", b)
		enrol("person8", b)
		enrol("person9", b)
		enrol("person8", c)
		enrol("person2", c)
		// 钱小丽 enrolled after the first session began (as a late re-enrolment would read).
		f.exec("UPDATE training_enrolments SET updated_at = ? WHERE class_id = ? AND person_id = ?", time.Date(2025, 7, 5, 2, 0, 0, 0, time.UTC), a, pid["person4"])
		for _, r := range []string{"person", "person3", "person4", "person5", "person6", "person7"} {
			f.attend(pid[r], aS...)
			f.answer(pid[r], 24)
		}
		f.attend(pid["person2"], aS[0], aS[1]) // 2 of 4
		f.answer(pid["person2"], 24)
		f.answer(pid["person6"], 6) // insured 6 months: not the policy's group
		f.attend(pid["person"], bS...)
		f.attend(pid["person8"], bS...)
		f.attend(pid["person8"], cS...)
		f.answer(pid["person8"], 36)
		f.attend(pid["person9"], bS...) // each of B and C has one more trainee who qualifies
		f.answer(pid["person9"], 36)
		f.attend(pid["person2"], cS...)
		for _, r := range []string{"person", "person2", "person4", "person5", "person6", "person7", "person8", "person9"} {
			f.certify(p1, pid[r], "2025-08-20")
		}
		// 赵小刚 passed the exam, certificate to come; 孙小伟 has neither.
		f.exec("DELETE FROM skill_certificates WHERE person_id = ?", pid["person5"])
		sit := f.exec(`INSERT INTO skill_sittings (provider_id, occupation_code, level, held_on, place, capacity, status, created_at, updated_at)
			VALUES (?, '6-31-01-03', 4, ?, '考场', 30, 'recorded', ?, ?)`, p1, time.Date(2025, 8, 2, 0, 0, 0, 0, time.UTC), f.db.Now(), f.db.Now())
		f.exec("INSERT INTO skill_candidates (sitting_id, person_id, class_id, result) VALUES (?, ?, ?, 'pass')", sit, pid["person3"], a)
		// 吴小军 was paid for 电工 四级 at a third provider in 2024.
		p3 := f.providerOf("employer", "东西湖技工学校")
		old := f.exec(`INSERT INTO training_classes (provider_id, title, type, occupation_code, level, hours, capacity, fee_yuan, region_code, start_on, end_on,
			status, subsidy_yuan, created_at, updated_at) VALUES (?, '电工班（2024）', 'upgrade', '6-31-01-03', 4, 80, 40, 0, '420112001', ?, ?, 'approved', 1500, ?, ?)`,
			p3, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC), f.db.Now(), f.db.Now())
		paidOld := time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC)
		oldClaim := f.exec(`INSERT INTO training_claims (class_id, provider_id, status, checked, trainees, total_yuan, standard_yuan, submitted_by, submitted_at,
			paid_batch, paid_on, created_at, updated_at) VALUES (?, ?, 'paid', 1, 1, 1500, 1500, 0, ?, 'PX-2024', ?, ?, ?)`, old, p3, paidOld, paidOld, paidOld, paidOld)
		f.exec("INSERT INTO training_subsidy_ledger (person_id, occupation_code, level, claim_id, status, created_at) VALUES (?, '6-31-01-03', 4, ?, 'paid', ?)",
			pid["person7"], oldClaim, paidOld)

		// Before the class ends: refused, and the check says why.
		db.SetClock(func() time.Time { return time.Date(2025, 7, 20, 2, 0, 0, 0, time.UTC) })
		emp = f.token("employer") // sessions end when the clock jumps
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", a), emp, nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "尚未结课") {
			t.Fatalf("a claim before the end: %d %s", rec.Code, rec.Body)
		}
		if m := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d/claim-check", a), emp, nil)); m["can_submit"] != false || !strings.Contains(m["blocked"].(string), "尚未结课") {
			t.Fatalf("check before the end: %v", m)
		}

		db.SetClock(func() time.Time { return time.Date(2025, 8, 30, 2, 0, 0, 0, time.UTC) })
		emp, emp2, reviewer, staff = f.token("employer"), f.token("employer2"), f.token("reviewer"), f.token("staff")
		rec := f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d/claim-check", a), emp, nil)
		check := decode(t, rec)
		if rec.Code != 200 || check["can_submit"] != true || check["eligible"].(float64) != 2 || check["total_yuan"].(float64) != 3000 ||
			!strings.Contains(check["group_rule"].(string), "nat_jineng_tisheng") {
			t.Fatalf("check: %d %s", rec.Code, rec.Body)
		}
		items := itemsByName(t, check)
		for name, want := range map[string][2]string{
			"王小明": {"", ""},
			"赵小刚": {"", ""}, // the exam passed counts
			"郑小燕": {"", ""},
			"李小红": {"attendance", "出勤 2/4 次（50%），未达到 80%"},
			"钱小丽": {"enrolled", "晚于开班时间"},
			"孙小伟": {"certificate", "没有本职业四级/中级工的有效证书"},
			"周小芳": {"eligible", "12"},
			"吴小军": {"once", "东西湖技工学校“电工班（2024）”的补贴申领 #"},
		} {
			it := items[name]
			if it == nil {
				if name == "郑小燕" {
					continue // not in class A
				}
				t.Fatalf("%s not checked: %v", name, items)
			}
			if want[0] == "" {
				if it["eligible"] != true || it["amount_yuan"].(float64) != 1500 || len(it["checks"].([]any)) != 5 {
					t.Errorf("%s: %v", name, it)
				}
				continue
			}
			if it["eligible"] != false || it["amount_yuan"].(float64) != 0 || !strings.Contains(failed(it, want[0]), want[1]) {
				t.Errorf("%s: want %s failing with %q: %v", name, want[0], want[1], it)
			}
		}
		if why := failed(items["周小芳"], "eligible"); !strings.Contains(why, "技能提升补贴") {
			t.Errorf("the policy's name missing from the reason: %s", why)
		}

		// Another provider's class and claims are not there; a person may not ask.
		if code := f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d/claim-check", a), emp2, nil).Code; code != 404 {
			t.Errorf("another provider checks: %d", code)
		}
		if code := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", a), emp2, nil).Code; code != 404 {
			t.Errorf("another provider claims: %d", code)
		}

		// Submit; a second claim for the class is refused.
		rec = f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", a), emp, nil)
		claim := decode(t, rec)
		if rec.Code != 201 || claim["status"] != "submitted" || claim["total_yuan"].(float64) != 3000 || claim["trainees"].(float64) != 2 || claim["checked"].(float64) != 7 {
			t.Fatalf("submit: %d %s", rec.Code, rec.Body)
		}
		kA := int64(claim["id"].(float64))
		if !strings.Contains(failed(itemsByName(t, claim)["吴小军"], "once"), "东西湖技工学校") {
			t.Errorf("the reason is not kept with the claim: %v", itemsByName(t, claim)["吴小军"])
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", a), emp, nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已有补贴申领") {
			t.Fatalf("a second claim: %d %s", rec.Code, rec.Body)
		}
		for tok, want := range map[string]int{emp2: 404, f.token("person"): 403, staff: 200, reviewer: 200} {
			if code := f.do("GET", fmt.Sprintf("/api/v1/training/claims/%d", kA), tok, nil).Code; code != want {
				t.Errorf("read the claim: %d, want %d", code, want)
			}
		}
		if n := auditFor(t, db, "access.denied", "training_claim", kA, "denied"); n < 1 {
			t.Errorf("the concealed read is not audited: %d", n)
		}

		// Trainees in two providers' classes: 王小明 is claimed by A (pending), so B
		// leaves him out; B and C are submitted at once with 郑小燕 in both.
		// A class where nobody qualifies cannot be claimed: the check says why.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", lone), emp, nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "没有符合补贴条件的学员") {
			t.Errorf("a claim nobody qualifies for: %d %s", rec.Code, rec.Body)
		}
		var wg sync.WaitGroup
		codes := make([]int, 2)
		bodies := make([]map[string]any, 2)
		for i, x := range []struct {
			tok string
			cid int64
		}{{emp2, b}, {emp, c}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/claims", x.cid), x.tok, nil)
				codes[i] = rec.Code
				if rec.Code == 201 {
					bodies[i] = decode(t, rec)
				}
			}()
		}
		wg.Wait()
		if codes[0] != 201 || codes[1] != 201 {
			t.Fatalf("concurrent claims: %v", codes)
		}
		paidFor := 0
		for _, m := range bodies {
			it := itemsByName(t, m)["郑小燕"]
			if it["eligible"] == true {
				paidFor++
			} else if failed(it, "once") == "" && failed(it, "concurrent") == "" {
				t.Errorf("郑小燕 excluded without the reason: %v", it)
			}
		}
		if paidFor != 1 {
			t.Errorf("郑小燕 claimed %d times", paidFor)
		}
		var n int
		if err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_subsidy_ledger WHERE person_id = ?", pid["person8"]).Scan(&n)
		}); err != nil || n != 1 {
			t.Errorf("ledger rows of 郑小燕: %d %v", n, err)
		}
		kB := int64(bodies[0]["id"].(float64))
		if why := failed(itemsByName(t, bodies[0])["王小明"], "once"); !strings.Contains(why, "临空港职业培训学校") || !strings.Contains(why, "正在申领") {
			t.Errorf("王小明 in B: %q", why)
		}

		// Review: return needs a reason; returned → resubmitted → approved → paid.
		decide := func(id int64, body map[string]any) (int, map[string]any) {
			rec := f.do("POST", fmt.Sprintf("/api/v1/training/claims/%d/decision", id), reviewer, body)
			return rec.Code, decode(t, rec)
		}
		if code := f.do("POST", fmt.Sprintf("/api/v1/training/claims/%d/decision", kA), staff, map[string]any{"action": "approve"}).Code; code != 403 {
			t.Errorf("staff decide: %d", code)
		}
		if code, m := decide(kA, map[string]any{"action": "return"}); code != 422 || !strings.Contains(fmt.Sprint(m), "reason") {
			t.Fatalf("return without a reason: %d %v", code, m)
		}
		if code, m := decide(kA, map[string]any{"action": "return", "reason": "第 3 次课考勤表缺少教师签字"}); code != 200 || m["status"] != "returned" {
			t.Fatalf("return: %d %v", code, m)
		}
		if code, _ := decide(kA, map[string]any{"action": "approve"}); code != 409 {
			t.Errorf("approve a returned claim: %d", code)
		}
		if code := f.do("POST", fmt.Sprintf("/api/v1/training/claims/%d/resubmit", kA), emp2, nil).Code; code != 404 {
			t.Errorf("another provider resubmits: %d", code)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/training/claims/%d/resubmit", kA), emp, nil)
		if m := decode(t, rec); rec.Code != 200 || m["status"] != "submitted" || m["round"].(float64) != 2 || m["total_yuan"].(float64) != 3000 {
			t.Fatalf("resubmit: %d %s", rec.Code, rec.Body)
		}
		if code, m := decide(kA, map[string]any{"action": "approve"}); code != 200 || m["status"] != "approved" {
			t.Fatalf("approve: %d %v", code, m)
		}
		pay := func(ids []int64, batch, on string) (int, map[string]any) {
			rec := f.do("POST", "/api/v1/training/claim-payouts", reviewer, map[string]any{"ids": ids, "batch": batch, "paid_on": on})
			return rec.Code, decode(t, rec)
		}
		if code, m := pay([]int64{kA, kB}, "PX-2025-08", "2025-08-30"); code != 409 || !strings.Contains(fmt.Sprint(m), fmt.Sprintf("#%d", kB)) {
			t.Fatalf("pay with a claim not approved: %d %v", code, m)
		}
		if code, m := pay([]int64{kA}, "", "2025-08-30"); code != 422 || !strings.Contains(fmt.Sprint(m), "batch") {
			t.Fatalf("pay without a batch: %d %v", code, m)
		}
		if code, m := pay([]int64{kA}, "PX-2025-08", "2025-08-30"); code != 200 || m["total_yuan"].(float64) != 3000 {
			t.Fatalf("pay: %d %v", code, m)
		}
		if code, _ := pay([]int64{kA}, "PX-2025-08b", "2025-08-30"); code != 409 {
			t.Errorf("pay twice: %d", code)
		}
		if m := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/claims/%d", kA), emp, nil)); m["status"] != "paid" || m["paid_on"] != "2025-08-30" || m["paid_batch"] != "PX-2025-08" {
			t.Errorf("paid claim: %v", m)
		}
		ent := f.users["employer"].User.EnterpriseID
		var msgs []string
		if err := db.Write(ctx, func(tx *store.Tx) error {
			rows, err := tx.Query(ctx, "SELECT title FROM messages WHERE subject_type = 'enterprise' AND subject_id = ? AND kind = 'training_claim' ORDER BY id", ent)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					return err
				}
				msgs = append(msgs, s)
			}
			return rows.Err()
		}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(msgs, "|"); !strings.Contains(got, "补贴申领已退回") || !strings.Contains(got, "补贴申领审核通过") || !strings.Contains(got, "培训补贴已发放") {
			t.Errorf("the provider's messages: %v", msgs)
		}
		for action, want := range map[string]int{"training.claim.submit": 2, "training.claim.return": 1, "training.claim.approve": 1, "training.claim.pay": 1} {
			if n := auditFor(t, db, action, "training_claim", kA, "ok"); n != want {
				t.Errorf("%s audits: %d, want %d", action, n, want)
			}
		}

		// The ledger: one provider, one month, 2 trainees, 3,000 yuan.
		rec = f.do("GET", "/api/v1/training/subsidy-ledger?from=2025-01&to=2025-12", staff, nil)
		l := decode(t, rec)
		rows, _ := l["rows"].([]any)
		if rec.Code != 200 || len(rows) != 1 || l["yuan"].(float64) != 3000 || l["trainees"].(float64) != 2 {
			t.Fatalf("ledger: %d %s", rec.Code, rec.Body)
		}
		if r0 := rows[0].(map[string]any); r0["provider_name"] != "临空港职业培训学校" || r0["month"] != "2025-08" || r0["claims"].(float64) != 1 {
			t.Errorf("ledger row: %v", r0)
		}
		if m := decode(t, f.do("GET", "/api/v1/training/subsidy-ledger?from=2024-01&to=2024-12", staff, nil)); m["yuan"].(float64) != 1500 {
			t.Errorf("2024 ledger: %v", m)
		}
		if rec := f.do("GET", "/api/v1/training/subsidy-ledger?from=2025-13", staff, nil); rec.Code != 422 || errField(t, rec, "from") == "" {
			t.Errorf("a bad month: %d %s", rec.Code, rec.Body)
		}
		for _, path := range []string{"/console/training/ledger.xlsx?from=2025-01&to=2025-12", "/console/training/claims.xlsx"} {
			rec := f.page(path, staff)
			if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") || rec.Body.Len() < 100 {
				t.Errorf("%s: %d %s", path, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
		for _, action := range []string{"training.ledger.export", "training.claim.export"} {
			if rows, err := db.ListAudit(ctx, audit.Filter{Action: action, Limit: 10}); err != nil || len(rows) != 1 {
				t.Errorf("%s audits: %d %v", action, len(rows), err)
			}
		}

		// The pages: the provider's check with the reasons, the reviewer's decision form.
		body := f.page(fmt.Sprintf("/enterprise/training/classes/%d/claim", b), emp2).Body.String()
		for _, want := range []string{"王小明", "临空港职业培训学校“电工提升班 A”的补贴申领", "已发放", "不符合"} {
			if !strings.Contains(body, want) {
				t.Errorf("check page lacks %q", want)
			}
		}
		body = f.page(fmt.Sprintf("/console/training/claims/%d", kB), reviewer).Body.String()
		if !strings.Contains(body, "提交审核结果") || !strings.Contains(body, "王小明") {
			t.Errorf("the reviewer's claim page lacks the decision form or the trainees")
		}
		if body := f.page(fmt.Sprintf("/console/training/claims/%d", kB), staff).Body.String(); strings.Contains(body, "提交审核结果") {
			t.Errorf("staff are offered the decision form")
		}
		if rec := f.page(fmt.Sprintf("/enterprise/training/claims/%d", kB), emp); rec.Code != 404 {
			t.Errorf("another provider's claim page: %d", rec.Code)
		}
		// Wrong input on the forms: shown beside the fields, with what was typed kept.
		rec = f.form(fmt.Sprintf("/console/training/claims/%d/decide", kB), reviewer, url.Values{"action": {"return"}, "reason": {""}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "请填写退回理由") || !strings.Contains(rec.Body.String(), `value="return" checked`) {
			t.Errorf("return without a reason on the page: %d", rec.Code)
		}
		rec = f.form("/console/training/claims/pay", reviewer, url.Values{"batch": {"PX-2025-09"}, "paid_on": {"2025-08-30"}, "status": {"approved"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "请选择 1–5000 份") || !strings.Contains(rec.Body.String(), `value="PX-2025-09"`) {
			t.Errorf("a payout without claims on the page: %d", rec.Code)
		}
		body = f.page("/console/training/ledger?from=2025-08&to=2025-08", staff).Body.String()
		if !strings.Contains(body, "临空港职业培训学校") || !strings.Contains(body, "¥3000") {
			t.Errorf("the ledger page lacks the provider's row")
		}
	})
}
