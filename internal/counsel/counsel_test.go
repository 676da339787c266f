package counsel

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestSlotValidate(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	start := now.Add(48 * time.Hour)
	ok := Slot{Start: start, End: start.Add(time.Hour), Mode: InPerson, Place: "咨询室"}
	if err := ok.Validate(now); err != nil {
		t.Fatalf("valid slot: %v", err)
	}
	for _, c := range []struct {
		field string
		edit  func(s *Slot)
	}{
		{"start", func(s *Slot) { s.Start, s.End = now.Add(-time.Hour), now }},
		{"start", func(s *Slot) { s.Start, s.End = now.AddDate(0, 0, 91), now.AddDate(0, 0, 91).Add(time.Hour) }},
		{"end", func(s *Slot) { s.End = s.Start.Add(10 * time.Minute) }},
		{"end", func(s *Slot) { s.End = s.Start.Add(3 * time.Hour) }},
		{"mode", func(s *Slot) { s.Mode = "letter" }},
		{"place", func(s *Slot) { s.Place = "  " }},
	} {
		s := ok
		c.edit(&s)
		if e := apperr.As(s.Validate(now)); e == nil || e.Fields[c.field] == "" {
			t.Errorf("%s: want a field error, got %v", c.field, e)
		}
	}
	phone := Slot{Start: start, End: start.Add(time.Hour), Mode: Phone}
	if err := phone.Validate(now); err != nil {
		t.Errorf("a phone slot needs no place: %v", err)
	}
}

func TestBookingRules(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	b := &Booking{Status: Booked, Slot: Slot{Start: now.Add(time.Hour), End: now.Add(2 * time.Hour)}}
	if msg := b.CanCancel(now); msg != "" {
		t.Errorf("cancel before the start: %q", msg)
	}
	if msg := b.CanCancel(now.Add(90 * time.Minute)); !strings.Contains(msg, "已经开始") {
		t.Errorf("cancel after the start: %q", msg)
	}
	if msg := b.CanClose(now); !strings.Contains(msg, "开始后") {
		t.Errorf("close before the start: %q", msg)
	}
	if msg := b.CanClose(now.Add(90 * time.Minute)); msg != "" {
		t.Errorf("close after the start: %q", msg)
	}
	b.Status = Cancelled
	if b.CanCancel(now) == "" || b.CanClose(now.Add(90*time.Minute)) == "" {
		t.Error("a cancelled booking was cancelled or closed again")
	}
	if CheckConcern(strings.Repeat("字", MaxConcern)) != nil || CheckConcern(strings.Repeat("字", MaxConcern+1)) == nil {
		t.Error("the concern's limit is not 500 characters")
	}
	if CheckNotes(strings.Repeat("字", MaxNotes)) != nil || CheckNotes(strings.Repeat("字", MaxNotes+1)) == nil {
		t.Error("the notes' limit is not 5000 characters")
	}
}
