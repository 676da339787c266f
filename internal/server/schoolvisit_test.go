package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/schoolvisit"
	"github.com/jiuye/jiuye/internal/store"
)

// nextWeekday is the first day after today (Beijing) falling on wd, at
// least ahead days on.
func nextWeekday(now time.Time, wd time.Weekday, ahead int) time.Time {
	d := chinatime.Today(now).AddDate(0, 0, ahead)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// visitRoom adds a room through the API (as staff) open on Wednesdays
// 09:00–11:00 and 14:00–16:00 for capacity pupils.
func (f *fixture) visitRoom(name string, capacity int) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/school-visits/rooms", f.token("staff"), map[string]any{"name": name, "capacity": capacity, "active": true,
		"description": "参观实训室，动手体验", "slots": "周三 09:00-11:00\n周三 14:00-16:00"})
	if rec.Code != 201 {
		f.t.Fatalf("add room: %d %s", rec.Code, rec.Body)
	}
	return int64(decode(f.t, rec)["id"].(float64))
}

func visitBody(room int64, day time.Time, slot string, heads int) map[string]any {
	return map[string]any{"room_id": room, "date": day.Format(time.DateOnly), "slot": slot, "grade": 5, "class_name": "3班",
		"head_count": heads, "teacher_name": "李老师", "teacher_phone": "13912345678"}
}

// matrixRoom is a room of the route matrix (added once).
func (f *fixture) matrixRoom() string {
	f.t.Helper()
	rooms, err := f.db.SchoolVisits().Rooms(context.Background(), false)
	if err != nil {
		f.t.Fatal(err)
	}
	if len(rooms) > 0 {
		return strconv.FormatInt(rooms[0].ID, 10)
	}
	return strconv.FormatInt(f.visitRoom("矩阵实训室", 40), 10)
}

// matrixVisit is a booking by "school" (made once).
func (f *fixture) matrixVisit() string {
	f.t.Helper()
	room, _ := strconv.ParseInt(f.matrixRoom(), 10, 64)
	list, _, err := f.db.SchoolVisits().Bookings(context.Background(), store.BookingFilter{RoomID: room})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(list) > 0 {
		return strconv.FormatInt(list[0].ID, 10)
	}
	rec := f.do("POST", "/api/v1/school-visits/bookings", f.token("school"), visitBody(room, nextWeekday(f.app.Now(), time.Wednesday, 1), "09:00", 30))
	if rec.Code != 201 {
		f.t.Fatalf("matrix booking: %d %s", rec.Code, rec.Body)
	}
	return strconv.FormatInt(int64(decode(f.t, rec)["id"].(float64)), 10)
}

func TestSchoolVisits(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		ctx := context.Background()
		f.schoolUser("school", "东西湖区实验小学")
		f.schoolUser("school2", "东西湖区第一初级中学")
		f.schoolUser("school1b", "东西湖区实验小学") // another teacher of the same school
		if f.users["school"].User.SchoolID != f.users["school1b"].User.SchoolID || f.users["school"].User.SchoolID == f.users["school2"].User.SchoolID {
			t.Fatalf("schools: %d %d %d", f.users["school"].User.SchoolID, f.users["school1b"].User.SchoolID, f.users["school2"].User.SchoolID)
		}
		now := f.app.Now()
		wed := nextWeekday(now, time.Wednesday, 1)
		school, school2, staff := f.token("school"), f.token("school2"), f.token("staff")

		// Rooms: bad slots are a field error; a person may not add one.
		if rec := f.do("POST", "/api/v1/school-visits/rooms", staff, map[string]any{"name": "坏", "capacity": 0, "slots": "周八 9点"}); rec.Code != 422 ||
			!strings.Contains(rec.Body.String(), "capacity") || !strings.Contains(rec.Body.String(), "无法识别") {
			t.Fatalf("bad room: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/school-visits/rooms", f.token("person"), map[string]any{"name": "x"}); rec.Code != 403 {
			t.Fatalf("a person added a room: %d", rec.Code)
		}
		room := f.visitRoom("工业机器人", 40)

		// Book.
		path := "/api/v1/school-visits/bookings"
		rec := f.do("POST", path, school, visitBody(room, wed, "09:00", 38))
		if rec.Code != 201 {
			t.Fatalf("book: %d %s", rec.Code, rec.Body)
		}
		first := decode(t, rec)
		firstID := int64(first["id"].(float64))
		if first["slot_end"] != "11:00" || first["school_name"] != "东西湖区实验小学" || first["teacher_phone"] != "13912345678" {
			t.Fatalf("booking: %v", first)
		}

		count := func() int64 { n, _ := db.Count(ctx, "school_visits"); return n }
		bad := []struct {
			name   string
			body   map[string]any
			status int
			field  string
		}{
			{"double booking", visitBody(room, wed, "09:00", 20), 409, "已被其他班级预约"},
			{"over capacity", visitBody(room, wed, "14:00", 41), 422, "head_count"},
			{"wrong weekday", visitBody(room, wed.AddDate(0, 0, 1), "09:00", 20), 422, "slot"},
			{"no such slot", visitBody(room, wed, "10:00", 20), 422, "14:00–16:00"},
			{"past date", visitBody(room, wed.AddDate(0, 0, -7), "09:00", 20), 422, "date"},
			{"today", visitBody(room, chinatime.Today(now), "09:00", 20), 422, "date"},
			{"too far", visitBody(room, nextWeekday(now, time.Wednesday, 91), "09:00", 20), 422, "90 天"},
			{"no teacher phone", func() map[string]any { b := visitBody(room, wed, "14:00", 20); b["teacher_phone"] = "123"; return b }(), 422, "teacher_phone"},
			{"grade", func() map[string]any { b := visitBody(room, wed, "14:00", 20); b["grade"] = 10; return b }(), 422, "grade"},
		}
		before := count()
		for _, c := range bad {
			rec := f.do("POST", path, school2, c.body)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.field) {
				t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body)
			}
		}
		if n := count(); n != before {
			t.Fatalf("refused bookings wrote %d rows", n-before)
		}
		// Staff book only for a school they name (TestSchoolVisitsForSchool).
		if rec := f.do("POST", path, staff, visitBody(room, wed, "14:00", 20)); rec.Code != 422 || !strings.Contains(rec.Body.String(), "school_id") {
			t.Fatalf("staff booked for no school: %d %s", rec.Code, rec.Body)
		}
		if n := count(); n != before {
			t.Fatalf("a booking for no school wrote %d rows", n-before)
		}

		// The school sees its bookings (also its other teacher), not another's.
		list := decode(t, f.do("GET", path, f.token("school1b"), nil))
		if list["total"].(float64) != 1 {
			t.Fatalf("the school's bookings: %v", list)
		}
		if list := decode(t, f.do("GET", path, school2, nil)); list["total"].(float64) != 0 {
			t.Fatalf("another school's list: %v", list)
		}
		if list := decode(t, f.do("GET", path, staff, nil)); list["total"].(float64) != 1 {
			t.Fatalf("staff's list: %v", list)
		}
		one := fmt.Sprintf("%s/%d", path, firstID)
		denied := func() int {
			es, err := db.ListAudit(ctx, audit.Filter{Action: audit.AccessDenied, ObjectType: "school_visit"})
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		d0 := denied()
		if rec := f.do("GET", one, school2, nil); rec.Code != 404 {
			t.Fatalf("another school's booking: %d", rec.Code)
		}
		if rec := f.do("POST", one+"/cancel", school2, nil); rec.Code != 404 {
			t.Fatalf("another school cancels: %d", rec.Code)
		}
		if rec := f.do("POST", "/school-visits/bookings/"+strconv.FormatInt(firstID, 10)+"/cancel", school2, nil); rec.Code != 404 {
			t.Fatalf("another school cancels on the page: %d", rec.Code)
		}
		if d := denied() - d0; d != 3 {
			t.Fatalf("%d denied accesses audited, want 3", d)
		}
		if rec := f.do("GET", path+"/999999", school2, nil); rec.Code != 404 || !strings.Contains(rec.Body.String(), "预约不存在") {
			t.Fatalf("a missing booking: %d %s", rec.Code, rec.Body)
		}
		// Staff cancel only with a reason.
		if rec := f.do("POST", one+"/cancel", staff, map[string]any{}); rec.Code != 422 {
			t.Fatalf("staff cancel without reason: %d %s", rec.Code, rec.Body)
		}

		// Cancelling frees the slot; another school takes it.
		if rec := f.do("POST", one+"/cancel", school, nil); rec.Code != 200 || decode(t, rec)["status"] != "cancelled" {
			t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", one+"/cancel", school, nil); rec.Code != 409 {
			t.Fatalf("cancel twice: %d", rec.Code)
		}
		rec = f.do("POST", path, school2, visitBody(room, wed, "09:00", 40))
		if rec.Code != 201 {
			t.Fatalf("book the freed slot: %d %s", rec.Code, rec.Body)
		}
		secondID := int64(decode(t, rec)["id"].(float64))
		// Staff cancel with a reason; the teacher who booked is told.
		if rec := f.do("POST", fmt.Sprintf("%s/%d/cancel", path, secondID), staff, map[string]any{"reason": "实训室设备检修"}); rec.Code != 200 {
			t.Fatalf("staff cancel: %d %s", rec.Code, rec.Body)
		}
		if !strings.Contains(f.page("/inbox", school2).Body.String(), "设备检修") {
			t.Error("the school was not told of the cancel")
		}

		// Concurrent bookings of one slot: exactly one succeeds, the rest 409.
		const n = 8
		codes := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tok := school
				if i%2 == 1 {
					tok = school2
				}
				codes[i] = f.do("POST", path, tok, visitBody(room, wed, "14:00", 10+i)).Code
			}()
		}
		wg.Wait()
		ok, conflict := 0, 0
		for _, c := range codes {
			switch c {
			case 201:
				ok++
			case 409:
				conflict++
			}
		}
		if ok != 1 || conflict != n-1 {
			t.Fatalf("concurrent bookings: %v", codes)
		}
		live, _, err := db.SchoolVisits().Bookings(ctx, store.BookingFilter{RoomID: room, Status: schoolvisit.Booked})
		if err != nil || len(live) != 1 {
			t.Fatalf("live bookings after the race: %d %v", len(live), err)
		}

		// The calendar: the taken slot, free ones, and the school's own booking named only to it.
		cal := decode(t, f.do("GET", "/api/v1/school-visits/calendar?from="+wed.Format(time.DateOnly), "", nil))
		slots := cal["slots"].([]any)
		if len(slots) < 2 {
			t.Fatalf("calendar: %v", cal)
		}
		s0, s1 := slots[0].(map[string]any), slots[1].(map[string]any)
		if s0["free"] != true || s1["free"] != false || s1["booking"] != nil {
			t.Fatalf("calendar slots: %v %v", s0, s1)
		}

		// Pages render, with the form's errors in place.
		for _, pg := range []struct{ path, token, want string }{
			{"/school-visits", "", "工业机器人"},
			{"/school-visits?from=" + wed.Format(time.DateOnly), school, "预约 " + schoolvisit.DayText(wed)},
			{"/school-visits/book?room=" + strconv.FormatInt(room, 10) + "&date=" + wed.Format(time.DateOnly) + "&slot=09:00", school, "东西湖区实验小学"},
			{"/me/school-visits", school, "工业机器人"},
			{"/console/school-visits", staff, "东西湖区第一初级中学"},
			{"/console/school-visits/rooms/new", staff, "每周开放时段"},
			{"/console/school-visits/rooms/" + strconv.FormatInt(room, 10) + "/edit", staff, "周三 09:00-11:00"},
		} {
			rec := f.page(pg.path, pg.token)
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), pg.want) {
				t.Errorf("%s: %d, want %q in\n%s", pg.path, rec.Code, pg.want, rec.Body)
			}
		}
		if rec := f.page("/school-visits?from=2026-02-30", ""); rec.Code != 422 {
			t.Errorf("bad from: %d", rec.Code)
		}
		// The booking form: a taken slot re-renders the form with what was typed.
		form := map[string][]string{"room_id": {strconv.FormatInt(room, 10)}, "date": {wed.Format(time.DateOnly)}, "slot": {"14:00"},
			"grade": {"7"}, "class_name": {"初一(2)班"}, "head_count": {"30"}, "teacher_name": {"张老师"}, "teacher_phone": {"13800001111"}}
		rec = f.form("/school-visits/bookings", school, form)
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "已被其他班级预约") || !strings.Contains(rec.Body.String(), "初一(2)班") {
			t.Fatalf("taken slot on the page: %d %s", rec.Code, rec.Body)
		}
		form["slot"] = []string{"09:00"}
		form["head_count"] = []string{"abc"}
		if rec := f.form("/school-visits/bookings", school, form); rec.Code != 422 || !strings.Contains(rec.Body.String(), "请填写参观人数") {
			t.Fatalf("bad head count on the page: %d %s", rec.Code, rec.Body)
		}
		form["head_count"] = []string{"30"}
		if rec := f.form("/school-visits/bookings", school, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("book on the page: %d %s", rec.Code, rec.Body)
		}
		// Both lists export, audited.
		for _, p := range []struct{ path, token string }{{"/me/school-visits.xlsx", school}, {"/console/school-visits.xlsx", staff}} {
			rec := f.page(p.path, p.token)
			if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
				t.Errorf("%s: %d %s", p.path, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
		es, err := db.ListAudit(ctx, audit.Filter{Action: "school_visit.export"})
		if err != nil || len(es) != 2 {
			t.Fatalf("export audits: %d %v", len(es), err)
		}
	})
}
