package search

import (
	"testing"
	"time"
)

func TestOccupationCounts(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	ix := NewIndex(nil)
	add := func(id int64, occ string, expires time.Time) {
		ix.Upsert(Doc{ID: id, Title: "岗位", OccupationCode: occ, RegionCode: "420112", PublishedAt: now.Add(-time.Hour), ExpiresAt: expires})
	}
	later := now.Add(24 * time.Hour)
	add(1, "6-18-02-04", later)
	add(2, "6-18-02-04", later)
	add(3, "4-02-02-01", later)
	add(4, "4-02-02-01", now.Add(-time.Minute)) // expired
	add(5, "", later)
	add(6, "6-18-02-04", later)
	ix.Delete(6)
	got := ix.OccupationCounts(now)
	if len(got) != 2 || got["6-18-02-04"] != 2 || got["4-02-02-01"] != 1 {
		t.Fatalf("counts %v", got)
	}
}
