package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

// activityBody is a valid activity starting at start (Beijing time) with
// the window from now to close.
func activityBody(title, alloc string, capacity int, opens, closes, start time.Time) map[string]any {
	st := start.In(chinatime.Zone)
	return map[string]any{"kind": "course", "title": title, "description": "零基础，带瑜伽垫", "organiser": "league", "org_name": "团区委",
		"series": "2026年冬季青年夜校", "region_code": "420112", "capacity": capacity, "fee_yuan": 0, "allocation": alloc,
		"opens_at": opens.In(chinatime.Zone).Format("2006-01-02 15:04"), "closes_at": closes.In(chinatime.Zone).Format("2006-01-02 15:04"),
		"sessions": []map[string]any{{"date": st.Format(time.DateOnly), "start": st.Format("15:04"), "end": st.Add(2 * time.Hour).Format("15:04"),
			"place": "区青年之家 3 楼"}}}
}

func (f *fixture) publishActivity(body map[string]any) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/activities", f.token("staff"), body)
	if rec.Code != 201 {
		f.t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	return int64(decode(f.t, rec)["id"].(float64))
}

func TestActivitiesFirstComeWaitlistAndRules(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		var ahead time.Duration
		moveClock(t, db, &ahead)
		f.users["person3"] = f.registerPerson("赵小刚")
		ctx := context.Background()
		now := time.Now()
		// The session starts at 19:00 Beijing time two days on; the window is open now.
		day := chinatime.Today(now).AddDate(0, 0, 2)
		start := time.Date(day.Year(), day.Month(), day.Day(), 19, 0, 0, 0, chinatime.Zone)
		staff := f.token("staff")

		// Bad input: a field error each, and nothing written.
		bad := activityBody("瑜伽", "first_come", 0, now, start.Add(time.Hour), start)
		bad["sessions"] = []map[string]any{{"date": "2026-02-30", "start": "19:00", "end": "18:00", "place": ""}}
		rec := f.do("POST", "/api/v1/activities", staff, bad)
		if rec.Code != 422 {
			t.Fatalf("bad activity: %d %s", rec.Code, rec.Body)
		}
		for _, field := range []string{"capacity", "sessions.0.date", "sessions.0.place"} {
			if !strings.Contains(rec.Body.String(), field) {
				t.Errorf("bad activity: no message for %s in %s", field, rec.Body)
			}
		}
		if n, _ := db.Count(ctx, "activities"); n != 0 {
			t.Fatalf("a refused activity wrote %d rows", n)
		}
		if rec := f.do("POST", "/api/v1/activities", f.token("person"), activityBody("瑜伽", "first_come", 2, now, start, start)); rec.Code != 403 {
			t.Fatalf("a person published: %d", rec.Code)
		}

		id := f.publishActivity(activityBody("青年夜校·瑜伽入门", "first_come", 2, now.Add(-time.Minute), start.Add(-time.Hour), start))
		path := fmt.Sprintf("/api/v1/activities/%d/signups", id)
		statuses := map[string]string{}
		signups := map[string]int64{}
		for _, role := range []string{"person", "person2", "person3"} {
			rec := f.do("POST", path, f.token(role), nil)
			if rec.Code != 201 {
				t.Fatalf("%s signs up: %d %s", role, rec.Code, rec.Body)
			}
			m := decode(t, rec)
			statuses[role], signups[role] = m["status"].(string), int64(m["id"].(float64))
		}
		if statuses["person"] != "confirmed" || statuses["person2"] != "confirmed" || statuses["person3"] != "waitlisted" {
			t.Fatalf("statuses %v", statuses)
		}
		if rec := f.do("POST", path, f.token("person"), nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "不能重复报名") {
			t.Fatalf("second sign-up: %d %s", rec.Code, rec.Body)
		}
		// Overlapping sessions.
		other := f.publishActivity(activityBody("青年夜校·舞蹈", "first_come", 10, now.Add(-time.Minute), start.Add(-time.Hour), start.Add(30*time.Minute)))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", other), f.token("person"), nil); rec.Code != 409 || !strings.Contains(rec.Body.String(), "时间冲突") {
			t.Fatalf("overlapping sign-up: %d %s", rec.Code, rec.Body)
		}
		// Audience rules.
		young := activityBody("少年编程", "first_come", 10, now.Add(-time.Minute), start.Add(-time.Hour), start.Add(72*time.Hour))
		young["max_age"] = 12
		yid := f.publishActivity(young)
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", yid), f.token("person"), nil); rec.Code != 403 || !strings.Contains(rec.Body.String(), "周岁") {
			t.Fatalf("audience: %d %s", rec.Code, rec.Body)
		}
		// Capacity below the seats taken.
		edit := activityBody("青年夜校·瑜伽入门", "first_come", 1, now.Add(-time.Minute), start.Add(-time.Hour), start)
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/activities/%d", id), staff, edit); rec.Code != 422 || !strings.Contains(rec.Body.String(), "名额不能少于 2") {
			t.Fatalf("capacity below taken: %d %s", rec.Code, rec.Body)
		}
		// Someone else's sign-up is answered as missing, and audited.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/cancel", signups["person"]), f.token("person2"), nil); rec.Code != 404 {
			t.Fatalf("cancel another's sign-up: %d", rec.Code)
		}
		// A cancelled seat is offered to the first on the waitlist, who is told and confirms.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/cancel", signups["person"]), f.token("person"), nil); rec.Code != 200 {
			t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
		}
		su, err := f.app.Activities.MySignups(ctx, app.Actor{User: f.users["person3"].User})
		if err != nil || len(su) != 1 || su[0].Status != activity.Offered || !su[0].OfferExpires.After(now) {
			t.Fatalf("person3 after the cancel: %+v %v", su, err)
		}
		if !strings.Contains(f.page("/inbox", f.token("person3")).Body.String(), "候补到位") {
			t.Error("the offer did not reach the inbox")
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/confirm", signups["person3"]), f.token("person3"), nil); rec.Code != 200 ||
			decode(t, rec)["status"] != "confirmed" {
			t.Fatalf("confirm: %d %s", rec.Code, rec.Body)
		}
		act, _, err := f.app.Activities.Roster(ctx, app.Actor{User: f.users["staff"].User}, id)
		if err != nil || act.Taken != 2 || act.Waiting != 0 {
			t.Fatalf("counts after the swap: %+v %v", act, err)
		}

		// Sign-in: not before an hour ahead; the right code; not twice; not without a seat.
		sessionID := act.Sessions[0].ID
		rec = f.do("GET", fmt.Sprintf("/api/v1/activity-sessions/%d/code", sessionID), staff, nil)
		code := decode(t, rec)["code"].(string)
		checkin := func(role, c string) (int, string) {
			rec := f.do("POST", "/api/v1/activities/checkin", f.token(role), map[string]any{"session_id": sessionID, "code": c})
			return rec.Code, rec.Body.String()
		}
		if c, body := checkin("person2", code); c != 409 || !strings.Contains(body, "还没到签到时间") {
			t.Fatalf("early sign-in: %d %s", c, body)
		}
		ahead = start.Sub(now) - 30*time.Minute
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		if c, body := checkin("person2", wrong); c != 422 || !strings.Contains(body, "签到码不对") {
			t.Fatalf("wrong code: %d %s", c, body)
		}
		// Another activity's code does not open this session.
		otherAct, _, err := f.app.Activities.Roster(ctx, app.Actor{User: f.users["staff"].User}, other)
		if err != nil {
			t.Fatal(err)
		}
		otherCode := decode(t, f.do("GET", fmt.Sprintf("/api/v1/activity-sessions/%d/code", otherAct.Sessions[0].ID), f.token("staff"), nil))["code"].(string)
		if otherCode != code {
			if c, body := checkin("person2", otherCode); c != 422 || !strings.Contains(body, "签到码不对") {
				t.Fatalf("another activity's code: %d %s", c, body)
			}
		}
		if c, body := checkin("person2", code[:3]+" "+code[3:]); c != 200 {
			t.Fatalf("sign-in: %d %s", c, body)
		}
		if c, _ := checkin("person2", code); c != 409 {
			t.Fatalf("second sign-in: %d", c)
		}
		if c, body := checkin("person", code); c != 409 || !strings.Contains(body, "没有这个活动的名额") {
			t.Fatalf("sign-in without a seat: %d %s", c, body)
		}
		// Feedback only after attending.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/feedback", signups["person3"]), f.token("person3"), map[string]any{"rating": 5}); rec.Code != 409 {
			t.Fatalf("feedback without attending: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/feedback", signups["person2"]), f.token("person2"), map[string]any{"rating": 9}); rec.Code != 422 {
			t.Fatalf("rating 9: %d", rec.Code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/feedback", signups["person2"]), f.token("person2"), map[string]any{"rating": 5, "comment": "老师很耐心"}); rec.Code != 200 {
			t.Fatalf("feedback: %d %s", rec.Code, rec.Body)
		}
		// After the end: attended and no-show.
		ahead = start.Sub(now) + 3*time.Hour
		if err := f.app.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		_, list, err := f.app.Activities.Roster(ctx, app.Actor{User: f.users["staff"].User}, id)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]activity.SignupStatus{}
		for _, s := range list {
			got[s.ID] = s.Status
		}
		if got[signups["person2"]] != activity.Attended || got[signups["person3"]] != activity.NoShow || got[signups["person"]] != activity.Cancelled {
			t.Fatalf("after the end: %v", got)
		}
		// Pages.
		for path, want := range map[string]string{
			"/night-school":                   "2026年冬季青年夜校",
			"/activities":                     "少年编程", // the yoga class has ended; the calendar shows what is to come
			fmt.Sprintf("/activities/%d", id): "已参加",
			"/me/activities":                  "青年夜校·瑜伽入门",
			fmt.Sprintf("/console/activities/%d/roster", id): "缺席",
		} {
			token := f.token("person2")
			if strings.HasPrefix(path, "/console") {
				token = f.token("staff")
			}
			if rec := f.page(path, token); rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("%s: %d, want %q", path, rec.Code, want)
			}
		}
		if rec := f.page(fmt.Sprintf("/console/activities/%d/roster.xlsx", id), f.token("staff")); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("roster export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		if rec := f.page("/me/activities.ics", f.token("person2")); rec.Code != 200 || !strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
			t.Errorf("ics: %d %s", rec.Code, rec.Body)
		}
		// The private calendar address opens without a login; a forged one does not.
		mine := f.page("/me/activities", f.token("person2")).Body.String()
		i := strings.Index(mine, "/calendar/")
		if i < 0 {
			t.Fatal("no calendar address on 我的活动")
		}
		feed := mine[i : i+strings.Index(mine[i:], ".ics")+4]
		if rec := f.page(feed, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "青年夜校·瑜伽入门") {
			t.Errorf("calendar feed %s: %d", feed, rec.Code)
		}
		if rec := f.page(feed[:len(feed)-6]+"00.ics", ""); rec.Code != 404 {
			t.Errorf("forged calendar address: %d", rec.Code)
		}
		denied, err := db.ListAudit(ctx, audit.Filter{Action: audit.AccessDenied, ObjectType: "activity_signup", ObjectID: strconv.FormatInt(signups["person"], 10)})
		if err != nil || len(denied) == 0 {
			t.Error("the refused cancel of another's sign-up was not audited")
		}
	})
}

func TestActivityLotteryDrawWaitlistAndPublicRecord(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		var ahead time.Duration
		moveClock(t, db, &ahead)
		ctx := context.Background()
		now := time.Now()
		day := chinatime.Today(now).AddDate(0, 0, 3)
		start := time.Date(day.Year(), day.Month(), day.Day(), 19, 0, 0, 0, chinatime.Zone)
		closes := now.Add(2 * time.Hour)
		id := f.publishActivity(activityBody("青年夜校·烘焙", "lottery", 1, now.Add(-time.Minute), closes, start))
		for _, role := range []string{"person", "person2"} {
			rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", id), f.token(role), nil)
			if rec.Code != 201 || decode(t, rec)["status"] != "registered" {
				t.Fatalf("%s enters: %d %s", role, rec.Code, rec.Body)
			}
		}
		// Before the close: no draw, and the seed is not public.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/draw", id), f.token("staff"), nil); rec.Code != 409 {
			t.Fatalf("draw before the close: %d %s", rec.Code, rec.Body)
		}
		lot := decode(t, f.do("GET", fmt.Sprintf("/api/v1/activities/%d/lottery", id), "", nil))
		if lot["seed"] != "" || lot["seed_hash"] == "" {
			t.Fatalf("before the draw: %v", lot)
		}
		seedHash := lot["seed_hash"].(string)
		ahead = 2*time.Hour + time.Minute
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", id), f.token("person"), nil); rec.Code != 409 {
			t.Fatalf("sign-up after the close: %d", rec.Code)
		}
		if err := f.app.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		lot = decode(t, f.do("GET", fmt.Sprintf("/api/v1/activities/%d/lottery", id), "", nil))
		seed := lot["seed"].(string)
		if seed == "" || activity.SeedHash(seed) != seedHash {
			t.Fatalf("the revealed seed does not match its published hash: %v", lot)
		}
		var entries []activity.Entry
		var names []string
		for _, e := range lot["entries"].([]any) {
			m := e.(map[string]any)
			entries = append(entries, activity.Entry{ID: int64(m["id"].(float64)), Tier: int(m["tier"].(float64))})
			names = append(names, m["name"].(string))
		}
		if len(entries) != 2 || activity.EntriesHash(entries) != lot["entries_hash"] {
			t.Fatalf("entries %v, hash %v", entries, lot["entries_hash"])
		}
		drawn := activity.Draw(seed, entries)
		for i := range drawn {
			if drawn[i] != entries[i] {
				t.Fatalf("the published order %v is not the recomputed %v", entries, drawn)
			}
		}
		for _, n := range names {
			if strings.Contains(n, "小明") || strings.Contains(n, "小红") {
				t.Errorf("a name is not masked: %q", n)
			}
		}
		// The winner cancels; the one waiting is offered the seat; a second run does not draw again.
		list, _ := f.app.Activities.MySignups(ctx, app.Actor{User: f.users["person"].User})
		list2, _ := f.app.Activities.MySignups(ctx, app.Actor{User: f.users["person2"].User})
		winner, loser, loserRole := list[0], list2[0], "person2"
		if winner.Status != activity.Confirmed {
			winner, loser, loserRole = list2[0], list[0], "person"
		}
		if winner.Status != activity.Confirmed || loser.Status != activity.Waitlisted || loser.Rank != 2 {
			t.Fatalf("after the draw: %+v %+v", winner, loser)
		}
		if !strings.Contains(f.page("/inbox", f.token(loserRole)).Body.String(), "候补") {
			t.Error("the loser was not told")
		}
		if err := f.app.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		winnerRole := "person"
		if loserRole == "person" {
			winnerRole = "person2"
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activity-signups/%d/cancel", winner.ID), f.token(winnerRole), nil); rec.Code != 200 {
			t.Fatalf("winner cancels: %d %s", rec.Code, rec.Body)
		}
		after, _ := f.app.Activities.MySignups(ctx, app.Actor{User: f.users[loserRole].User})
		if after[0].Status != activity.Offered {
			t.Fatalf("the waitlist was not offered the seat: %+v", after[0])
		}
		// The offer lapses unconfirmed: expired, and the seat is free again.
		ahead = after[0].OfferExpires.Sub(now) + time.Minute
		if err := f.app.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		final, _ := f.app.Activities.MySignups(ctx, app.Actor{User: f.users[loserRole].User})
		act, _, _ := f.app.Activities.Roster(ctx, app.Actor{User: f.users["staff"].User}, id)
		if final[0].Status != activity.Expired || act.Taken != 0 {
			t.Fatalf("after the lapse: %+v, taken %d", final[0], act.Taken)
		}
		if rec := f.page(fmt.Sprintf("/activities/%d/lottery", id), ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), seed) {
			t.Errorf("lottery page: %d", rec.Code)
		}
	})
}

// TestStartupPageListsMentorHours: 我想创业 lists the mentors' office hours
// (activities of kind mentor) to come, and says so when there are none.
func TestStartupPageListsMentorHours(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		if rec := f.page("/startup", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "近期没有安排坐诊") {
			t.Fatalf("/startup without office hours: %d", rec.Code)
		}
		now := time.Now()
		day := chinatime.Today(now).AddDate(0, 0, 4)
		start := time.Date(day.Year(), day.Month(), day.Day(), 14, 0, 0, 0, chinatime.Zone)
		body := activityBody("创业导师坐诊·开业手续", "first_come", 6, now.Add(-time.Minute), start.Add(-24*time.Hour), start)
		body["kind"], body["organiser"], body["org_name"] = "mentor", "bureau", "区创业指导服务中心"
		id := f.publishActivity(body)
		rec := f.page("/startup", "")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "创业导师坐诊·开业手续") || !strings.Contains(rec.Body.String(), fmt.Sprintf("/activities/%d", id)) ||
			!strings.Contains(rec.Body.String(), "余 6 个名额") {
			t.Fatalf("/startup does not list the office hours: %d", rec.Code)
		}
	})
}
