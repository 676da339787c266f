package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFacetOfFilter checks which facet a filter is confined to: codes at
// or below a district or 中类 have one, wider or malformed codes none.
func TestFacetOfFilter(t *testing.T) {
	s := &NewIndex(nil).st
	cases := []struct {
		region, occ     string
		wantReg, wantOc termKey
	}{
		{"420112", "", regionFacet(regionValue("420112")), 0},
		{"420112101", "", regionFacet(regionValue("420112")), 0},
		{"420112101001", "", regionFacet(regionValue("420112")), 0},
		{"4201", "", 0, 0},
		{"42a", "", 0, 0},
		{"", "6-18-00-00", 0, occFacet(occupationValue("6-18-00-00"))},
		{"", "6-18-02-04", 0, occFacet(occupationValue("6-18-00-00"))},
		{"", "6-00-00-00", 0, 0},
		{"420102", "2-02-10-00", regionFacet(regionValue("420102")), occFacet(occupationValue("2-02-00-00"))},
	}
	for _, c := range cases {
		f := compile(&Query{Region: c.region, Occupation: c.occ}, testNow, s, nil)
		if f.regionFacet != c.wantReg || f.occFacet != c.wantOc {
			t.Errorf("%q %q: facets %x %x, want %x %x", c.region, c.occ, f.regionFacet, f.occFacet, c.wantReg, c.wantOc)
		}
	}
}

// TestSnippetWithoutMatches checks that render, which counts the runes of a
// text without matches only up to snippetRunes+1, renders the same
// segments as with the full count, for texts of every length around the
// limit.
func TestSnippetWithoutMatches(t *testing.T) {
	for n := range 4 * snippetRunes {
		start, end := window(nil, n)
		capped := min(n, snippetRunes+1)
		cs, ce := window(nil, capped)
		if cs != start || ce != end || (end < n) != (ce < capped) {
			t.Errorf("%d runes: window %d-%d (ellipsis %v), capped %d-%d (%v)", n, start, end, end < n, cs, ce, ce < capped)
		}
	}
	for _, unit := range []string{"a", "岗", " ", "\u3000", "a 岗\t"} {
		for reps := range 3 * snippetRunes {
			text := strings.Repeat(unit, reps)
			n := utf8.RuneCountInString(text)
			if got := longer(text, snippetRunes); got != (n > snippetRunes) {
				t.Errorf("longer(%d runes) = %v", n, got)
			}
			got := fmt.Sprint(render(text, nil))
			if want := fmt.Sprint(renderWindow(text, nil, n)); got != want {
				t.Errorf("%q: %s, with the full count %s", text, got, want)
			}
		}
	}
}
