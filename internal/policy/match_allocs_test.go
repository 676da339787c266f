//go:build !race

package policy

import "testing"

// TestMatchAllocations holds the explained match to issue 16's budget of
// at most 20 allocations per profile against the whole catalog (the result
// itself takes six: its string, its string and failure arrays, the two
// lists and the Result). Under the race detector pools drop objects on
// purpose, so the test does not run there.
func TestMatchAllocations(t *testing.T) {
	c := defaultCatalog(t)
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		s := p.Subject()
		c.Match(s, p.EvalDate) // fill the pools
		if n := testing.AllocsPerRun(50, func() { c.Match(s, p.EvalDate) }); n > 20 {
			t.Errorf("%s: %.0f allocations per Match, want at most 20", p.ID, n)
		}
	}
}
