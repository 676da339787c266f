package searchbench

import (
	"slices"
	"time"

	"github.com/jiuye/jiuye/internal/search"
)

// BenchResult is the latency of a query run.
type BenchResult struct {
	P50, P99 time.Duration
	QPS      float64 // queries per second, one at a time
}

// RunBench runs every query once to warm up, then once more timing each,
// one after the other, and reports the median and 99th percentile latency
// and the throughput.
func RunBench(ix *search.Index, queries []search.Query) BenchResult {
	if len(queries) == 0 {
		return BenchResult{}
	}
	for _, q := range queries {
		ix.Search(q)
	}
	lat := make([]time.Duration, len(queries))
	start := time.Now()
	for i, q := range queries {
		t := time.Now()
		ix.Search(q)
		lat[i] = time.Since(t)
	}
	elapsed := time.Since(start)
	slices.Sort(lat)
	return BenchResult{
		P50: percentile(lat, 50),
		P99: percentile(lat, 99),
		QPS: float64(len(queries)) / elapsed.Seconds(),
	}
}

// percentile returns the p-th percentile of sorted durations (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}
