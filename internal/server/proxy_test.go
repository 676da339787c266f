package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// TestForgedForwardedForStillLimited: behind the proxy, a client that
// rotates forged left-most X-Forwarded-For entries still meets the per-IP
// login limit, on the page and on the API: the address that counts is the
// one the trusted proxy saw. Without a trusted proxy the header is ignored.
func TestForgedForwardedForStillLimited(t *testing.T) {
	nets := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		name    string
		proxies httpx.Proxies
		peer    string
		tail    string // what the proxies appended after the client's forged entry
	}{
		{"--trust-proxy", httpx.Proxies{Peer: true}, "10.0.0.2:41000", "203.0.113.7"},
		{"--trusted-proxies, two hops", httpx.Proxies{Nets: nets}, "10.0.0.2:41000", "203.0.113.7, 10.9.8.7"},
		{"--trusted-proxies, direct client", httpx.Proxies{Nets: nets}, "203.0.113.7:52000", ""},
		{"no proxy", httpx.Proxies{}, "203.0.113.7:52000", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, storeSQLite(t), server.Options{AuthPerMinute: 6, Proxies: tc.proxies})
			for n, path := range []string{"/api/v1/auth/login", "/login"} {
				last := 0
				for i := 0; i < 12; i++ {
					xff := fmt.Sprintf("198.51.%d.%d", 100+n, i+1)
					if tc.tail != "" {
						xff += ", " + tc.tail
					}
					last = loginVia(f, path, tc.peer, xff, "13800138000", "wrong-password-1").Code
				}
				if last != 429 {
					t.Errorf("%s: after 12 logins with rotating forged X-Forwarded-For entries: %d, want 429", path, last)
				}
			}
		})
	}
}

// TestProxiedClientIPRecorded: the login audit entry and the session record
// the right-most hop that is not a trusted proxy, not the forged left-most one.
func TestProxiedClientIPRecorded(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{Proxies: httpx.Proxies{Nets: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}})
		u := f.users["person"]
		rec := loginVia(f, "/api/v1/auth/login", "10.0.0.2:41000", "6.6.6.6, 203.0.113.9, 10.1.1.1", u.User.Phone, u.Password)
		if rec.Code != 200 {
			t.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		ctx := context.Background()
		entries, err := db.ListAudit(ctx, audit.Filter{Action: audit.LoginOK})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].IP != "203.0.113.9" {
			t.Fatalf("login audit: %+v, want IP 203.0.113.9", entries)
		}
		var ip string
		err = db.Write(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT ip FROM sessions WHERE user_id = ?", u.User.ID).Scan(&ip)
		})
		if err != nil || ip != "203.0.113.9" {
			t.Fatalf("session ip = %q (%v), want 203.0.113.9", ip, err)
		}
	})
}

// loginVia posts a login (JSON to the API, a form to the page) as it
// arrives from peer with X-Forwarded-For xff.
func loginVia(f *fixture, path, peer, xff, phone, password string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(`{"phone":"`+phone+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	if !strings.HasPrefix(path, "/api/") {
		req = httptest.NewRequest("POST", path, strings.NewReader(url.Values{"phone": {phone}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	req.RemoteAddr = peer
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}
