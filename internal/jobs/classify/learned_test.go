package classify

import "testing"

// TestLearned: a correction puts its code first for the same title, typed
// the same or dressed up as boards write it, and for a longer title that
// contains it; a code chosen more often wins over one chosen once; without
// the correction (removed) the built-in answer is back.
func TestLearned(t *testing.T) {
	_, c := testClassifier(t)
	title, similar := "电焊工", "二保电焊工"
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
	// A learned generic word does not take over a title it is only part of.
	drv := c.Classify("叉车司机", "", 5)
	lg := c.Learn([]Correction{{Title: "司机", Code: base[0].Code, Count: 3}})
	if got := c.ClassifyLearned(lg, "叉车司机", "", 5); got[0].Code != drv[0].Code {
		t.Errorf("叉车司机 after learning 司机: %v, want %s first", got, drv[0].Code)
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

// TestLearnedOnLabelledTitles simulates use on the labelled title sets: a
// bureau's coders correct every title of one half whose first suggestion
// was wrong. The corrected titles, seen again, come first with the coders'
// code (unless the set labels the same title two ways); every other title
// must not get worse by more than 1% from the aliases the corrections add.
// The figures are logged.
func TestLearnedOnLabelledTitles(t *testing.T) {
	_, c := testClassifier(t)
	for _, run := range []struct {
		path string
		half int // the half whose titles are corrected
	}{{"testdata/titles.tsv", 0}, {"testdata/titles.tsv", 1}, {"testdata/realistic.tsv", 1}, {"testdata/breadth.tsv", 1}} {
		rows := loadTSV(t, run.path)
		var cs []Correction
		corrected := map[string]bool{}
		labels := map[string]map[string]bool{}
		for i, r := range rows {
			if labels[r.title] == nil {
				labels[r.title] = map[string]bool{}
			}
			labels[r.title][r.code] = true
			if i%2 != run.half {
				continue
			}
			if got := c.Classify(r.title, "", 1); len(got) == 0 || got[0].Code != r.code {
				cs = append(cs, Correction{Title: r.title, Code: r.code, Count: 1})
				corrected[r.title] = true
			}
		}
		l := c.Learn(cs)
		var fixed, fixedOK, other, before, after int
		for _, r := range rows {
			got := c.ClassifyLearned(l, r.title, "", 1)
			ok := len(got) > 0 && got[0].Code == r.code
			if corrected[r.title] {
				fixed++
				if ok || len(labels[r.title]) > 1 {
					fixedOK++
				}
				continue
			}
			other++
			if b := c.Classify(r.title, "", 1); len(b) > 0 && b[0].Code == r.code {
				before++
			}
			if ok {
				after++
			}
		}
		t.Logf("%s, half %d corrected: %d corrections; corrected titles right %d/%d; other titles %.1f%% → %.1f%% (%d)", run.path, run.half,
			len(cs), fixedOK, fixed, 100*float64(before)/float64(other), 100*float64(after)/float64(other), other)
		if fixedOK != fixed {
			t.Errorf("%s: a corrected title is still wrong (%d/%d)", run.path, fixedOK, fixed)
		}
		if after < before-other/100 {
			t.Errorf("%s: the other titles got worse: %d → %d of %d", run.path, before, after, other)
		}
	}
}
