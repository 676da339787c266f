package training_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/training"
)

// TestOverlapAndEnrol: sessions overlap on the same day at overlapping
// times only; a class takes enrolments once filed and before it starts.
func TestOverlapAndEnrol(t *testing.T) {
	s := func(d, a, b string) training.Session { return training.Session{Date: day(d), Start: a, End: b} }
	for _, c := range []struct {
		a, b training.Session
		want bool
	}{
		{s("2025-07-05", "09:00", "12:00"), s("2025-07-05", "11:00", "14:00"), true},
		{s("2025-07-05", "09:00", "17:00"), s("2025-07-05", "10:00", "11:00"), true},
		{s("2025-07-05", "09:00", "12:00"), s("2025-07-05", "12:00", "14:00"), false}, // back to back
		{s("2025-07-05", "09:00", "12:00"), s("2025-07-06", "09:00", "12:00"), false},
	} {
		if c.a.Overlaps(c.b) != c.want || c.b.Overlaps(c.a) != c.want {
			t.Errorf("%v / %v: want %v", c.a, c.b, c.want)
		}
	}
	cls := goodClass()
	cls.Normalize()
	if cl, ok := training.FindClash(cls, "焊工班", []training.Session{s("2025-07-12", "16:00", "18:00")}); !ok ||
		!strings.Contains(cl.Message(), "焊工班") || !strings.Contains(cl.Message(), "2025-07-12 16:00–18:00") {
		t.Errorf("clash: %+v %v", cl, ok)
	}
	if _, ok := training.FindClash(cls, "x", []training.Session{s("2025-07-12", "17:00", "18:00")}); ok {
		t.Error("a session starting as another ends clashes")
	}
	before := time.Date(2025, 7, 5, 0, 59, 0, 0, time.UTC) // 08:59 in China
	if msg := cls.MayEnrol(before); !strings.Contains(msg, "备案") {
		t.Errorf("a pending class takes enrolments: %q", msg)
	}
	cls.Status = training.ClassApproved
	if msg := cls.MayEnrol(before); msg != "" {
		t.Errorf("before the first session: %q", msg)
	}
	if msg := cls.MayEnrol(before.Add(time.Minute)); !strings.Contains(msg, "开课") {
		t.Errorf("at the first session: %q", msg)
	}
}

// TestRateAndCheckin: the rate counts the sessions begun; the threshold
// is met over all sessions; sign-in is open on the session's day only.
func TestRateAndCheckin(t *testing.T) {
	ss := []training.Session{{ID: 1, Date: day("2025-07-05"), Start: "09:00", End: "12:00"},
		{ID: 2, Date: day("2025-07-06"), Start: "09:00", End: "12:00"},
		{ID: 3, Date: day("2025-07-07"), Start: "09:00", End: "12:00"},
		{ID: 4, Date: day("2025-07-08"), Start: "09:00", End: "12:00"},
		{ID: 5, Date: day("2025-07-09"), Start: "09:00", End: "12:00"}}
	on := func(d, clock string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", d+" "+clock, chinatime.Zone)
		return t
	}
	r := training.RateOf(ss, map[int64]bool{1: true}, on("2025-07-06", "10:00"))
	if r.Held != 2 || r.Attended != 1 || r.Percent() != 50 || r.Text() != "1/2 次（50%）" {
		t.Errorf("rate mid-class: %+v %s", r, r.Text())
	}
	if r := training.RateOf(ss, nil, on("2025-07-05", "08:00")); r.Held != 0 || r.Value() != 0 || r.Text() != "尚未开课" {
		t.Errorf("rate before the class: %+v", r)
	}
	if r := training.RateOf(ss, map[int64]bool{1: true}, on("2025-07-05", "08:50")); r.Held != 1 || r.Percent() != 100 {
		t.Errorf("signed in before the start: %+v", r)
	}
	four := map[int64]bool{1: true, 2: true, 3: true, 5: true}
	if r := training.RateOf(ss, four, on("2025-07-10", "10:00")); !r.Meets(0.8) || r.Meets(0.81) || r.Percent() != 80 {
		t.Errorf("4 of 5 against 80%%: %+v", r)
	}
	three := map[int64]bool{1: true, 2: true, 3: true}
	if training.RateOf(ss, three, on("2025-07-10", "10:00")).Meets(0.8) {
		t.Error("3 of 5 meets 80%")
	}
	if err := training.CheckinOpen(ss[0], on("2025-07-05", "23:59")); err != nil {
		t.Errorf("on the day: %v", err)
	}
	for _, at := range []time.Time{on("2025-07-04", "23:59"), on("2025-07-06", "00:00")} {
		if err := training.CheckinOpen(ss[0], at); err == nil || !strings.Contains(err.Error(), "当天") {
			t.Errorf("sign-in at %v: %v", at, err)
		}
	}
}

// TestTraineeRow: an import row needs a valid ID number and a name; a
// phone, when given, must be a mobile number.
func TestTraineeRow(t *testing.T) {
	now := day("2025-06-02")
	good := training.TraineeRow{IDNumber: " 11010519491231002x ", Name: " 王芳 ", Phone: "138-0710-0000"}
	if issues := good.Check(now); issues != nil || good.IDNumber != "11010519491231002X" || good.Name != "王芳" || good.Phone != "13807100000" {
		t.Fatalf("good row: %v %+v", issues, good)
	}
	for _, c := range []struct {
		row    training.TraineeRow
		column string
	}{
		{training.TraineeRow{IDNumber: "110105194912310021", Name: "王芳"}, "身份证号"}, // check digit
		{training.TraineeRow{IDNumber: "1101051949", Name: "王芳"}, "身份证号"},
		{training.TraineeRow{IDNumber: "11010519491231002X", Name: ""}, "姓名"},
		{training.TraineeRow{IDNumber: "11010519491231002X", Name: "王芳", Phone: "12345"}, "手机号"},
	} {
		issues := c.row.Check(now)
		if len(issues) != 1 || issues[0].Column != c.column || issues[0].Reason == "" {
			t.Errorf("%+v: %v", c.row, issues)
		}
	}
}
