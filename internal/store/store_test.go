package store_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

var ctx = context.Background()

func newPerson(r *rand.Rand) *registry.Person {
	id := registry.GenerateIDNumber(r, "420112", time.Date(1995, 3, 4, 0, 0, 0, 0, time.UTC), true)
	p := &registry.Person{Name: "张三", IDNumber: id, Phone: registry.GeneratePhone(r), Education: "本科"}
	p.Normalize(time.Now())
	return p
}

func TestRegisterPersonAndConflicts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		r := rand.New(rand.NewPCG(1, 2))
		p := newPerson(r)
		u := &account.User{Name: p.Name, Phone: p.Phone}
		if err := db.Registry().RegisterPerson(ctx, store.Actor{IP: "127.0.0.1"}, p, u, "hash"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Registry().PersonByID(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.IDNumber != p.IDNumber || got.Phone != p.Phone || !got.Birth.Equal(p.Birth) || got.IDMasked != registry.MaskID(p.IDNumber) {
			t.Fatalf("round trip: got %+v want %+v", got, p)
		}
		// Same ID number, new phone: conflict on id_number, and no user row is left behind.
		dup := *p
		dup.Phone = registry.GeneratePhone(r)
		before, _ := db.Count(ctx, "users")
		err = db.Registry().RegisterPerson(ctx, store.Actor{}, &dup, &account.User{Name: "x", Phone: dup.Phone}, "hash")
		if apperr.CodeOf(err) != apperr.Conflict || apperr.As(err).Fields["id_number"] == "" {
			t.Fatalf("duplicate id: %v", err)
		}
		// New ID number, same phone: conflict on phone, and the person insert is rolled back.
		p2 := newPerson(r)
		p2.Phone = p.Phone
		pBefore, _ := db.Count(ctx, "persons")
		err = db.Registry().RegisterPerson(ctx, store.Actor{}, p2, &account.User{Name: "x", Phone: p2.Phone}, "hash")
		if apperr.CodeOf(err) != apperr.Conflict || apperr.As(err).Fields["phone"] == "" {
			t.Fatalf("duplicate phone: %v", err)
		}
		after, _ := db.Count(ctx, "users")
		pAfter, _ := db.Count(ctx, "persons")
		if after != before || pAfter != pBefore {
			t.Fatalf("half-write: users %d→%d persons %d→%d", before, after, pBefore, pAfter)
		}
		// Search by exact phone, by ID number, by name prefix with LIKE metacharacters.
		for _, q := range []string{p.Phone, p.IDNumber, strings.ToLower(p.IDNumber), "张"} {
			ps, n, err := db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: q})
			if err != nil || n != 1 || ps[0].IDNumber != "" || ps[0].IDMasked == "" {
				t.Fatalf("search %q: n=%d err=%v", q, n, err)
			}
		}
		if _, n, _ := db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: "%"}); n != 0 {
			t.Fatalf("LIKE wildcard not escaped: %d", n)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n != 1 {
			t.Fatalf("audit: n=%d err=%v", n, err)
		}
	})
}

func TestLockoutAndSessions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		u := &account.User{Role: account.RoleStaff, Name: "李四", Phone: "13800138000"}
		if err := db.Accounts().CreateUser(ctx, store.Actor{}, u, "h"); err != nil {
			t.Fatal(err)
		}
		a := store.Actor{UserID: u.ID, Role: "staff", IP: "10.0.0.1"}
		for i := 1; i < account.MaxFailures; i++ {
			if until, err := db.Accounts().RecordLoginFailure(ctx, a, u.Phone, u.ID, "登录密码错误"); err != nil || !until.IsZero() {
				t.Fatalf("failure %d: locked=%v err=%v", i, until, err)
			}
		}
		until, err := db.Accounts().RecordLoginFailure(ctx, a, u.Phone, u.ID, "登录密码错误")
		if err != nil || !until.Equal(now.Add(account.LockDuration)) {
			t.Fatalf("5th failure should lock: %v %v", until, err)
		}
		if got, err := db.Accounts().LoginLockedUntil(ctx, "13800138000"); err != nil || !got.Equal(until) {
			t.Fatalf("locked until %v, %v", got, err)
		}
		// An unregistered phone is counted and locked out the same way.
		for i := 1; i <= account.MaxFailures; i++ {
			until, err := db.Accounts().RecordLoginFailure(ctx, store.Actor{IP: "10.0.0.2"}, "13900139000", 0, "未注册的手机号")
			if err != nil || until.IsZero() != (i < account.MaxFailures) {
				t.Fatalf("unregistered phone, failure %d: locked=%v err=%v", i, until, err)
			}
		}
		if got, err := db.Accounts().LoginLockedUntil(ctx, "13900139000"); err != nil || got.IsZero() {
			t.Fatalf("unregistered phone not locked: %v %v", got, err)
		}
		token, err := db.Accounts().RecordLoginSuccess(ctx, a, u.Phone, account.SessionWeb)
		if err != nil {
			t.Fatal(err)
		}
		if su, err := db.Accounts().SessionUser(ctx, token); err != nil || su.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		now = now.Add(29 * time.Minute)
		if _, err := db.Accounts().SessionUser(ctx, token); err != nil {
			t.Fatalf("session within idle window: %v", err)
		}
		now = now.Add(31 * time.Minute)
		if _, err := db.Accounts().SessionUser(ctx, token); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("idle session should expire: %v", err)
		}
		// Absolute timeout: keep it busy every 20 minutes for 12 hours.
		token, _ = db.Accounts().RecordLoginSuccess(ctx, a, u.Phone, account.SessionAPI)
		for i := 0; i < 36; i++ {
			now = now.Add(20 * time.Minute)
			if _, err := db.Accounts().SessionUser(ctx, token); err != nil {
				t.Fatalf("active session ended early at step %d: %v", i, err)
			}
		}
		now = now.Add(20 * time.Minute)
		if _, err := db.Accounts().SessionUser(ctx, token); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("session past 12 h should expire: %v", err)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n < 7 {
			t.Fatalf("audit: n=%d err=%v", n, err)
		}
	})
}

func TestBackupRestore(t *testing.T) {
	db := storetest.SQLite(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5; i++ {
		p := newPerson(r)
		if err := db.Registry().RegisterPerson(ctx, store.Actor{}, p, &account.User{Name: p.Name, Phone: p.Phone}, "h"); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "b", "backup.db")
	m, err := db.Backup(ctx, out, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts["persons"] != 5 || m.Counts["users"] != 5 || m.Counts["audit_log"] != 5 {
		t.Fatalf("manifest counts %v", m.Counts)
	}
	for _, table := range []string{"sessions", "uploads", "schema_migrations", "job_posts", "policy_applications"} {
		if _, ok := m.Counts[table]; !ok {
			t.Errorf("manifest does not count table %s: %v", table, m.Counts)
		}
	}
	if m.Signature == "" || m.Verify(db.Box()) != nil {
		t.Fatalf("manifest not signed or not verified: %q", m.Signature)
	}
	m.Counts["users"]++
	if m.Verify(db.Box()) == nil {
		t.Fatal("a manifest with an edited count verifies")
	}
	m.Counts["users"]--
	target := filepath.Join(t.TempDir(), "restored.db")
	if _, err := store.Restore(ctx, out, target, t.TempDir(), storetest.Box(t)); err == nil || !strings.Contains(err.Error(), "needs key") {
		t.Fatalf("restore with the wrong key must fail naming the key: %v", err)
	}
	if _, err := store.Restore(ctx, out, target, t.TempDir(), db.Box()); err != nil {
		t.Fatal(err)
	}
	re, err := store.Open(ctx, "sqlite:"+target, db.Box())
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	for table, want := range m.Counts {
		if got, _ := re.Count(ctx, table); got != want {
			t.Fatalf("%s: %d rows after restore, want %d", table, got, want)
		}
	}
	if _, err := re.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
	ps, _, _ := re.Registry().SearchPersons(ctx, registry.PersonFilter{})
	if full, err := re.Registry().PersonByID(ctx, ps[0].ID); err != nil || full.IDNumber == "" {
		t.Fatalf("restored data does not decrypt: %v", err)
	}
}
