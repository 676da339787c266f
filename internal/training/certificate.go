package training

// 技能评价 and 职业技能等级证书: an evaluation body (a designated provider of
// kind evaluator) schedules a sitting for an occupation and level of its
// scope, registers candidates, records each one's result and score, and
// issues a certificate to each who passed. The number of a certificate is
// unique; the public check (核验) matches a number and the holder's name
// and tells only the occupation, level, issuer and date, never the ID
// number. The rules here are pure; the store keeps the rows.

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// SittingStatus is where a sitting is.
type SittingStatus string

// The sitting statuses.
const (
	SittingScheduled SittingStatus = "scheduled" // 待考: candidates are registered
	SittingRecorded  SittingStatus = "recorded"  // 成绩已登记: every candidate has a result
)

// Label is the status's Chinese name.
func (s SittingStatus) Label() string {
	switch s {
	case SittingScheduled:
		return "待考"
	case SittingRecorded:
		return "成绩已登记"
	}
	return string(s)
}

// Result is a candidate's outcome at a sitting.
type Result string

// The results.
const (
	ResultPending Result = "pending" // 待登记
	ResultPass    Result = "pass"    // 合格
	ResultFail    Result = "fail"    // 不合格
	ResultAbsent  Result = "absent"  // 缺考
)

// Results lists the results an evaluator records, in the order forms offer them.
var Results = []Result{ResultPass, ResultFail, ResultAbsent}

// Label is the result's Chinese name.
func (r Result) Label() string {
	switch r {
	case ResultPending:
		return "待登记"
	case ResultPass:
		return "合格"
	case ResultFail:
		return "不合格"
	case ResultAbsent:
		return "缺考"
	}
	return string(r)
}

// ParseResult reads a result as a form, the API or a spreadsheet gives
// it: the code (pass) or the Chinese name (合格).
func ParseResult(s string) (Result, bool) {
	s = strings.TrimSpace(s)
	for _, r := range Results {
		if s == string(r) || s == r.Label() {
			return r, true
		}
	}
	return "", false
}

// PassMark is the score a pass needs: 职业技能等级认定 scores theory and
// practice out of 100 and a candidate passes with 60 or more in each (人社部
// 《职业技能等级认定工作规程（试行）》); the score recorded here is the lower of
// the two, so a pass below 60 or a fail at 60 or more is a typing error.
const PassMark = 60

// Limits of sittings and certificates.
const (
	MaxCandidates     = 500     // candidates of one sitting
	MaxResultRows     = 1000    // rows of one results import
	MaxResultBytes    = 2 << 20 // bytes of one results import
	MaxNumber         = 30      // characters of a certificate number
	SittingAheadYears = 1       // how far ahead a sitting may be scheduled
)

// Sitting is one 技能评价 session of an evaluation body: an occupation at a
// level, on a day, at a place, for up to Capacity candidates.
type Sitting struct {
	ID           int64
	ProviderID   int64
	ProviderName string // read with the sitting
	Occupation   string
	Level        Level
	HeldOn       time.Time // UTC midnight of the day in China
	Place        string
	Capacity     int
	Status       SittingStatus
	Candidates   int // registered, read with the sitting
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// MayEvaluate says why the provider may not schedule a sitting now (""
// when it may): only a designated evaluation body evaluates.
func (p *Provider) MayEvaluate() string {
	switch {
	case p.Kind != KindEvaluator:
		return "只有评价机构才能组织职业技能等级评价，本机构是" + p.Kind.Label()
	case p.Status == StatusSuspended:
		return "该评价机构已被暂停，暂停期间不能组织评价"
	case p.Status != StatusDesignated:
		return "评价机构尚未认定，认定后才能组织评价"
	}
	return ""
}

// Validate checks a sitting of provider p scheduled on day today (China):
// the provider designated as an evaluation body, the occupation and level
// within its scope (refused with the reason), a day from today to a year
// ahead, a place and a capacity. Field names are the API's.
func (s *Sitting) Validate(occupations *codes.Table, p *Provider, today time.Time) error {
	var f apperr.Fields
	if msg := p.MayEvaluate(); msg != "" {
		f.Add("provider", msg)
	}
	s.Place = strings.TrimSpace(s.Place)
	occOK := false
	if msg := CheckOccupation(occupations, s.Occupation); msg != "" {
		f.Add("occupation_code", msg)
	} else {
		occOK = true
	}
	if !s.Level.Valid() {
		f.Add("level", "请选择等级（五级/初级工 至 一级/高级技师）")
	} else if occOK && !p.Covers(s.Occupation, s.Level) {
		name, _ := occupations.Get(s.Occupation)
		f.Add("level", "“"+name.Name+"”"+s.Level.Label()+"不在本机构的评价认定范围内，不能组织这一职业和等级的评价")
	}
	switch {
	case s.HeldOn.IsZero():
		f.Add("held_on", "请选择评价日期")
	case s.HeldOn.Before(today):
		f.Add("held_on", "评价日期不能早于今天")
	case s.HeldOn.After(today.AddDate(SittingAheadYears, 0, 0)):
		f.Add("held_on", "评价日期不能晚于一年以后")
	}
	registry.CheckRequiredText(&f, "place", s.Place, MaxPlace, "请填写评价地点")
	if s.Capacity < 1 || s.Capacity > MaxCandidates {
		f.Add("capacity", "考生人数上限应在 1 到 "+strconv.Itoa(MaxCandidates)+" 之间")
	}
	return f.Err()
}

// Held reports whether the sitting's day has come on day today (China):
// results are recorded from then on.
func (s *Sitting) Held(today time.Time) bool { return !today.Before(s.HeldOn) }

// Candidate is one person registered for a sitting, with their result.
type Candidate struct {
	SittingID  int64
	PersonID   int64
	PersonName string // read with the candidates
	IDMasked   string // 420112********1234
	ClassID    int64  // the class that trained them (0: registered by ID number)
	Result     Result
	Score      int
	RecordedBy int64
	RecordedAt time.Time
	// Certificate is the number issued to the candidate for this sitting
	// ("" until issued), and CertificateID its id.
	Certificate   string
	CertificateID int64
}

// Issuable reports whether a certificate may still be issued to the candidate.
func (c *Candidate) Issuable() bool { return c.Result == ResultPass && c.Certificate == "" }

// Mark is a result to record for a candidate.
type Mark struct {
	PersonID int64
	Result   Result
	Score    int
}

// CheckMark says what is wrong with a result (field result or score, ""
// when nothing): a known result; a pass needs PassMark or more and a fail
// less (both 0 to 100); an absence has no score.
func CheckMark(m Mark) (field, msg string) {
	switch {
	case !slices.Contains(Results, m.Result):
		return "result", "请选择结果：合格、不合格或缺考"
	case m.Result == ResultAbsent && m.Score != 0:
		return "score", "缺考不填成绩"
	case m.Result == ResultAbsent:
		return "", ""
	case m.Score < 0 || m.Score > 100:
		return "score", "成绩应在 0 到 100 之间"
	case m.Result == ResultPass && m.Score < PassMark:
		return "score", "合格的成绩应不低于 " + strconv.Itoa(PassMark) + " 分，请核对结果或成绩"
	case m.Result == ResultFail && m.Score >= PassMark:
		return "score", "成绩达到 " + strconv.Itoa(PassMark) + " 分应为合格，请核对结果或成绩"
	}
	return "", ""
}

// CertStatus is whether a certificate stands.
type CertStatus string

// The certificate statuses.
const (
	CertValid   CertStatus = "valid"   // 有效
	CertRevoked CertStatus = "revoked" // 已撤销: the check no longer finds it
)

// Label is the status's Chinese name.
func (s CertStatus) Label() string {
	switch s {
	case CertValid:
		return "有效"
	case CertRevoked:
		return "已撤销"
	}
	return string(s)
}

// Certificate is a 职业技能等级证书 issued on the platform.
type Certificate struct {
	ID           int64
	Number       string
	PersonID     int64
	Name         string // the holder's name as printed
	IDNumber     string // the holder's ID number, opened only for the holder's and staff's pages
	IDMasked     string
	Occupation   string
	Level        Level
	ProviderID   int64
	ProviderName string // the issuer, read with the certificate
	SittingID    int64
	IssuedOn     time.Time
	Status       CertStatus
	CreatedAt    time.Time
}

// Verification is what the public verification tells about a certificate found
// by its number and name: never the ID number, never who holds it beyond
// the name the asker gave.
type Verification struct {
	Number     string
	Name       string
	Occupation string // code; the faces show its name
	Level      Level
	Issuer     string
	IssuedOn   time.Time
}

// NormalizeNumber trims a typed certificate number and upper-cases it
// (numbers are letters and digits; a clerk may type them in lower case).
func NormalizeNumber(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// CheckNumber says what is wrong with a normalised certificate number
// ("" when nothing): 6 to MaxNumber letters, digits or hyphens.
func CheckNumber(s string) string {
	if len(s) < 6 || len(s) > MaxNumber {
		return "证书编号应为 6 到 " + strconv.Itoa(MaxNumber) + " 位字母或数字"
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == '-') {
			return "证书编号只能包含字母、数字和连字符"
		}
	}
	return ""
}

// NumberPrefix is the start of the numbers a provider issues in a year
// for a level: S (社会评价), the district's code, the year's last two
// digits, the level, and the provider's id in five digits; a five-digit
// serial follows ("S420112254000120001").
func NumberPrefix(district string, providerID int64, level Level, issuedOn time.Time) string {
	id := strconv.FormatInt(providerID%100000, 10)
	return "S" + district + strconv.Itoa(issuedOn.Year()%100 + 100)[1:] + strconv.Itoa(int(level)) + strings.Repeat("0", 5-len(id)) + id
}

// NextNumber is the number after last (the highest issued with prefix;
// "" for none): the serial plus one, in five digits (or more past 99999).
func NextNumber(prefix, last string) string {
	n := 0
	if s, ok := strings.CutPrefix(last, prefix); ok {
		n, _ = strconv.Atoi(s)
	}
	serial := strconv.Itoa(n + 1)
	if len(serial) < 5 {
		serial = strings.Repeat("0", 5-len(serial)) + serial
	}
	return prefix + serial
}

// ResultRow is one row of a results import: 身份证号, 姓名, 结果, 成绩.
type ResultRow struct {
	IDNumber string
	Name     string
	Result   string
	Score    string
}

// ResultColumns are the results template's columns, in order.
var ResultColumns = []string{"身份证号", "姓名", "结果", "成绩"}

// Check normalises the row and says what is wrong with it, column by
// column (nil when nothing is), with the mark it records.
func (t *ResultRow) Check(now time.Time) (Mark, []RowIssue) {
	var out []RowIssue
	t.IDNumber, t.Name, t.Result, t.Score = strings.TrimSpace(t.IDNumber), strings.TrimSpace(t.Name), strings.TrimSpace(t.Result), strings.TrimSpace(t.Score)
	if info, err := registry.ParseIDNumber(t.IDNumber, now); err != nil {
		out = append(out, RowIssue{"身份证号", err.Error()})
	} else {
		t.IDNumber = info.Number
	}
	if t.Name == "" {
		out = append(out, RowIssue{"姓名", "请填写姓名"})
	}
	var m Mark
	r, ok := ParseResult(t.Result)
	if !ok {
		return m, append(out, RowIssue{"结果", "结果应为 合格、不合格 或 缺考"})
	}
	m.Result = r
	if t.Score != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(t.Score, ".0"))
		if err != nil {
			return m, append(out, RowIssue{"成绩", "成绩应为 0 到 100 的整数"})
		}
		m.Score = n
	} else if r != ResultAbsent {
		return m, append(out, RowIssue{"成绩", "请填写成绩（缺考可不填）"})
	}
	if field, msg := CheckMark(m); field != "" {
		col := "成绩"
		if field == "result" {
			col = "结果"
		}
		out = append(out, RowIssue{col, msg})
	}
	return m, out
}
