package searchbench

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jiuye/jiuye/internal/search"
)

// updateGolden rewrites testdata/golden_ranked.txt from the index as it is.
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden_ranked.txt")

const goldenFile = "testdata/golden_ranked.txt"

// TestGoldenRanked compares the ranked results of 400 sample queries and 60
// searches without text, each with its total, its page of ids and a hash of
// every hit's score, distance and snippet, plus TopIDs, suggestions and
// occupation counts, with those recorded in testdata/golden_ranked.txt
// before the index changed its layout (compressed posting lists, texts
// read from the caller). The index is built the way a server builds it:
// a packed base, a tail of later posts, replaced and deleted posts
// (tombstones); and the same again after a compaction. It runs the index
// that keeps its texts and the one that does not (snippets made by
// search.Snippet from the texts the caller reads), which must both match.
func TestGoldenRanked(t *testing.T) {
	want, err := os.ReadFile(goldenFile)
	if err != nil && !*updateGolden {
		t.Fatal(err)
	}
	for _, v := range []struct{ lean, prepared bool }{{false, false}, {true, false}, {true, true}} {
		lean := v.lean
		ix, texts, queries := goldenBuildWith(t, lean, v.prepared)
		got := goldenResults(ix, lean, texts, queries)
		if *updateGolden && !lean {
			if err := os.WriteFile(goldenFile, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			want = []byte(got)
			continue
		}
		if got == string(want) {
			continue
		}
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		bad := 0
		for i := range max(len(gl), len(wl)) {
			g, w := at(gl, i), at(wl, i)
			if g != w {
				bad++
				if bad <= 5 {
					t.Errorf("%+v line %d:\n got %s\nwant %s", v, i+1, g, w)
				}
			}
		}
		t.Errorf("%+v: %d of %d lines differ", v, bad, len(wl))
	}
}

// TestSnapshotRoundTrip writes the golden index, as built (base, tail,
// tombstones), to a snapshot and reads it back: the copy gives the golden
// results, before and after a compaction, with texts and without. A
// stream cut short, of another version or occupation table, or of the
// other kind of index is refused.
func TestSnapshotRoundTrip(t *testing.T) {
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	ts := mustTables(t)
	for _, lean := range []bool{false, true} {
		ix, texts, queries := goldenBuild(t, lean)
		var buf bytes.Buffer
		if err := ix.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		o := search.Options{Occupations: ts.Occupations, DropTexts: lean}
		back, err := search.DecodeIndex(bytes.NewReader(data), int64(len(data)), o)
		if err != nil {
			t.Fatal(err)
		}
		if got := goldenResults(back, lean, texts, queries); got != string(want) {
			t.Errorf("lean=%v: the index read back from its snapshot gives other results", lean)
		}
		// The copy takes further changes as the original does.
		back2, err := search.DecodeIndex(bytes.NewReader(data), int64(len(data)), o)
		if err != nil {
			t.Fatal(err)
		}
		extra := SyntheticPosts(600, 99, ts.Occupations, ts.Regions, testNow())
		for _, x := range []*search.Index{ix, back2} {
			for i, d := range extra {
				d.ID += 100_000
				texts[d.ID] = [2]string{d.Title, d.Description}
				x.Upsert(d)
				if i%7 == 0 {
					x.Delete(int64(i*41 + 5))
				}
			}
		}
		if goldenResults(ix, lean, texts, queries) != goldenResults(back2, lean, texts, queries) {
			t.Errorf("lean=%v: after the same changes the copy gives other results than the original", lean)
		}
		refuse := func(name string, data []byte, limit int64, o search.Options) {
			t.Helper()
			if _, err := search.DecodeIndex(bytes.NewReader(data), limit, o); !errors.Is(err, search.ErrSnapshot) {
				t.Errorf("lean=%v %s: err %v, want ErrSnapshot", lean, name, err)
			}
		}
		refuse("cut short", data[:len(data)/2], int64(len(data)/2), o)
		refuse("limit below its size", data, int64(len(data)-1), o)
		refuse("no occupation table", data, int64(len(data)), search.Options{DropTexts: lean})
		refuse("other kind", data, int64(len(data)), search.Options{Occupations: ts.Occupations, DropTexts: !lean})
		other := bytes.Clone(data)
		other[4]++ // the version, after the magic
		refuse("other version", other, int64(len(other)), o)
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<none>"
}

// goldenBuild builds the golden index: a packed base, a tail, replaced and
// deleted posts. It returns the index, the texts of its posts by id and
// the golden queries.
func goldenBuild(t *testing.T, lean bool) (*search.Index, map[int64][2]string, []search.Query) {
	return goldenBuildWith(t, lean, false)
}

// goldenBuildWith is goldenBuild; with prepared the posts before the
// replacements are analysed on four goroutines (search.Preparer) and
// added in order with UpsertPrepared, as a loader does.
func goldenBuildWith(t *testing.T, lean, prepared bool) (*search.Index, map[int64][2]string, []search.Query) {
	ts := mustTables(t)
	now := testNow()
	docs := SyntheticPosts(30_000, 7, ts.Occupations, ts.Regions, now)
	texts := make(map[int64][2]string, len(docs))
	ix := newGoldenIndex(ts.Occupations, lean)
	upsert := func(docs []search.Doc) {
		if !prepared {
			for _, d := range docs {
				ix.Upsert(d)
			}
			return
		}
		ps := make([]*search.Prepared, len(docs))
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				var pr search.Preparer
				for i := w; i < len(docs); i += 4 {
					ps[i] = pr.Prepare(docs[i])
				}
			})
		}
		wg.Wait()
		for _, p := range ps {
			ix.UpsertPrepared(p)
		}
	}
	for _, d := range docs {
		texts[d.ID] = [2]string{d.Title, d.Description}
	}
	upsert(docs[:24_000])
	ix.Compact()
	upsert(docs[24_000:])
	for i := 0; i < 500; i++ { // replaced: a new title, later published
		d := docs[i*37]
		d.Title += "（急招）"
		d.PublishedAt = d.PublishedAt.Add(3600e9)
		ix.Upsert(d)
		texts[d.ID] = [2]string{d.Title, d.Description}
	}
	for i := 0; i < 300; i++ {
		ix.Delete(docs[i*53+11].ID)
	}
	queries := SampleQueries(400, 3, ts.Occupations, now)
	for i := range 60 {
		q := search.Query{Now: now}
		switch i % 6 {
		case 0:
			q.Region, q.Sort = district, search.SortNewest
		case 1:
			q.Occupation = []string{"6-18-00-00", "4-02-00-00", "2-02-00-00", "4-07-00-00"}[i%4]
		case 2:
			q.SalaryMin, q.Sort = 6000, search.SortSalary
		case 3:
			q.Near, q.RadiusKm = &search.Point{Lat: 30.6 + float64(i)/1000, Lng: 114.1}, 8
			q.Sort = search.SortDistance
		case 4:
			q.Region, q.Education, q.Experience = "4201", "高中", search.NoExperience
		case 5:
			q.PostedWithin, q.Page = 7*24*3600e9, 2
		}
		queries = append(queries, q)
	}
	return ix, texts, queries
}

// goldenResults runs the golden queries on ix, compacts it and runs them
// again.
func goldenResults(ix *search.Index, lean bool, texts map[int64][2]string, queries []search.Query) string {
	now := testNow()
	var b strings.Builder
	for phase := range 2 {
		if phase == 1 {
			ix.Compact()
		}
		fmt.Fprintf(&b, "phase %d posts %d\n", phase, ix.Len())
		for i, q := range queries {
			total, hits := ix.Search(q)
			h := fnv.New64a()
			ids := make([]string, len(hits))
			for k, hit := range hits {
				ids[k] = fmt.Sprint(hit.ID)
				snip := hit.Snippet
				if lean {
					tx := texts[hit.ID]
					snip = search.Snippet(q.Q, tx[0], tx[1])
				}
				fmt.Fprintf(h, "%d %x %.9f", hit.ID, math.Float64bits(hit.Score), hit.DistanceKm)
				for _, s := range snip {
					fmt.Fprintf(h, "|%v%s", s.Match, s.Text)
				}
				h.Write([]byte{'\n'})
			}
			_, top := ix.TopIDs(q, 60)
			th := fnv.New64a()
			fmt.Fprint(th, top)
			fmt.Fprintf(&b, "q%d %q total=%d hits=%x top=%x ids=%s\n", i, q.Q, total, h.Sum64(), th.Sum64(), strings.Join(ids, ","))
		}
		for _, p := range []string{"工", "司", "焊", "会计", "叉车", "普", "java", "仓", "急招"} {
			fmt.Fprintf(&b, "suggest %s: %s\n", p, strings.Join(ix.Suggest(p, 10), ","))
		}
		counts := ix.OccupationCounts(now)
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w := bufio.NewWriter(&b)
		for _, k := range keys {
			fmt.Fprintf(w, "%s=%d ", k, counts[k])
		}
		w.Flush()
		b.WriteString("\n")
	}
	return b.String()
}
