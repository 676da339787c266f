package classify

import "testing"

// TestLearned: a correction puts its code first for the same title, typed
// the same or dressed up as boards write it, and for a longer title that
// contains it; a code chosen more often wins over one chosen once; without
// the correction (removed) the built-in answer is back.
func TestLearned(t *testing.T) {
	_, c := testClassifier(t)
	title, similar := "电焊工", "二保焊电焊工"
	base := c.Classify(title, "", 5)
	baseSimilar := c.Classify(similar, "", 5)
	if len(base) < 2 || len(baseSimilar) == 0 {
		t.Fatalf("built-in suggestions %v %v", base, baseSimilar)
	}
	want := base[1].Code // a human coder's choice other than the first
	if want == baseSimilar[0].Code {
		t.Fatalf("pick another code: %v %v", base, baseSimilar)
	}
	l := c.Learn([]Correction{{Title: title, Code: want, Count: 1}})
	if l.Len() != 1 {
		t.Fatalf("learned %d titles", l.Len())
	}
	for _, q := range []string{title, " 电焊工 ", "急招电焊工（包吃住）", similar} {
		got := c.ClassifyLearned(l, q, "", 5)
		if len(got) == 0 || got[0].Code != want {
			t.Errorf("%q: first %v, want %s", q, got, want)
		}
		if len(got) > 5 {
			t.Errorf("%q: %d suggestions", q, len(got))
		}
	}
	// An unrelated title is not touched.
	if got, base := c.ClassifyLearned(l, "会计", "", 3), c.Classify("会计", "", 3); got[0] != base[0] {
		t.Errorf("unrelated title changed: %v vs %v", got, base)
	}
	// Weighted by how often each was chosen.
	other := base[2].Code
	l2 := c.Learn([]Correction{{Title: title, Code: want, Count: 1}, {Title: "电焊工", Code: other, Count: 3}})
	if got := c.ClassifyLearned(l2, title, "", 5); got[0].Code != other || got[1].Code != want {
		t.Errorf("counts: %v", got)
	}
	// Removed: the built-in answer again.
	none := c.Learn(nil)
	if got := c.ClassifyLearned(none, similar, "", 5); got[0].Code != baseSimilar[0].Code {
		t.Errorf("after removal: %v", got)
	}
	if got := c.ClassifyLearned(nil, title, "", 5); got[0].Code != base[0].Code {
		t.Errorf("nil overlay: %v", got)
	}
	// Codes that are not leaves are ignored.
	if l := c.Learn([]Correction{{Title: "x", Code: "6", Count: 1}, {Title: "y", Code: "9-99", Count: 1}}); l.Len() != 0 {
		t.Errorf("non-leaf codes learned: %d", l.Len())
	}
}
