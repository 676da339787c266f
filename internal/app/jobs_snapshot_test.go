package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/demo"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// snapQueries are the searches compared between an index restored from a
// snapshot and one built from the store.
var snapQueries = []app.JobQuery{
	{Q: "司机"}, {Q: "普工"}, {Q: "仓库 叉车"}, {Q: "会计", Sort: "newest"}, {Region: "420112", Sort: "newest"},
	{Sort: "salary", SalaryMin: "6000"}, {Q: "工作", Page: "2"}, {Occupation: "4-02-00-00"}, {},
	{Q: "销售", Near: "30.62,114.14", RadiusKm: "20", Sort: "distance"},
}

// searchDump runs snapQueries and writes what a page shows of each.
func searchDump(t *testing.T, a *app.App) string {
	t.Helper()
	var b strings.Builder
	for _, q := range snapQueries {
		res, err := a.Jobs.SearchJobs(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v total=%d\n", q, res.Total)
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "  %d %s %s %.3f %v\n", h.ID, h.Title, h.EnterpriseName, h.DistanceKm, h.Snippet)
		}
	}
	for _, p := range []string{"司", "普", "会计"} {
		s, err := a.Jobs.SuggestJobs(context.Background(), p, 10)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "suggest %s %v\n", p, s)
	}
	return b.String()
}

func newSnapApp(db *store.DB, tables *codes.Tables, dir string) *app.App {
	return app.New(db, tables, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{DataDir: dir})
}

// TestJobSnapshotRestart: serve's start from a snapshot. An instance
// writes one; posts change; a new instance starts from it, applies the
// changes made since and searches exactly as one that built its index
// from the store, and ranks the same candidates for a post. A snapshot
// with any byte flipped (header, index, pool, checksum), cut short, from
// another store, or ahead of the store is never used: the index is
// rebuilt in the background (not ready meanwhile), gives the same results,
// and a good snapshot is written for the next start.
func TestJobSnapshotRestart(t *testing.T) {
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		if _, err := demo.Generate(ctx, db, tables, demo.Options{Scale: 0.01, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, app.JobSnapshotFile)
		first := newSnapApp(db, tables, dir)
		if _, err := first.Jobs.LoadJobIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := first.Jobs.LoadCandidatePool(ctx); err != nil || n == 0 {
			t.Fatalf("pool: %d %v", n, err)
		}
		if err := first.Jobs.WriteJobSnapshot(ctx, path); err != nil {
			t.Fatal(err)
		}
		// Changes after the snapshot: some posts closed, one paused.
		posts, _, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{Status: string(jobs.Published), Limit: 50})
		if err != nil || len(posts) < 10 {
			t.Fatalf("posts: %d %v", len(posts), err)
		}
		sys := store.Actor{Role: "system"}
		for _, p := range posts[:5] {
			if _, err := db.Jobs().ChangePostStatus(ctx, sys, p.ID, jobs.ActClose, "", nil); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Jobs().ChangePostStatus(ctx, sys, posts[7].ID, jobs.ActPause, "", nil); err != nil {
			t.Fatal(err)
		}
		fresh := newSnapApp(db, tables, t.TempDir())
		if _, err := fresh.Jobs.LoadJobIndex(ctx); err != nil {
			t.Fatal(err)
		}
		want := searchDump(t, fresh)
		wantCands := candidatesDump(t, fresh, posts[9].ID)

		restarted := newSnapApp(db, tables, dir)
		st, err := restarted.Jobs.StartJobIndex(ctx, path)
		if err != nil || !st.Restored || st.Applied != 6 || st.Posts != fresh.Jobs.JobIndexLen() {
			t.Fatalf("start: %+v %v (want restored, 6 changes applied, %d posts)", st, err, fresh.Jobs.JobIndexLen())
		}
		if got := searchDump(t, restarted); got != want {
			t.Errorf("restored index searches differently:\n%s\nwant\n%s", got, want)
		}
		if got := candidatesDump(t, restarted, posts[9].ID); got != wantCands {
			t.Errorf("restored pool ranks differently:\n%s\nwant\n%s", got, wantCands)
		}

		good, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		unusable := func(name string, data []byte, why string) {
			t.Helper()
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			a := newSnapApp(db, tables, dir)
			st, err := a.Jobs.StartJobIndex(ctx, path)
			if err != nil || st.Restored || !st.Background || !strings.Contains(st.Why, why) {
				t.Fatalf("%s: %+v %v, want a rebuild because %q", name, st, err, why)
			}
			<-st.Done
			if !a.Jobs.JobIndexReady() || a.Ping(ctx) != nil {
				t.Fatalf("%s: not ready after the rebuild", name)
			}
			if got := searchDump(t, a); got != want {
				t.Errorf("%s: the rebuilt index searches differently", name)
			}
			again := newSnapApp(db, tables, dir) // the rebuild wrote a good snapshot
			if st, err := again.Jobs.StartJobIndex(ctx, path); err != nil || !st.Restored {
				t.Fatalf("%s: after the rebuild: %+v %v", name, st, err)
			}
		}
		for _, at := range []int{0, 9, 40, len(good) / 5, len(good) / 2, len(good) - 200, len(good) - 33, len(good) - 1} {
			bad := append([]byte(nil), good...)
			bad[at] ^= 0x20
			why := "checksum"
			if at < 100 {
				why = "" // the header: refused before or at the checksum, for whatever reason it finds first
			}
			unusable(fmt.Sprintf("byte %d of %d flipped", at, len(good)), bad, why)
		}
		unusable("cut short", good[:len(good)/2], "")
		unusable("empty", nil, "short")

		// A snapshot of another store with the same posts is refused.
		other := storetest.SQLite(t)
		if _, err := demo.Generate(ctx, other, tables, demo.Options{Scale: 0.01, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		oa := newSnapApp(other, tables, t.TempDir())
		if _, err := oa.Jobs.LoadJobIndex(ctx); err != nil {
			t.Fatal(err)
		}
		foreign := filepath.Join(t.TempDir(), app.JobSnapshotFile)
		if err := oa.Jobs.WriteJobSnapshot(ctx, foreign); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(foreign)
		if err != nil {
			t.Fatal(err)
		}
		unusable("another store's", data, "another store")
	})
}

// TestJobSnapshotAhead: a snapshot that has applied changes the store does
// not have (the store was put back, keeping its identity) is not used.
func TestJobSnapshotAhead(t *testing.T) {
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		if _, err := demo.Generate(ctx, db, tables, demo.Options{Scale: 0.005, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, app.JobSnapshotFile)
		a := newSnapApp(db, tables, dir)
		if _, err := a.Jobs.LoadJobIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if err := a.Jobs.WriteJobSnapshot(ctx, path); err != nil {
			t.Fatal(err)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE job_seq SET n = n - 1 WHERE id = 1")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		b := newSnapApp(db, tables, dir)
		st, err := b.Jobs.StartJobIndex(ctx, path)
		if err != nil || st.Restored || !strings.Contains(st.Why, "ahead of the store") {
			t.Fatalf("%+v %v", st, err)
		}
		<-st.Done
	})
}

// candidatesDump ranks the pool against post id as its employer's staff
// sees it.
func candidatesDump(t *testing.T, a *app.App, id int64) string {
	t.Helper()
	staff := app.Actor{User: &account.User{ID: 1, Role: account.RoleStaff}, IP: "test"}
	res, err := a.Jobs.Candidates(context.Background(), staff, id, 20)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range res.Items {
		fmt.Fprintf(&b, "%d %s %s %d %v\n", c.PersonID, c.NameMasked, c.PhoneMasked, c.Score, c.Reasons)
	}
	return b.String()
}
