package classify

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

type labelled struct {
	title, code, name, split string
}

// loadTitles reads testdata/titles.tsv: title, code, code name, split.
func loadTitles(tb testing.TB) []labelled {
	tb.Helper()
	return loadTSV(tb, "testdata/titles.tsv")
}

// loadTSV reads a labelled title file: title, code, code name, split;
// lines starting with "#" are comments.
func loadTSV(tb testing.TB, path string) []labelled {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 4 {
			tb.Fatalf("bad line %q", line)
		}
		rows = append(rows, labelled{p[0], p[1], p[2], p[3]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return rows
}

type tally struct{ n, exact, major, top5 int }

func (t *tally) add(want string, got []string) {
	t.n++
	if len(got) > 0 && got[0] == want {
		t.exact++
	}
	if len(got) > 0 && got[0][0] == want[0] {
		t.major++
	}
	for _, g := range got {
		if g == want {
			t.top5++
			break
		}
	}
}

func pct(a, n int) float64 { return 100 * float64(a) / float64(max(n, 1)) }

// TestAccuracy measures the classifier and a character-bigram TF-IDF
// baseline on the self-made, hand-labelled title set. The "holdout" split
// was written before any classifier code; "holdout2" (noisier, real-board
// style) after the first version and before any tuning on that style. Both
// are only reported in aggregate. Set CLASSIFY_SHOW_DEV=1 to list the dev
// split's misses.
func TestAccuracy(t *testing.T) {
	occ, c := testClassifier(t)
	rows := loadTitles(t)
	base := newBaseline(occ)
	res := map[string]*tally{}
	bres := map[string]*tally{}
	show := os.Getenv("CLASSIFY_SHOW_DEV") != ""
	for _, r := range rows {
		if !isLeaf(occ, r.code) {
			t.Errorf("label %s for %q is not a leaf", r.code, r.title)
			continue
		}
		if got, _ := occ.Get(r.code); got.Name != r.name {
			t.Errorf("label %s for %q: name %q, table says %q", r.code, r.title, r.name, got.Name)
		}
		if r.split != "dev" && r.split != "holdout" && r.split != "holdout2" {
			t.Fatalf("unknown split %q", r.split)
		}
		if res[r.split] == nil {
			res[r.split], bres[r.split] = &tally{}, &tally{}
		}
		var got []string
		for _, g := range c.Classify(r.title, "", 5) {
			got = append(got, g.Code)
		}
		res[r.split].add(r.code, got)
		bres[r.split].add(r.code, base.classify(r.title, 5))
		if show && r.split == "dev" && (len(got) == 0 || got[0] != r.code) {
			first := "-"
			if len(got) > 0 {
				first = got[0]
				if cc, ok := occ.Get(first); ok {
					first += " " + cc.Name
				}
			}
			t.Logf("miss %-24s want %s %-16s got %s", r.title, r.code, r.name, first)
		}
	}
	t.Logf("%-8s %5s | %-27s | %-27s", "split", "n", "classifier exact/major/top5", "bigram TF-IDF exact/major/top5")
	for _, s := range []string{"dev", "holdout", "holdout2"} {
		r, b := res[s], bres[s]
		if r == nil {
			t.Fatalf("no %s rows", s)
		}
		t.Logf("%-8s %5d | %5.1f%% %5.1f%% %5.1f%%   | %5.1f%% %5.1f%% %5.1f%%", s, r.n,
			pct(r.exact, r.n), pct(r.major, r.n), pct(r.top5, r.n),
			pct(b.exact, b.n), pct(b.major, b.n), pct(b.top5, b.n))
	}
	if n := res["holdout"].n + res["holdout2"].n; n < 150 {
		t.Errorf("holdout splits have %d titles, want >= 150", n)
	}
	if len(rows) < 400 {
		t.Errorf("%d titles, want >= 400", len(rows))
	}
	for _, s := range []string{"holdout", "holdout2"} {
		h, hb := res[s], bres[s]
		if h.exact <= hb.exact || h.major <= hb.major {
			t.Errorf("%s: classifier %d/%d exact/major, baseline %d/%d", s, h.exact, h.major, hb.exact, hb.major)
		}
	}
	checkFloors(t, res, map[string]floor{
		"dev":      {98, 99, 99},
		"holdout":  {97, 98, 99},
		"holdout2": {86, 91, 93},
	})
}

// floor is the least exact, major-group and top-5 accuracy (percent) a
// split must keep; each is set a little below what the classifier reached,
// so that a regression fails.
type floor struct{ exact, major, top5 float64 }

// checkFloors fails the test for every split below its floor.
func checkFloors(t *testing.T, res map[string]*tally, floors map[string]floor) {
	t.Helper()
	for s, f := range floors {
		r := res[s]
		if r == nil {
			t.Errorf("no %s rows", s)
			continue
		}
		got := floor{pct(r.exact, r.n), pct(r.major, r.n), pct(r.top5, r.n)}
		if got.exact < f.exact || got.major < f.major || got.top5 < f.top5 {
			t.Errorf("%s: %.1f%%/%.1f%%/%.1f%% exact/major/top5, floor %.0f%%/%.0f%%/%.0f%%",
				s, got.exact, got.major, got.top5, f.exact, f.major, f.top5)
		}
	}
}

// realisticHalf names the half of testdata/realistic.tsv a data row belongs
// to: even rows were the only ones looked at while tuning, odd rows are held
// out and reported in aggregate only.
func realisticHalf(i int) string {
	if i%2 == 0 {
		return "tune"
	}
	return "held-out"
}

// TestRealisticAccuracy measures the classifier and the bigram baseline on
// testdata/realistic.tsv, job-board style titles written and labelled
// before the classifier first ran on them, per half and overall. Set
// CLASSIFY_SHOW_TUNE=1 to list the tune half's misses.
func TestRealisticAccuracy(t *testing.T) {
	res, bres := measureHalves(t, "testdata/realistic.tsv", "real")
	if n := res["all"].n; n < 600 {
		t.Errorf("%d realistic titles, want >= 600", n)
	}
	// Before any tuning on this file (blind) the classifier reached
	// 88.8/96.0/96.3 on the tune half and 89.9/97.1/96.5 on the held-out
	// half; the bigram baseline 57.6/81.5/76.3 on both.
	checkFloors(t, res, map[string]floor{
		"tune":     {94, 97, 97},
		"held-out": {88, 96, 95},
	})
	aboveBaseline(t, res, bres)
}

// TestBreadthAccuracy measures the classifier and the bigram baseline on
// testdata/breadth.tsv, titles stratified over every 中类 of the taxonomy
// (rare trades as often as common ones), written and committed before
// either ran on them. It guards the long tail that the other sets, which
// lean on common factory and service jobs, barely touch. Set
// CLASSIFY_SHOW_TUNE=1 to list the tune half's misses.
func TestBreadthAccuracy(t *testing.T) {
	res, bres := measureHalves(t, "testdata/breadth.tsv", "breadth")
	if n := res["all"].n; n < 600 {
		t.Errorf("%d breadth titles, want >= 600", n)
	}
	// Blind, before any change made for this file, the classifier reached
	// 67.6/88.5/87.1 exact/major/top5 on the tune half and 63.5/86.5/86.5 on
	// the held-out half; the bigram baseline 53.6/78.3/73.1 and
	// 53.8/76.9/69.0. After the changes made from the tune half's misses
	// alone: 92.6/97.3/97.5 tune, 70.6/88.5/89.0 held-out.
	checkFloors(t, res, map[string]floor{
		"tune":     {91, 96, 96},
		"held-out": {69, 87, 88},
	})
	aboveBaseline(t, res, bres)
}

// aboveBaseline fails the test for every half where the classifier does not
// beat the bigram baseline on both exact and major-group accuracy.
func aboveBaseline(t *testing.T, res, bres map[string]*tally) {
	t.Helper()
	for _, h := range []string{"tune", "held-out", "all"} {
		if res[h].exact <= bres[h].exact || res[h].major <= bres[h].major {
			t.Errorf("%s: classifier not above the bigram baseline", h)
		}
	}
}

// measureHalves runs the classifier and the bigram baseline over a labelled
// file whose rows all carry split, tallies them per parity half (see
// realisticHalf) and overall, and logs the table. Every label must be a
// leaf with its table name, so a typo in the data cannot pass as a miss.
func measureHalves(t *testing.T, path, split string) (res, bres map[string]*tally) {
	t.Helper()
	occ, c := testClassifier(t)
	rows := loadTSV(t, path)
	base := newBaseline(occ)
	halves := []string{"tune", "held-out", "all"}
	res, bres = map[string]*tally{}, map[string]*tally{}
	for _, h := range halves {
		res[h], bres[h] = &tally{}, &tally{}
	}
	show := os.Getenv("CLASSIFY_SHOW_TUNE") != ""
	for i, r := range rows {
		if !isLeaf(occ, r.code) {
			t.Errorf("label %s for %q is not a leaf", r.code, r.title)
			continue
		}
		if got, _ := occ.Get(r.code); got.Name != r.name {
			t.Errorf("label %s for %q: name %q, table says %q", r.code, r.title, r.name, got.Name)
		}
		if r.split != split {
			t.Fatalf("unknown split %q", r.split)
		}
		var got []string
		for _, g := range c.Classify(r.title, "", 5) {
			got = append(got, g.Code)
		}
		b := base.classify(r.title, 5)
		for _, h := range []string{realisticHalf(i), "all"} {
			res[h].add(r.code, got)
			bres[h].add(r.code, b)
		}
		if show && realisticHalf(i) == "tune" && (len(got) == 0 || got[0] != r.code) {
			first := "-"
			if len(got) > 0 {
				first = got[0]
				if cc, ok := occ.Get(first); ok {
					first += " " + cc.Name
				}
			}
			t.Logf("miss %-30s want %s %-16s got %s", r.title, r.code, r.name, first)
		}
	}
	t.Logf("%-8s %5s | %-27s | %-27s", "half", "n", "classifier exact/major/top5", "bigram TF-IDF exact/major/top5")
	for _, h := range halves {
		r, b := res[h], bres[h]
		t.Logf("%-8s %5d | %5.1f%% %5.1f%% %5.1f%%   | %5.1f%% %5.1f%% %5.1f%%", h, r.n,
			pct(r.exact, r.n), pct(r.major, r.n), pct(r.top5, r.n),
			pct(b.exact, b.n), pct(b.major, b.n), pct(b.top5, b.n))
	}
	return res, bres
}
