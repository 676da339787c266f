package store_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestResumesChangedSince: a resume saved at or after the moment comes
// back (opted out too, so a pool can drop it), and so does one whose
// person's record changed; older ones do not. DiscoverableResumes lists
// only the opted-in.
func TestResumesChangedSince(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t0 := time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)
		at := t0
		db.SetClock(func() time.Time { return at })
		r := rand.New(rand.NewPCG(5, 6))
		a := store.Actor{IP: "test"}
		var ids []int64
		for i := range 3 {
			p := newPerson(r)
			if err := db.Registry().RegisterPerson(ctx, a, p, &account.User{Name: p.Name, Phone: p.Phone}, "hash"); err != nil {
				t.Fatal(err)
			}
			lat, lng := 30.6, 114.1
			res := &resume.Resume{PersonID: p.ID, Skills: []string{"叉车"}, Discoverable: i != 1, Lat: &lat, Lng: &lng}
			if err := db.Jobs().SaveResume(ctx, store.Actor{UserID: 1, Role: "person"}, res); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		optedOut := true
		changed := func(since time.Time) []int64 {
			t.Helper()
			list, err := db.Jobs().ResumesChangedSince(ctx, since)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, c := range list {
				if !slices.Contains(out, c.Resume.PersonID) {
					out = append(out, c.Resume.PersonID)
				}
				if c.Resume.PersonID == ids[1] && c.Resume.Discoverable == optedOut {
					t.Errorf("person %d discoverable %v", c.Resume.PersonID, c.Resume.Discoverable)
				}
				if c.Name == "" || c.PhoneMasked == "" || c.Resume.UpdatedAt.Before(t0) {
					t.Errorf("candidate %+v", c)
				}
			}
			slices.Sort(out)
			return out
		}
		if got := changed(t0); !slices.Equal(got, ids) {
			t.Fatalf("since t0: %v, want %v", got, ids)
		}
		if got := changed(t0.Add(time.Microsecond)); len(got) != 0 {
			t.Fatalf("just after t0: %v", got)
		}

		at = t0.Add(90 * time.Second) // the second person opts in; the third is renamed
		res := &resume.Resume{PersonID: ids[1], Discoverable: true}
		if err := db.Jobs().SaveResume(ctx, store.Actor{UserID: 1, Role: "person"}, res); err != nil {
			t.Fatal(err)
		}
		p, err := db.Registry().PersonByID(ctx, ids[2])
		if err != nil {
			t.Fatal(err)
		}
		p.Name = "李四"
		if err := db.Registry().UpdatePerson(ctx, a, p); err != nil {
			t.Fatal(err)
		}
		optedOut = false
		if got := changed(t0.Add(time.Minute)); !slices.Equal(got, ids[1:]) {
			t.Fatalf("since t0+1m: %v, want %v", got, ids[1:])
		}
		list, _ := db.Jobs().ResumesChangedSince(ctx, t0.Add(time.Minute))
		for _, c := range list {
			if c.Resume.PersonID == ids[2] && c.Name != "李四" {
				t.Errorf("renamed person read as %q", c.Name)
			}
		}
		all, err := db.Jobs().DiscoverableResumes(ctx)
		if err != nil || len(all) != 3 {
			t.Fatalf("discoverable: %d %v", len(all), err)
		}
	})
}
