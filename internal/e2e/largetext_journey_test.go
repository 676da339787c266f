package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/demo"
	"github.com/jiuye/jiuye/internal/store"
)

// TestLargeTextJourney: an older visitor switches on 大字模式 from the
// header of the home page with a thumb-sized control; text is 1.5× and
// the main pages (/, /jobs, /gigs, /policies, /me) still fit 375 px without
// sideways scrolling and pass axe (colour contrast included). Logged in,
// the choice is kept on the account and wins over the browser's cookie.
func TestLargeTextJourney(t *testing.T) {
	forEachStore(t, "largetext-journey", runLargeTextJourney)
}

func runLargeTextJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	res, err := demo.Generate(ctx, db, tables, demo.Options{Scale: 0.01, Seed: 7, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.LoadJobIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	var person demo.Account
	for _, acc := range res.Accounts {
		if acc.Role == account.RolePerson {
			person = acc
		}
	}
	if person.Phone == "" {
		t.Fatal("the demo data has no person account")
	}
	b := newBrowser(t, exe, ts.URL, shots)
	isLarge := func() bool { return eval[bool](b, `document.body.classList.contains("large")`) }
	// The switch: in the header, at least 44×44 CSS px, its state in aria-pressed.
	checkSwitch := func(page string, pressed bool) {
		t.Helper()
		got := eval[map[string]any](b, `(() => {
			const el = document.querySelector('header.top form[action="/settings/large"] button');
			if (!el) return {found: false};
			const r = el.getBoundingClientRect();
			return {found: true, w: r.width, h: r.height, pressed: el.getAttribute("aria-pressed")};
		})()`)
		if got["found"] != true {
			t.Fatalf("%s: no 大字模式 switch in the header", page)
		}
		if w, h := got["w"].(float64), got["h"].(float64); w < 44 || h < 44 {
			t.Errorf("%s: the 大字模式 switch is %.0f×%.0f px, want at least 44×44", page, w, h)
		}
		if want := map[bool]string{true: "true", false: "false"}[pressed]; got["pressed"] != want {
			t.Errorf("%s: aria-pressed %v, want %s", page, got["pressed"], want)
		}
	}

	// Standard size first: the pages fit and no short label (岗位, 学历, a
	// table header) breaks across lines (issue 12 item 10).
	for _, p := range []string{"/jobs", "/gigs", "/policies", "/policies/check", "/guidance", "/"} {
		b.open(p, 200)
		b.noHorizontalScroll(p)
		b.noBrokenLabels(p)
	}
	checkSwitch("/", false)
	base := eval[float64](b, `parseFloat(getComputedStyle(document.body).fontSize)`)
	b.submit("/settings/large", 200, "/")
	if !isLarge() {
		t.Fatal("大字模式 not on after pressing the switch")
	}
	if got := eval[float64](b, `parseFloat(getComputedStyle(document.body).fontSize)`); got < base*1.5 {
		t.Errorf("大字模式 text is %.0f px, standard %.0f px: want 1.5×", got, base)
	}
	checkSwitch("/ (large)", true)
	for _, p := range []string{"/", "/jobs", "/gigs", "/policies", "/policies/check"} {
		b.open(p, 200)
		if !isLarge() {
			t.Fatalf("%s: 大字模式 did not stay on", p)
		}
		b.noHorizontalScroll(p + " in 大字模式")
		b.noBrokenLabels(p + " in 大字模式")
		name := "large-home"
		if p != "/" {
			name = "large-" + strings.ReplaceAll(p[1:], "/", "-")
		}
		b.shot(name)
	}

	// Logged in with no choice on the account yet: the cookie keeps it large.
	b.login(person.Phone, person.Password, "/me")
	if !isLarge() {
		t.Fatal("/me after login: the cookie's 大字模式 was lost")
	}
	b.noHorizontalScroll("/me in 大字模式")
	b.noBrokenLabels("/me in 大字模式")
	b.shot("large-me")
	for _, p := range []string{"/me/resume", "/me/policies", "/inbox"} {
		b.open(p, 200)
		b.noHorizontalScroll(p + " in 大字模式")
		b.noBrokenLabels(p + " in 大字模式")
	}
	b.open("/me", 200)
	// Off and on again while logged in: now the account holds it.
	b.submit("/settings/large", 200, "/me")
	if isLarge() {
		t.Fatal("/me: the switch did not turn 大字模式 off")
	}
	b.submit("/settings/large", 200, "/me")
	u, _, err := db.Accounts().UserByPhone(ctx, person.Phone)
	if err != nil || u.LargeText == nil || !*u.LargeText {
		t.Fatalf("the account does not remember 大字模式: %v %v", u.LargeText, err)
	}
	// Logged out, the browser is switched to standard; logging in again,
	// the account's choice wins over that cookie.
	b.logout()
	b.submit("/settings/large", 200, "/")
	if isLarge() {
		t.Fatal("logged out: the switch did not turn 大字模式 off for the browser")
	}
	b.login(person.Phone, person.Password, "/me")
	if !isLarge() {
		t.Error("after logging in again the browser's cookie won over the account's 大字模式")
	}
	checkSwitch("/me (account large)", true)
	b.noHorizontalScroll("/me in 大字模式 (from the account)")
}
