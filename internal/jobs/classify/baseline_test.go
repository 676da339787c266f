package classify

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/jiuye/jiuye/internal/codes"
)

// baseline is the reference method the task quotes: character-bigram TF-IDF
// over each leaf occupation's name and aliases, cosine similarity, no
// normalisation beyond lower case. It shares no code with the classifier.
type baseline struct {
	codes    []string
	vecs     []map[string]float64
	idf      map[string]float64
	postings map[string][]int
}

func bigrams(s string) map[string]float64 {
	r := []rune(strings.ToLower(s))
	out := map[string]float64{}
	for i := 0; i+1 < len(r); i++ {
		out[string(r[i:i+2])]++
	}
	return out
}

func newBaseline(occ *codes.Table) *baseline {
	b := &baseline{idf: map[string]float64{}, postings: map[string][]int{}}
	var walk func(string)
	var tfs []map[string]float64
	walk = func(parent string) {
		for _, k := range occ.Children(parent) {
			if len(occ.Children(k.Code)) > 0 {
				walk(k.Code)
				continue
			}
			tf := bigrams(k.Name)
			for _, a := range k.Aliases {
				for g, n := range bigrams(a) {
					tf[g] += n
				}
			}
			b.codes = append(b.codes, k.Code)
			tfs = append(tfs, tf)
		}
	}
	walk("")
	df := map[string]int{}
	for _, tf := range tfs {
		for g := range tf {
			df[g]++
		}
	}
	n := float64(len(tfs))
	for g, d := range df {
		b.idf[g] = math.Log(n / float64(d))
	}
	for i, tf := range tfs {
		v := map[string]float64{}
		norm := 0.0
		for g, f := range tf {
			w := (1 + math.Log(f)) * b.idf[g]
			v[g] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for g := range v {
			v[g] /= norm
			b.postings[g] = append(b.postings[g], i)
		}
		b.vecs = append(b.vecs, v)
	}
	return b
}

func (b *baseline) classify(title string, k int) []string {
	q := bigrams(title)
	dot := map[int]float64{}
	for g, f := range q {
		w := (1 + math.Log(f)) * b.idf[g]
		for _, i := range b.postings[g] {
			dot[i] += w * b.vecs[i][g]
		}
	}
	idx := make([]int, 0, len(dot))
	for i, d := range dot {
		if d > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(x, y int) int { return cmp.Or(cmp.Compare(dot[y], dot[x]), cmp.Compare(x, y)) })
	var out []string
	for _, i := range idx[:min(k, len(idx))] {
		out = append(out, b.codes[i])
	}
	return out
}
