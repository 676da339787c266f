package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// TestAuthLimitSharedAcrossInstances: three servers on one database with
// the shared buckets (what serve sets up on PostgreSQL) let one client
// address log in and sign up at the rate of one server between them; the
// same three without them let it through three times over. The prune task
// then drops the buckets once they have refilled.
func TestAuthLimitSharedAcrossInstances(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		const perMinute, burst = 30, 10 // serve's default: bursts of perMinute/3
		attempts := func(opts server.Options) (allowed int) {
			t.Helper()
			var fs []*fixture
			for range 3 {
				fs = append(fs, newFixture(t, db, opts))
			}
			for i := range 30 {
				f := fs[i%3]
				var code int
				if i%2 == 0 {
					code = f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": fmt.Sprintf("1370000%04d", i), "password": "wrong-guess-7"}).Code
				} else {
					code = f.form("/register", "", url.Values{"kind": {"person"}, "step": {"1"}, "name": {"赵六"}}).Code
				}
				switch code {
				case 429:
				case 401, 200, 422: // a wrong password; the sign-up form's next step or its errors
					allowed++
				default:
					t.Fatalf("attempt %d: %d", i, code)
				}
			}
			return allowed
		}
		alone := attempts(server.Options{AuthPerMinute: perMinute})
		shared := attempts(server.Options{AuthPerMinute: perMinute, SharedLimits: db.RateLimits()})
		// The burst, and at most one token more for the time the 30 took.
		if shared < burst || shared > burst+1 {
			t.Fatalf("shared: %d of 30 attempts over 3 instances let through, want the one-instance burst %d", shared, burst)
		}
		if alone != 3*burst {
			t.Fatalf("per process: %d of 30 let through, want %d (each instance its own burst)", alone, 3*burst)
		}
		if n, _ := db.Count(context.Background(), "rate_limits"); n != 1 {
			t.Fatalf("%d shared buckets, want 1 (one client address)", n)
		}
		// Pruned once refilled: not before.
		a := app.New(db, tables, slog.New(slog.DiscardHandler), app.Options{DataDir: t.TempDir()})
		if err := a.RunTask(context.Background(), app.TaskLimitsPrune, ""); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.Count(context.Background(), "rate_limits"); n != 1 {
			t.Fatalf("a bucket still refilling was pruned (%d left)", n)
		}
		later := time.Now().Add(time.Minute)
		db.SetClock(func() time.Time { return later })
		defer db.SetClock(time.Now)
		if err := a.RunTask(context.Background(), app.TaskLimitsPrune, ""); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.Count(context.Background(), "rate_limits"); n != 0 {
			t.Fatalf("%d refilled buckets left after the prune", n)
		}
	})
}
