// Package casework is the call centre (话务中心) and its tracking (跟踪评估):
// contacts with persons and enterprises, follow-ups and queues, the call's
// agenda, outcomes of the people served and the cohort reports built from
// them. It holds types, validation and pure rules; no I/O.
package casework

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Channel is how a contact happened.
type Channel string

// The contact channels.
const (
	Phone  Channel = "phone"
	Visit  Channel = "visit"
	WeChat Channel = "wechat"
	WalkIn Channel = "walkin"
)

// Channels lists every channel in display order.
var Channels = []Channel{Phone, Visit, WeChat, WalkIn}

// Label is the channel's Chinese name.
func (c Channel) Label() string {
	switch c {
	case Phone:
		return "电话"
	case Visit:
		return "走访"
	case WeChat:
		return "微信"
	case WalkIn:
		return "来访"
	}
	return string(c)
}

// Direction says who reached out.
type Direction string

// The contact directions.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
)

// Directions lists both directions.
var Directions = []Direction{Outbound, Inbound}

// Label is the direction's Chinese name.
func (d Direction) Label() string {
	if d == Inbound {
		return "来电/来访"
	}
	if d == Outbound {
		return "去电/走访"
	}
	return string(d)
}

// Topic is what a contact was about (the seed's service lines).
type Topic string

// The contact topics.
const (
	TopicResume  Topic = "resume"  // 简历诊断
	TopicCareer  Topic = "career"  // 职业介绍
	TopicPolicy  Topic = "policy"  // 政策宣传
	TopicJobs    Topic = "jobs"    // 岗位推荐
	TopicCounsel Topic = "counsel" // 心理疏导
	TopicVacancy Topic = "vacancy" // 岗位收集 (enterprise contacts)
	TopicOther   Topic = "other"   // 其他
)

// Topics lists every topic in display order.
var Topics = []Topic{TopicResume, TopicCareer, TopicPolicy, TopicJobs, TopicCounsel, TopicVacancy, TopicOther}

// Label is the topic's Chinese name.
func (t Topic) Label() string {
	switch t {
	case TopicResume:
		return "简历诊断"
	case TopicCareer:
		return "职业介绍"
	case TopicPolicy:
		return "政策宣传"
	case TopicJobs:
		return "岗位推荐"
	case TopicCounsel:
		return "心理疏导"
	case TopicVacancy:
		return "岗位收集"
	case TopicOther:
		return "其他"
	}
	return string(t)
}

// Valid reports whether t is a known topic.
func (t Topic) Valid() bool {
	for _, x := range Topics {
		if t == x {
			return true
		}
	}
	return false
}

// Result is how a contact ended.
type Result string

// The contact results.
const (
	Reached   Result = "reached"  // 已沟通
	NoAnswer  Result = "noanswer" // 未接通
	Callback  Result = "callback" // 约定回电
	Declined  Result = "declined" // 拒绝服务
	WrongLine Result = "wrong"    // 号码错误
)

// Results lists every result in display order.
var Results = []Result{Reached, NoAnswer, Callback, Declined, WrongLine}

// Label is the result's Chinese name.
func (r Result) Label() string {
	switch r {
	case Reached:
		return "已沟通"
	case NoAnswer:
		return "未接通"
	case Callback:
		return "约定回电"
	case Declined:
		return "拒绝服务"
	case WrongLine:
		return "号码错误"
	}
	return string(r)
}

// Limits of a contact record.
const (
	MaxNotes    = 2000     // runes of notes on one contact
	MaxDuration = 4 * 3600 // seconds: a contact longer than four hours is a typing error
)

// Contact is one call, visit, WeChat message or walk-in with a person
// (PersonID) or an enterprise (EnterpriseID), never both.
type Contact struct {
	ID           int64
	PersonID     int64
	EnterpriseID int64
	Team         string
	AgentID      int64
	AgentName    string
	Channel      Channel
	Direction    Direction
	Topics       []Topic
	Notes        string // personal data: sealed at rest, never shown to the person
	DurationS    int
	Result       Result
	At           time.Time
}

// TopicLabels joins the contact's topic names for lists.
func (c *Contact) TopicLabels() string {
	out := make([]string, len(c.Topics))
	for i, t := range c.Topics {
		out[i] = t.Label()
	}
	return strings.Join(out, "、")
}

// JoinTopics is the stored form of a topic list.
func JoinTopics(ts []Topic) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return strings.Join(out, ",")
}

// SplitTopics reads the stored form of a topic list.
func SplitTopics(s string) []Topic {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make([]Topic, len(parts))
	for i, p := range parts {
		out[i] = Topic(p)
	}
	return out
}

// Normalize trims the notes, drops repeated topics and keeps them in
// display order.
func (c *Contact) Normalize() {
	c.Notes = strings.TrimSpace(c.Notes)
	seen := map[Topic]bool{}
	for _, t := range c.Topics {
		seen[t] = true
	}
	var ts []Topic
	for _, t := range Topics {
		if seen[t] {
			ts = append(ts, t)
			delete(seen, t)
		}
	}
	for t := range seen { // unknown ones stay so Validate can name them
		ts = append(ts, t)
	}
	c.Topics = ts
}

// Validate checks a contact before it is recorded: field errors keyed by
// the form's and the API's field names.
func (c *Contact) Validate(now time.Time) error {
	var f apperr.Fields
	if (c.PersonID == 0) == (c.EnterpriseID == 0) {
		f.Add("person_id", "请指明联系的是个人还是企业（二选一）")
	}
	if !validChannel(c.Channel) {
		f.Add("channel", "请选择联系方式")
	}
	if c.Direction != Inbound && c.Direction != Outbound {
		f.Add("direction", "请选择来电或去电")
	}
	if len(c.Topics) == 0 {
		f.Add("topics", "请至少选择一个服务内容")
	}
	for _, t := range c.Topics {
		if !t.Valid() {
			f.Add("topics", "未知的服务内容："+clip(string(t), 20))
			break
		}
	}
	if !validResult(c.Result) {
		f.Add("outcome", "请选择联系结果")
	}
	if c.DurationS < 0 || c.DurationS > MaxDuration {
		f.Add("duration_s", "通话时长应在 0 到 4 小时之间")
	}
	if msg := CheckText(c.Notes, MaxNotes); msg != "" {
		f.Add("notes", msg)
	}
	if !c.At.IsZero() && c.At.After(now.Add(5*time.Minute)) {
		f.Add("at", "联系时间不能晚于现在")
	}
	return f.Err()
}

// CheckText checks free text a form keeps: valid UTF-8, no control
// characters but line breaks and tabs, at most max runes. It returns the
// message for the field, or "".
func CheckText(s string, max int) string {
	if !utf8.ValidString(s) {
		return "包含无效字符"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "内容过长：最多 " + itoa(max) + " 个字，当前 " + itoa(n) + " 个字，请精简后再保存"
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return "包含不可见的控制字符"
		}
	}
	return ""
}

func validChannel(c Channel) bool {
	for _, x := range Channels {
		if c == x {
			return true
		}
	}
	return false
}

func validResult(r Result) bool {
	for _, x := range Results {
		if r == x {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }
