package jobs

import "time"

// SavedJob is a post a person saved (收藏), with when.
type SavedJob struct {
	Post    *Post
	SavedAt time.Time
}

// Report is a user's 举报 of a post: a reason from ReportReasons and
// optional words. Open reports bring the post into the review queue.
type Report struct {
	ID        int64
	PostID    int64
	UserID    int64
	Reason    string
	Note      string
	Status    string // ReportOpen, ReportDismissed, ReportUpheld
	CreatedAt time.Time
	DecidedBy int64
	DecidedAt time.Time
}

// Report statuses.
const (
	ReportOpen      = "open"
	ReportDismissed = "dismissed" // the reviewer found nothing wrong
	ReportUpheld    = "upheld"    // the post was taken down
)

// ReportReasons are the reasons a user picks from.
var ReportReasons = []string{
	"虚假招聘（岗位或单位不存在）",
	"收取费用（押金、培训费、体检费等）",
	"薪资待遇与实际不符",
	"歧视性要求（性别、年龄、地域等）",
	"涉嫌传销、诈骗或违法活动",
	"联系方式或信息错误",
	"其他",
}

// MaxReportNote is the longest note a report may carry, in characters.
const MaxReportNote = 200

// ValidReportReason reports whether r is one of ReportReasons.
func ValidReportReason(r string) bool {
	for _, x := range ReportReasons {
		if x == r {
			return true
		}
	}
	return false
}
