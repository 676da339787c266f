package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// instances opens n stores on one database, as n serve processes would
// (each with its own connection pool), all with the same key.
func instances(t *testing.T, dsn string, n int) []*store.DB {
	t.Helper()
	box := storetest.Box(t)
	out := make([]*store.DB, n)
	for i := range out {
		db, err := store.Open(ctx, dsn, box)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		out[i] = db
	}
	return out
}

// TestLockoutHoldsUnderConcurrentFailures: MaxFailures wrong passwords for
// one phone sent at the same moment through different instances lock it
// exactly once, with no error. Unserialised, each transaction would count
// only its own failure and the committed ones (none locking), or two would
// lock and one fail on login_locks' unique phone_idx.
func TestLockoutHoldsUnderConcurrentFailures(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		dbs := instances(t, dsn, 3)
		for round := range 15 {
			phone := fmt.Sprintf("1390000%04d", round)
			var wg sync.WaitGroup
			locks := make([]time.Time, account.MaxFailures)
			errs := make([]error, account.MaxFailures)
			start := make(chan struct{})
			for i := range account.MaxFailures {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					db := dbs[i%len(dbs)]
					locks[i], errs[i] = db.Accounts().RecordLoginFailure(ctx, store.Actor{IP: "10.0.0.9"}, phone, 0, "登录密码错误")
				}()
			}
			close(start)
			wg.Wait()
			locked := 0
			for i := range locks {
				if errs[i] != nil {
					t.Fatalf("round %d, failure %d: %v", round, i, errs[i])
				}
				if !locks[i].IsZero() {
					locked++
				}
			}
			if locked != 1 {
				t.Fatalf("round %d: %d concurrent failures locked the phone %d times, want once", round, account.MaxFailures, locked)
			}
			for i, db := range dbs {
				if until, err := db.Accounts().LoginLockedUntil(ctx, phone); err != nil || until.IsZero() {
					t.Fatalf("round %d: instance %d does not see the lock: %v %v", round, i, until, err)
				}
			}
		}
	})
}

// TestSharedBucketsAddUpAcrossInstances: takes from one key through three
// instances draw on one bucket: burst at once, then the rate; a denied take
// spends nothing; keys are independent; a refilled bucket is pruned.
func TestSharedBucketsAddUpAcrossInstances(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		dbs := instances(t, dsn, 3)
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		for _, db := range dbs {
			db.SetClock(func() time.Time { return now })
		}
		const perSecond, burst = 0.5, 10 // 30 a minute, bursts of 10
		take := func(i int, key string) bool {
			t.Helper()
			ok, err := dbs[i%len(dbs)].RateLimits().Take(ctx, key, perSecond, burst)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		allowed := 0
		for i := range 30 {
			if take(i, "auth:192.0.2.1") {
				allowed++
			}
		}
		if allowed != burst {
			t.Fatalf("30 takes round-robin over 3 instances at one moment: %d allowed, want the burst %d", allowed, burst)
		}
		if !take(0, "auth:192.0.2.2") {
			t.Fatal("another key is limited by the first one's bucket")
		}
		now = now.Add(3 * time.Second) // 1.5 tokens
		if !take(1, "auth:192.0.2.1") || take(2, "auth:192.0.2.1") {
			t.Fatal("after 3 s at 0.5/s: want one take allowed and the next refused")
		}
		now = now.Add(time.Second) // 0.5 left + 0.5: the denied take above spent nothing
		if !take(0, "auth:192.0.2.1") {
			t.Fatal("a refused take spent a token")
		}
		// A clock behind the bucket's (another instance's clock) adds nothing.
		dbs[1].SetClock(func() time.Time { return now.Add(-time.Minute) })
		if take(1, "auth:192.0.2.1") {
			t.Fatal("a clock behind the last take refilled the bucket")
		}
		dbs[1].SetClock(func() time.Time { return now })
		// Pruning drops the full buckets only.
		now = now.Add(15 * time.Second) // 192.0.2.2 is full again (9 + 9.5), 192.0.2.1 is not (0 + 7.5)
		n, err := dbs[2].RateLimits().Prune(ctx)
		if err != nil || n != 1 {
			t.Fatalf("prune: %d rows, %v; want 1", n, err)
		}
		if c, _ := dbs[0].Count(ctx, "rate_limits"); c != 1 {
			t.Fatalf("%d buckets left, want 1", c)
		}
	})
}

// TestConcurrentTakesNeverExceedTheBurst: 60 takes at one moment from
// three instances on one key find exactly burst tokens.
func TestConcurrentTakesNeverExceedTheBurst(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		dbs := instances(t, dsn, 3)
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		for _, db := range dbs {
			db.SetClock(func() time.Time { return now })
		}
		var mu sync.Mutex
		allowed := 0
		var wg sync.WaitGroup
		for i := range 60 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := dbs[i%3].RateLimits().Take(ctx, "auth:198.51.100.7", 0.5, 10)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				if ok {
					allowed++
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		if allowed != 10 {
			t.Fatalf("60 concurrent takes: %d allowed, want 10", allowed)
		}
	})
}

// TestTasksClaimedOnceAcrossInstances: three workers' worth of claims on
// three stores of one database, concurrently, take each due task once.
func TestTasksClaimedOnceAcrossInstances(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		dbs := instances(t, dsn, 3)
		const n = 60
		for i := range n {
			if err := dbs[0].Enqueue(ctx, "echo", fmt.Sprint(i), "", dbs[0].Now()); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		claimed := map[int64]int{}
		var wg sync.WaitGroup
		for w := range 6 { // two claimers per instance
			wg.Add(1)
			go func() {
				defer wg.Done()
				db := dbs[w%3]
				for {
					task, err := db.ClaimTask(ctx, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if task == nil {
						return
					}
					mu.Lock()
					claimed[task.ID]++
					mu.Unlock()
					if err := db.FinishTask(ctx, task.ID, nil, time.Time{}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		if len(claimed) != n {
			t.Fatalf("%d tasks claimed, want %d", len(claimed), n)
		}
		for id, c := range claimed {
			if c != 1 {
				t.Fatalf("task %d claimed %d times", id, c)
			}
		}
		if p, _ := dbs[1].PendingTasks(ctx); p != 0 {
			t.Fatalf("%d tasks left pending", p)
		}
	})
}

// TestSMSLimitsHoldUnderConcurrentAsks: codes asked at the same moment
// through three instances respect the per-IP hourly cap and the per-phone
// resend gap exactly.
func TestSMSLimitsHoldUnderConcurrentAsks(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		dbs := instances(t, dsn, 3)
		const perIP = 5
		ask := func(n int, phone func(i int) string, ip string) (ok, refused int) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					err := dbs[i%3].Accounts().RecordSMSCode(ctx, store.Actor{IP: ip}, phone(i), account.SMSPurposeRegister, "123456", 0, perIP)
					mu.Lock()
					defer mu.Unlock()
					switch apperr.CodeOf(err) {
					case "":
						ok++
					case apperr.TooMany:
						refused++
					default:
						t.Errorf("ask %d: %v", i, err)
					}
				}()
			}
			wg.Wait()
			return ok, refused
		}
		if ok, refused := ask(12, func(i int) string { return fmt.Sprintf("1370000%04d", i) }, "203.0.113.5"); ok != perIP || refused != 12-perIP {
			t.Fatalf("12 phones from one IP at once: %d sent, %d refused; want %d sent", ok, refused, perIP)
		}
		if ok, _ := ask(6, func(int) string { return "13600001111" }, ""); ok != 1 {
			t.Fatalf("6 asks for one phone at once: %d sent, want 1 (the resend gap)", ok)
		}
	})
}
