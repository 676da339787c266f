package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/schoolvisit"
	"github.com/jiuye/jiuye/internal/store"
)

// TestSchoolVisitSlotIndex: the partial unique index alone refuses a second
// live booking of a room's slot on a day (a check that lets everything
// through cannot get past it), answering schoolvisit.ErrTaken with nothing
// written; a cancelled booking frees the slot. The teacher's phone reads
// back but is ciphertext in the database.
func TestSchoolVisitSlotIndex(t *testing.T) {
	forEachRaw(t, func(t *testing.T, s rawStore) {
		db, sys := s.db, store.Actor{Role: "system"}
		sv := db.SchoolVisits()
		slots, _ := schoolvisit.ParseSlots("周三 09:00-11:00")
		room := &schoolvisit.Room{Name: "工业机器人", Capacity: 40, Slots: slots, Active: true}
		if err := sv.SaveRoom(ctx, sys, room); err != nil {
			t.Fatal(err)
		}
		if err := sv.SaveRoom(ctx, sys, &schoolvisit.Room{Name: "工业机器人", Capacity: 10, Slots: slots}); apperr.As(err).Fields["name"] == "" {
			t.Fatalf("a second room of the same name: %v", err)
		}
		school, err := sv.EnsureSchool(ctx, sys, "东西湖区实验小学")
		if err != nil {
			t.Fatal(err)
		}
		if again, err := sv.EnsureSchool(ctx, sys, "东西湖区实验小学"); err != nil || again != school {
			t.Fatalf("the school again: %d %v", again, err)
		}
		wed := time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)
		book := func() (*schoolvisit.Booking, error) {
			b := &schoolvisit.Booking{RoomID: room.ID, Date: wed, Start: "09:00", End: "11:00", SchoolID: school, Grade: 4, ClassName: "2班",
				HeadCount: 30, TeacherName: "李老师", TeacherPhone: "13912345678"}
			return b, sv.Book(ctx, sys, b, "", func(*schoolvisit.Room, []*schoolvisit.Booking) error { return nil })
		}
		first, err := book()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := book(); apperr.CodeOf(err) != apperr.Conflict || !strings.Contains(err.Error(), "已被其他班级预约") {
			t.Fatalf("second booking of the slot: %v", err)
		}
		if n, _ := db.Count(ctx, "school_visits"); n != 1 {
			t.Fatalf("%d bookings after the refusal", n)
		}
		var enc []byte
		if err := s.raw.QueryRow("SELECT teacher_phone_enc FROM school_visits").Scan(&enc); err != nil || strings.Contains(string(enc), "13912345678") || len(enc) < 20 {
			t.Fatalf("the phone at rest: %q %v", enc, err)
		}
		got, err := sv.BookingByID(ctx, first.ID)
		if err != nil || got.TeacherPhone != "13912345678" || !got.Date.Equal(wed) || got.SchoolName != "东西湖区实验小学" || got.RoomName != "工业机器人" {
			t.Fatalf("read back: %+v %v", got, err)
		}
		if _, err := sv.CancelBooking(ctx, sys, first.ID, "", func(*schoolvisit.Booking) error { return nil }, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := book(); err != nil {
			t.Fatalf("booking the freed slot: %v", err)
		}
		list, total, err := sv.Bookings(ctx, store.BookingFilter{SchoolID: school, From: wed, To: wed})
		if err != nil || total != 2 || len(list) != 2 {
			t.Fatalf("the day's bookings: %d %d %v", total, len(list), err)
		}
	})
}
