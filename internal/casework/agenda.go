package casework

import (
	"fmt"
	"sort"
	"time"
)

// AgendaKind is what an agenda item is about.
type AgendaKind string

// The agenda's kinds of things worth saying on a call.
const (
	AgendaSubsidy  AgendaKind = "subsidy"  // an eligible subsidy not yet applied for
	AgendaResume   AgendaKind = "resume"   // a diagnosis finding not fixed
	AgendaPosts    AgendaKind = "posts"    // new matching posts since the last contact
	AgendaOutcome  AgendaKind = "outcome"  // a 3/6/12-month outcome check that is due
	AgendaFollowUp AgendaKind = "followup" // a follow-up due today or overdue
	AgendaApp      AgendaKind = "app"      // an application that moved (interview, hire, rejection)
)

// Label is the kind's Chinese name, shown as the item's tag.
func (k AgendaKind) Label() string {
	switch k {
	case AgendaSubsidy:
		return "未申领补贴"
	case AgendaResume:
		return "简历待完善"
	case AgendaPosts:
		return "新匹配岗位"
	case AgendaOutcome:
		return "就业回访"
	case AgendaFollowUp:
		return "到期跟进"
	case AgendaApp:
		return "求职进展"
	}
	return string(k)
}

// AgendaItem is one thing worth saying on this call, with why.
type AgendaItem struct {
	Kind   AgendaKind `json:"kind"`
	Label  string     `json:"label"`
	Title  string     `json:"title"`
	Detail string     `json:"detail"`
	Link   string     `json:"link,omitempty"`
	Weight int        `json:"weight"`
}

// Facts are what the agenda is ranked from, gathered by the use case.
type Facts struct {
	Today       time.Time // Beijing date
	LastContact time.Time // zero: never contacted
	Subsidies   []SubsidyFact
	Findings    []FindingFact
	NewPosts    []PostFact
	Checks      []CheckFact
	FollowUps   []FollowUpFact
	Apps        []AppFact
}

// SubsidyFact is an eligible policy the person has not applied for.
type SubsidyFact struct {
	PolicyID string
	Name     string
	Amount   string    // as it is paid ("一次性 3,000 元", "每月约 2,210 元，最长 36 个月")
	Yuan     float64   // one payment, for ranking
	Deadline time.Time // zero: no end date known
}

// FindingFact is an open diagnosis finding.
type FindingFact struct {
	Title    string
	Severity int // 3 serious, 2 should fix, 1 hint
	Link     string
}

// PostFact is a matching post published since the last contact.
type PostFact struct {
	ID    int64
	Title string
	Score int
}

// CheckFact is a due outcome check (months after the person was served).
type CheckFact struct {
	Months int
	Due    time.Time
	Label  string // "话务服务 3 个月回访"
	Link   string // where the outcome is recorded
}

// FollowUpFact is an open follow-up of the person.
type FollowUpFact struct {
	ID      int64
	Purpose string
	Due     time.Time
}

// AppFact is an application whose status changed since the last contact.
type AppFact struct {
	ID     int64
	Title  string
	Status string // label
}

// MaxAgenda is how many items the agenda shows: a call has time for a few.
const MaxAgenda = 5

// Agenda ranks the facts into the few things worth saying, most important
// first. Urgency comes from deadlines and due dates; a subsidy closing
// within two weeks outranks everything, a check or follow-up overdue comes
// next, then money the person is leaving on the table, fixes to the resume
// and news. It is pure so the ranking is tested without a database.
func Agenda(f Facts) []AgendaItem {
	var out []AgendaItem
	add := func(k AgendaKind, w int, title, detail, link string) {
		out = append(out, AgendaItem{Kind: k, Label: k.Label(), Title: title, Detail: detail, Link: link, Weight: w})
	}
	for _, s := range f.Subsidies {
		w, detail := 60, s.Amount
		if s.Yuan >= 1000 {
			w += 5
		}
		if !s.Deadline.IsZero() {
			days := daysBetween(f.Today, s.Deadline)
			switch {
			case days < 0:
				continue // closed: nothing to say
			case days <= 14:
				w = 100 - days
				detail += fmt.Sprintf("；%d 天后截止（%s）", days, s.Deadline.Format("2006-01-02"))
			case days <= 60:
				w += 10
				detail += "；截止 " + s.Deadline.Format("2006-01-02")
			}
		}
		add(AgendaSubsidy, w, "可申领："+s.Name, detail, "/policies/"+s.PolicyID)
	}
	for _, c := range f.FollowUps {
		days := daysBetween(f.Today, c.Due)
		if days > 0 {
			continue
		}
		w, when := 80, "今天到期"
		if days < 0 {
			w, when = 85, fmt.Sprintf("已逾期 %d 天", -days)
		}
		add(AgendaFollowUp, w, "跟进："+c.Purpose, when, "")
	}
	for _, c := range f.Checks {
		days := daysBetween(f.Today, c.Due)
		if days > 14 {
			continue
		}
		w := 75
		if days < 0 {
			w = 82
		}
		title := c.Label
		if title == "" {
			title = fmt.Sprintf("%d 个月就业回访", c.Months)
		}
		add(AgendaOutcome, w, title, "询问目前是否就业、单位、岗位和收入（应于 "+c.Due.Format("2006-01-02")+" 回访）", c.Link)
	}
	for _, a := range f.Apps {
		add(AgendaApp, 55, "求职进展："+a.Title, "状态："+a.Status, fmt.Sprintf("/console/job-applications/%d", a.ID))
	}
	for _, fd := range f.Findings {
		add(AgendaResume, 40+fd.Severity*6, "简历："+fd.Title, "可在通话中代为补充", fd.Link)
	}
	if n := len(f.NewPosts); n > 0 {
		top := f.NewPosts[0]
		detail := "最匹配：" + top.Title
		if n > 1 {
			detail = fmt.Sprintf("共 %d 个，最匹配：%s", n, top.Title)
		}
		title := "有新的匹配岗位"
		if !f.LastContact.IsZero() {
			title = "上次联系后新发布的匹配岗位"
		}
		add(AgendaPosts, 45+min(n, 10), title, detail, fmt.Sprintf("/jobs/%d", top.ID))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	return limitKinds(out)
}

// limitKinds keeps at most two items of one kind and MaxAgenda in all, so
// four findings do not crowd out the subsidy.
func limitKinds(items []AgendaItem) []AgendaItem {
	seen := map[AgendaKind]int{}
	out := items[:0]
	for _, it := range items {
		if seen[it.Kind] >= 2 || len(out) == MaxAgenda {
			continue
		}
		seen[it.Kind]++
		out = append(out, it)
	}
	return out
}

// daysBetween counts calendar days from a to b (negative when b is before a).
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
