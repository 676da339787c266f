package server_test

import (
	"net/url"
	"strings"
	"testing"
)

// nastyNext are ?next= values (as the form or query decodes them) that a
// browser could resolve off-site or that are not a clean same-origin path.
var nastyNext = []string{
	"/\t/evil.example",
	"/\r\n/evil.example",
	"/\n/evil.example",
	"/\x00/evil.example",
	"/\x7f/evil.example",
	"//evil.example",
	"///evil.example",
	"/\\evil.example",
	"\\\\evil.example",
	"\\/evil.example",
	"/%2F/evil.example",
	"/%2f%2fevil.example",
	"/%5Cevil.example",
	"/%5c%5cevil.example",
	"/%09/evil.example",
	"/%0d%0a/evil.example",
	"/%0D%0ASet-Cookie:%20x=1",
	"https://evil.example",
	"https:evil.example",
	"http:/evil.example",
	"javascript:alert(1)",
	" //evil.example",
	"／／evil.example",
	"/／evil.example",
	"/\u2215\u2215evil.example",
	"/\u2044evil.example",
	"/\u3000/evil.example",
	"/ /evil.example",
	"evil.example",
	"",
}

// TestNextRedirectsStayOnSite: a nasty next never reaches a Location or the
// login form's hidden field; the redirect goes to the default page instead,
// while a clean path (with its query) is kept.
func TestNextRedirectsStayOnSite(t *testing.T) {
	f := newFixture(t, storeSQLite(t), serverOpts())
	u := f.users["person"]
	login := func(next string) string {
		return f.form("/login", "", url.Values{"phone": {u.User.Phone}, "password": {u.Password}, "next": {next}}).Header().Get("Location")
	}
	for _, next := range nastyNext {
		if loc := login(next); loc != "/me" {
			t.Errorf("login with next=%q: Location %q, want /me", next, loc)
		}
		if loc := f.form("/settings/large", "", url.Values{"next": {next}}).Header().Get("Location"); loc != "/" {
			t.Errorf("large-text toggle with next=%q: Location %q, want /", next, loc)
		}
		body := f.page("/login?next="+url.QueryEscape(next), "").Body.String()
		if !strings.Contains(body, `name="next" value="/"`) {
			t.Errorf("login form with next=%q keeps it: %s", next, hiddenNext(body))
		}
	}
	for _, next := range []string{"/jobs?q=%E5%8E%A8%E5%B8%88&page=2", "/me/job-applications/3", "/policies/wh-001#apply"} {
		if loc := login(next); loc != next {
			t.Errorf("login with next=%q: Location %q, want it kept", next, loc)
		}
	}
	// A page that needs a login sends the whole address, query included.
	if loc := f.page("/me/job-applications?status=new&page=2", "").Header().Get("Location"); loc != "/login?next="+url.QueryEscape("/me/job-applications?status=new&page=2") {
		t.Errorf("login redirect: Location %q", loc)
	}
}

func hiddenNext(body string) string {
	i := strings.LastIndex(body, `name="next"`) // the login form's, after the header's toggle
	if i < 0 {
		return "(no next field)"
	}
	return body[i:min(len(body), i+80)]
}
