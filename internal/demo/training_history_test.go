package demo

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
	"github.com/jiuye/jiuye/internal/training"
)

// TestTrainingHistory: the history since 2022 has the seed's person-times
// at the scale (in-house upgrade training by the designated enterprises;
// employment and start-up training by the institutions), nobody is in two
// classes at once, every trainee is in the outcome tracking, and no
// outcome is dated after today.
func TestTrainingHistory(t *testing.T) {
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SetClock(func() time.Time { return testNow }) // job-board hires are dated by the store's clock
		opt := Options{Scale: 0.02, Seed: 42, Now: testNow}
		if _, err := Generate(ctx, db, tables, opt); err != nil {
			t.Fatal(err)
		}
		today := chinatime.Today(testNow)
		classes, trainees, err := db.Training().EndedClasses(ctx, historyFrom, today, 0)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]store.OutcomeClass{}
		for _, c := range classes {
			byID[c.ID] = c
		}
		counts := map[training.ClassType]int{}
		spans := map[int64][]store.OutcomeClass{}
		persons := map[int64]bool{}
		for _, x := range trainees {
			c := byID[x.ClassID]
			counts[c.Type]++
			for _, o := range spans[x.PersonID] {
				if !c.Start.After(o.End) && !o.Start.After(c.End) {
					t.Fatalf("person %d is in classes %d and %d at once", x.PersonID, c.ID, o.ID)
				}
			}
			spans[x.PersonID] = append(spans[x.PersonID], c)
			persons[x.PersonID] = true
		}
		up := int(math.Round(DistrictUpgradeTrainees * opt.Scale))
		emp := int(math.Round(DistrictEmploymentTrainees * opt.Scale))
		if counts[training.TypeUpgrade] != up || counts[training.TypeEmployment]+counts[training.TypeStartup] != emp || counts[training.TypeStartup] == 0 {
			t.Fatalf("person-times %v; want %d upgrade and %d employment and start-up", counts, up, emp)
		}
		served, err := db.Casework().ServedBetween(ctx, casework.KindTraining, historyFrom, today)
		if err != nil || len(served) != len(persons) {
			t.Fatalf("served by training: %d of %d trainees (%v)", len(served), len(persons), err)
		}
		ids := make([]int64, 0, len(persons))
		for id := range persons {
			ids = append(ids, id)
		}
		outs, err := db.Casework().OutcomesOf(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		working := 0
		for _, list := range outs {
			for _, o := range list {
				if o.Since.After(today) {
					t.Fatalf("an outcome since %s, after today: %+v", o.Since.Format(time.DateOnly), o)
				}
				if o.Status.Working() {
					working++
				}
			}
		}
		if working < len(persons)/2 {
			t.Fatalf("only %d of %d trainees ever working", working, len(persons))
		}
		// Evaluated: the seed's 6,588 at the scale; certificates for most;
		// paid claims whose items subsidise only certified trainees.
		for table, want := range map[string]int64{"skill_candidates": int64(math.Round(DistrictEvaluated * opt.Scale))} {
			if n, err := db.Count(ctx, table); err != nil || n != want {
				t.Fatalf("%s: %d, want %d (%v)", table, n, want, err)
			}
		}
		certs, _ := db.Count(ctx, "skill_certificates")
		ledger, _ := db.Count(ctx, "training_subsidy_ledger")
		if claims, _ := db.Count(ctx, "training_claims"); claims == 0 || ledger == 0 || ledger > certs || certs < 80 {
			t.Fatalf("claims %d, ledger rows %d, certificates %d", claims, ledger, certs)
		}
	})
}
