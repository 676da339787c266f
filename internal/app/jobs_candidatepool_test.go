package app

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// TestPoolApplyKeepsNewest: a look that read a resume before a local save
// cannot undo the save; a read of the same version applies again (a
// person's record may have changed), a newer one wins.
func TestPoolApplyKeepsNewest(t *testing.T) {
	c := &candidatePool{pool: match.NewPool(), contacts: map[int64]contact{}, version: map[int64]time.Time{}}
	t1 := time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)
	read := func(at time.Time, discoverable bool, name string) store.Candidate {
		return store.Candidate{Resume: &resume.Resume{PersonID: 7, Discoverable: discoverable, UpdatedAt: at,
			Intentions: []resume.Intention{{OccupationCodes: []string{"4-02-06-01"}}}}, Name: name, PhoneMasked: "138****0000"}
	}
	c.apply(read(t1.Add(time.Second), false, "王小明"), t1) // saved here: opted out
	c.apply(read(t1, true, "王小明"), t1)                   // a look's older read
	if c.pool.Len() != 0 {
		t.Fatal("an older read put the opted-out person back")
	}
	c.apply(read(t1.Add(2*time.Second), true, "王小明"), t1)
	c.apply(read(t1.Add(2*time.Second), true, "王大明"), t1) // same resume, renamed record
	if _, ok := c.pool.Get(7); !ok || c.contacts[7].name != "王大明" {
		t.Fatalf("newer reads: in pool %v, contact %+v", c.pool.Len(), c.contacts[7])
	}
}
