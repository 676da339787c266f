package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/demo"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/storetest"
)

// BenchmarkCaseworkOverview opens the agent's one screen (the page, and the
// same as JSON) for the demo's served persons over the scale-1 demo store
// (10,000 persons, 48,000 posts, 5,500 clients with their contacts and
// follow-ups, the policy catalog) through the full router, logged in as the
// demo staff member (an admin of no team would see the same). One op is one
// screen, audited as the real one is.
//
//	go test ./internal/server -run '^$' -bench CaseworkOverview -benchtime 3000x
func BenchmarkCaseworkOverview(b *testing.B) {
	db := storetest.SQLite(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{})
	res, err := demo.Generate(b.Context(), db, tables, demo.Options{Scale: 1, Seed: 7, Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	if err := a.Policies.EnsureCatalog(b.Context()); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Jobs.LoadJobIndex(b.Context()); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var phone, pw string
	for _, acc := range res.Accounts {
		if acc.Role == account.RoleAdmin {
			phone, pw = acc.Phone, acc.Password
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(fmt.Sprintf(`{"phone":%q,"password":%q}`, phone, pw))))
	token := decode(&testing.T{}, rec)["token"].(string)
	for _, kind := range []string{"api", "page"} {
		b.Run(kind, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				id := 1 + (i*37)%demo.DistrictCaseClients
				i++
				path := fmt.Sprintf("/console/casework/persons/%d", id)
				if kind == "api" {
					path = fmt.Sprintf("/api/v1/casework/persons/%d/overview", id)
				}
				start := time.Now()
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("GET", path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
				}
				lat = append(lat, time.Since(start))
			}
			percentiles(b, lat)
		})
	}
}
