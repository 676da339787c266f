package activity

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestPlaceNameAndGrid(t *testing.T) {
	for _, c := range []struct {
		row, col int
		want     string
	}{{1, 1, "A1"}, {2, 3, "B3"}, {20, 20, "T20"}, {0, 3, ""}, {2, 0, ""}} {
		if got := PlaceName(c.row, c.col); got != c.want {
			t.Errorf("PlaceName(%d, %d) = %q, want %q", c.row, c.col, got, c.want)
		}
	}
	g := Grid(nil)
	if g.Rows != 2 || g.Cols != 4 || len(g.Cells) != 2 || len(g.Cells[0]) != 4 {
		t.Fatalf("empty grid %+v", g)
	}
	a := &Booth{ID: 1, Row: 3, Col: 6, Status: BoothApproved}
	waiting := &Booth{ID: 2, Status: BoothApplied}
	rejected := &Booth{ID: 3, Row: 1, Col: 1, Status: BoothRejected}
	g = Grid([]*Booth{a, waiting, rejected})
	if g.Rows != 3 || g.Cols != 6 || g.Cells[2][5] != a || g.Cells[0][0] != nil {
		t.Fatalf("grid %+v", g)
	}
}

func TestBoothRules(t *testing.T) {
	if err := CheckPlace(0, 21); apperr.As(err).Fields["row"] == "" || apperr.As(err).Fields["col"] == "" {
		t.Errorf("CheckPlace(0, 21) = %v", err)
	}
	if err := CheckPlace(20, 20); err != nil {
		t.Errorf("CheckPlace(20, 20) = %v", err)
	}
	if err := CheckResults(2, 3); apperr.As(err).Fields["hires"] == "" {
		t.Errorf("more hires than intentions: %v", err)
	}
	if err := CheckResults(-1, 0); apperr.As(err).Fields["intentions"] == "" {
		t.Errorf("negative intentions: %v", err)
	}
	if err := CheckResults(5, 5); err != nil {
		t.Errorf("CheckResults(5, 5) = %v", err)
	}
	if err := CheckRejection(""); err == nil {
		t.Error("a rejection without a reason passed")
	}

	start := time.Date(2026, 12, 12, 1, 30, 0, 0, time.UTC)
	fair := &Activity{Kind: KindFair, Status: StatusOpen, StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	if BoothRefusal(fair, start.Add(-time.Hour)) != "" || BoothRefusal(fair, start) == "" {
		t.Error("booths are applied for until the fair starts")
	}
	if BoothRefusal(&Activity{Kind: KindCourse, StartsAt: start, EndsAt: start}, start.Add(-time.Hour)) == "" {
		t.Error("a course has no booths")
	}
	for _, c := range []struct {
		at   time.Time
		open bool
	}{{start.Add(-ScanMargin - time.Minute), false}, {start.Add(-ScanMargin), true}, {start.Add(4 * time.Hour), true}, {start.Add(5 * time.Hour), false}} {
		if got := ScanRefusal(fair, c.at) == ""; got != c.open {
			t.Errorf("scan at %v: open %v, want %v", c.at, got, c.open)
		}
	}
	b := &Booth{Status: BoothApproved}
	if ResultsRefusal(fair, b, start.Add(-time.Minute)) == "" || ResultsRefusal(fair, b, start) != "" {
		t.Error("results are recorded from the fair's start")
	}
	if ResultsRefusal(fair, &Booth{Status: BoothRejected}, start) == "" {
		t.Error("a rejected booth has results")
	}
}

func TestStationValidate(t *testing.T) {
	s := &Station{Name: " 咸丰县劳务工作站 ", Kind: StationLabour, Region: "湖北省恩施州咸丰县", ContactName: "向站长", ContactPhone: "0718-6832100"}
	s.Normalize()
	if err := s.Validate(); err != nil || s.Name != "咸丰县劳务工作站" {
		t.Fatalf("valid station: %v %q", err, s.Name)
	}
	s.ID = 7
	// By id, not by name: a renamed station keeps its events.
	if !s.Organises(&Activity{Organiser: ByStation, OrgName: "咸丰县劳务站（旧名）", StationID: 7}) ||
		s.Organises(&Activity{Organiser: ByStation, OrgName: "咸丰县劳务工作站", StationID: 8}) ||
		s.Organises(&Activity{Organiser: ByBureau, OrgName: "咸丰县劳务工作站", StationID: 7}) {
		t.Error("Organises")
	}
	bad := &Station{Kind: "x", ContactPhone: "abc"}
	f := apperr.As(bad.Validate()).Fields
	for _, k := range []string{"name", "kind", "region", "contact_name", "contact_phone"} {
		if f[k] == "" {
			t.Errorf("no message for %s: %v", k, f)
		}
	}
	if StationUniversity.Label() != "高校联络站" || StationLabour.Organiser() != ByStation {
		t.Error("labels")
	}
}
