package search

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
)

func BenchmarkSearch48k(b *testing.B) { benchSearch(b, 48_000) }

func BenchmarkSearch480k(b *testing.B) { benchSearch(b, 480_000) }

// benchSearch builds an index of n synthetic posts and times the 1,000
// sample queries: one op is the whole set, run one query at a time. It
// reports latency percentiles over every query run, queries per second,
// the build time (Upserts and a Compact) and the heap of the index once
// the posts are dropped, as a server drops them after loading: the texts
// the index keeps for snippets count, however it keeps them.
func benchSearch(b *testing.B, n int) {
	ts := mustTables(b)
	queries := SampleQueries(1000, 1, ts.Occupations, testNow)
	before := heapAlloc()
	ix, posts, loaded, build := buildBenchIndex(ts, n)
	after := heapAlloc()

	res := RunBench(ix, queries)
	b.Logf("%d posts: load %v, +compact %v, index heap %.0f MB (the posts took %.0f MB); RunBench p50 %v p99 %v %.0f q/s",
		n, loaded.Round(time.Millisecond), build.Round(time.Millisecond), float64(after-before)/1e6, float64(posts)/1e6,
		res.P50, res.P99, res.QPS)

	var lat []time.Duration
	for b.Loop() {
		for _, q := range queries {
			t := time.Now()
			ix.Search(q)
			lat = append(lat, time.Since(t))
		}
	}
	slices.Sort(lat)
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	b.ReportMetric(float64(percentile(lat, 50).Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(percentile(lat, 99).Nanoseconds())/1e3, "p99-µs")
	b.ReportMetric(float64(len(lat))/sum.Seconds(), "queries/s")
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(float64(after-before)/1e6, "index-MB")
}

// buildBenchIndex makes n synthetic posts, Upserts them into a new index
// and compacts it. It returns the index, the heap the posts took, and the
// time to load them and to load and compact; the posts are garbage once it
// returns.
func buildBenchIndex(ts *codes.Tables, n int) (ix *Index, posts uint64, loaded, build time.Duration) {
	before := heapAlloc()
	docs := SyntheticPosts(n, 1, ts.Occupations, ts.Regions, testNow)
	posts = heapAlloc() - before
	start := time.Now()
	ix = NewIndex(ts.Occupations)
	for _, d := range docs {
		ix.Upsert(d)
	}
	loaded = time.Since(start)
	ix.Compact()
	return ix, posts, loaded, time.Since(start)
}

// heapAlloc returns the live heap after a collection.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkSuggest48k(b *testing.B) {
	ts := mustTables(b)
	ix := NewIndex(ts.Occupations)
	for _, d := range SyntheticPosts(48_000, 1, ts.Occupations, ts.Regions, testNow) {
		ix.Upsert(d)
	}
	prefixes := []string{"工", "司", "焊", "会计", "叉车", "普", "java", "仓"}
	i := 0
	for b.Loop() {
		ix.Suggest(prefixes[i%len(prefixes)], 10)
		i++
	}
}
