package account

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
)

// Terms is one published version of the 用户协议 and 隐私政策, which a
// person accepts together at sign-up. Versions only grow; an old one stays
// readable (?v=) because accounts record the version they accepted.
type Terms struct {
	Version       int
	UserAgreement string
	PrivacyPolicy string
	Note          string // what changed, for the version list
	CreatedBy     int64
	CreatedAt     time.Time
}

// MaxTermsText bounds each document (characters).
const MaxTermsText = 20000

// Normalize trims the texts and unifies line ends.
func (t *Terms) Normalize() {
	clean := func(s string) string {
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	}
	t.UserAgreement, t.PrivacyPolicy, t.Note = clean(t.UserAgreement), clean(t.PrivacyPolicy), clean(t.Note)
}

// Validate checks a version about to be published; field names are the form's.
func (t *Terms) Validate() error {
	var f apperr.Fields
	for _, c := range []struct{ field, label, text string }{
		{"user_agreement", "用户协议", t.UserAgreement}, {"privacy_policy", "隐私政策", t.PrivacyPolicy}} {
		switch n := utf8.RuneCountInString(c.text); {
		case !utf8.ValidString(c.text):
			f.Add(c.field, c.label+"包含无效字符")
		case n < 20:
			f.Add(c.field, "请填写"+c.label+"全文（至少 20 个字）")
		case n > MaxTermsText:
			f.Add(c.field, c.label+"不能超过 20000 个字")
		case bidi.Contains(c.text):
			f.Add(c.field, bidi.Message)
		}
	}
	if utf8.RuneCountInString(t.Note) > 200 {
		f.Add("note", "修订说明不能超过 200 个字")
	}
	return f.Err()
}

// Paragraphs splits a document into its paragraphs for display.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
