package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// BenchmarkConsole renders the staff console's home (the to-do counts) and
// the policy statistics page (funnel and 12-month trend) through the full
// router on SQLite, over a district's worth of queues: 48,000 job posts
// (4,800 pending), 5,600 enterprises (1,000 unverified) and 60,000 policy
// applications over a year (24,000 paid).
func BenchmarkConsole(b *testing.B) {
	ctx := context.Background()
	db := storetest.SQLite(b)
	now := time.Date(2025, 6, 30, 3, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{DataDir: b.TempDir()})
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员", Phone: "13800138000", Password: "jiang7river"}, true); err != nil {
		b.Fatal(err)
	}
	fillConsoleQueues(b, db, now)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(`{"phone":"13800138000","password":"jiang7river"}`)))
	token := decode(&testing.T{}, rec)["token"].(string)
	for _, path := range []string{"/console", "/console/policies"} {
		b.Run(strings.TrimPrefix(path, "/"), func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				start := time.Now()
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("GET", path, nil)
				req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s: %d", path, rec.Code)
				}
				lat = append(lat, time.Since(start))
			}
			percentiles(b, lat)
		})
	}
}

// fillConsoleQueues writes the benchmark's rows directly, in a few large
// transactions.
func fillConsoleQueues(b *testing.B, db *store.DB, now time.Time) {
	ctx := context.Background()
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i := range 5600 {
			if _, err := tx.Exec(ctx, `INSERT INTO enterprises (name, uscc, verified, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				fmt.Sprintf("企业%d", i), fmt.Sprintf("91420112MA%08d", i), i >= 1000, now, now); err != nil {
				return err
			}
		}
		var posts []*jobs.Post
		for i := range 48000 {
			st := jobs.Published
			if i%10 == 0 {
				st = jobs.Pending
			}
			posts = append(posts, &jobs.Post{EnterpriseID: int64(1 + i%5600), Title: fmt.Sprintf("仓管员 %d", i), OccupationCode: "4-02-06-01",
				Description: "仓库收发货和盘点，长白班。", Headcount: 1, SalaryMin: 4000, SalaryMax: 6000, Education: "不限",
				RegionCode: "420112001", Address: "吴家山", ExpiresOn: jobs.Today(now).AddDate(0, 0, 30), Status: st, PublishedAt: now})
		}
		if err := tx.InsertPosts(ctx, posts); err != nil {
			return err
		}
		statuses := []policy.ApplicationStatus{policy.Submitted, policy.Approved, policy.Paid, policy.Paid, policy.Rejected}
		for i := range 60000 {
			at := now.Add(-time.Duration(i%365) * 24 * time.Hour)
			st := statuses[i%len(statuses)]
			var decided any
			if st != policy.Submitted {
				decided = at.Add(72 * time.Hour)
			}
			id, err := tx.InsertID(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, status, amount_yuan, decided_at, created_at, updated_at)
				VALUES ('wh_lhjy_shebao_kunnan', 1, 'person', ?, ?, 1000, ?, ?, ?)`, i+1, string(st), decided, at, at)
			if err != nil {
				return err
			}
			if st == policy.Paid {
				if _, err := tx.Exec(ctx, `INSERT INTO policy_payouts (application_id, batch, paid_on, amount_yuan, created_by, created_at) VALUES (?, 'b', ?, 1000, 1, ?)`,
					id, at.Add(240*time.Hour).Truncate(24*time.Hour), at); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
