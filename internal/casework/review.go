package casework

// Quality reviews (质检): each week a supervisor draws a random sample of
// the contact records their team logged and scores each 1–5 with comments;
// an agent reads the reviews of their own records.

import (
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
)

// Review limits.
const (
	MaxComments     = 1000 // runes
	DefaultPerAgent = 3    // records drawn per agent and week unless told otherwise
	MaxPerAgent     = 20
)

// Review is one sampled contact record and, once scored, its review.
type Review struct {
	ID           int64
	ContactID    int64
	AgentID      int64
	AgentName    string
	Team         string
	Week         time.Time // the Monday of the week sampled
	DrawnBy      int64
	DrawnAt      time.Time
	ReviewerID   int64
	ReviewerName string
	Score        int    // 1–5; 0 until reviewed
	Comments     string // sealed at rest: a comment may quote the notes
	ReviewedAt   time.Time
	Contact      *Contact // the record under review
}

// Reviewed reports whether a supervisor has scored the record.
func (r *Review) Reviewed() bool { return r.Score > 0 }

// WeekOf is the Monday (Beijing date, UTC midnight) of the week holding t.
func WeekOf(t time.Time) time.Time {
	d := chinatime.Today(t)
	off := (int(d.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return d.AddDate(0, 0, -off)
}

// LastWeek is the Monday of the last full week before now: what a sample
// drawn on Monday morning covers.
func LastWeek(now time.Time) time.Time { return WeekOf(now).AddDate(0, 0, -7) }

// WeekLabel says a week as its dates: 11月30日–12月6日.
func WeekLabel(monday time.Time) string {
	sun := monday.AddDate(0, 0, 6)
	return monday.Format("1月2日") + "–" + sun.Format("1月2日")
}

// CheckScore checks a review before it is saved.
func CheckScore(score int, comments string) error {
	var f apperr.Fields
	if score < 1 || score > 5 {
		f.Add("score", "请打 1 到 5 分")
	}
	if msg := CheckText(strings.TrimSpace(comments), MaxComments); msg != "" {
		f.Add("comments", msg)
	}
	return f.Err()
}
