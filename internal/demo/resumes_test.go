package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/search/searchbench"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestGenerateResumes: one valid resume per demo person, about 60%
// discoverable, intentions in 东西湖区 with occupations the posts use,
// education as on the person record, dated work history, about half with
// a location near the centre of their street.
func TestGenerateResumes(t *testing.T) {
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		res, err := Generate(ctx, db, tables, Options{Scale: 0.02, Seed: 7, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.Count(ctx, "resumes"); err != nil || n != 200 || res.Resumes != 200 {
			t.Fatalf("resumes = %d (%v), result %d; want 200", n, err, res.Resumes)
		}
		pool, err := db.Jobs().DiscoverableResumes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pool) < 90 || len(pool) > 150 {
			t.Errorf("%d of 200 discoverable, want about 60%%", len(pool))
		}
		withWork, located := 0, 0
		centres := searchbench.StreetCentres(tables.Regions)
		for _, c := range pool {
			r := c.Resume
			if r.HasLocation() {
				located++
				centre := centres[r.Intentions[0].RegionCodes[0]]
				if km := match.HaversineKm(*r.Lat, *r.Lng, centre.Lat, centre.Lng); km > 1.8 {
					t.Errorf("person %d: located %.1f km from the centre of %s", r.PersonID, km, r.Intentions[0].RegionCodes[0])
				}
			}
			if err := r.Validate(testNow, tables.Occupations, tables.Regions); err != nil {
				t.Fatalf("person %d: %v", r.PersonID, err)
			}
			if len(r.Intentions) == 0 || len(r.Intentions[0].OccupationCodes) == 0 || !strings.HasPrefix(r.Intentions[0].RegionCodes[0], "420112") {
				t.Errorf("person %d: intentions %+v", r.PersonID, r.Intentions)
			}
			if len(r.Skills) == 0 {
				t.Errorf("person %d: no skills", r.PersonID)
			}
			if c.Education != "" && r.HighestEducation() != c.Education {
				t.Errorf("person %d: resume education %q, record %q", r.PersonID, r.HighestEducation(), c.Education)
			}
			if len(r.Work) > 0 {
				withWork++
				if r.Work[0].From == "" {
					t.Errorf("person %d: undated work", r.PersonID)
				}
			}
		}
		if located < len(pool)*35/100 || located > len(pool)*65/100 {
			t.Errorf("%d of %d resumes located, want about half", located, len(pool))
		}
		if withWork < len(pool)/2 {
			t.Errorf("only %d of %d resumes have work history", withWork, len(pool))
		}
	})
}
