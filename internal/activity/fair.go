package activity

// Job fairs and labour-cooperation events (issue 15 item 3): an activity
// of kind fair or labour has booths. An enterprise applies for one, staff
// approve it at a place on a grid (row letter, column number: "B3") or
// reject it with a reason; at the fair a job seeker scans the booth's QR
// code to send their resume to that employer; after the fair the employer
// records the intentions reached and the hires, so the fair's results are
// counted, not guessed.

import (
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// HasBooths reports whether activities of kind k have booths: job fairs
// and labour-cooperation events.
func (k Kind) HasBooths() bool { return k == KindFair || k == KindLabour }

// BoothStatus is where an enterprise's booth application stands.
type BoothStatus string

// The booth statuses: applied → approved (with a place) | rejected (with a reason).
const (
	BoothApplied  BoothStatus = "applied"
	BoothApproved BoothStatus = "approved"
	BoothRejected BoothStatus = "rejected"
)

// Label is the status's Chinese name.
func (s BoothStatus) Label() string {
	switch s {
	case BoothApplied:
		return "待审核"
	case BoothApproved:
		return "已通过"
	case BoothRejected:
		return "未通过"
	}
	return string(s)
}

// Limits of a fair's booths.
const (
	MaxGrid    = 20     // rows (A–T) and columns of a booth map
	MaxReason  = 200    // a rejection's reason, in runes
	MaxResults = 10_000 // intentions or hires recorded for one booth
	// ScanMargin is how long before the first session and after the last
	// one a booth's QR code sends resumes tagged with the fair.
	ScanMargin = 2 * time.Hour
)

// Booth is an enterprise's booth at a fair.
type Booth struct {
	ID             int64
	ActivityID     int64
	EnterpriseID   int64
	EnterpriseName string // read with the booth
	Row, Col       int    // the place on the map from 1; 0 until approved
	Status         BoothStatus
	Reason         string // why it was rejected
	Intentions     int    // 意向: recorded by the employer after the fair
	Hires          int    // 录用
	RecordedAt     time.Time
	Resumes        int // resumes sent by scanning the booth's QR code (read with the booth)
	DecidedAt      time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Place is the booth's number on the map, "B3", or "" before approval.
func (b *Booth) Place() string { return PlaceName(b.Row, b.Col) }

// PlaceName is the number of the place at row and col (from 1): the row's
// letter and the column, "B3"; "" when either is 0.
func PlaceName(row, col int) string {
	if row < 1 || col < 1 || row > 26 {
		return ""
	}
	return string(rune('A'+row-1)) + strconv.Itoa(col)
}

// CheckPlace checks a place staff give a booth (fields row and col).
func CheckPlace(row, col int) error {
	var f apperr.Fields
	if row < 1 || row > MaxGrid {
		f.Add("row", "请选择排（A 到 "+PlaceName(MaxGrid, 1)[:1]+"）")
	}
	if col < 1 || col > MaxGrid {
		f.Add("col", "列号应在 1 到 "+strconv.Itoa(MaxGrid)+" 之间")
	}
	return f.Err()
}

// CheckRejection checks the reason of a rejected booth (field reason).
func CheckRejection(reason string) error {
	var f apperr.Fields
	registry.CheckRequiredText(&f, "reason", reason, MaxReason, "请填写不通过的原因，企业会收到")
	return f.Err()
}

// CheckResults checks the intentions and hires an employer records
// (fields intentions and hires): whole numbers, hires not above the
// intentions.
func CheckResults(intentions, hires int) error {
	var f apperr.Fields
	switch {
	case intentions < 0 || intentions > MaxResults:
		f.Add("intentions", "达成意向人数应在 0 到 "+strconv.Itoa(MaxResults)+" 之间")
	case hires < 0 || hires > MaxResults:
		f.Add("hires", "录用人数应在 0 到 "+strconv.Itoa(MaxResults)+" 之间")
	case hires > intentions:
		f.Add("hires", "录用人数不应多于达成意向人数（录用的人也算达成意向）")
	}
	return f.Err()
}

// BoothRefusal says why an enterprise may not apply for a booth at a at
// now ("" when it may): only at a fair or labour event not cancelled and
// not yet started.
func BoothRefusal(a *Activity, now time.Time) string {
	switch {
	case !a.Kind.HasBooths():
		return "只有招聘会和劳务协作活动设展位"
	case a.Status == StatusCancelled:
		return "活动已取消"
	case !now.Before(a.Start()):
		return "活动已经开始，不能再申请展位"
	}
	return ""
}

// ScanRefusal says why a booth's QR code does not send resumes now ("" when
// it does): from ScanMargin before the fair's first session to ScanMargin
// after its last.
func ScanRefusal(a *Activity, now time.Time) string {
	switch {
	case a.Status == StatusCancelled:
		return "招聘会已取消"
	case now.Before(a.Start().Add(-ScanMargin)):
		return "招聘会还没开始：现场扫码投递在招聘会当天开放。现在可以在岗位页面直接申请"
	case !now.Before(a.End().Add(ScanMargin)):
		return "招聘会已经结束，现场扫码投递已关闭。可以在岗位页面直接申请"
	}
	return ""
}

// ResultsRefusal says why a booth's results may not be recorded now (""
// when they may): an approved booth, once the fair has started.
func ResultsRefusal(a *Activity, b *Booth, now time.Time) string {
	switch {
	case b.Status != BoothApproved:
		return "展位未通过审核，没有招聘结果可登记"
	case now.Before(a.Start()):
		return "招聘会开始后才能登记意向和录用人数"
	}
	return ""
}

// FairTotals are a fair's results as counted.
type FairTotals struct {
	Booths        int // approved
	Applied       int // waiting for a decision
	Preregistered int // sign-ups not cancelled or lapsed
	Resumes       int // resumes sent by scanning a booth's QR code
	Intentions    int // recorded by the employers
	Hires         int // recorded by the employers
	HiredOnBoard  int // resumes sent at the fair that the employer moved to hired on the job board
	Recorded      int // booths whose results were recorded
}

// BoothGrid is the booth map's layout: Rows × Cols places, Cells[r][c]
// the approved booth at row r+1, column c+1 (nil: an empty place).
type BoothGrid struct {
	Rows, Cols int
	Cells      [][]*Booth
}

// Grid lays out the approved booths: the smallest grid holding them, at
// least 2 rows of 4 places, so an empty map still reads as a map.
func Grid(booths []*Booth) BoothGrid {
	g := BoothGrid{Rows: 2, Cols: 4}
	for _, b := range booths {
		if b.Status == BoothApproved && b.Row > 0 && b.Col > 0 {
			g.Rows, g.Cols = max(g.Rows, min(b.Row, MaxGrid)), max(g.Cols, min(b.Col, MaxGrid))
		}
	}
	g.Cells = make([][]*Booth, g.Rows)
	for r := range g.Cells {
		g.Cells[r] = make([]*Booth, g.Cols)
	}
	for _, b := range booths {
		if b.Status == BoothApproved && b.Row > 0 && b.Col > 0 && b.Row <= g.Rows && b.Col <= g.Cols {
			g.Cells[b.Row-1][b.Col-1] = b
		}
	}
	return g
}
