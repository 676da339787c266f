package classify

import (
	"math"
)

// ngramIndex scores a title against every leaf by the cosine of TF-IDF
// vectors of character unigrams and bigrams (ASCII words count as one
// character). Each leaf's document is its name, aliases and lexicon words.
type ngramIndex struct {
	features map[uint64]int32 // feature hash -> id
	postings [][]posting      // feature id -> leaves having it
	idf      []float64        // feature id -> idf
	norm     []float64        // leaf -> vector length
}

type posting struct {
	leaf int32
	w    float32
}

// Feature weights: a bigram says more than a single character.
const (
	wUnigram = 0.4
	wBigram  = 1.0
)

// featureHash hashes one unit (b == "") or a pair of units.
func featureHash(a, b string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	h = (h ^ 0xff) * prime
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * prime
	}
	return h
}

// segmentFeatures calls fn for each feature of seg with its weight.
func segmentFeatures(seg *segment, fn func(h uint64, w float64)) {
	n := seg.n()
	for i := 0; i < n; i++ {
		u := seg.unit(i)
		if isASCIIUnit(u) {
			fn(featureHash(u, ""), wBigram)
		} else {
			fn(featureHash(u, ""), wUnigram)
		}
		if i+1 < n {
			fn(featureHash(u, seg.unit(i+1)), wBigram)
		}
	}
}

func newNgramIndex(docs [][]string) ngramIndex {
	ix := ngramIndex{features: map[uint64]int32{}}
	tfs := make([]map[int32]float64, len(docs))
	var df []int
	for l, words := range docs {
		tf := map[int32]float64{}
		for _, w := range words {
			for _, seg := range segments(w, 1, nil) {
				segmentFeatures(&seg, func(h uint64, wt float64) {
					id, ok := ix.features[h]
					if !ok {
						id = int32(len(df))
						ix.features[h] = id
						df = append(df, 0)
					}
					if tf[id] == 0 {
						df[id]++
					}
					tf[id] += wt
				})
			}
		}
		tfs[l] = tf
	}
	n := float64(len(docs))
	ix.idf = make([]float64, len(df))
	for id, d := range df {
		ix.idf[id] = math.Log((n + 1) / (float64(d) + 0.5))
	}
	ix.postings = make([][]posting, len(df))
	ix.norm = make([]float64, len(docs))
	for l, tf := range tfs {
		sum := 0.0
		for id, f := range tf {
			w := (1 + math.Log(f)) * ix.idf[id]
			if f < 1 { // a unigram seen once weighs wUnigram < 1
				w = f * ix.idf[id]
			}
			ix.postings[id] = append(ix.postings[id], posting{int32(l), float32(w)})
			sum += w * w
		}
		ix.norm[l] = math.Sqrt(sum)
	}
	return ix
}

// similarity returns the cosine similarity of the title segments to every
// leaf, in dot (one float per leaf); nil when the index is empty or the title
// has no known feature.
func (ix *ngramIndex) similarity(segs []segment, dot []float64) []float64 {
	if len(ix.norm) == 0 {
		return nil
	}
	q := map[int32]float64{}
	for i := range segs {
		s := &segs[i]
		segmentFeatures(s, func(h uint64, w float64) {
			if id, ok := ix.features[h]; ok {
				q[id] += w * s.w
			}
		})
	}
	if len(q) == 0 {
		return nil
	}
	clear(dot)
	qn := 0.0
	for id, f := range q {
		w := f * ix.idf[id]
		qn += w * w
		for _, p := range ix.postings[id] {
			dot[p.leaf] += w * float64(p.w)
		}
	}
	qn = math.Sqrt(qn)
	for l, d := range dot {
		if d > 0 && ix.norm[l] > 0 {
			dot[l] = d / (qn * ix.norm[l])
		}
	}
	return dot
}
