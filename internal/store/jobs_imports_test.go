package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestJobImportRuns: a run's row errors come back as written (any text);
// progress, finish and fail only apply to a running run; the stale sweep
// and the purge leave live runs alone.
func TestJobImportRuns(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		e := &registry.Enterprise{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(rand.New(rand.NewPCG(3, 4)), "420112")}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.CreateEnterprise(ctx, e) }); err != nil {
			t.Fatal(err)
		}
		run := &jobs.Import{EnterpriseID: e.ID, Source: "cli", Filename: "岗位.xlsx", Total: 3}
		if err := db.Jobs().CreateJobImport(ctx, run); err != nil {
			t.Fatal(err)
		}
		if ok, err := db.Jobs().JobImportProgress(ctx, run.ID, 2); err != nil || !ok {
			t.Fatalf("progress %v %v", ok, err)
		}
		got, err := db.Jobs().JobImportByID(ctx, run.ID)
		if err != nil || got.Status != jobs.ImportRunning || got.Checked != 2 || got.UserID != 0 || !got.FinishedAt.IsZero() {
			t.Fatalf("running run %+v %v", got, err)
		}
		errs := []jobs.ImportRowError{{Row: 2, Column: "岗位名称", Reason: "请填写岗位名称"},
			{Row: 3, Column: "", Reason: "应填写整数，而不是“a\"b\n,c”"}}
		run.Saved, run.Failed = 1, 2
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.FinishJobImport(ctx, run, errs) }); err != nil {
			t.Fatal(err)
		}
		back, err := db.Jobs().JobImportErrors(ctx, run.ID)
		if err != nil || len(back) != 2 || back[0] != errs[0] || back[1] != errs[1] {
			t.Fatalf("row errors %+v %v", back, err)
		}
		got, _ = db.Jobs().JobImportByID(ctx, run.ID)
		if got.Status != jobs.ImportDone || got.Checked != 3 || got.Saved != 1 || got.Failed != 2 || got.ErrorCount != 2 || got.FinishedAt.IsZero() {
			t.Fatalf("done run %+v", got)
		}
		if ok, _ := db.Jobs().JobImportProgress(ctx, run.ID, 1); ok {
			t.Fatal("progress on a done run")
		}
		if ok, _ := db.Jobs().FailJobImport(ctx, run.ID, "x"); ok {
			t.Fatal("a done run failed")
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.FinishJobImport(ctx, run, nil) }); err == nil {
			t.Fatal("a done run finished twice")
		}

		// A live run and a stale one, ten minutes apart.
		stale := &jobs.Import{EnterpriseID: e.ID, Source: "web", Filename: "a.csv", Total: 5}
		db.Jobs().CreateJobImport(ctx, stale)
		now = now.Add(10 * time.Minute)
		live := &jobs.Import{EnterpriseID: e.ID, Source: "web", Filename: "b.csv", Total: 5}
		db.Jobs().CreateJobImport(ctx, live)
		if n, err := db.Jobs().FailStaleJobImports(ctx, now.Add(-2*time.Minute), "中断"); err != nil || n != 1 {
			t.Fatalf("stale sweep ended %d: %v", n, err)
		}
		if r, _ := db.Jobs().JobImportByID(ctx, stale.ID); r.Status != jobs.ImportFailed || r.Message != "中断" {
			t.Fatalf("stale run %+v", r)
		}
		if r, _ := db.Jobs().JobImportByID(ctx, live.ID); r.Status != jobs.ImportRunning {
			t.Fatalf("live run %+v", r)
		}
		list, err := db.Jobs().JobImportsOf(ctx, e.ID, 10)
		if err != nil || len(list) != 3 || list[0].ID != live.ID || list[2].ID != run.ID {
			t.Fatalf("list %+v %v", list, err)
		}
		// The purge takes finished runs older than the cut, never a running one.
		if n, err := db.Jobs().PurgeJobImports(ctx, now.Add(time.Minute)); err != nil || n != 2 {
			t.Fatalf("purged %d: %v", n, err)
		}
		if list, _ := db.Jobs().JobImportsOf(ctx, e.ID, 10); len(list) != 1 || list[0].ID != live.ID {
			t.Fatalf("after the purge %+v", list)
		}
	})
}
