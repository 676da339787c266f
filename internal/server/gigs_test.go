package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// gigDay is the first shift's day of the test gigs: the day after jobsDay
// (2026-05-11, the fixture's clock) in Beijing.
const gigDay = "2026-05-12"

// gigBody is a valid gig; edit changes it.
func gigBody(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"title": "仓库搬运（日结）", "occupation_code": "4-02-06-01",
		"description": "协助仓库卸货、搬运、码放，每车约 2 小时，需要能搬 20 公斤。", "pay_amount": 25, "pay_unit": "hour",
		"slots": 10, "shifts": []map[string]string{{"date": gigDay, "start": "08:00", "end": "12:00"}},
		"region_code": "420112001", "address": "东西湖区吴家山街道临空港大道 88 号 3 号仓", "lat": 30.63, "lng": 114.13,
		"skills": []string{"搬运"}, "provided": []string{"包餐"}, "instant_accept": true}
	if edit != nil {
		edit(m)
	}
	return m
}

// createGig posts body as role and returns the new gig's id.
func (f *fixture) createGig(role string, body map[string]any) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/gigs", f.token(role), body)
	if rec.Code != 201 {
		f.t.Fatalf("create gig: %d %s", rec.Code, rec.Body)
	}
	return int64(decode(f.t, rec)["id"].(float64))
}

// publishedGig posts and approves a gig of role and returns its id.
func (f *fixture) publishedGig(role string, edit func(m map[string]any)) int64 {
	f.t.Helper()
	id := f.createGig(role, gigBody(edit))
	rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve", "override_reason": "已电话核实"})
	if rec.Code != 200 {
		f.t.Fatalf("approve gig: %d %s", rec.Code, rec.Body)
	}
	return id
}

// gigShift returns the id of the gig's i-th shift.
func (f *fixture) gigShift(id int64, i int) int64 {
	f.t.Helper()
	g, err := f.db.Gigs().GigByID(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return g.Shifts[i].ID
}

// matrixGig returns a published gig of "employer" with a pending sign-up
// of "person", for the route matrix.
func (f *fixture) matrixGig() string {
	f.t.Helper()
	f.matrixJobs() // verifies both enterprises again
	ctx := context.Background()
	entID := f.users["employer"].User.EnterpriseID
	list, err := f.db.Gigs().GigsOfEnterprise(ctx, entID, 1)
	if err != nil {
		f.t.Fatal(err)
	}
	if len(list) > 0 {
		return strconv.FormatInt(list[0].ID, 10)
	}
	day := f.app.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 2).Format(time.DateOnly)
	in := app.GigInput{Title: "展会搭建协助", OccupationCode: "4-02-06-01", Description: "协助展位搭建和物料搬运，现场有人指导。",
		PayAmount: "200", PayUnit: "day", Slots: 3, Shifts: []app.ShiftInput{{Date: day, Start: "09:00", End: "17:00"}},
		RegionCode: "420112001", Address: "吴家山"}
	g, err := f.app.Gigs.CreateGig(ctx, app.Actor{User: f.users["employer"].User}, in)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.app.Gigs.ReviewGig(ctx, app.Actor{User: f.users["reviewer"].User}, g.ID, app.GigReview{Action: "approve", Override: "核实"}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.app.GigWork.SignUp(ctx, app.Actor{User: f.users["person"].User}, g.ID, app.SignupInput{All: true}); err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(g.ID, 10)
}

// matrixGigSignup returns the sign-up of "person" on the matrix gig.
func (f *fixture) matrixGigSignup() string {
	f.t.Helper()
	f.matrixGig()
	list, err := f.db.Gigs().SignupsOfPerson(context.Background(), f.users["person"].User.PersonID, 1)
	if err != nil || len(list) == 0 {
		f.t.Fatalf("matrix sign-up: %v", err)
	}
	return strconv.FormatInt(list[0].ID, 10)
}

// TestGigPostReviewAndSearch: an employer posts a gig, it waits for review
// out of search, a reviewer approves it, and it is found nearest first with
// its pay and fill, by point and by street.
func TestGigPostReviewAndSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createGig("employer", gigBody(nil))
		g := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), f.token("employer"), nil))
		if g["status"] != "pending" || g["pay_text"] != "25 元/小时" {
			t.Fatalf("new gig: %v", g)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), "", nil); rec.Code != 404 {
			t.Fatalf("pending gig to the public: %d", rec.Code)
		}
		search := func(q string) map[string]any {
			t.Helper()
			rec := f.do("GET", "/api/v1/gigs?"+q, "", nil)
			if rec.Code != 200 {
				t.Fatalf("search %s: %d %s", q, rec.Code, rec.Body)
			}
			return decode(t, rec)
		}
		if n := search("near=30.63,114.13")["total"]; n != 0.0 {
			t.Fatalf("pending gig found: %v", n)
		}
		far := f.publishedGig("employer2", func(m map[string]any) { m["lat"], m["lng"], m["region_code"] = 30.70, 114.25, "420112002" })
		if rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		res := search("near=30.631,114.131&radius_km=20")
		items := res["items"].([]any)
		if res["total"] != 2.0 || len(items) != 2 {
			t.Fatalf("near search: %v", res)
		}
		first := items[0].(map[string]any)
		if int64(first["id"].(float64)) != id || first["distance_km"].(float64) > 0.5 || first["pay_amount"] != 25.0 ||
			first["slots"] != 10.0 || first["filled"] != 0.0 || first["employer"].(map[string]any)["name"] != "武汉临空港物流有限公司" {
			t.Fatalf("nearest first: %v", first)
		}
		if int64(items[1].(map[string]any)["id"].(float64)) != far {
			t.Fatalf("second: %v", items[1])
		}
		if res := search("near=30.631,114.131&radius_km=2"); res["total"] != 1.0 {
			t.Fatalf("radius 2 km: %v", res)
		}
		if res := search("region=420112002"); res["total"] != 1.0 {
			t.Fatalf("by street: %v", res)
		}
		for _, q := range []string{"near=91,200", "near=abc", "radius_km=999&near=30.6,114.1", "date=tomorrow", "sort=price", "pay_min=-3"} {
			if rec := f.do("GET", "/api/v1/gigs?"+q, "", nil); rec.Code != 422 {
				t.Errorf("search %s: %d, want 422", q, rec.Code)
			}
		}
	})
}

// TestGigBadInput: every kind of bad gig is refused with a field error in
// Chinese, and nothing is written.
func TestGigBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		token := f.token("employer")
		before, _ := db.Count(context.Background(), "gig_posts")
		for _, c := range []struct {
			name, field string
			edit        func(m map[string]any)
		}{
			{"end before start", "shifts[0].end", func(m map[string]any) {
				m["shifts"] = []map[string]string{{"date": gigDay, "start": "12:00", "end": "08:00"}}
			}},
			{"overlapping shifts", "shifts[1].start", func(m map[string]any) {
				m["shifts"] = []map[string]string{{"date": gigDay, "start": "08:00", "end": "12:00"}, {"date": gigDay, "start": "11:00", "end": "15:00"}}
			}},
			{"past shift", "shifts[0].start", func(m map[string]any) {
				m["shifts"] = []map[string]string{{"date": "2026-05-01", "start": "08:00", "end": "12:00"}}
			}},
			{"no shift", "shifts", func(m map[string]any) { m["shifts"] = []map[string]string{} }},
			{"bad date", "shifts[0].date", func(m map[string]any) {
				m["shifts"] = []map[string]string{{"date": "5月12日", "start": "08:00", "end": "12:00"}}
			}},
			{"zero pay", "pay_amount", func(m map[string]any) { m["pay_amount"] = 0 }},
			{"negative pay", "pay_amount", func(m map[string]any) { m["pay_amount"] = -5 }},
			{"three decimals", "pay_amount", func(m map[string]any) { m["pay_amount"] = 22.555 }},
			{"bad unit", "pay_unit", func(m map[string]any) { m["pay_unit"] = "month" }},
			{"too many slots", "slots", func(m map[string]any) { m["slots"] = 1001 }},
			{"outside China", "lat", func(m map[string]any) { m["lat"], m["lng"] = 48.85, 2.35 }},
			{"no title", "title", func(m map[string]any) { m["title"] = " " }},
			{"unknown street", "region_code", func(m map[string]any) { m["region_code"] = "420112999" }},
			{"unknown provision", "provided", func(m map[string]any) { m["provided"] = []string{"押金返还"} }},
		} {
			rec := f.do("POST", "/api/v1/gigs", token, gigBody(c.edit))
			if rec.Code != 422 {
				t.Errorf("%s: %d %s, want 422", c.name, rec.Code, rec.Body)
				continue
			}
			if msg := errField(t, rec, c.field); msg == "" || !hasHan(msg) {
				t.Errorf("%s: field %s: %q in %s", c.name, c.field, msg, rec.Body)
			}
		}
		if after, _ := db.Count(context.Background(), "gig_posts"); after != before {
			t.Fatalf("bad gigs wrote rows: %d → %d", before, after)
		}
		// Persons and unverified enterprises do not post gigs.
		if rec := f.do("POST", "/api/v1/gigs", f.token("person"), gigBody(nil)); rec.Code != 403 {
			t.Fatalf("person posts a gig: %d", rec.Code)
		}
	})
}

// TestGigSignupRules: sign-up by shift or all, a second sign-up and an
// overlapping accepted shift are 409s, a full shift waitlists, cancelling
// in time promotes the first on the waitlist and tells them, a late cancel
// is recorded, and an employer cannot see another employer's sign-ups.
func TestGigSignupRules(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.publishedGig("employer", func(m map[string]any) {
			m["slots"] = 1
			m["cancel_hours"] = 2
			m["shifts"] = []map[string]string{{"date": gigDay, "start": "08:00", "end": "12:00"}, {"date": gigDay, "start": "13:00", "end": "17:00"}}
		})
		p1, p2 := f.token("person"), f.token("person2")
		path := fmt.Sprintf("/api/v1/gigs/%d/signups", id)
		rec := f.do("POST", path, p1, map[string]any{"all": true})
		if rec.Code != 201 {
			t.Fatalf("sign up all: %d %s", rec.Code, rec.Body)
		}
		items := decode(t, rec)["items"].([]any)
		if len(items) != 2 || items[0].(map[string]any)["status"] != "accepted" {
			t.Fatalf("sign-ups: %v", items)
		}
		if rec := f.do("POST", path, p1, map[string]any{"shift_id": f.gigShift(id, 0)}); rec.Code != 409 {
			t.Fatalf("second sign-up: %d %s", rec.Code, rec.Body)
		}
		// Another gig at the same time: overlaps what person is accepted for.
		other := f.publishedGig("employer2", func(m map[string]any) {
			m["shifts"] = []map[string]string{{"date": gigDay, "start": "10:00", "end": "11:00"}}
		})
		if rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/signups", other), p1, map[string]any{"all": true}); rec.Code != 409 ||
			!strings.Contains(rec.Body.String(), "时间冲突") {
			t.Fatalf("overlap: %d %s", rec.Code, rec.Body)
		}
		// person2 is waitlisted on the full first shift.
		rec = f.do("POST", path, p2, map[string]any{"shift_id": f.gigShift(id, 0)})
		if rec.Code != 201 || decode(t, rec)["items"].([]any)[0].(map[string]any)["status"] != "waitlisted" {
			t.Fatalf("waitlist: %d %s", rec.Code, rec.Body)
		}
		mine := decode(t, f.do("GET", "/api/v1/me/gig-signups", p1, nil))["items"].([]any)
		var first int64
		for _, it := range mine {
			m := it.(map[string]any)
			if int64(m["shift_id"].(float64)) == f.gigShift(id, 0) {
				first = int64(m["id"].(float64))
			}
		}
		// Another employer sees nothing of them.
		if rec := f.do("GET", path, f.token("employer2"), nil); rec.Code != 404 {
			t.Fatalf("other employer's sign-ups: %d", rec.Code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/gig-signups/%d/cancel", first), p2, nil); rec.Code != 404 {
			t.Fatalf("cancel someone else's sign-up: %d", rec.Code)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/gig-signups/%d/cancel", first), p1, nil)
		if rec.Code != 200 || decode(t, rec)["status"] != "cancelled" {
			t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
		}
		list := decode(t, f.do("GET", path, f.token("employer"), nil))["items"].([]any)
		got := map[string]string{}
		for _, it := range list {
			m := it.(map[string]any)
			got[m["person_name"].(string)+"@"+strconv.Itoa(int(m["shift_id"].(float64)))] = m["status"].(string)
		}
		s0 := strconv.FormatInt(f.gigShift(id, 0), 10)
		if got["李小红@"+s0] != "accepted" || got["王小明@"+s0] != "cancelled" {
			t.Fatalf("after cancel: %v", got)
		}
		if !inboxHas(t, f, p2, "候补成功") {
			t.Fatal("the promoted worker was not told")
		}
		// A cancel after the deadline (2 hours before 13:00) is recorded as late.
		db.SetClock(func() time.Time { return time.Date(2026, 5, 12, 3, 30, 0, 0, time.UTC) }) // 11:30 Beijing
		var second int64
		for _, it := range mine {
			m := it.(map[string]any)
			if int64(m["shift_id"].(float64)) == f.gigShift(id, 1) {
				second = int64(m["id"].(float64))
			}
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/gig-signups/%d/cancel", second), f.token("person"), nil)
		if rec.Code != 200 || decode(t, rec)["status"] != "late_cancel" {
			t.Fatalf("late cancel: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestGigSignupsUnderLoad: 100 workers sign up for a 10-slot shift at once;
// exactly 10 are accepted and 90 waitlisted, and the shift's count says 10.
func TestGigSignupsUnderLoad(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.publishedGig("employer", nil)
		shift := f.gigShift(id, 0)
		persons := f.bulkPersons(100)
		var wg sync.WaitGroup
		var mu sync.Mutex
		counts := map[string]int{}
		for _, pid := range persons {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u := &account.User{ID: 1_000_000 + pid, Role: account.RolePerson, PersonID: pid}
				list, err := f.app.GigWork.SignUp(context.Background(), app.Actor{User: u}, id, app.SignupInput{ShiftID: shift})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					counts["error: "+err.Error()]++
					return
				}
				counts[string(list[0].Status)]++
			}()
		}
		wg.Wait()
		if counts["accepted"] != 10 || counts["waitlisted"] != 90 || len(counts) != 2 {
			t.Fatalf("100 concurrent sign-ups: %v", counts)
		}
		g, err := db.Gigs().GigByID(context.Background(), id)
		if err != nil || g.Shifts[0].Filled != 10 {
			t.Fatalf("shift count: %v %v", g.Shifts, err)
		}
	})
}

// bulkPersons stores n persons directly (no accounts) and returns their ids.
func (f *fixture) bulkPersons(n int) []int64 {
	f.t.Helper()
	var ids []int64
	err := f.db.Write(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			idn := f.newIDNumber()
			p := &registry.Person{Name: fmt.Sprintf("工人%03d", i), IDNumber: idn, Phone: registry.GeneratePhone(f.rng),
				Birth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), ResidenceRegion: "420112001"}
			if err := tx.CreatePerson(context.Background(), p); err != nil {
				return err
			}
			ids = append(ids, p.ID)
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return ids
}

// TestGigReviewOverride: a gig that screening blocks is approved only with
// a reason, which is audited; a rejection needs a reason the employer reads.
func TestGigReviewOverride(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createGig("employer", gigBody(func(m map[string]any) {
			m["description"] = "仓库搬运，日结。入职需交服装费 50 元，押身份证。"
		}))
		g := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), f.token("employer"), nil))
		flags, _ := g["flags"].([]any)
		if len(flags) == 0 || flags[0].(map[string]any)["severity"] != "block" {
			t.Fatalf("flags shown to the employer: %v", g["flags"])
		}
		rev := f.token("reviewer")
		path := fmt.Sprintf("/api/v1/gigs/%d/review", id)
		if rec := f.do("POST", path, rev, map[string]any{"action": "approve"}); rec.Code != 422 || errField(t, rec, "override_reason") == "" {
			t.Fatalf("approve a blocked gig without a reason: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path, rev, map[string]any{"action": "reject"}); rec.Code != 422 {
			t.Fatalf("reject without a reason: %d", rec.Code)
		}
		if rec := f.do("POST", path, rev, map[string]any{"action": "reject", "reason": "不得向劳动者收取服装费"}); rec.Code != 200 {
			t.Fatalf("reject: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, f.token("employer"), "不得向劳动者收取服装费") {
			t.Fatal("employer not told the reason")
		}
		if rec := f.do("GET", "/api/v1/gigs/screen", "", nil); rec.Code != 405 && rec.Code != 404 {
			t.Fatalf("GET screen: %d", rec.Code)
		}
		rec := f.do("POST", "/api/v1/gigs/screen", "", gigBody(func(m map[string]any) { m["description"] = "加微信 abc12345 详谈，先交押金 200 元" }))
		if rec.Code != 200 {
			t.Fatalf("screen: %d %s", rec.Code, rec.Body)
		}
		codes := map[string]bool{}
		for _, fl := range decode(t, rec)["flags"].([]any) {
			codes[fl.(map[string]any)["code"].(string)] = true
		}
		if !codes["fee"] || !codes["off_platform"] {
			t.Fatalf("screen flags: %v", codes)
		}
		if n := auditCount(t, db, "gig.reject", "ok"); n != 1 {
			t.Fatalf("reject audited %d times", n)
		}
		_ = gigs.SevBlock
	})
}

// TestGigPush: a gig that goes live is sent once to the workers near it
// who are free and share a skill, never twice, and the employer sees how
// many were told; a worker too far, busy that day, or with other skills is
// not told.
func TestGigPush(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		ctx := context.Background()
		near, far := 30.635, 114.135
		for role, body := range map[string]map[string]any{
			"person":  {"skills": []string{"搬运"}, "hour_from": 6, "hour_to": 20, "home_region": "420112001", "home_lat": near, "home_lng": far, "radius_km": 5},
			"person2": {"skills": []string{"搬运"}, "hour_from": 6, "hour_to": 20, "home_region": "420112001", "home_lat": 30.90, "home_lng": 114.40, "radius_km": 5},
		} {
			if rec := f.do("PUT", "/api/v1/me/gig-profile", f.token(role), body); rec.Code != 200 {
				t.Fatalf("profile of %s: %d %s", role, rec.Code, rec.Body)
			}
		}
		busy := f.newPersonProfile(gigs.Profile{Skills: []string{"搬运"}, HourFrom: 18, HourTo: 24, HomeLat: near, HomeLng: far, HasHome: true, RadiusKm: 10})
		other := f.newPersonProfile(gigs.Profile{Skills: []string{"家政"}, HourFrom: 0, HourTo: 24, HomeLat: near, HomeLng: far, HasHome: true, RadiusKm: 10})
		any := f.newPersonProfile(gigs.Profile{HourFrom: 0, HourTo: 24, HomeLat: near, HomeLng: far, HasHome: true, RadiusKm: 10})
		id := f.publishedGig("employer", nil) // 08:00–12:00, skill 搬运, at 30.63,114.13
		payload := strconv.FormatInt(id, 10)
		for range 2 {
			if err := f.app.RunTask(ctx, app.TaskGigPush, payload); err != nil {
				t.Fatal(err)
			}
		}
		told := func(personID int64) int {
			msgs, _, err := db.Inbox(ctx, "person", personID, 50)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, m := range msgs {
				if m.Kind == "gig" && m.DedupeKey == "gigpush:"+payload {
					n++
				}
			}
			return n
		}
		if n := told(f.users["person"].User.PersonID); n != 1 {
			t.Fatalf("near worker told %d times", n)
		}
		if told(f.users["person2"].User.PersonID) != 0 || told(busy) != 0 || told(other) != 0 {
			t.Fatal("a far, busy or unskilled worker was told")
		}
		if told(any) != 1 {
			t.Fatal("a worker who names no skill was not told")
		}
		g := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), f.token("employer"), nil))
		if g["pushed"] != 2.0 {
			t.Fatalf("employer sees pushed %v, want 2", g["pushed"])
		}
		if p := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), "", nil)); p["pushed"] != nil {
			t.Fatal("the public sees the push count")
		}
	})
}

// newPersonProfile stores a person without an account and a gig profile
// for them, and returns the person's id.
func (f *fixture) newPersonProfile(p gigs.Profile) int64 {
	f.t.Helper()
	id := f.bulkPersons(1)[0]
	p.PersonID, p.UpdatedAt = id, time.Now()
	if err := f.db.Write(context.Background(), func(tx *store.Tx) error { return tx.InsertGigProfiles(context.Background(), []*gigs.Profile{&p}) }); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// TestGigIndexFollowsOtherInstances: a gig approved or closed through one
// instance reaches the nearest-first index of another within a couple of
// seconds, by the gig change numbers.
func TestGigIndexFollowsOtherInstances(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		other := app.New(db, tables, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{DataDir: t.TempDir()})
		ctx := context.Background()
		q := app.GigQuery{Near: "30.63,114.13"}
		count := func() int {
			res, err := other.Gigs.SearchGigs(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return res.Total
		}
		if n := count(); n != 0 { // loads the other instance's index
			t.Fatalf("before: %d", n)
		}
		clock := jobsDay
		tick := func() { clock = clock.Add(3 * time.Second); db.SetClock(func() time.Time { return clock }) }
		id := f.publishedGig("employer", nil)
		tick()
		if n := count(); n != 1 {
			t.Fatalf("approved elsewhere: %d", n)
		}
		if _, err := f.app.Gigs.SetGigStatus(ctx, app.Actor{User: f.users["employer"].User}, id, "close"); err != nil {
			t.Fatal(err)
		}
		tick()
		if n := count(); n != 0 {
			t.Fatalf("closed elsewhere: %d", n)
		}
	})
}

// personEmployers registers "person" and "person2" as verified 个人用工,
// so that they may post gigs.
func (f *fixture) personEmployers() {
	f.t.Helper()
	ctx := context.Background()
	staff := app.Actor{User: f.users["staff"].User}
	for _, role := range []string{"person", "person2"} {
		e, err := f.app.Gigs.ApplyGigEmployer(ctx, app.Actor{User: f.users[role].User}, app.GigEmployerInput{Name: "王先生", Purpose: "家里搬家，需要搬运工"})
		if err != nil {
			f.t.Fatal(err)
		}
		if _, err := f.app.Gigs.DecideGigEmployer(ctx, staff, e.ID, app.EmployerDecision{Verify: true}); err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestGigPersonEmployer: a person who hires for themselves (个人用工) may
// not post before staff verify them; applies with a name and purpose
// (bad input refused); staff verify (audited, the person told); the person
// posts, a reviewer approves, a worker signs up, and only the person (and
// staff) see the sign-ups.
func TestGigPersonEmployer(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		p1 := f.token("person")
		rec := f.do("POST", "/api/v1/gigs", p1, gigBody(nil))
		if rec.Code != 403 || !strings.Contains(rec.Body.String(), "个人用工") {
			t.Fatalf("unverified person posts: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", "/api/v1/me/gig-employer", p1, map[string]any{"name": "", "purpose": "搬"}); rec.Code != 422 ||
			errField(t, rec, "name") == "" || errField(t, rec, "purpose") == "" {
			t.Fatalf("bad application: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("PUT", "/api/v1/me/gig-employer", p1, map[string]any{"name": "王先生", "purpose": "周六家里搬家，需要 2 人搬运"})
		if rec.Code != 200 || decode(t, rec)["status"] != "pending" {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/gig-employers", f.token("reviewer"), nil); rec.Code != 403 {
			t.Fatalf("a reviewer lists applications: %d", rec.Code)
		}
		staff := f.token("staff")
		list := decode(t, f.do("GET", "/api/v1/gig-employers", staff, nil))["items"].([]any)
		if len(list) != 1 {
			t.Fatalf("pending: %v", list)
		}
		eid := int64(list[0].(map[string]any)["id"].(float64))
		path := fmt.Sprintf("/api/v1/gig-employers/%d/decision", eid)
		if rec := f.do("POST", path, staff, map[string]any{"verify": false}); rec.Code != 422 {
			t.Fatalf("refuse without a reason: %d", rec.Code)
		}
		if rec := f.do("POST", path, staff, map[string]any{"verify": true}); rec.Code != 200 {
			t.Fatalf("verify: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path, staff, map[string]any{"verify": true}); rec.Code != 409 {
			t.Fatalf("verify twice: %d", rec.Code)
		}
		if n := auditFor(t, db, "gig.employer_verified", "person", f.users["person"].User.PersonID, "ok"); n != 1 {
			t.Fatalf("verification audited %d times", n)
		}
		if !inboxHas(t, f, p1, "个人用工已核验") {
			t.Fatal("the person was not told")
		}
		id := f.createGig("person", gigBody(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, p1, "零工已通过审核") {
			t.Fatal("the person employer was not told of the approval")
		}
		g := decode(t, f.do("GET", fmt.Sprintf("/api/v1/gigs/%d", id), "", nil))
		if g["employer"].(map[string]any)["name"] != "王先生" {
			t.Fatalf("employer shown as %v", g["employer"])
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/gigs/%d/signups", id), f.token("person2"), map[string]any{"all": true}); rec.Code != 201 {
			t.Fatalf("sign up: %d %s", rec.Code, rec.Body)
		}
		for who, want := range map[string]int{"person": 200, "person2": 404, "employer": 404, "staff": 200} {
			if rec := f.do("GET", fmt.Sprintf("/api/v1/gigs/%d/signups", id), f.token(who), nil); rec.Code != want {
				t.Errorf("sign-ups as %s: %d, want %d", who, rec.Code, want)
			}
		}
		page := f.page("/gig-posts", p1).Body.String()
		if !strings.Contains(page, "仓库搬运") || !strings.Contains(page, "已核验") {
			t.Fatalf("the person's 零工管理: %s", excerpt(page))
		}
	})
}

// TestGigScreenMarketAndMinimum: the screen compares pay with the median
// of open gigs of the occupation (five or more) and with the district's
// hourly minimum wage on the shift's day (东西湖区, 一档).
func TestGigScreenMarketAndMinimum(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil { // the minimum wage parameter, as serve imports it
			t.Fatal(err)
		}
		for range 5 {
			f.publishedGig("employer", nil) // 25 元/小时, 4-02-06-01
		}
		screen := func(edit func(m map[string]any)) map[string]bool {
			t.Helper()
			rec := f.do("POST", "/api/v1/gigs/screen", "", gigBody(edit))
			if rec.Code != 200 {
				t.Fatalf("screen: %d %s", rec.Code, rec.Body)
			}
			codes := map[string]bool{}
			for _, fl := range decode(t, rec)["flags"].([]any) {
				codes[fl.(map[string]any)["code"].(string)] = true
			}
			return codes
		}
		if c := screen(func(m map[string]any) {
			m["pay_amount"], m["description"] = 90, "轻松简单，日结高薪，无需经验"
		}); !c["above_market"] {
			t.Fatalf("vague 90 元/小时 against a 25 元 market: %v", c)
		}
		if c := screen(func(m map[string]any) { m["pay_amount"] = 15 }); !c["below_min_wage"] {
			t.Fatalf("15 元/小时 in 东西湖区: %v", c)
		}
		if c := screen(nil); len(c) != 0 {
			t.Fatalf("a fair gig flagged: %v", c)
		}
	})
}
