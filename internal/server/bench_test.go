package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/demo"
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
	a := app.New(db, tables, log, app.Options{})
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	u, err := a.Accounts.CreateUser(b.Context(), app.Actor{}, app.NewUserInput{Role: "staff", Name: "经办", Phone: "13800138000", Password: "jiang7river"}, true)
	if err != nil {
		b.Fatal(err)
	}
	body := `{"phone":"` + u.Phone + `","password":"jiang7river"}`
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
	a := app.New(db, tables, log, app.Options{})
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
			// Each sign-up needs a code sent to its phone (read from the
			// built-in outbox) and consent to the current terms (version 1).
			phone := registry.GeneratePhone(rng)
			if err := a.Accounts.SendSMSCode(context.Background(), app.Actor{}, phone, "register"); err != nil {
				b.Fatal(err)
			}
			code, _ := a.SMSOutbox().LastCode(phone, "register", a.Now())
			bodies[i] = fmt.Sprintf(`{"kind":"person","name":"测试%d","id_number":"%s","phone":"%s","password":"jiang7river","sms_code":"%s","consent_version":1}`,
				n, registry.GenerateIDNumber(rng, "420112", birth, n%2 == 0), phone, code)
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

// BenchmarkJobsPage renders the /jobs search page through the full router
// for distinct searches over the scale-1 demo store (48,000 posts), so
// neither the anonymous page cache nor the result cache answers: it is the
// cost of a page that has to be searched and rendered. One op is one page.
//
//	go test ./internal/server -run '^$' -bench JobsPage -benchmem -benchtime 5000x
func BenchmarkJobsPage(b *testing.B) {
	db := storetest.SQLite(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{})
	if _, err := demo.Generate(b.Context(), db, tables, demo.Options{Scale: 1, Seed: 7, Now: time.Now()}); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Jobs.LoadJobIndex(b.Context()); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	urls := distinctJobSearches()
	getPages(b, srv, urls)
}

// distinctJobSearches is 1–2-word searches × district × salary floor ×
// page × sort, shuffled: 30,000+ different result pages.
func distinctJobSearches() []string {
	words := strings.Fields("焊工 电工 司机 销售 客服 会计 出纳 文员 保安 保洁 厨师 服务员 普工 操作工 叉车 仓管 快递 外卖 护士 老师 " +
		"幼师 前台 行政 人事 设计 java 前端 测试 运维 数据 施工员 造价 木工 钢筋 水电 店长 导购 收银 物业 维修")
	regions := []string{"", "420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113", "420114", "420115", "420116", "420117"}
	var out []string
	for wi, w := range words {
		q := w
		if wi%3 == 0 {
			q += " " + words[(wi*7+3)%len(words)]
		}
		for _, r := range regions {
			for _, s := range []string{"", "3000", "5000", "8000"} {
				for p := 1; p <= 3; p++ {
					for _, sort := range []string{"", "newest", "salary"} {
						v := url.Values{"q": {q}, "region": {r}, "salary_min": {s}, "page": {fmt.Sprint(p)}, "sort": {sort}}
						out = append(out, "/jobs?"+v.Encode())
					}
				}
			}
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// BenchmarkGigsPage renders 附近的零工 (/gigs) through the full router over
// the scale-1 demo store (9,000 gigs, of which the open ones are in the
// index) for random positions in and around 东西湖区, as wrk's
// bench/gigs_near.lua asks. One op is one page.
//
//	go test ./internal/server -run '^$' -bench GigsPage -benchmem -benchtime 5000x
func BenchmarkGigsPage(b *testing.B) {
	db := storetest.SQLite(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{})
	if _, err := demo.Generate(b.Context(), db, tables, demo.Options{Scale: 1, Seed: 7, Now: time.Now()}); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	urls := make([]string, 2000)
	for i := range urls {
		urls[i] = fmt.Sprintf("/gigs?lat=%.3f&lng=%.3f&radius_km=%d&page=%d", 30.55+r.Float64()*0.25, 114.00+r.Float64()*0.30,
			[]int{5, 10, 20}[r.IntN(3)], 1+r.IntN(2))
	}
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", urls[0], nil)) // loads the index
	getPages(b, srv, urls)
}

// getPages requests the urls in turn through srv, one page per op, fails
// on any answer but 200, and reports the latency percentiles.
func getPages(b *testing.B, srv http.Handler, urls []string) {
	var lat []time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		u := urls[i%len(urls)]
		i++
		start := time.Now()
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		if rec.Code != 200 {
			b.Fatalf("%s: %d", u, rec.Code)
		}
		lat = append(lat, time.Since(start))
	}
	percentiles(b, lat)
}
