package policy

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// TimeLimit is the 办理时限 a source gives for a policy: the working days the
// bureau takes to answer a complete application, and the days of 公示 after.
type TimeLimit struct {
	ReviewWorkdays int    `json:"review_workdays" yaml:"review_workdays"`
	PublicityDays  int    `json:"publicity_days,omitempty" yaml:"publicity_days,omitempty"`
	Text           string `json:"text,omitempty" yaml:"text,omitempty"`
	Source         string `json:"source,omitempty" yaml:"source,omitempty"` // key in Sources: staff only
}

// NoTimeLimit is said when the catalog gives no time limit or no materials.
const NoTimeLimit = "以经办窗口告知为准"

// TimeLimitText says the 办理时限 in words, or NoTimeLimit.
func (p *Policy) TimeLimitText() string {
	t := p.TimeLimit
	if t == nil || t.ReviewWorkdays <= 0 {
		return NoTimeLimit
	}
	s := fmt.Sprintf("收到完整申请材料后 %d 个工作日内审核", t.ReviewWorkdays)
	if t.PublicityDays > 0 {
		s += fmt.Sprintf("，审核通过后公示 %d 天", t.PublicityDays)
	}
	if t.Text != "" {
		s += "（" + PublicText(t.Text) + "）"
	}
	return s
}

// AnswerBy is the day by which the bureau must answer an application made
// on submitted (in its own time zone): ReviewWorkdays working days (Monday
// to Friday) after it, not counting that day. ok is false when the catalog
// gives no time limit. Public holidays are not known here, so the pages say
// that the date moves with them.
func (p *Policy) AnswerBy(submitted time.Time) (time.Time, bool) {
	t := p.TimeLimit
	if t == nil || t.ReviewWorkdays <= 0 {
		return time.Time{}, false
	}
	d := time.Date(submitted.Year(), submitted.Month(), submitted.Day(), 0, 0, 0, 0, submitted.Location())
	for n := 0; n < t.ReviewWorkdays; {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return d, true
}

// Public returns a copy of p for persons, employers and the public API:
// the compiler's research notes (sources, confidence, doubts, the source of
// the time limit) are dropped and the shown texts are cleared of doubt
// remarks (PublicText), so a catalog stored before they moved to doubts
// still shows none.
func (p *Policy) Public() *Policy {
	q := *p
	q.Sources, q.Confidence, q.Doubts = nil, "", nil
	q.Name, q.Region, q.Issuer, q.DocNo = PublicText(p.Name), PublicText(p.Region), PublicText(p.Issuer), PublicText(p.DocNo)
	q.Channel = PublicText(p.Channel)
	q.Conditions = publicList(p.Conditions)
	q.TargetGroups = publicList(p.TargetGroups)
	q.Materials = publicList(p.Materials)
	q.Benefit.AmountText = PublicText(p.Benefit.AmountText)
	q.Benefit.Example = PublicText(p.Benefit.Example)
	q.Benefit.Extra = nil
	q.Validity.Note = PublicText(p.Validity.Note)
	if p.TimeLimit != nil {
		t := *p.TimeLimit
		t.Source, t.Text = "", PublicText(t.Text)
		q.TimeLimit = &t
	}
	return &q
}

func publicList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = PublicText(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// doubtWords mark a research note (how sure the compiler was of a fact),
// which is for staff, not for the people the text promises something to.
var doubtWords = regexp.MustCompile(`推定|推算|未在来源|已证实|未证实|未核实|待核实|旁证|未读到|未找到|疑为|存疑|记忆`)

// parenthetical matches one bracketed remark, full-width or ASCII.
var parenthetical = regexp.MustCompile(`（[^（）]*）|\([^()]*\)`)

// HasDoubtWords reports whether s carries a research note.
func HasDoubtWords(s string) bool { return doubtWords.MatchString(s) }

// PublicText removes research notes from a shown text, clause by clause
// (between "；"): a bare bracketed verdict on the clause ("（未核实）",
// "（推定）") takes the clause with it, except "（已证实）", which alone goes;
// a longer bracketed remark that carries a note goes; a clause that still
// carries one goes. What is left is what the sources state.
func PublicText(s string) string {
	if !doubtWords.MatchString(s) {
		return s
	}
	const dropClause = "\x00"
	s = parenthetical.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case !doubtWords.MatchString(m):
			return m
		case utf8.RuneCountInString(m) <= 12 && !verified.MatchString(m):
			return dropClause
		}
		return ""
	})
	var keep []string
	for _, c := range strings.Split(s, "；") {
		if c = strings.TrimSpace(c); c != "" && !strings.Contains(c, dropClause) && !doubtWords.MatchString(c) {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, "；")
}

// verified marks a remark that confirms rather than doubts.
var verified = regexp.MustCompile(`^[（(]已证实[）)]$`)
