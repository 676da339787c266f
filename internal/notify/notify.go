// Package notify defines in-site inbox messages. Every module that tells a
// person or an enterprise something (a matching policy, an application
// status) puts a Message in the subject's inbox; adapters for SMS or WeChat
// can later read the same rows.
package notify

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Subject types a message can be addressed to.
const (
	ToPerson     = "person"
	ToEnterprise = "enterprise"
	ToUser       = "user"
)

// Message is one inbox entry. DedupeKey makes delivery idempotent: the same
// key for the same subject is stored once, however often it is sent.
type Message struct {
	ID          int64
	SubjectType string
	SubjectID   int64
	Kind        string
	Title       string
	Body        string
	Link        string // local path, e.g. /policies/wh_x
	DedupeKey   string
	CreatedAt   time.Time
	ReadAt      time.Time
}

// Normalize trims text and cuts over-long titles and bodies, and keeps only
// local links so a message can never send a reader off-site.
func (m *Message) Normalize() {
	m.Title = cut(strings.TrimSpace(m.Title), 100)
	m.Body = cut(strings.TrimSpace(m.Body), 2000)
	if !strings.HasPrefix(m.Link, "/") || strings.HasPrefix(m.Link, "//") {
		m.Link = ""
	}
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
