package startup

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchCall is a call's worth of scores: apps applications, each scored by
// perApp experts drawn from a pool of pool, on the default rubric. Each
// expert has a fixed bias (harsh to lenient) added to a project's quality;
// the generator's seed is fixed so every run ranks the same input.
func benchCall(apps, perApp, pool int) RankInput {
	rng := rand.New(rand.NewPCG(2026, 3))
	rubric := DefaultRubric()
	bias := make([]float64, pool)
	for e := range bias {
		bias[e] = rng.Float64()*0.4 - 0.2
	}
	in := RankInput{Rubric: rubric, Requests: make(map[int64]int64, apps), Budget: 2_000_000_000,
		Scores: make([]Score, 0, apps*perApp)}
	tiers := DefaultTiers()
	for a := range apps {
		id := int64(a + 1)
		in.Requests[id] = tiers[rng.IntN(len(tiers))] + rng.Int64N(5_000_000)
		quality := 0.3 + rng.Float64()*0.6
		for _, e := range rng.Perm(pool)[:perApp] {
			in.Scores = append(in.Scores, benchScore(rng, rubric, id, int64(e+1), quality+bias[e]))
		}
	}
	return in
}

// benchScore is one expert's score: each criterion near level × max, to one
// decimal, within 0..max.
func benchScore(rng *rand.Rand, r Rubric, app, expert int64, level float64) Score {
	s := Score{ApplicationID: app, ExpertID: expert, Criteria: make(map[string]float64, len(r)), Comment: "意见"}
	for _, c := range r {
		v := (level + rng.NormFloat64()*0.08) * float64(c.Max)
		s.Criteria[c.Key] = math.Round(min(max(v, 0), float64(c.Max))*10) / 10
	}
	return s
}

// BenchmarkRank500x7 ranks 500 applications scored by 7 of 30 experts
// each; the target is 100 ms a ranking.
func BenchmarkRank500x7(b *testing.B) {
	in := benchCall(500, 7, 30)
	for b.Loop() {
		out, err := Rank(in)
		if err != nil {
			b.Fatal(err)
		}
		if len(out) != 500 || out[0].Rank != 1 {
			b.Fatalf("%d ranked, first %+v", len(out), out[0])
		}
	}
}
