package app_test

// Target of issue 15: 2,000 concurrent sign-ups for a 30-seat first-come
// course give exactly 30 confirmed and the rest waitlisted in arrival
// order, p99 ≤ 200 ms, on SQLite and PostgreSQL. Run with
//
//	go test ./internal/app -run '^$' -bench ActivitySignups -benchtime 3x
//
// (PostgreSQL too when JIUYE_TEST_POSTGRES is set). Each op is one course
// and 2,000 persons signing up through the use case (audience check,
// with the age and residence rules of the night school, overlap check,
// the seat, the row) from 2,000 goroutines released at
// once ("burst") or from 64 clients taking the next person in turn
// ("clients64"). The 2,000 persons are stored once, untimed.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

const signupRush = 2000

func BenchmarkActivitySignups(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchSignups(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv(storetest.EnvPostgres) == "" {
			b.Skip(storetest.EnvPostgres + " is not set")
		}
		benchSignups(b, storetest.Postgres(b))
	})
}

// TestActivityRush: 300 persons at once for 30 seats, in a burst and from
// 64 clients, on both stores: exactly 30 seats, the rest waitlisted after them.
func TestActivityRush(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		a, people := rushSetup(t, db, 300)
		staff := app.Actor{User: &account.User{ID: 1, Role: account.RoleStaff}, IP: "test"}
		for i, mode := range []string{"burst", "clients64"} {
			id := publishCourse(t, a, staff, i+1)
			rush(t, a, people, id, mode)
			checkRush(t, a, staff, id, len(people))
		}
	})
}

func benchSignups(b *testing.B, db *store.DB) {
	a, people := rushSetup(b, db, signupRush)
	staff := app.Actor{User: &account.User{ID: 1, Role: account.RoleStaff}, IP: "bench"}
	course := 0
	for _, mode := range []string{"burst", "clients64"} {
		b.Run(mode, func(b *testing.B) {
			var all []time.Duration
			for range b.N {
				course++
				id := publishCourse(b, a, staff, course)
				all = append(all, rush(b, a, people, id, mode)...)
				checkRush(b, a, staff, id, len(people))
			}
			slices.Sort(all)
			p := func(q float64) float64 { return float64(all[int(q*float64(len(all)-1))].Microseconds()) / 1000 }
			b.ReportMetric(p(0.5), "p50-ms")
			b.ReportMetric(p(0.99), "p99-ms")
			b.ReportMetric(p(1), "max-ms")
		})
	}
}

// rushSetup stores n young district residents and returns their users.
func rushSetup(tb testing.TB, db *store.DB, n int) (*app.App, []*account.User) {
	ctx := context.Background()
	tables, err := codes.Load()
	if err != nil {
		tb.Fatal(err)
	}
	a := app.New(db, tables, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{DataDir: tb.TempDir()})
	rng := rand.New(rand.NewPCG(15, 30))
	var people []*account.User
	seen := map[string]bool{}
	err = db.Write(ctx, func(tx *store.Tx) error {
		for len(people) < n {
			birth := time.Date(1995+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
			id := registry.GenerateIDNumber(rng, "420112", birth, rng.IntN(2) == 0)
			if seen[id] {
				continue
			}
			seen[id] = true
			p := &registry.Person{Name: "青年", IDNumber: id, Birth: birth, ResidenceRegion: "420112001"}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			people = append(people, &account.User{ID: p.ID, Role: account.RolePerson, PersonID: p.ID})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return a, people
}

// publishCourse opens a 30-seat first-come course n days ahead.
func publishCourse(b testing.TB, a *app.App, staff app.Actor, n int) int64 {
	now := a.Now()
	day := chinatime.Today(now).AddDate(0, 0, 2+n)
	act, err := a.Activities.Publish(context.Background(), staff, app.ActivityInput{Kind: "course", Title: fmt.Sprintf("青年夜校·瑜伽 %d", n),
		Description: "零基础", Organiser: "league", OrgName: "团区委", RegionCode: "420112", Capacity: 30, Allocation: "first_come", MinAge: 16, MaxAge: 35, Residents: true,
		OpensAt:  now.Add(-time.Minute).In(chinatime.Zone).Format("2006-01-02 15:04"),
		ClosesAt: day.Format("2006-01-02") + " 12:00",
		Sessions: []app.ActivitySessionInput{{Date: day.Format("2006-01-02"), Start: "19:00", End: "21:00", Place: "区青年之家"}}})
	if err != nil {
		b.Fatal(err)
	}
	return act.ID
}

// rush signs every person up and returns each sign-up's latency.
func rush(b testing.TB, a *app.App, people []*account.User, id int64, mode string) []time.Duration {
	lat := make([]time.Duration, len(people))
	var wg sync.WaitGroup
	var fail sync.Once
	do := func(i int) {
		t0 := time.Now()
		_, err := a.Activities.SignUp(context.Background(), app.Actor{User: people[i], IP: "bench"}, id)
		lat[i] = time.Since(t0)
		if err != nil {
			fail.Do(func() { b.Errorf("sign-up %d: %v", i, err) })
		}
	}
	if mode == "burst" {
		start := make(chan struct{})
		for i := range people {
			wg.Go(func() { <-start; do(i) })
		}
		close(start)
	} else {
		next := make(chan int, len(people))
		for i := range people {
			next <- i
		}
		close(next)
		for range 64 {
			wg.Go(func() {
				for i := range next {
					do(i)
				}
			})
		}
	}
	wg.Wait()
	return lat
}

// checkRush: exactly 30 confirmed, the rest waitlisted, every confirmed
// sign-up recorded before every waitlisted one.
func checkRush(b testing.TB, a *app.App, staff app.Actor, id int64, n int) {
	act, list, err := a.Activities.Roster(context.Background(), staff, id)
	if err != nil {
		b.Fatal(err)
	}
	var lastSeat, firstWait int64 = 0, 1 << 62
	seats := 0
	for _, su := range list {
		switch su.Status {
		case activity.Confirmed:
			seats++
			lastSeat = max(lastSeat, su.ID)
		case activity.Waitlisted:
			firstWait = min(firstWait, su.ID)
		default:
			b.Fatalf("sign-up %d is %s", su.ID, su.Status)
		}
	}
	if seats != 30 || len(list) != n || act.Taken != 30 || act.Waiting != n-30 || lastSeat > firstWait {
		b.Fatalf("seats %d of %d sign-ups, taken %d, waiting %d, last seat #%d, first waiting #%d", seats, len(list), act.Taken, act.Waiting, lastSeat, firstWait)
	}
}
