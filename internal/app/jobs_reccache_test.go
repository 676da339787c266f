package app

import (
	"testing"
	"time"
)

func TestRecCache(t *testing.T) {
	var c recCache
	t0 := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	res := &Recommendations{Hint: "x"}
	c.put(7, 1, 0, 3, t0, res)
	if c.get(7, 1, 3, t0.Add(30*time.Second)) != res {
		t.Fatal("fresh entry not returned")
	}
	for name, got := range map[string]*Recommendations{
		"other person":    c.get(8, 1, 3, t0),
		"index changed":   c.get(7, 2, 3, t0),
		"other limit":     c.get(7, 1, 5, t0),
		"after the TTL":   c.get(7, 1, 3, t0.Add(recTTL)),
		"clock went back": c.get(7, 1, 3, t0.Add(-time.Second)),
	} {
		if got != nil {
			t.Errorf("%s: entry returned", name)
		}
	}
	c.resumeSaved()
	if c.get(7, 1, 3, t0) != nil {
		t.Error("entry survived a resume save")
	}
	c.put(7, 1, 0, 3, t0, res) // computed before the save: dropped
	if c.get(7, 1, 3, t0) != nil {
		t.Error("a result computed before a resume save was kept")
	}
	c.put(7, 1, 1, 3, t0, res)
	if c.get(7, 1, 3, t0) != res {
		t.Error("a result computed after the save was not kept")
	}
}
