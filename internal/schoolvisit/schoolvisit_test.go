package schoolvisit

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestParseSlots(t *testing.T) {
	ss, bad := ParseSlots("周三 14:00-16:00\n星期一 9:00–11:30；礼拜天 09：00 至 10:00\r\n\n3 08:00~09:00")
	if bad != "" {
		t.Fatal(bad)
	}
	want := "0 09:00-10:00\n1 09:00-11:30\n3 08:00-09:00\n3 14:00-16:00"
	if got := FormatSlots(ss); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	back, bad := ParseSlots(FormatSlots(ss))
	if bad != "" || FormatSlots(back) != want {
		t.Fatalf("round trip: %q %s", FormatSlots(back), bad)
	}
	if SlotsText(ss[:1]) != "周日 09:00-10:00" || ss[3].Text() != "周三 14:00–16:00" {
		t.Fatalf("texts: %q %q", SlotsText(ss[:1]), ss[3].Text())
	}
	for _, in := range []string{"周八 09:00-10:00", "周一 9点-10点", "周一", "周一 09:00"} {
		if _, bad := ParseSlots(in); !strings.Contains(bad, "无法识别") {
			t.Errorf("%q: %q", in, bad)
		}
	}
}

func TestRoomValidate(t *testing.T) {
	ss, _ := ParseSlots("周三 09:00-11:00\n周三 10:00-12:00\n周四 11:00-10:00")
	r := &Room{Name: "", Capacity: 0, Slots: ss}
	f := apperr.As(r.Validate()).Fields
	for _, k := range []string{"name", "capacity", "slots"} {
		if f[k] == "" {
			t.Errorf("no message for %s: %v", k, f)
		}
	}
	ok, _ := ParseSlots("周三 09:00-11:00\n周三 11:00-12:00")
	if err := (&Room{Name: "3D 打印", Capacity: 30, Slots: ok}).Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestBookingValidate(t *testing.T) {
	slots, _ := ParseSlots("周三 09:00-11:00\n周三 14:00-16:00\n周五 09:00-11:00")
	room := &Room{ID: 1, Name: "西点烘焙", Capacity: 30, Slots: slots, Active: true}
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC) // a Monday
	wed := today.AddDate(0, 0, 2)
	good := func() *Booking {
		return &Booking{RoomID: 1, Date: wed, Start: "14:00", Grade: 5, ClassName: "3班", HeadCount: 30, TeacherName: "李老师", TeacherPhone: "13912345678"}
	}
	b := good()
	if err := b.Validate(room, today); err != nil || b.End != "16:00" {
		t.Fatalf("good booking: %v %q", err, b.End)
	}
	cases := []struct {
		name  string
		edit  func(*Booking)
		field string
		text  string
	}{
		{"today", func(b *Booking) { b.Date = today }, "date", "今天之后"},
		{"past", func(b *Booking) { b.Date = today.AddDate(0, 0, -5) }, "date", "今天之后"},
		{"too far", func(b *Booking) { b.Date = today.AddDate(0, 0, 93) }, "date", "90"},
		{"closed weekday", func(b *Booking) { b.Date = today.AddDate(0, 0, 1) }, "slot", "开放日为周三、周五"},
		{"other hours", func(b *Booking) { b.Start = "10:00" }, "slot", "09:00–11:00、14:00–16:00"},
		{"over capacity", func(b *Booking) { b.HeadCount = 31 }, "head_count", "最多容纳 30 人"},
		{"no pupils", func(b *Booking) { b.HeadCount = 0 }, "head_count", "人数"},
		{"grade", func(b *Booking) { b.Grade = 0 }, "grade", "年级"},
		{"class", func(b *Booking) { b.ClassName = "" }, "class_name", "班级"},
		{"teacher", func(b *Booking) { b.TeacherName = "" }, "teacher_name", "老师"},
	}
	for _, c := range cases {
		b := good()
		c.edit(b)
		f := apperr.As(b.Validate(room, today)).Fields
		if !strings.Contains(f[c.field], c.text) {
			t.Errorf("%s: %v", c.name, f)
		}
	}
	closed := *room
	closed.Active = false
	if f := apperr.As(good().Validate(&closed, today)).Fields; f["room_id"] == "" {
		t.Errorf("closed room: %v", f)
	}
}

func TestCanCancelAndLabels(t *testing.T) {
	b := &Booking{Date: time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC), Start: "09:00", Status: Booked}
	start := b.StartsAt()
	if start != time.Date(2026, 12, 9, 1, 0, 0, 0, time.UTC) {
		t.Fatalf("starts at %v", start)
	}
	if err := b.CanCancel(start.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if apperr.CodeOf(b.CanCancel(start)) != apperr.Conflict {
		t.Fatal("cancelled after the start")
	}
	b.Status = Cancelled
	if apperr.CodeOf(b.CanCancel(start.Add(-time.Hour))) != apperr.Conflict {
		t.Fatal("cancelled twice")
	}
	if Grade(7).Label() != "七年级（初一）" || Grade(1).Label() != "一年级" || Grade(10).Valid() || b.DateText() != "12月9日 周三" {
		t.Fatal("labels")
	}
}
