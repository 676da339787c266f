package server_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/server"
)

const metricsToken = "m3trics-scraper-token-0123456789"

// TestMetricsAccess: /metrics answers a scraper on this machine (not one
// that came through a proxy) or one with the configured bearer token;
// anyone else is refused.
func TestMetricsAccess(t *testing.T) {
	db := storeSQLite(t)
	plain := newFixture(t, db, serverOpts())
	withToken := &fixture{srv: mustServer(t, plain, server.Options{MetricsToken: metricsToken})}
	behindProxy := &fixture{srv: mustServer(t, plain, server.Options{Proxies: httpx.Proxies{Peer: true}})}
	for _, tc := range []struct {
		name  string
		f     *fixture
		peer  string
		xff   string
		token string
		want  int
	}{
		{"remote", plain, "203.0.113.9:40000", "", "", 403},
		{"remote with a guessed token", plain, "203.0.113.9:40000", "", "anything", 403},
		{"loopback", plain, "127.0.0.1:40000", "", "", 200},
		{"IPv6 loopback", plain, "[::1]:40000", "", "", 200},
		{"loopback through a local proxy", plain, "127.0.0.1:40000", "203.0.113.9", "", 403},
		{"remote, token configured, none sent", withToken, "203.0.113.9:40000", "", "", 401},
		{"remote, wrong token", withToken, "203.0.113.9:40000", "", metricsToken + "x", 401},
		{"remote, right token", withToken, "203.0.113.9:40000", "", metricsToken, 200},
		{"loopback peer that is the trusted proxy", behindProxy, "127.0.0.1:40000", "", "", 403},
		{"forged loopback behind the proxy", behindProxy, "127.0.0.1:40000", "127.0.0.1", "", 403},
	} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = tc.peer
		if tc.xff != "" {
			req.Header.Set("X-Forwarded-For", tc.xff)
		}
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		rec := httptest.NewRecorder()
		tc.f.srv.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, rec.Code, tc.want)
		}
		if served := strings.Contains(rec.Body.String(), "jiuye_http_requests_total"); served != (tc.want == 200) {
			t.Errorf("%s: metrics served = %v: %.200s", tc.name, served, rec.Body)
		}
	}
}

func mustServer(t *testing.T, f *fixture, opts server.Options) *server.Server {
	t.Helper()
	srv, err := server.New(f.app, slog.New(slog.NewTextHandler(io.Discard, nil)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// TestStaticNoListing: /static/ serves its files but never lists them.
func TestStaticNoListing(t *testing.T) {
	f := newFixture(t, storeSQLite(t), serverOpts())
	for _, path := range []string{"/static/", "/static", "/static/./", "/static//"} {
		rec := f.page(path, "")
		if rec.Code == 200 || strings.Contains(rec.Body.String(), "app.css") && !strings.Contains(rec.Body.String(), `href="/static/app.css"`) {
			t.Errorf("%s: %d lists the directory: %.300s", path, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), `<a href="app.js">`) {
			t.Errorf("%s: directory listing: %.300s", path, rec.Body)
		}
	}
	if rec := f.page("/static/app.css", ""); rec.Code != 200 || rec.Header().Get("Cache-Control") == "" {
		t.Errorf("/static/app.css: %d %v", rec.Code, rec.Header())
	}
}

// TestHSTS: with --secure-cookies every response carries
// Strict-Transport-Security; without it none does.
func TestHSTS(t *testing.T) {
	db := storeSQLite(t)
	plain := newFixture(t, db, serverOpts())
	secure := &fixture{srv: mustServer(t, plain, server.Options{SecureCookies: true})}
	for _, path := range []string{"/", "/api/v1/jobs", "/static/app.css", "/healthz", "/no-such-page"} {
		if h := secure.page(path, "").Header().Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
			t.Errorf("secure %s: Strict-Transport-Security %q", path, h)
		}
		if h := plain.page(path, "").Header().Get("Strict-Transport-Security"); h != "" {
			t.Errorf("plain %s: Strict-Transport-Security %q", path, h)
		}
	}
}
