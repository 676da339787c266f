package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestSchoolVisitJourney: 职业启蒙 on a phone. A primary school's teacher
// picks a free slot of a room on the calendar and books it for a class;
// a middle school's teacher asks for the same slot and is refused, the
// message next to the slot field and what they typed kept; each school
// sees its own bookings. Staff then book another slot for the middle
// school, picked from the list, which its teacher then sees. Every page
// passes axe-core and fits the phone's width.
func TestSchoolVisitJourney(t *testing.T) {
	forEachStore(t, "schoolvisit-journey", runSchoolVisitJourney)
}

func runSchoolVisitJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 29))
	user := func(role, name, school string) (string, app.Actor) {
		phone := registry.GeneratePhone(rng)
		u, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword, School: school}, true)
		if err != nil {
			t.Fatal(err)
		}
		return phone, app.Actor{User: u}
	}
	staffPhone, staff := user("staff", "职校刘", "")
	primaryPhone, _ := user("school", "王老师", "东西湖区实验小学")
	middlePhone, middle := user("school", "张老师", "东西湖区第一初级中学")
	room, err := a.SchoolVisits.SaveRoom(ctx, staff, 0, app.RoomInput{Name: "工业机器人", Description: "看机械臂分拣，动手编一段程序。",
		Capacity: 40, Slots: "周三 09:00-11:00\n周三 14:00-16:00", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	wed := chinatime.Today(time.Now()).AddDate(0, 0, 1)
	for wed.Weekday() != time.Wednesday {
		wed = wed.AddDate(0, 0, 1)
	}
	date := wed.Format(time.DateOnly)
	slotLink := "/school-visits/book?room=" + itoa(room.ID) + "&date=" + date + "&slot=09%3a00" // as the page escapes it
	fill := func(b *browser, class, heads, teacher string) {
		b.do("grade", chromedp.SetValue(chromedp.CSS("#f-grade"), "5"))
		b.typeInto("f-class_name", class)
		b.typeInto("f-head_count", heads)
		b.typeInto("f-teacher_name", teacher)
		b.typeInto("f-teacher_phone", "13912345678")
	}

	b := newBrowser(t, exe, ts.URL, shots)

	// The primary school books Wednesday 09:00 from the calendar.
	b.login(primaryPhone, staffPassword, "/me/school-visits")
	b.load("the calendar", 200, "/school-visits", press(`a[href="/school-visits"]`))
	b.noHorizontalScroll("/school-visits")
	b.load("pick the slot", 200, "/school-visits/book", press(`a[href="`+slotLink+`"]`))
	if b.value("f-room_id") != itoa(room.ID) || b.value("f-date") != date || b.value("f-slot") != "09:00" {
		t.Fatalf("the form is not filled from the calendar: %q %q %q", b.value("f-room_id"), b.value("f-date"), b.value("f-slot"))
	}
	fill(b, "3班", "38", "王丽")
	b.noHorizontalScroll("/school-visits/book")
	b.submit("/school-visits/bookings", 200, "/me/school-visits")
	if got := b.bodyText(); !strings.Contains(got, "预约成功") || !strings.Contains(got, "五年级3班，38 人") || !strings.Contains(got, "工业机器人") {
		t.Fatalf("after booking: %s", got)
	}
	b.noHorizontalScroll("/me/school-visits")
	b.shot("booked")
	b.logout()

	// The middle school asks for the same slot: refused by the slot field.
	b.login(middlePhone, staffPassword, "/me/school-visits")
	b.open("/school-visits", 200)
	if n := eval[int](b, `document.querySelectorAll('a[href="`+slotLink+`"]').length`); n != 0 {
		t.Fatal("the calendar still offers the booked slot")
	}
	b.open(slotLink, 200)
	fill(b, "2班", "30", "张明")
	b.submit("/school-visits/bookings", 409, "/school-visits/bookings")
	if msg := b.text("#e-slot"); !strings.Contains(msg, "该时段已被其他班级预约") {
		t.Fatalf("the refusal next to the slot: %q", msg)
	}
	if eval[string](b, `document.querySelector("#f-slot").getAttribute("aria-invalid")`) != "true" {
		t.Error("the slot field is not marked invalid")
	}
	if b.value("f-class_name") != "2班" || b.value("f-teacher_name") != "张明" {
		t.Fatal("the form lost what was typed")
	}
	b.noHorizontalScroll("/school-visits/bookings")
	b.shot("slot-taken")
	b.open("/me/school-visits", 200)
	if got := b.bodyText(); !strings.Contains(got, "共 0 条预约") || strings.Contains(got, "王丽") {
		t.Fatalf("the middle school's bookings: %s", got)
	}
	b.logout()

	// Staff book the afternoon slot for the middle school, which then sees it.
	b.login(staffPhone, staffPassword, "/console")
	b.open("/console/school-visits", 200)
	b.load("book for a school", 200, "/console/school-visits/book", press(`a[href="/console/school-visits/book"]`))
	b.do("the school", chromedp.SetValue(chromedp.CSS("#f-school_id"), itoa(middle.User.SchoolID)))
	b.do("the room", chromedp.SetValue(chromedp.CSS("#f-room_id"), itoa(room.ID)))
	b.typeInto("f-date", wed.Format("01022006"))
	if b.value("f-date") != date {
		b.do("the date", chromedp.SetValue(chromedp.CSS("#f-date"), date))
	}
	b.do("the slot", chromedp.SetValue(chromedp.CSS("#f-slot"), "14:00"))
	fill(b, "2班", "30", "张明")
	b.noHorizontalScroll("/console/school-visits/book")
	b.submit("/console/school-visits/bookings", 200, "/console/school-visits")
	if got := b.bodyText(); !strings.Contains(got, "已代学校预约") || !strings.Contains(got, "东西湖区第一初级中学") {
		t.Fatalf("after booking for the school: %s", got)
	}
	b.open("/console/schools", 200)
	b.noHorizontalScroll("/console/schools")
	b.logout()
	b.login(middlePhone, staffPassword, "/me/school-visits")
	if got := b.bodyText(); !strings.Contains(got, "共 1 条预约") || !strings.Contains(got, "14:00–16:00") {
		t.Fatalf("the middle school's bookings after staff booked: %s", got)
	}
	b.shot("booked-by-staff")
}
