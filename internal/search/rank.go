package search

import "math"

// Ranking parameters.
const (
	k1          = 1.2  // BM25 term-frequency saturation
	freshFloor  = 0.8  // score factor of a very old post relative to a new one
	freshDays   = 30.0 // e-folding time of the freshness decay, in days
	impactScale = 8.0  // an impact byte is the term score × impactScale
	priorPosts  = 50   // weight, in posts, of the prior field lengths
)

// fieldWeight is the weight of a hit in field f: title > skills >
// enterprise > description, far enough apart that one hit in a field
// outweighs a saturated description.
func fieldWeight(f int) float64 {
	switch f {
	case fieldTitle:
		return 6
	case fieldSkills:
		return 4
	case fieldEnterprise:
		return 3
	}
	return 1
}

// fieldB is BM25's length normalisation of field f: long descriptions are
// discounted more than long titles.
func fieldB(f int) float64 {
	if f == fieldDesc {
		return 0.75
	}
	return 0.4
}

// fieldPrior is the assumed average length of field f in terms, blended
// into the running average so the first posts are normalised sensibly.
func fieldPrior(f int) float64 {
	switch f {
	case fieldTitle:
		return 8
	case fieldSkills:
		return 6
	case fieldEnterprise:
		return 10
	}
	return 200
}

// norms returns BM25's length normalisers k1·(1-b+b·len/avg) of a post with
// field lengths flen, against the current average lengths (of the posts
// that have the field, blended with the prior).
func (s *state) norms(flen *[numFields]uint16) [numFields]float64 {
	var norm [numFields]float64
	for f := range numFields {
		avg := (float64(s.lenSum[f]) + priorPosts*fieldPrior(f)) / float64(s.lenN[f]+priorPosts)
		b := fieldB(f)
		norm[f] = k1 * (1 - b + b*float64(flen[f])/avg)
	}
	return norm
}

// impactOf is the BM25 score, without idf, of a term with packed field
// frequencies v in a post with length normalisers norm: each field
// saturates on its own and is weighted. It is quantised to a byte
// (score × impactScale) and stored in the posting, so that a search reads
// nothing but the posting lists to score a post.
func impactOf(v uint8, norm *[numFields]float64) uint8 {
	s := 0.0
	for f := range numFields {
		if tf := float64(tfOf(v, f)); tf > 0 {
			s += fieldWeight(f) * (k1 + 1) * tf / (tf + norm[f])
		}
	}
	return uint8(min(max(math.Round(s*impactScale), 1), math.MaxUint8))
}
