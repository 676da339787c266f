package draft

import (
	"math"
	"sort"
	"unicode"
)

// centroidModel is a TF-IDF nearest-centroid classifier over character
// bigrams: each label's centroid is the normalised sum of its examples'
// L2-normalised TF-IDF vectors; a text scores the cosine to each centroid.
type centroidModel struct {
	idf       map[string]float64
	defIDF    float64 // idf of a bigram never seen in training
	labels    []string
	centroids []map[string]float64
}

// bigrams returns the character bigrams of s, taken inside runs of letters and
// digits (punctuation and spaces break runs). A run of one character yields
// that character.
func bigrams(s string) []string {
	var out []string
	var run []rune
	flush := func() {
		if len(run) == 1 {
			out = append(out, string(run))
		}
		for i := 0; i+1 < len(run); i++ {
			out = append(out, string(run[i:i+2]))
		}
		run = run[:0]
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			run = append(run, r)
			continue
		}
		flush()
	}
	flush()
	return out
}

func termFreq(doc string) map[string]float64 {
	tf := map[string]float64{}
	for _, g := range bigrams(doc) {
		tf[g]++
	}
	return tf
}

func trainCentroids(docs, labels []string) *centroidModel {
	if len(docs) == 0 {
		return nil
	}
	tfs := make([]map[string]float64, len(docs))
	df := map[string]float64{}
	for i, d := range docs {
		tfs[i] = termFreq(d)
		for g := range tfs[i] {
			df[g]++
		}
	}
	n := float64(len(docs))
	m := &centroidModel{idf: map[string]float64{}, defIDF: math.Log((n+1)/1) + 1}
	for g, d := range df {
		m.idf[g] = math.Log((n+1)/(d+1)) + 1
	}
	idx := map[string]int{}
	for i, tf := range tfs {
		v := m.vector(tf)
		j, ok := idx[labels[i]]
		if !ok {
			j = len(m.labels)
			idx[labels[i]] = j
			m.labels = append(m.labels, labels[i])
			m.centroids = append(m.centroids, map[string]float64{})
		}
		for g, w := range v {
			m.centroids[j][g] += w
		}
	}
	for _, c := range m.centroids {
		normalizeVec(c)
	}
	return m
}

// vector is the L2-normalised TF-IDF vector of a term-frequency map, with
// sublinear tf (1+log tf) so that repeated boilerplate does not dominate.
func (m *centroidModel) vector(tf map[string]float64) map[string]float64 {
	v := make(map[string]float64, len(tf))
	for g, f := range tf {
		idf, ok := m.idf[g]
		if !ok {
			continue // unseen bigrams carry no information about the labels
		}
		v[g] = (1 + math.Log(f)) * idf
	}
	normalizeVec(v)
	return v
}

func normalizeVec(v map[string]float64) {
	var s float64
	for _, w := range v {
		s += w * w
	}
	if s == 0 {
		return
	}
	s = math.Sqrt(s)
	for g := range v {
		v[g] /= s
	}
}

// cosines returns the cosine similarity of doc to each label's centroid.
func (m *centroidModel) cosines(doc string) map[string]float64 {
	v := m.vector(termFreq(doc))
	out := make(map[string]float64, len(m.labels))
	for j, c := range m.centroids {
		var dot float64
		for g, w := range v {
			dot += w * c[g]
		}
		out[m.labels[j]] = dot
	}
	return out
}

// probs turns cosines into a distribution with a softmax of the given sharpness.
func (m *centroidModel) probs(doc string, sharpness float64) map[string]float64 {
	cos := m.cosines(doc)
	labels := make([]string, 0, len(cos))
	for l := range cos {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	max := math.Inf(-1)
	for _, l := range labels {
		max = math.Max(max, cos[l])
	}
	var z float64
	out := make(map[string]float64, len(labels))
	for _, l := range labels {
		e := math.Exp(sharpness * (cos[l] - max))
		out[l] = e
		z += e
	}
	for l := range out {
		out[l] /= z
	}
	return out
}
