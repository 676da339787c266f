package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/store"
)

// beijing is a time on gigDay in Beijing.
func beijing(hh, mm int) time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, gigDay, time.FixedZone("CST", 8*3600))
	return d.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// TestGigWorkAndPay: the whole record of a shift through the API — the
// employer's check-in code, a wrong code, a code of another shift and a
// worker not signed up are refused; check-in far from the place warns;
// check-out counts the hours and the code cannot be used again; the
// employer records less than promised; the worker disputes with a
// statement, the employer answers, staff uphold it (audited); both sides
// rate once; the employer's credit on its gigs says all of it.
func TestGigWorkAndPay(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.publishedGig("employer", func(m map[string]any) { m["slots"] = 2 }) // 25 元/小时, 08:00–12:00
		other := f.publishedGig("employer", func(m map[string]any) {
			m["shifts"] = []map[string]string{{"date": gigDay, "start": "13:00", "end": "17:00"}}
		})
		p1, p2, emp := f.token("person"), f.token("person2"), f.token("employer")
		for _, g := range []int64{id, other} {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/signups", g), p1, map[string]any{"all": true}); rec.Code != 201 {
				t.Fatalf("sign up: %d %s", rec.Code, rec.Body)
			}
		}
		shift, otherShift := f.gigShift(id, 0), f.gigShift(other, 0)
		codeOf := func(shift int64) string {
			rec := f.do("GET", fmt.Sprintf("/api/v1/gig-shifts/%d/checkin-code", shift), emp, nil)
			if rec.Code != 200 {
				t.Fatalf("code: %d %s", rec.Code, rec.Body)
			}
			return decode(t, rec)["code"].(string)
		}
		code, otherCode := codeOf(shift), codeOf(otherShift)
		if code == otherCode || len(code) != 6 {
			t.Fatalf("codes %q %q", code, otherCode)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/gig-shifts/%d/checkin-code", shift), f.token("employer2"), nil); rec.Code != 403 { // the gig is public: refused, not hidden
			t.Fatalf("another employer reads the code: %d", rec.Code)
		}
		at := func(hh, mm int) { db.SetClock(func() time.Time { return beijing(hh, mm) }) }
		at(7, 30)
		p1, p2, emp = f.token("person"), f.token("person2"), f.token("employer")
		checkin := func(tok string, body map[string]any) (int, map[string]any) {
			rec := f.do("POST", "/api/v1/gig-checkins", tok, body)
			return rec.Code, decode(t, rec)
		}
		wrong := "000000"
		if wrong == code {
			wrong = "111111"
		}
		if c, _ := checkin(p1, map[string]any{"code": wrong}); c != 422 {
			t.Fatalf("wrong code: %d", c)
		}
		if c, _ := checkin(p1, map[string]any{"code": otherCode, "shift_id": shift}); c != 422 {
			t.Fatalf("another shift's code: %d", c)
		}
		if c, _ := checkin(p2, map[string]any{"code": code}); c != 422 {
			t.Fatalf("a worker not signed up checks in: %d", c)
		}
		c, res := checkin(p1, map[string]any{"code": code[:3] + " " + code[3:], "lat": 30.65, "lng": 114.13})
		if c != 200 || res["action"] != "checked_in" || !strings.Contains(res["warning"].(string), "公里") {
			t.Fatalf("check-in 2 km away: %d %v", c, res)
		}
		at(11, 40)
		p1, p2, emp = f.token("person"), f.token("person2"), f.token("employer")
		c, res = checkin(p1, map[string]any{"code": code})
		if c != 200 || res["action"] != "checked_out" || res["signup"].(map[string]any)["pay"].(map[string]any)["hours_worked"] != 4.0 {
			t.Fatalf("check-out: %d %v", c, res)
		}
		if c, res := checkin(p1, map[string]any{"code": code}); c != 409 || !strings.Contains(fmt.Sprint(res), "已签退") {
			t.Fatalf("code after check-out: %d %v", c, res)
		}
		signups := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d/signups", id), emp, nil))["items"].([]any)
		suID := int64(signups[0].(map[string]any)["id"].(float64))
		su := fmt.Sprintf("/api/v1/gig-signups/%d", suID)
		if rec := f.do("POST", su+"/complete", f.token("employer2"), map[string]any{"paid_amount": "80"}); rec.Code != 404 {
			t.Fatalf("another employer completes: %d", rec.Code)
		}
		if rec := f.do("POST", su+"/complete", emp, map[string]any{"paid_amount": "八十"}); rec.Code != 422 {
			t.Fatalf("amount in words: %d", rec.Code)
		}
		page := f.form(fmt.Sprintf("/gig-signups/%d/complete", suID), emp, url.Values{"paid_amount": {"八十"}})
		if page.Code != 422 || !strings.Contains(page.Body.String(), "请填写金额") || !strings.Contains(page.Body.String(), `value="八十"`) {
			t.Fatalf("a bad amount on the sign-up list: %d %s", page.Code, excerpt(page.Body.String()))
		}
		rec := f.do("POST", su+"/complete", emp, map[string]any{"paid_amount": "80"})
		pay := decode(t, rec)["pay"].(map[string]any)
		if rec.Code != 200 || pay["promised_amount"] != 100.0 || pay["paid_amount"] != 80.0 || pay["paid_on_time"] != true {
			t.Fatalf("complete: %d %v", rec.Code, pay)
		}
		if rec := f.do("POST", su+"/receipt", p2, map[string]any{"received_amount": "80"}); rec.Code != 404 {
			t.Fatalf("someone else confirms: %d", rec.Code)
		}
		if rec := f.do("POST", su+"/receipt", p1, map[string]any{"received_amount": "80", "dispute": true}); rec.Code != 422 {
			t.Fatalf("dispute without a statement: %d", rec.Code)
		}
		rec = f.do("POST", su+"/receipt", p1, map[string]any{"received_amount": "80", "dispute": true, "statement": "说好每小时 25 元干了 4 小时，只给了 80 元"})
		if rec.Code != 200 || decode(t, rec)["pay"].(map[string]any)["dispute"] != "open" {
			t.Fatalf("dispute: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, emp, "报酬有异议") {
			t.Fatal("the employer was not told of the dispute")
		}
		if rec := f.do("POST", su+"/statement", emp, map[string]any{"statement": "中途休息了 40 分钟"}); rec.Code != 200 {
			t.Fatalf("employer statement: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", su+"/resolution", f.token("reviewer"), map[string]any{"upheld": true, "due_amount": "100", "note": "x"}); rec.Code != 403 {
			t.Fatalf("a reviewer resolves: %d", rec.Code)
		}
		staff := f.token("staff")
		if list := decode(t, f.do("GET", "/api/v1/gig-disputes", staff, nil))["items"].([]any); len(list) != 1 ||
			list[0].(map[string]any)["pay"].(map[string]any)["employer_statement"] != "中途休息了 40 分钟" {
			t.Fatalf("open disputes: %v", list)
		}
		// The page keeps what staff typed when the finding lacks its note.
		page = f.form(fmt.Sprintf("/console/gig-signups/%d/resolve", suID), staff, url.Values{"upheld": {"1"}, "due_amount": {"99.5"}})
		if page.Code != 422 || !strings.Contains(page.Body.String(), "请写明核实的情况") || !strings.Contains(page.Body.String(), `value="99.5"`) {
			t.Fatalf("resolve without a note on the page: %d %s", page.Code, excerpt(page.Body.String()))
		}
		rec = f.do("POST", su+"/resolution", staff, map[string]any{"upheld": true, "due_amount": "100", "note": "签到签退记录 4 小时，按约定应付 100 元"})
		if rec.Code != 200 || decode(t, rec)["pay"].(map[string]any)["dispute"] != "upheld" {
			t.Fatalf("resolve: %d %s", rec.Code, rec.Body)
		}
		if n := auditCount(t, db, "gig.dispute_resolve", "ok"); n != 1 {
			t.Fatalf("resolution audited %d times", n)
		}
		if !inboxHas(t, f, p1, "核定应付 100 元") {
			t.Fatal("the worker was not told the finding")
		}
		if rec := f.do("POST", su+"/rating", p1, map[string]any{"stars": 2, "words": "少给钱"}); rec.Code != 201 {
			t.Fatalf("rate: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", su+"/rating", p1, map[string]any{"stars": 5}); rec.Code != 409 {
			t.Fatalf("second rating: %d", rec.Code)
		}
		if rec := f.do("POST", su+"/rating", emp, map[string]any{"stars": 6}); rec.Code != 422 {
			t.Fatalf("six stars: %d", rec.Code)
		}
		// The worker's other shift (13:00) has not begun: no no-show yet.
		otherSignups := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d/signups", other), emp, nil))["items"].([]any)
		otherSU := fmt.Sprintf("/api/v1/gig-signups/%d", int64(otherSignups[0].(map[string]any)["id"].(float64)))
		if rec := f.do("POST", otherSU+"/no-show", emp, nil); rec.Code != 409 {
			t.Fatalf("no-show before the start: %d", rec.Code)
		}
		at(13, 30)
		emp = f.token("employer")
		if rec := f.do("POST", otherSU+"/no-show", emp, nil); rec.Code != 200 {
			t.Fatalf("no-show: %d %s", rec.Code, rec.Body)
		}
		// The employer's next gig carries the record.
		db.SetClock(func() time.Time { return jobsDay })
		f.app.Gigs.ForgetCredit() // what a minute does
		next := f.publishedGig("employer", nil)
		g := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", next), "", nil))
		cr := g["employer"].(map[string]any)["credit"].(map[string]any)
		if cr["shifts"] != 1.0 || cr["paid_pct"] != 80.0 || cr["disputes_lost"] != 1.0 || cr["stars"] != 2.0 ||
			!strings.Contains(cr["text"].(string), "争议败诉 1 次") {
			t.Fatalf("credit on the next gig: %v", cr)
		}
		_ = context.Background()
	})
}
