package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestActivityJourney: a young person enters a night-school lottery on a
// phone; having missed a course last term, the organiser's no-show rule
// draws them after the others and they lose, so they are on the waitlist;
// when the winner cancels, the seat is offered and they confirm it; at the
// door they type the session's code; afterwards they rate the course.
// The lottery's public record and the staff's roster and code pages are
// visited too. Every page passes axe-core and fits the phone's width.
func TestActivityJourney(t *testing.T) {
	forEachStore(t, "activity-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		var ahead time.Duration
		db.SetClock(func() time.Time { return time.Now().Add(ahead) })
		a, ts := newSite(t, db)
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 15))
		staffPhone := registry.GeneratePhone(rng)
		staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "团区委陈", Phone: staffPhone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		young := func(name string) (*account.User, string) {
			phone := registry.GeneratePhone(rng)
			id := registry.GenerateIDNumber(rng, "420112", time.Date(2001, 5, 1+rng.IntN(27), 0, 0, 0, 0, time.UTC), rng.IntN(2) == 0)
			u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: name, IDNumber: id, Phone: phone, Password: staffPassword})
			if err != nil {
				t.Fatal(err)
			}
			return u, phone
		}
		me, myPhone := young("林晓雨")
		other, _ := young("周子豪")
		now := time.Now()
		day := func(d, hh int) time.Time {
			x := chinatime.Today(now).AddDate(0, 0, d)
			return time.Date(x.Year(), x.Month(), x.Day(), hh, 0, 0, 0, chinatime.Zone)
		}
		// Last term: a course she had a seat for and never came to.
		past := &activity.Activity{Kind: activity.KindCourse, Title: "青年夜校·陶艺", Description: "秋季课程", Organiser: activity.ByLeague,
			OrgName: "团区委", RegionCode: "420112001", Capacity: 10, OpensAt: day(-40, 9), ClosesAt: day(-35, 9), Allocation: activity.Lottery,
			Sessions: []activity.Session{{Start: day(-30, 19), End: day(-30, 21), Place: "青年之家"}}}
		if err := db.Activities().CreateActivity(ctx, store.Actor{Role: "system"}, past, "秋季种子"); err != nil {
			t.Fatal(err)
		}
		if err := db.Activities().InsertEntries(ctx, past.ID, []int64{me.PersonID}, day(-38, 9)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Activities().Draw(ctx, store.Actor{Role: "system"}, past.ID, day(-35, 10), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Activities().FinishEnded(ctx, now); err != nil {
			t.Fatal(err)
		}
		// This term's course: one seat, entries for an hour, the no-show rule at one.
		course, err := a.Activities.Publish(ctx, app.Actor{User: staff}, app.ActivityInput{Kind: "course", Title: "青年夜校·汉绣",
			Description: "非遗手工汉绣入门，材料由夜校提供。", Organiser: "league", OrgName: "团区委", Series: "2026年冬季青年夜校", RegionCode: "420112001",
			Capacity: 1, MinAge: 16, MaxAge: 35, Allocation: "lottery", NoShowLimit: 1,
			OpensAt:  now.Add(-time.Minute).In(chinatime.Zone).Format("2006-01-02 15:04"),
			ClosesAt: now.Add(time.Hour).In(chinatime.Zone).Format("2006-01-02 15:04"),
			Sessions: []app.ActivitySessionInput{{Date: day(2, 19).Format(time.DateOnly), Start: "19:00", End: "21:00", Place: "东西湖区青年之家 3 楼"}}})
		if err != nil {
			t.Fatal(err)
		}
		coursePath := "/activities/" + itoa(course.ID)

		b := newBrowser(t, exe, ts.URL, shots)
		b.login(myPhone, staffPassword, "/me")
		b.load("activities from the home page", 200, "/activities", press(`a[href="/activities"]`))
		b.noHorizontalScroll("/activities")
		b.load("open the course", 200, coursePath, press(`a[href="`+coursePath+`"]`))
		if got := b.bodyText(); !strings.Contains(got, "公平抽签") || !strings.Contains(got, "近一年缺席 1 次及以上的排在其他人之后") {
			t.Fatalf("course page: %s", got)
		}
		b.submit(coursePath+"/signup", 200, coursePath)
		if got := b.text("p.flash") + b.bodyText(); !strings.Contains(got, "已登记，等待抽签") {
			t.Fatalf("after entering: %s", got)
		}
		b.shot("entered")
		if _, err := a.Activities.SignUp(ctx, app.Actor{User: other}, course.ID); err != nil {
			t.Fatal(err)
		}

		// The window closes; the minute task draws.
		ahead = time.Hour + time.Minute
		if err := a.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		b.login(myPhone, staffPassword, "/me")
		b.open(coursePath, 200)
		if got := b.bodyText(); !strings.Contains(got, "候补中（抽签顺序第 2 位）") {
			t.Fatalf("after the draw: %s", got)
		}
		b.load("the lottery's record", 200, coursePath+"/lottery", press(`a[href="`+coursePath+`/lottery"]`))
		if got := b.bodyText(); !strings.Contains(got, "候补") || !strings.Contains(got, "种子") {
			t.Fatalf("lottery page: %s", got)
		}
		b.noHorizontalScroll(coursePath + "/lottery")

		// The winner cancels: the seat is offered to her; she confirms it.
		theirs, _ := a.Activities.MySignups(ctx, app.Actor{User: other})
		if _, err := a.Activities.CancelSignup(ctx, app.Actor{User: other}, theirs[0].ID); err != nil {
			t.Fatal(err)
		}
		b.open("/me/activities", 200)
		if got := b.bodyText(); !strings.Contains(got, "候补到位，待确认") {
			t.Fatalf("my activities: %s", got)
		}
		b.open(coursePath, 200)
		mine, _ := a.Activities.MySignups(ctx, app.Actor{User: me})
		confirm := "/activity-signups/" + itoa(mine[0].ID) + "/confirm"
		b.submit(confirm, 200, coursePath)
		if got := b.bodyText(); !strings.Contains(got, "您的报名：报名成功") {
			t.Fatalf("after confirming: %s", got)
		}
		b.logout()
		// The organiser's roster with her seat (its buttons pass axe too).
		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/activities/"+itoa(course.ID)+"/roster", 200)
		if got := b.bodyText(); !strings.Contains(got, "林晓雨") || !strings.Contains(got, "报名成功") || !strings.Contains(got, "代签到") {
			t.Fatalf("roster: %s", got)
		}
		b.logout()

		// At the door: the staff show the code; she types it.
		ahead = day(2, 19).Sub(now) - 20*time.Minute
		code, err := a.Activities.SessionCode(ctx, app.Actor{User: staff}, course.Sessions[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		b.login(myPhone, staffPassword, "/me")
		b.load("sign-in page", 200, "/activities/checkin", press(`a[href="/activities/checkin"]`))
		b.typeInto("f-session_id", itoa(course.Sessions[0].ID))
		b.typeInto("f-code", "000000")
		if code.Code == "000000" {
			b.typeInto("f-code", "111111")
		}
		b.submit("/activities/checkin", 422, "/activities/checkin")
		if msg := b.text("#e-code"); !strings.Contains(msg, "签到码不对") {
			t.Fatalf("wrong code: %q", msg)
		}
		b.typeInto("f-code", code.Code[:3]+" "+code.Code[3:])
		b.submit("/activities/checkin", 200, "/activities/checkin")
		if got := b.bodyText(); !strings.Contains(got, "签到成功") {
			t.Fatalf("sign-in: %s", got)
		}
		b.shot("signed-in")

		// Afterwards: the course is closed as attended, and she rates it.
		ahead = day(2, 22).Sub(now)
		if err := a.RunTask(ctx, app.TaskActivities, ""); err != nil {
			t.Fatal(err)
		}
		b.login(myPhone, staffPassword, "/me")
		b.open(coursePath, 200)
		b.do("five points", chromedp.Click(chromedp.CSS(`input[name=rating][value="5"]`)))
		b.typeText("f-comment", "针法讲得很细，想报进阶班")
		b.submit("/activity-signups/"+itoa(mine[0].ID)+"/feedback", 200, coursePath)
		if got := b.bodyText(); !strings.Contains(got, "已参加") || !strings.Contains(got, "您的评价：5 分") {
			t.Fatalf("after rating: %s", got)
		}
		b.noHorizontalScroll(coursePath)
		b.logout()

		// The organiser's pages.
		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/activities", 200)
		if got := b.bodyText(); !strings.Contains(got, "青年夜校·汉绣") {
			t.Fatalf("console list: %s", got)
		}
		b.open("/console/activity-sessions/"+itoa(course.Sessions[0].ID)+"/code", 200)
		b.open("/console/activities/new", 200)
		b.noHorizontalScroll("/console/activities/new")
		b.noBrokenLabels("/console/activities/new")
	})
}
