package main

// 网谷智聘 on the command line: the index follower serve runs, `jiuye export
// jobs` (the searchable corpus as JSON lines, so other engines can be
// compared on the same data) and `jiuye bench search`.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/demo"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
	"github.com/jiuye/jiuye/internal/store"
)

// followInterval is how often serve polls the job change sequence; a
// second instance sees a change within about this long.
const followInterval = 500 * time.Millisecond

// followJobs keeps a's job index following the store until the returned
// function is called; that function also waits for the last view counts to
// be written.
func followJobs(a *app.App) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		a.Jobs.FollowJobs(ctx, followInterval)
		close(done)
	}()
	return func() {
		cancel()
		<-done
	}
}

// cmdExport runs `jiuye export jobs --format jsonl [--out FILE]`.
func cmdExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "jobs" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	fs, c := flags("export jobs", getenv, stderr)
	format := fs.String("format", "jsonl", "output format (jsonl)")
	out := fs.String("out", "", "output file (default: standard output)")
	if err := parse(fs, c, args[1:]); err != nil {
		return err
	}
	if *format != "jsonl" {
		return fmt.Errorf("%w: export jobs: --format must be jsonl", errUsage)
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	n, err := exportJobs(ctx, e.db, bw)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "已导出 %d 个在招岗位\n", n)
	return nil
}

// corpusLine is one exported post: what the search index holds.
type corpusLine struct {
	ID              int64    `json:"id"`
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	EnterpriseID    int64    `json:"enterprise_id"`
	Enterprise      string   `json:"enterprise"`
	Skills          []string `json:"skills"`
	Benefits        []string `json:"benefits"`
	OccupationCode  string   `json:"occupation_code"`
	RegionCode      string   `json:"region_code"`
	SalaryMin       int      `json:"salary_min"`
	SalaryMax       int      `json:"salary_max"`
	Education       string   `json:"education"`
	ExperienceYears int      `json:"experience_years"`
	Lat             *float64 `json:"lat"`
	Lng             *float64 `json:"lng"`
	PublishedAt     string   `json:"published_at"`
	ExpiresOn       string   `json:"expires_on"`
}

// exportJobs writes every published, open post as one JSON object per line.
func exportJobs(ctx context.Context, db *store.DB, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	err := eachSearchablePost(ctx, db, func(p *jobs.Post) error {
		l := corpusLine{ID: p.ID, Title: p.Title, Description: p.Description, EnterpriseID: p.EnterpriseID,
			Enterprise: p.EnterpriseName, Skills: nonNilStrings(p.Skills), Benefits: nonNilStrings(p.Benefits),
			OccupationCode: p.OccupationCode, RegionCode: p.RegionCode, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax,
			Education: p.Education, ExperienceYears: p.ExperienceYears, PublishedAt: p.PublishedAt.UTC().Format(time.RFC3339),
			ExpiresOn: p.ExpiresOn.Format(time.DateOnly)}
		if p.HasGeo {
			lat, lng := p.Lat, p.Lng
			l.Lat, l.Lng = &lat, &lng
		}
		n++
		return enc.Encode(l)
	})
	return n, err
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// eachSearchablePost calls fn for every published, open post in id order.
func eachSearchablePost(ctx context.Context, db *store.DB, fn func(*jobs.Post) error) error {
	now := db.Now()
	today := jobs.Today(now)
	var after int64
	for {
		batch, err := db.Jobs().SearchablePostsAfter(ctx, after, today, 2000)
		if err != nil {
			return err
		}
		for _, p := range batch {
			if !p.Searchable(now) {
				continue
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		if len(batch) < 2000 {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// cmdBenchSearch runs `jiuye bench search --scale N`: it indexes the
// store's searchable posts (or, when the store has none, N × 48,000
// synthetic ones), runs realistic 1–3-word queries with filters one at a
// time and prints the latency percentiles and queries per second.
func cmdBenchSearch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("bench search", getenv, stderr)
	scale := fs.Float64("scale", 1, "synthetic posts when the store has none: scale × 48,000")
	nq := fs.Int("queries", 1000, "number of sample queries")
	seed := fs.Uint64("seed", 1, "query (and synthetic post) seed")
	rounds := fs.Int("rounds", 1, "times the query set is run (after one warm-up pass each)")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	if *scale <= 0 || *scale > demo.MaxScale || *nq <= 0 || *rounds <= 0 {
		return fmt.Errorf("%w: bench search --scale N (0 < N ≤ %d) --queries Q --rounds R", errUsage, demo.MaxScale)
	}
	tables, err := codes.Load()
	if err != nil {
		return err
	}
	now := time.Now()
	baseline := heapInUse() // before any post is loaded
	var docs []search.Doc
	source := "synthetic"
	if storeExists(c.DB) {
		e, err := open(ctx, c, stderr)
		if err != nil {
			return err
		}
		now = e.db.Now()
		err = eachSearchablePost(ctx, e.db, func(p *jobs.Post) error {
			docs = append(docs, app.DocOf(p))
			return nil
		})
		e.db.Close()
		if err != nil {
			return err
		}
		if len(docs) > 0 {
			source = "store " + e.db.Dialect().String() + " (--scale ignored)"
		}
	}
	if len(docs) == 0 {
		docs = searchbench.SyntheticPosts(max(1, int(math.Round(demo.DistrictPosts**scale))), *seed, tables.Occupations, tables.Regions, now)
	}
	start := time.Now()
	// As the server keeps it: without texts (a page reads its posts'
	// texts from the store), compacted as it loads.
	ix := search.NewIndexWith(search.Options{Occupations: tables.Occupations, DropTexts: true})
	for i, d := range docs {
		ix.Upsert(d)
		if (i+1)%32_000 == 0 {
			ix.Compact()
		}
	}
	ix.Compact()
	build := time.Since(start)
	n := len(docs)
	docs = nil // the server drops the loaded posts too; what stays is the index
	indexMB := float64(heapInUse()-baseline) / 1e6
	queries := searchbench.SampleQueries(*nq, *seed, tables.Occupations, now)
	fmt.Fprintf(stdout, "posts=%d (of %d loaded) source=%s GOMAXPROCS=%d\n", ix.Len(), n, source, runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "index: build %s, heap %.0f MB (the index alone, loaded posts dropped)\n", build.Round(time.Millisecond), indexMB)
	for i := range *rounds {
		res := searchbench.RunBench(ix, queries)
		fmt.Fprintf(stdout, "round %d: %d queries, one at a time  p50 %s  p99 %s  %.0f queries/s\n", i+1, len(queries),
			fmtDur(res.P50), fmtDur(res.P99), res.QPS)
	}
	return nil
}

// storeExists reports whether dsn names a database that may hold posts: a
// PostgreSQL URL, or a SQLite file that exists (bench does not create one).
func storeExists(dsn string) bool {
	path, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		return true
	}
	_, err := os.Stat(path)
	return err == nil
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d.Nanoseconds())/1e6)
}

// cmdImport runs `jiuye import jobs FILE.xlsx|.csv --enterprise USCC`: the
// valid rows are saved (waiting for review), a progress bar goes to
// standard error and the rows with errors are written to FILE.errors.xlsx.
// The run is recorded too, so the enterprise sees it and its report on its
// import page. A file that cannot be read exits non-zero with nothing saved.
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "jobs" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	fs, c := flags("import jobs", getenv, stderr)
	uscc := fs.String("enterprise", "", "统一社会信用代码（18 位）")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	var files []string
	for fs.NArg() > 0 { // the file may come before the flags
		files = append(files, fs.Arg(0))
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return errUsage
		}
	}
	if len(files) != 1 || *uscc == "" {
		return fmt.Errorf("%w: import jobs FILE.xlsx|.csv --enterprise USCC", errUsage)
	}
	if err := c.Finish(); err != nil {
		return err
	}
	file := files[0]
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	ents, _, err := e.db.Registry().SearchEnterprises(ctx, registry.EnterpriseFilter{Query: *uscc, Limit: 2})
	if err != nil {
		return err
	}
	if len(ents) != 1 || !strings.EqualFold(ents[0].USCC, strings.TrimSpace(*uscc)) {
		return fmt.Errorf("没有统一社会信用代码为 %s 的企业", *uscc)
	}
	bar := progressBar(stderr)
	rep, err := e.app.JobImports.ImportPosts(ctx, app.Actor{IP: "cli"}, true, ents[0].ID, file, f, bar)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "%s：读取 %d 行，已导入 %d 个岗位（待审核），%d 行有误未导入\n", ents[0].Name, rep.Total, rep.Saved, rep.Failed)
	if len(rep.Errors) > 0 {
		out := strings.TrimSuffix(file, filepath.Ext(file)) + ".errors.xlsx"
		w, err := os.Create(out)
		if err != nil {
			return err
		}
		if err := app.WriteImportErrors(w, rep); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		for _, re := range rep.Errors[:min(len(rep.Errors), 10)] {
			fmt.Fprintf(stdout, "  第 %d 行 %s：%s\n", re.Row, re.Column, re.Reason)
		}
		if len(rep.Errors) > 10 {
			fmt.Fprintf(stdout, "  …… 共 %d 条\n", len(rep.Errors))
		}
		fmt.Fprintf(stdout, "错误报告：%s\n", out)
	}
	return nil
}

// progressBar returns a progress callback that redraws
// "[#####-----] 120/240" on one line of w, ending the line when done.
func progressBar(w io.Writer) func(done, total int) {
	const width = 30
	return func(done, total int) {
		n := 0
		if total > 0 {
			n = done * width / total
		}
		fmt.Fprintf(w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat("-", width-n), done, total)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}

// jobSnapshotEvery is how often serve writes the job index snapshot when
// the index changed since the last one.
const jobSnapshotEvery = 10 * time.Minute

// keepJobSnapshots writes a's job index snapshot to path every
// jobSnapshotEvery while the index changes, once the index is ready
// (ready is closed); current says the snapshot on disk then matches it.
// The returned function stops it and writes a last snapshot, so that the
// next start has nothing or little to catch up.
func keepJobSnapshots(a *app.App, path string, ready <-chan struct{}, current bool, log *slog.Logger) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var written uint64
	write := func(ctx context.Context) {
		gen := a.Jobs.JobIndexGen()
		if gen == written || !a.Jobs.JobIndexReady() || a.Jobs.JobIndexLen() == 0 && gen == 0 {
			return
		}
		start := time.Now()
		if err := a.Jobs.WriteJobSnapshot(ctx, path); err != nil {
			log.Error("job index snapshot", "err", err)
			return
		}
		written = gen
		log.Info("job index snapshot written", "elapsed", time.Since(start).Round(time.Millisecond).String())
	}
	go func() {
		defer close(done)
		select {
		case <-ready:
			if current {
				written = a.Jobs.JobIndexGen()
			}
		case <-ctx.Done():
			return
		}
		t := time.NewTicker(jobSnapshotEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				write(ctx)
			}
		}
	}()
	return func() {
		cancel()
		<-done
		select {
		case <-ready:
		default:
			return // still rebuilding: the old snapshot (or none) stays
		}
		wctx, stop := context.WithTimeout(context.Background(), time.Minute)
		defer stop()
		write(wctx)
	}
}
