package searchbench

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/search"
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
	queries := SampleQueries(1000, 1, ts.Occupations, testNow())
	before := heapAlloc()
	ix, posts, loaded, build := buildBenchIndex(ts, n)
	after := heapAlloc()

	res := RunBench(ix, queries)
	b.Logf("%d posts: load %v, +compact %v, index heap %.0f MB (the posts took %.0f MB); RunBench p50 %v p99 %v %.0f q/s",
		n, loaded.Round(time.Millisecond), build.Round(time.Millisecond), float64(after-before)/1e6, float64(posts)/1e6,
		res.P50, res.P99, res.QPS)

	timeQueries(b, ix, queries)
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(float64(after-before)/1e6, "index-MB")
}

// timeQueries runs the queries one at a time, one op being the whole set,
// and reports latency percentiles over every query run and queries per
// second.
func timeQueries(b *testing.B, ix *search.Index, queries []search.Query) {
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
}

// BenchmarkFilter480k times searches whose region or occupation filter is
// selective at 480,000 posts: the sample queries, text and other filters
// kept, each in one of the districts of Wuhan other than 东西湖区 (a few
// percent of the posts each); words most posts have, each in such a
// district or an occupation 中类; and every district, 东西湖区 included,
// without text, newest first, as /jobs?region=…&sort=newest.
func BenchmarkFilter480k(b *testing.B) { benchFilter(b, 480_000) }

// BenchmarkFilter48k is BenchmarkFilter480k at 48,000 posts, the scale of
// one district's board today.
func BenchmarkFilter48k(b *testing.B) { benchFilter(b, 48_000) }

// benchFilter times the searches of BenchmarkFilter480k on n posts.
func benchFilter(b *testing.B, n int) {
	ts := mustTables(b)
	ix, _, _, _ := buildBenchIndex(ts, n)
	var districts []string
	for _, c := range ts.Regions.Children("4201") {
		if c.Code != district {
			districts = append(districts, c.Code)
		}
	}
	text := SampleQueries(1000, 1, ts.Occupations, testNow())
	for i := range text {
		text[i].Region = districts[i%len(districts)]
	}
	all := append(slices.Clone(districts), district)
	var only []search.Query
	for i := range 100 {
		only = append(only, search.Query{Region: all[i%len(all)], Sort: search.SortNewest, Now: testNow()})
	}
	broad := []string{"工作", "五险一金", "公司", "经验", "普工", "司机", "包吃住"}
	occs := []string{"6-18-00-00", "4-02-00-00", "2-02-00-00", "4-07-00-00"}
	var wide []search.Query
	for i := range 200 {
		q := search.Query{Q: broad[i%len(broad)], Now: testNow()}
		if i%2 == 0 {
			q.Region = districts[i%len(districts)]
		} else {
			q.Occupation = occs[i%len(occs)]
		}
		if i%3 == 0 {
			q.SalaryMin = 5000
		}
		if i%5 == 0 {
			q.Sort = search.SortNewest
		}
		wide = append(wide, q)
	}
	b.Run("text+region", func(b *testing.B) { timeQueries(b, ix, text) })
	b.Run("broad+facet", func(b *testing.B) { timeQueries(b, ix, wide) })
	b.Run("region+newest", func(b *testing.B) { timeQueries(b, ix, only) })
}

// buildBenchIndex makes n synthetic posts, Upserts them into a new index
// and compacts it. It returns the index, the heap the posts took, and the
// time to load them and to load and compact; the posts are garbage once it
// returns.
func buildBenchIndex(ts *codes.Tables, n int) (ix *search.Index, posts uint64, loaded, build time.Duration) {
	before := heapAlloc()
	docs := SyntheticPosts(n, 1, ts.Occupations, ts.Regions, testNow())
	posts = heapAlloc() - before
	start := time.Now()
	ix = search.NewIndex(ts.Occupations)
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
	ix := search.NewIndex(ts.Occupations)
	for _, d := range SyntheticPosts(48_000, 1, ts.Occupations, ts.Regions, testNow()) {
		ix.Upsert(d)
	}
	prefixes := []string{"工", "司", "焊", "会计", "叉车", "普", "java", "仓"}
	i := 0
	for b.Loop() {
		ix.Suggest(prefixes[i%len(prefixes)], 10)
		i++
	}
}
