package cache

import (
	"testing"
	"time"
)

func TestGen(t *testing.T) {
	c := &Gen[int]{TTL: 5 * time.Second, Size: 2}
	t0 := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	c.Put("a", 1, t0, 10)
	if v, ok := c.Get("a", 1, t0.Add(4*time.Second)); !ok || v != 10 {
		t.Fatalf("fresh: %d %v", v, ok)
	}
	for name, ok := range map[string]bool{
		"expired":       second(c.Get("a", 1, t0.Add(5*time.Second))),
		"before stored": second(c.Get("a", 1, t0.Add(-time.Second))),
		"newer gen":     second(c.Get("a", 2, t0)),
		"missing":       second(c.Get("b", 1, t0)),
	} {
		if ok {
			t.Errorf("%s: found", name)
		}
	}
	c.Put("b", 2, t0, 20) // a newer generation empties the cache
	if _, ok := c.Get("a", 1, t0); ok {
		t.Error("old generation survived")
	}
	c.Put("c", 1, t0, 30) // computed before generation 2: dropped
	if _, ok := c.Get("c", 2, t0); ok {
		t.Error("stale put kept")
	}
	c.Put("d", 2, t0, 40)
	c.Put("e", 2, t0, 50) // full at 2: one entry goes
	n := 0
	for _, k := range []string{"b", "d", "e"} {
		if _, ok := c.Get(k, 2, t0); ok {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d entries after overflow, want 2", n)
	}
}

func TestAdmit(t *testing.T) {
	open := &Gen[int]{TTL: time.Second, Size: 4}
	if !open.Admit("x") {
		t.Error("no doorkeeper: every key admitted")
	}
	c := &Gen[int]{TTL: time.Second, Size: 4, Doorkeeper: 2}
	if c.Admit("x") || !c.Admit("x") {
		t.Error("x: want refused once, then admitted")
	}
	c.Admit("y") // full at 2: the memory starts again
	if c.Admit("z") || c.Admit("x") {
		t.Error("the doorkeeper kept keys past its size")
	}
}

func second[V any](_ V, ok bool) bool { return ok }
