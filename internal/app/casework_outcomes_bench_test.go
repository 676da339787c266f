//go:build unix

package app_test

// Targets of issue 11: importing a 100,000-row insurance file ≤ 20 s, and
// a cohort report over 100,000 served persons ≤ 2 s. Run with
//
//	go test ./internal/app -run '^$' -bench Outcomes -benchtime 1x
//
// (PostgreSQL too when JIUYE_TEST_POSTGRES is set). The setup — 100,000
// registered persons, 200 enterprises, the .xlsx file — is not timed.

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

const benchPersons = 100000

func BenchmarkOutcomes(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchOutcomes(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv(storetest.EnvPostgres) == "" {
			b.Skip(storetest.EnvPostgres + " is not set")
		}
		benchOutcomes(b, storetest.Postgres(b))
	})
}

func benchOutcomes(b *testing.B, db *store.DB) {
	ctx := context.Background()
	tables, err := codes.Load()
	if err != nil {
		b.Fatal(err)
	}
	a := app.New(db, tables, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{DataDir: b.TempDir()})
	staff := &app.Actor{IP: "bench"}
	now := db.Now()
	rng := rand.New(rand.NewPCG(11, 12))
	start := time.Now()

	// 200 enterprises and 100,000 persons, in transactions of 5,000.
	var uscc []string
	err = db.Write(ctx, func(tx *store.Tx) error {
		for i := range 200 {
			e := &registry.Enterprise{Name: "基准企业" + strconv.Itoa(i), USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "54", RegionCode: "420112"}
			if err := tx.CreateEnterprise(ctx, e); err != nil {
				return err
			}
			uscc = append(uscc, e.USCC)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, benchPersons)
	pids := make([]int64, 0, benchPersons)
	seen := map[string]bool{}
	for len(ids) < benchPersons {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for range min(5000, benchPersons-len(ids)) {
				birth := time.Date(1960+rng.IntN(45), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
				id := registry.GenerateIDNumber(rng, "420112", birth, rng.IntN(2) == 0)
				if seen[id] {
					continue
				}
				seen[id] = true
				p := &registry.Person{Name: "基准", IDNumber: id, Birth: birth}
				if err := tx.CreatePerson(ctx, p); err != nil {
					return err
				}
				ids, pids = append(ids, id), append(pids, p.ID)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	// The file: one row per person, a few bad ones, as .xlsx.
	this := casework.MonthOf(now)
	rows := make([][]any, benchPersons)
	for i, id := range ids {
		first := this.AddDate(0, -1-rng.IntN(14), 0)
		last := first.AddDate(0, rng.IntN(6), 0)
		if last.After(this) {
			last = this
		}
		rows[i] = []any{id, uscc[rng.IntN(len(uscc))], first.Format("2006-01"), last.Format("200601")}
		if i%1000 == 999 {
			rows[i][3] = first.AddDate(0, -1, 0).Format("2006-01") // months out of order
		}
	}
	var file bytes.Buffer
	if err := sheet.Write(&file, "社保缴费记录", casework.InsuranceColumns, rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d persons, %d-byte .xlsx in %s", len(ids), file.Len(), time.Since(start).Round(time.Millisecond))

	b.Run("import100k", func(b *testing.B) {
		for range b.N {
			t0, c0 := time.Now(), cpuTime()
			run, err := a.Outcomes.ImportInsurance(ctx, *staff, true, "社保.xlsx", bytes.NewReader(file.Bytes()))
			if err != nil {
				b.Fatal(err)
			}
			if run.Total != benchPersons || run.Failed != benchPersons/1000 {
				b.Fatalf("run %+v", run)
			}
			b.Logf("import: %d rows, %d saved, %d refused in %s (process CPU %s)", run.Total, run.Saved, run.Failed,
				time.Since(t0).Round(time.Millisecond), (cpuTime() - c0).Round(time.Millisecond))
		}
	})

	// Everyone served by the call centre over the last 15 months.
	topics := []casework.Topic{casework.TopicResume, casework.TopicCareer, casework.TopicPolicy, casework.TopicJobs}
	for s := 0; s < len(pids); s += 5000 {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for _, pid := range pids[s:min(s+5000, len(pids))] {
				sv := casework.Served{PersonID: pid, Kind: casework.KindCallCentre, ServedOn: casework.Day(now).AddDate(0, 0, -rng.IntN(450)),
					AgentID: int64(1 + rng.IntN(20)), Topic: topics[rng.IntN(len(topics))]}
				if err := tx.Casework().MarkServed(ctx, sv); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	staffUser := benchStaff(b, a)
	b.Run("cohorts100k", func(b *testing.B) {
		q, err := a.Outcomes.ParseCohortQuery("callcentre", casework.Day(now).AddDate(0, 0, -460).Format(time.DateOnly), "", "month")
		if err != nil {
			b.Fatal(err)
		}
		for range b.N {
			t0, c0 := time.Now(), cpuTime()
			rep, err := a.Outcomes.Cohorts(ctx, staffUser, q)
			if err != nil {
				b.Fatal(err)
			}
			if rep.Total.N != benchPersons {
				b.Fatalf("report counts %d", rep.Total.N)
			}
			h := rep.Total.Horizons[0]
			b.Logf("cohorts: %d served, %d rows, 3-month %d/%d placed, in %s", rep.Total.N, len(rep.Rows), h.Placed, h.Eligible,
				time.Since(t0).Round(time.Millisecond))
			b.Logf("cohorts: process CPU %s", (cpuTime() - c0).Round(time.Millisecond))
		}
	})
}

// benchStaff creates a staff account to read the report as.
func benchStaff(b *testing.B, a *app.App) app.Actor {
	u, err := a.Accounts.CreateUser(context.Background(), app.Actor{IP: "bench"}, app.NewUserInput{Role: "staff", Name: "基准经办",
		Phone: "13900001234", Password: "abc12345xyz"}, true)
	if err != nil {
		b.Fatal(err)
	}
	return app.Actor{User: u, IP: "bench"}
}

// cpuTime is the process's user and system CPU time so far: on a shared,
// loaded machine it says what the work cost when the wall clock cannot.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
