package activity

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// TestLotteryReproducible draws 5,000 entries and recomputes the order
// from the published seed and list with an independent implementation of
// the rule in draw.go's comment (fmt and sort, not the package's code).
func TestLotteryReproducible(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var entries []Entry
	for i := range 5000 {
		tier := 0
		if rng.IntN(20) == 0 {
			tier = 1
		}
		entries = append(entries, Entry{ID: int64(1000 + i*3 + rng.IntN(3)), Tier: tier})
	}
	rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	seed := "8f1c0a6e2b9d4f3a"
	got := Draw(seed, entries)

	// The independent recomputation.
	type row struct {
		id     int64
		tier   int
		ticket string
	}
	rows := make([]row, len(entries))
	for i, e := range entries {
		rows[i] = row{e.ID, e.Tier, fmt.Sprintf("%x", sha256.Sum256([]byte(fmt.Sprintf("%s:%d", seed, e.ID))))}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].tier != rows[j].tier {
			return rows[i].tier < rows[j].tier
		}
		if rows[i].ticket != rows[j].ticket {
			return rows[i].ticket < rows[j].ticket
		}
		return rows[i].id < rows[j].id
	})
	if len(got) != len(rows) {
		t.Fatalf("drew %d of %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i].ID != rows[i].id || got[i].Tier != rows[i].tier {
			t.Fatalf("position %d: drew %d (tier %d), recomputed %d (tier %d)", i, got[i].ID, got[i].Tier, rows[i].id, rows[i].tier)
		}
	}
	// Tier 1 entries all come last.
	seen1 := false
	for _, e := range got {
		if e.Tier == 1 {
			seen1 = true
		} else if seen1 {
			t.Fatal("a tier-0 entry was drawn after a tier-1 entry")
		}
	}
	// The entries' hash is the published list's, in any order.
	var b strings.Builder
	sorted := append([]Entry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, e := range sorted {
		fmt.Fprintf(&b, "%d:%d\n", e.ID, e.Tier)
	}
	if want := fmt.Sprintf("%x", sha256.Sum256([]byte(b.String()))); EntriesHash(entries) != want {
		t.Fatalf("entries hash %s, recomputed %s", EntriesHash(entries), want)
	}
	if SeedHash(seed) != fmt.Sprintf("%x", sha256.Sum256([]byte(seed))) {
		t.Fatal("seed hash differs")
	}
	// Another seed gives another order.
	other := Draw(seed+"x", entries)
	same := 0
	for i := range other {
		if other[i].ID == got[i].ID {
			same++
		}
	}
	if same > 50 {
		t.Fatalf("another seed left %d of 5000 positions unchanged", same)
	}
}

func TestAudience(t *testing.T) {
	day := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	p := &registry.Person{Birth: time.Date(2000, 12, 11, 0, 0, 0, 0, time.UTC), HukouRegion: "420112001", ResidenceRegion: "420106"}
	cases := []struct {
		au   Audience
		p    *registry.Person
		want string
	}{
		{Audience{}, p, ""},
		{Audience{}, nil, "完善个人信息"},
		{Audience{MinAge: 16, MaxAge: 25}, p, ""}, // 25 the day before the 26th birthday
		{Audience{MaxAge: 24}, p, "25 周岁"},
		{Audience{MinAge: 26}, p, "25 周岁"},
		{Audience{Residents: true}, p, ""},
		{Audience{Residents: true}, &registry.Person{Birth: p.Birth, HukouRegion: "422801", ResidenceRegion: "420106"}, "本区户籍或常住"},
		{Audience{Graduates: true}, p, "毕业两年内"},
		{Audience{Graduates: true}, &registry.Person{Birth: p.Birth, GraduationDate: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}, ""},
		{Audience{Graduates: true}, &registry.Person{Birth: p.Birth, GraduationDate: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}, "毕业两年内"},
	}
	for i, c := range cases {
		got := c.au.Check(c.p, "420112", day)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("case %d: %q, want %q", i, got, c.want)
		}
	}
}

func validActivity(now time.Time) *Activity {
	start := now.Add(72 * time.Hour)
	return &Activity{Kind: KindCourse, Title: "青年夜校·瑜伽入门", Description: "零基础", Organiser: ByLeague, OrgName: "团区委",
		RegionCode: "420112", Capacity: 30, Allocation: Lottery, OpensAt: now, ClosesAt: now.Add(48 * time.Hour),
		Sessions: []Session{{Start: start, End: start.Add(2 * time.Hour), Place: "区青年之家"}}}
}

func TestValidate(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	if err := validActivity(now).Validate(now, 0); err != nil {
		t.Fatalf("valid activity refused: %v", err)
	}
	cases := []struct {
		field string
		edit  func(a *Activity)
		taken int
	}{
		{"capacity", func(a *Activity) { a.Capacity = 10 }, 12},
		{"capacity", func(a *Activity) { a.Capacity = 0 }, 0},
		{"closes_at", func(a *Activity) { a.ClosesAt = a.OpensAt }, 0},
		{"closes_at", func(a *Activity) { a.ClosesAt = a.Sessions[0].Start.Add(time.Minute) }, 0},
		{"sessions.0.end", func(a *Activity) { a.Sessions[0].End = a.Sessions[0].Start }, 0},
		{"sessions.0.place", func(a *Activity) { a.Sessions[0].Place = "" }, 0},
		{"sessions.0.link", func(a *Activity) { a.Sessions[0].Link = "javascript:alert(1)" }, 0},
		{"max_age", func(a *Activity) { a.Audience = Audience{MinAge: 30, MaxAge: 20} }, 0},
		{"allocation", func(a *Activity) { a.Allocation = "fastest" }, 0},
		{"title", func(a *Activity) { a.Title = "" }, 0},
		{"kind", func(a *Activity) { a.Kind = "party" }, 0},
	}
	for _, c := range cases {
		a := validActivity(now)
		c.edit(a)
		e := apperr.As(a.Validate(now, c.taken))
		if e == nil || e.Fields[c.field] == "" {
			t.Errorf("%s: want a field error, got %v", c.field, e)
		}
	}
}

func TestPhaseAndOffer(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	a := validActivity(now)
	for _, c := range []struct {
		at   time.Time
		want Phase
	}{
		{now.Add(-time.Minute), PhaseSoon},
		{now, PhaseOpen},
		{a.ClosesAt, PhaseDrawing},
		{a.End(), PhaseEnded},
	} {
		if got := a.PhaseAt(c.at); got != c.want {
			t.Errorf("at %v: %s, want %s", c.at, got, c.want)
		}
	}
	a.DrawnAt = a.ClosesAt
	if got := a.PhaseAt(a.ClosesAt); got != PhaseClosed {
		t.Errorf("after the draw: %s", got)
	}
	start := now.Add(72 * time.Hour)
	if d := OfferDeadline(now, start); !d.Equal(now.Add(OfferTime)) {
		t.Errorf("offer deadline %v", d)
	}
	if d := OfferDeadline(start.Add(-3*time.Hour), start); !d.Equal(start.Add(-time.Hour)) {
		t.Errorf("late offer deadline %v", d)
	}
	if d := OfferDeadline(start.Add(-40*time.Minute), start); !d.Equal(start.Add(-10 * time.Minute)) {
		t.Errorf("last-minute offer deadline %v", d)
	}
}
