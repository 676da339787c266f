package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/storetest"
)

// percentiles reports p50 and p99 of the recorded latencies as benchmark metrics.
func percentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkLogin measures API login with the production argon2id parameters
// (account.DefaultHashParams: m=19 MiB, t=2, p=1) through the full router on SQLite.
func BenchmarkLogin(b *testing.B) {
	db := storetest.SQLite(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log)
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	u, err := a.CreateUser(b.Context(), app.Actor{}, app.NewUserInput{Role: "staff", Name: "经办", Phone: "13800138000", Password: "abc12345"}, true)
	if err != nil {
		b.Fatal(err)
	}
	body := `{"phone":"` + u.Phone + `","password":"abc12345"}`
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(body))
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		lat = append(lat, time.Since(start))
	}
	percentiles(b, lat)
	b.ReportMetric(float64(account.DefaultHashParams.Memory)/1024, "argon2-MiB")
}

// BenchmarkConcurrentRegistrations sends 64 concurrent registrations per
// iteration over real HTTP to a SQLite-backed server with production hashing,
// and fails on any error (a "database is locked" would surface as a 500).
func BenchmarkConcurrentRegistrations(b *testing.B) {
	db := storetest.SQLite(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log)
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := ts.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var mu sync.Mutex
	var lat []time.Duration
	var failures atomic.Int64
	var n int
	b.ResetTimer()
	for b.Loop() {
		bodies := make([]string, 64)
		for i := range bodies {
			n++
			birth := time.Date(1980+n%25, time.Month(1+n%12), 1+n%28, 0, 0, 0, 0, time.UTC)
			bodies[i] = fmt.Sprintf(`{"kind":"person","name":"测试%d","id_number":"%s","phone":"%s","password":"abc12345"}`,
				n, registry.GenerateIDNumber(rng, "420112", birth, n%2 == 0), registry.GeneratePhone(rng))
		}
		var wg sync.WaitGroup
		for _, body := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				res, err := client.Post(ts.URL+"/api/v1/auth/register", "application/json", strings.NewReader(body))
				if err != nil {
					failures.Add(1)
					return
				}
				msg, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 201 && res.StatusCode != 409 { // 409: a random phone collided
					failures.Add(1)
					b.Errorf("register: %d %s", res.StatusCode, msg)
				}
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	percentiles(b, lat)
	b.ReportMetric(float64(failures.Load()), "errors")
	users, _ := db.Count(b.Context(), "users")
	b.ReportMetric(float64(users), "users")
}
