package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// TestLargeTextRemembered: 大字模式 is a cookie for a logged-out visitor
// and a setting on the account once logged in; the account's choice wins
// over the browser's cookie, and the switch is in the header of every page.
func TestLargeTextRemembered(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		// send GETs or POSTs with the session token and the large cookie ("" for none).
		send := func(method, path, token, cookie string) *httptest.ResponseRecorder {
			var req *http.Request
			if method == "POST" {
				req = httptest.NewRequest("POST", path, strings.NewReader(url.Values{"next": {"/jobs"}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Sec-Fetch-Site", "same-origin")
			} else {
				req = httptest.NewRequest("GET", path, nil)
			}
			if token != "" {
				req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
			}
			if cookie != "" {
				req.AddCookie(&http.Cookie{Name: "jiuye_large", Value: cookie})
			}
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, req)
			return rec
		}
		large := func(rec *httptest.ResponseRecorder) bool {
			return strings.Contains(rec.Body.String(), `<body class="large`)
		}
		setCookie := func(rec *httptest.ResponseRecorder) string {
			for _, c := range rec.Result().Cookies() {
				if c.Name == "jiuye_large" {
					return c.Value
				}
			}
			return ""
		}

		// Anonymous: the cookie decides and the switch flips it.
		for _, p := range []string{"/", "/jobs", "/gigs", "/policies", "/login"} {
			rec := send("GET", p, "", "")
			if large(rec) || !strings.Contains(rec.Body.String(), `class="size-toggle" aria-pressed="false"`) {
				t.Fatalf("%s: no 大字模式 switch in the header, or large without the cookie", p)
			}
			if rec := send("GET", p, "", "1"); !large(rec) || !strings.Contains(rec.Body.String(), `aria-pressed="true"`) {
				t.Fatalf("%s with the cookie: not large", p)
			}
		}
		rec := send("POST", "/settings/large", "", "")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/jobs" || setCookie(rec) != "1" {
			t.Fatalf("anonymous switch: %d %q cookie %q", rec.Code, rec.Header().Get("Location"), setCookie(rec))
		}
		if rec := send("POST", "/settings/large", "", "1"); setCookie(rec) != "0" {
			t.Fatalf("anonymous switch back: cookie %q", setCookie(rec))
		}

		// Logged in without a choice on the account: the cookie still decides.
		person := f.token("person")
		if !large(send("GET", "/me", person, "1")) || large(send("GET", "/me", person, "")) {
			t.Fatal("logged in without an account choice: the cookie does not decide")
		}
		// Switching on while logged in keeps it on the account: large on a
		// browser without the cookie, and even with a cookie that says 0.
		if rec := send("POST", "/settings/large", person, ""); rec.Code != http.StatusSeeOther || setCookie(rec) != "1" {
			t.Fatalf("logged-in switch: %d cookie %q", rec.Code, setCookie(rec))
		}
		u, err := db.Accounts().UserByID(t.Context(), f.users["person"].User.ID)
		if err != nil || u.LargeText == nil || !*u.LargeText {
			t.Fatalf("account setting after switching on: %v %v", u.LargeText, err)
		}
		for _, c := range []string{"", "0"} {
			if !large(send("GET", "/me", person, c)) {
				t.Errorf("cookie %q: the account's 大字模式 does not win", c)
			}
		}
		// Switching off from a browser whose cookie says 1: the account's
		// state (on) is what is flipped.
		if rec := send("POST", "/settings/large", person, "1"); setCookie(rec) != "0" {
			t.Fatalf("logged-in switch off: cookie %q", setCookie(rec))
		}
		if large(send("GET", "/me", person, "1")) {
			t.Error("account set to standard, but a cookie of 1 still makes the page large")
		}
		// Another person's account is untouched; logged out, the cookie decides.
		if large(send("GET", "/me", f.token("person2"), "")) || !large(send("GET", "/", "", "1")) {
			t.Error("the setting leaked to another account, or the logged-out cookie stopped working")
		}
	})
}
