package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/worker"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("serve", getenv, stderr)
	withDemo := fs.Bool("demo", false, "fill an empty store with demo data and print demo accounts")
	scale := fs.Float64("scale", 1, "demo data scale (1 = one district)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the serving time to this file (for performance work)")
	memLimit := fs.String("memory-limit", getenvOr(getenv, "JIUYE_MEMORY_LIMIT", "auto"),
		"Go soft memory limit: auto (twice the live heap after start), off, or a size like 512MiB")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	limit, err := parseMemoryLimit(*memLimit)
	if err != nil {
		return err
	}
	if ring, err := secret.LoadKeyRing(c.KeyFile); err == nil && ring.PreviousRoot != nil {
		return errors.New("serve: 派生根密钥轮换未完成（密钥文件中有 previous-root）：请先运行 jiuye key rotate --root 完成轮换")
	}
	start := time.Now()
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	if *withDemo {
		if err := demoOnce(ctx, e, *scale, stdout); err != nil {
			return err
		}
	}
	if err := e.app.Policies.EnsureCatalog(ctx); err != nil {
		return err
	}
	// 网谷智聘: the search index comes from the snapshot in the data
	// directory, caught up with the store's change sequence, or when there
	// is no usable snapshot is rebuilt from the store in the background
	// (/readyz answers 503 meanwhile); then it follows the change sequence
	// (see cmd/jiuye/jobs.go) and is written back periodically and at stop.
	snapPath := filepath.Join(c.Data, app.JobSnapshotFile)
	// Until the index is up the collector runs early, so the rows and
	// analysis a rebuild leaves behind do not pile up: the peak of a start
	// stays near the index's own size.
	gcPercent := debug.SetGCPercent(25)
	jobsIdx, err := e.app.Jobs.StartJobIndex(ctx, snapPath)
	if err != nil {
		debug.SetGCPercent(gcPercent)
		return err
	}
	go func() {
		select {
		case <-jobsIdx.Done:
		case <-ctx.Done():
			return
		}
		debug.SetGCPercent(gcPercent)
		debug.FreeOSMemory() // return the loading garbage (post rows) before serving
		applyMemoryLimit(ctx, limit, getenv("GOMEMLIMIT"), e.app.Jobs.JobIndexLen, e.log)
	}()
	if err := e.app.Jobs.ScheduleJobExpiry(ctx); err != nil {
		return err
	}
	if err := e.app.Casework.ScheduleCaseReminders(ctx); err != nil {
		return err
	}
	if err := e.app.Activities.ScheduleTick(ctx); err != nil {
		return err
	}
	if err := e.app.Accounts.ScheduleLimitsPrune(ctx); err != nil {
		return err
	}
	opts := server.Options{Proxies: httpx.Proxies{Peer: c.TrustProxy, Nets: c.Proxies}, SecureCookies: c.SecureCookies,
		AuthPerMinute: c.AuthPerMinute, MetricsToken: c.MetricsToken}
	if e.db.Dialect() == store.Postgres {
		// Several instances may share this database: the per-IP limits on
		// login and registration count in it, so they hold across them.
		opts.SharedLimits = e.db.RateLimits()
	}
	srv, err := server.New(e.app, e.log, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	if jobsIdx.Restored {
		fmt.Fprintf(stdout, "jiuye 已启动：http://%s  （数据库 %s，在招岗位 %d 个，索引从快照载入并追上 %d 项变更，用时 %s，启动用时 %s）\n", ln.Addr(),
			e.db.Dialect(), jobsIdx.Posts, jobsIdx.Applied, jobsIdx.Elapsed.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(stdout, "jiuye 已启动：http://%s  （数据库 %s，岗位索引在后台重建（%s），完成前 /readyz 返回 503；启动用时 %s）\n", ln.Addr(),
			e.db.Dialect(), jobsIdx.Why, time.Since(start).Round(time.Millisecond))
	}
	e.log.Info("serving", "addr", ln.Addr().String(), "db", e.db.Dialect().String())
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	// Uploads an older version stored in clear are sealed in the
	// background (downloads read both kinds meanwhile); shutdown stops it
	// between two files and waits for it.
	uctx, stopUploads := context.WithCancel(ctx)
	uploadsDone := make(chan struct{})
	go func() {
		defer close(uploadsDone)
		res, err := e.app.PolicyApps.EncryptClearUploads(uctx)
		switch {
		case err != nil && uctx.Err() == nil:
			e.log.Error("encrypting clear uploads", "err", err, "sealed", res.Sealed, "failed", res.Failed)
		case res.Failed > 0:
			e.log.Warn("clear uploads left unencrypted (file missing or altered)", "failed", res.Failed, "sealed", res.Sealed)
		case res.Sealed > 0 || res.Removed > 0:
			e.log.Info("clear uploads encrypted", "sealed", res.Sealed, "removed", res.Removed)
		}
	}()
	defer func() { stopUploads(); <-uploadsDone }()
	bg := worker.New(e.db, e.log)
	e.app.RegisterTasks(bg)
	go bg.Run(ctx) // stops when ctx ends
	// A snapshot restored as it was, or written after a rebuild, is
	// current; one the start had to catch up is written again at stop.
	current := !jobsIdx.Restored || jobsIdx.Applied == 0
	stopSnapshots := keepJobSnapshots(e.app, snapPath, jobsIdx.Done, current, e.log)
	defer stopSnapshots() // after the follower has stopped: the last snapshot has every change applied
	stopJobs := followJobs(e.app)
	defer stopJobs()
	// Signed checkpoints of the audit chain's head outside the database: now,
	// every few minutes, and a last one after shutdown (deferred calls run
	// after the server and the imports have stopped, before the store closes).
	stopCheckpoints := keepAuditCheckpoints(e.db, filepath.Join(c.Data, store.AuditCheckpointFile), e.log, auditCheckpointEvery)
	defer stopCheckpoints()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(shutdown)
	// Imports still checking rows get the rest of the grace period, then
	// end as failed (nothing saved) rather than stay "running".
	e.app.JobImports.StopImports(shutdown)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// startCPUProfile profiles the process until the returned stop is called,
// so a slow page can be studied under real load without exposing pprof
// over HTTP.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("serve: cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("serve: cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// getenvOr is getenv with a default for an empty value.
func getenvOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
