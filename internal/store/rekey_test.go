package store_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestRekey: a rotation while serving. Under the ring, rows still under the
// old key are found by ID number and phone, still count as taken, and keep
// their login lock; Rekey reseals them in resumable batches; afterwards a
// box without the old key reads and finds everything.
func TestRekey(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	old, _ := secret.New(k1)
	ring, _ := secret.NewRing(k2, k1, k1)
	after, _ := secret.NewRing(k2, nil, k1)
	storetest.ForEachReopen(t, old, func(t *testing.T, db *store.DB, reopen func(*secret.Box) *store.DB) {
		r := rand.New(rand.NewPCG(7, 8))
		a := store.Actor{IP: "127.0.0.1"}
		var ps []*registry.Person
		for i := 0; i < 5; i++ {
			p := newPerson(r)
			if err := db.Registry().RegisterPerson(ctx, a, p, &account.User{Name: p.Name, Phone: p.Phone}, "hash"); err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
		locked, unknown := ps[0].Phone, registry.GeneratePhone(r)
		for i := 0; i < account.MaxFailures; i++ {
			db.Accounts().RecordLoginFailure(ctx, a, locked, 0, "x")
		}
		db.Accounts().RecordLoginFailure(ctx, a, ps[1].Phone, 0, "x")
		db.Accounts().RecordLoginFailure(ctx, a, unknown, 0, "x")

		check := func(t *testing.T, db *store.DB, stage string) {
			t.Helper()
			for _, p := range ps {
				got, err := db.Registry().PersonByID(ctx, p.ID)
				if err != nil || got.IDNumber != p.IDNumber || got.Phone != p.Phone {
					t.Fatalf("%s: person %d: %v", stage, p.ID, err)
				}
				if u, _, err := db.Accounts().UserByPhone(ctx, p.Phone); err != nil || u.PersonID != p.ID {
					t.Fatalf("%s: user by phone: %v", stage, err)
				}
				for _, q := range []string{p.IDNumber, p.Phone} {
					if _, n, err := db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: q}); err != nil || n != 1 {
						t.Fatalf("%s: search %s: n=%d %v", stage, q, n, err)
					}
				}
				if _, n, err := db.Accounts().ListUsers(ctx, account.UserFilter{Query: p.Phone}); err != nil || n != 1 {
					t.Fatalf("%s: users by phone: n=%d %v", stage, n, err)
				}
			}
			if until, err := db.Accounts().LoginLockedUntil(ctx, locked); err != nil || until.IsZero() {
				t.Fatalf("%s: the lock was lost: %v", stage, err)
			}
			// Taken under either key: the ID number and the phone.
			dup := newPerson(r)
			dup.IDNumber = ps[2].IDNumber
			dup.Normalize(time.Now())
			if err := db.Registry().RegisterPerson(ctx, a, dup, &account.User{Name: "x", Phone: dup.Phone}, "hash"); apperr.CodeOf(err) != apperr.Conflict {
				t.Fatalf("%s: duplicate ID number: %v", stage, err)
			}
			dup = newPerson(r)
			dup.Phone = ps[3].Phone
			if err := db.Registry().RegisterPerson(ctx, a, dup, &account.User{Name: "x", Phone: dup.Phone}, "hash"); apperr.CodeOf(err) != apperr.Conflict {
				t.Fatalf("%s: duplicate phone: %v", stage, err)
			}
		}

		rot := reopen(ring)
		check(t, rot, "during")
		// Written while rotating: under the new key already.
		p := newPerson(r)
		if err := rot.Registry().RegisterPerson(ctx, a, p, &account.User{Name: p.Name, Phone: p.Phone}, "hash"); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
		if n, _ := rot.StaleSealed(ctx); n != 15 { // 5 persons × (ID, phone) and 5 users × phone
			t.Fatalf("stale before: %d", n)
		}
		// The failures of a phone under either key count toward its lockout.
		if until, _ := rot.Accounts().RecordLoginFailure(ctx, a, ps[1].Phone, 0, "x"); !until.IsZero() {
			t.Fatal("two failures locked")
		}

		var batches int
		counts, err := rot.RekeyAll(ctx, 2, func(store.RekeyCount) { batches++ })
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]store.RekeyCount{
			"persons":            {Table: "persons", Rows: 6, Resealed: 5, Current: 1},
			"users":              {Table: "users", Rows: 6, Resealed: 5, Current: 1},
			"gig_signups":        {Table: "gig_signups"}, // none in this store; the key test rotates a dispute
			"casework_contacts":  {Table: "casework_contacts"},
			"casework_reviews":   {Table: "casework_reviews"},
			"startup_parks":      {Table: "startup_parks"},
			"training_providers": {Table: "training_providers"},
			"activities":         {Table: "activities"},
			"counsel_bookings":   {Table: "counsel_bookings"},
			"stations":           {Table: "stations"},
			"school_visits":      {Table: "school_visits"},
			"skill_certificates": {Table: "skill_certificates"},
			"internship_bases":   {Table: "internship_bases"},
		}
		for _, c := range counts {
			if c != want[c.Table] {
				t.Fatalf("counts %+v, want %+v", c, want[c.Table])
			}
		}
		if batches != 19 { // 3 full batches and an empty one per table, one empty for each table with no rows here
			t.Fatalf("batches %d", batches)
		}
		if n, _ := rot.StaleSealed(ctx); n != 0 {
			t.Fatalf("stale after: %d", n)
		}
		again, err := rot.RekeyAll(ctx, 0, nil)
		if err != nil || again[0].Resealed != 0 || again[1].Resealed != 0 || again[0].Current != 6 {
			t.Fatalf("second pass: %+v %v", again, err)
		}
		check(t, rot, "after, with the ring")

		done := reopen(after)
		check(t, done, "after, new key only")
		// The lockout counts kept following the phone: ps[1] has 2 failures moved to the new index.
		for i := 2; i < account.MaxFailures; i++ {
			done.Accounts().RecordLoginFailure(ctx, a, ps[1].Phone, 0, "x")
		}
		if until, _ := done.Accounts().LoginLockedUntil(ctx, ps[1].Phone); until.IsZero() {
			t.Fatal("failures recorded before the rotation were lost")
		}
		if _, err := db.Registry().PersonByID(ctx, ps[0].ID); err == nil {
			t.Fatal("the old key alone still opens a resealed row")
		}
		if n, err := done.VerifyAudit(ctx); err != nil || n == 0 {
			t.Fatalf("audit after rotation: %d %v", n, err)
		}
	})
}

// TestSetPasswordDuringRotation: a new password clears the phone's login
// failures under both the previous and the current key's index, so none
// recorded before the rotation survives it.
func TestSetPasswordDuringRotation(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{3}, 32), bytes.Repeat([]byte{4}, 32)
	old, _ := secret.New(k1)
	ring, _ := secret.NewRing(k2, k1, k1)
	storetest.ForEachReopen(t, old, func(t *testing.T, db *store.DB, reopen func(*secret.Box) *store.DB) {
		r := rand.New(rand.NewPCG(9, 10))
		a := store.Actor{IP: "127.0.0.1"}
		p := newPerson(r)
		u := &account.User{Name: p.Name, Phone: p.Phone}
		if err := db.Registry().RegisterPerson(ctx, a, p, u, "hash"); err != nil {
			t.Fatal(err)
		}
		db.Accounts().RecordLoginFailure(ctx, a, p.Phone, u.ID, "before the rotation")
		rot := reopen(ring)
		rot.Accounts().RecordLoginFailure(ctx, a, p.Phone, u.ID, "during the rotation")
		if n, _ := rot.Count(ctx, "login_failures"); n < 2 {
			t.Fatalf("login_failures before the new password: %d rows, want 2", n)
		}
		if err := rot.Accounts().SetPassword(ctx, a, u.ID, "hash2"); err != nil {
			t.Fatal(err)
		}
		if n, _ := rot.Count(ctx, "login_failures"); n != 0 {
			t.Fatalf("login_failures after the new password: %d rows, want 0", n)
		}
	})
}
