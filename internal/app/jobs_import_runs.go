package app

// 网谷智聘 import runs. The page and the API hand over a file, get its
// recorded run back at once and follow the run's progress while this
// instance checks the rows in the background, a few files at a time. The run
// lives in the database (job_imports), so its report survives a restart and
// every instance on the same PostgreSQL serves it. A run whose process
// stopped (crash, kill, restart) stops renewing its heartbeat and is ended
// as failed when it is next looked at, or by the daily task, which also
// deletes runs older than ImportKeepDays.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

// Where an import run came from.
const (
	ImportSourceWeb = "web"
	ImportSourceAPI = "api"
	ImportSourceCLI = "cli"
)

// ImportKeepDays is how long import runs and their reports are kept.
const ImportKeepDays = 30

const (
	// importProgressRows and importHeartbeat: a run saves its progress
	// after this many rows or this long, whichever comes first; the
	// progress write is also its heartbeat.
	importProgressRows = 250
	importHeartbeat    = 2 * time.Second
	// importStaleAfter is how old a running run's heartbeat may get before
	// the run counts as abandoned by a stopped process. It is well above
	// importHeartbeat and above the save transaction of a web import.
	importStaleAfter = 2 * time.Minute
	// maxImportsRunning files are checked at once per instance (rows are
	// CPU work); up to maxImportsQueued runs may be accepted and waiting.
	maxImportsRunning = 2
	maxImportsQueued  = 8
)

// Messages of runs that ended without saving anything.
const (
	msgImportStale   = "导入中断（处理导入的服务已停止），未导入任何岗位，请重新导入"
	msgImportStopped = "导入被中断（服务停止或重启），未导入任何岗位，请重新导入"
	msgImportFailed  = "保存失败，未导入任何岗位，请稍后重新导入"
	msgImportEnded   = "导入已中断，未导入任何岗位，请重新导入"
)

// importRunner owns the background imports of an App: their context
// (cancelled when the App stops them), the running slots and the count of
// accepted runs.
type importRunner struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	slots  chan struct{}
	wg     sync.WaitGroup

	mu     sync.Mutex
	queued int
	closed bool
}

func (x *JobImports) importer() *importRunner {
	rn := &x.imports
	rn.once.Do(func() {
		rn.ctx, rn.cancel = context.WithCancel(context.Background())
		rn.slots = make(chan struct{}, maxImportsRunning)
	})
	return rn
}

// admit reserves a place for a new background run; an instance that is
// stopping or already has maxImportsQueued runs refuses.
func (rn *importRunner) admit() error {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	if rn.closed {
		return apperr.New(apperr.TooMany, "服务正在重启，请稍后重新导入")
	}
	if rn.queued >= maxImportsQueued {
		return apperr.New(apperr.TooMany, "正在处理的导入较多，请稍后再试")
	}
	rn.queued++
	rn.wg.Add(1)
	return nil
}

func (rn *importRunner) release() {
	rn.mu.Lock()
	rn.queued--
	rn.mu.Unlock()
	rn.wg.Done()
}

// StartPostImport reads an employer's file and refuses a malformed one at
// once, with nothing recorded; otherwise it records the run and checks the
// rows in the background. The caller follows the run with JobImport.
func (x *JobImports) StartPostImport(ctx context.Context, a Actor, source, filename string, r io.Reader) (*jobs.Import, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	f, err := x.readImport(ctx, a, false, a.User.EnterpriseID, filename, r)
	if err != nil {
		return nil, err
	}
	return x.startRun(ctx, a, source, f)
}

// startRun records the run of a file read and checks its rows in the
// background.
func (x *JobImports) startRun(ctx context.Context, a Actor, source string, f *importFile) (*jobs.Import, error) {
	rn := x.importer()
	if err := rn.admit(); err != nil {
		return nil, err
	}
	run, err := x.createImportRun(ctx, a, source, f)
	if err != nil {
		rn.release()
		return nil, err
	}
	bg := *run
	go x.importInBackground(rn, a.store(), &bg, f)
	return run, nil
}

func (x *JobImports) createImportRun(ctx context.Context, a Actor, source string, f *importFile) (*jobs.Import, error) {
	run := &jobs.Import{EnterpriseID: f.entID, Source: source, Filename: f.filename, Total: len(f.rows)}
	if a.User != nil {
		run.UserID = a.User.ID
	}
	if err := x.db.Jobs().CreateJobImport(ctx, run); err != nil {
		return nil, err
	}
	return run, nil
}

// importInBackground waits for a slot, renewing the run's heartbeat, then
// runs it. It is the boundary of a background run: failures are logged
// here, and a panic ends the run as failed instead of the process.
func (x *JobImports) importInBackground(rn *importRunner, sa store.Actor, run *jobs.Import, f *importFile) {
	defer rn.release()
	defer func() {
		if v := recover(); v != nil {
			x.log.Error("job import panic", "id", run.ID, "panic", v)
			x.failImportRun(run.ID, fmt.Errorf("panic: %v", v))
		}
	}()
	if err := x.waitImportSlot(rn, run.ID); err != nil {
		x.failImportRun(run.ID, err)
		return
	}
	defer func() { <-rn.slots }()
	if _, err := x.runImport(rn.ctx, sa, run, f, nil); err != nil && !importStopped(err) {
		x.log.Error("job import failed", "id", run.ID, "err", err)
	}
}

func (x *JobImports) waitImportSlot(rn *importRunner, id int64) error {
	t := time.NewTicker(importHeartbeat)
	defer t.Stop()
	for {
		select {
		case rn.slots <- struct{}{}:
			return nil
		case <-rn.ctx.Done():
			return rn.ctx.Err()
		case <-t.C:
			ok, err := x.db.Jobs().JobImportProgress(rn.ctx, id, 0)
			if err != nil {
				return err
			}
			if !ok {
				return apperr.New(apperr.Conflict, msgImportEnded)
			}
		}
	}
}

// importStopped reports whether err is a run being stopped or found ended,
// which is not worth an error log line.
func importStopped(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || apperr.Is(err, apperr.Conflict)
}

// failImportRun ends a run that could not finish as failed, with a message
// for the employer. It uses its own context: the run's may be the one that
// was cancelled.
func (x *JobImports) failImportRun(id int64, cause error) {
	msg := msgImportFailed
	switch {
	case apperr.Is(cause, apperr.Conflict):
		return // ended elsewhere already
	case errors.Is(cause, context.Canceled), errors.Is(cause, context.DeadlineExceeded):
		msg = msgImportStopped
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := x.db.Jobs().FailJobImport(ctx, id, msg); err != nil {
		x.log.Error("job import: record failure", "id", id, "err", err)
	}
}

// StopImports refuses new background imports and waits for the running
// ones until ctx ends; any still running then are stopped and recorded as
// failed, so none is left "running". serve calls it when shutting down.
func (x *JobImports) StopImports(ctx context.Context) {
	rn := x.importer()
	rn.mu.Lock()
	rn.closed = true
	rn.mu.Unlock()
	done := make(chan struct{})
	go func() {
		rn.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		rn.cancel()
		<-done
	}
	rn.cancel()
}

// JobImport returns an import run of the employer's own enterprise; another
// enterprise's run is refused and audited. A run found abandoned by a
// stopped process is ended as failed first.
func (x *JobImports) JobImport(ctx context.Context, a Actor, id int64) (*jobs.Import, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	run, err := x.db.Jobs().JobImportByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanPostJobs(a.User, run.EnterpriseID) {
		return nil, x.conceal(ctx, a, "job_import", id)
	}
	if !x.importStale(run) {
		return run, nil
	}
	if err := x.failStaleImports(ctx); err != nil {
		return nil, err
	}
	return x.db.Jobs().JobImportByID(ctx, id)
}

// JobImportErrors returns the row errors of a finished run, checked like
// JobImport; a run still checking its rows has no report yet (Conflict).
func (x *JobImports) JobImportErrors(ctx context.Context, a Actor, id int64) ([]RowError, error) {
	run, err := x.JobImport(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if run.Status == jobs.ImportRunning {
		return nil, apperr.New(apperr.Conflict, "导入仍在处理中，完成后才能下载错误报告")
	}
	return x.db.Jobs().JobImportErrors(ctx, id)
}

// MyJobImports lists the recent import runs of the employer's enterprise,
// newest first.
func (x *JobImports) MyJobImports(ctx context.Context, a Actor, limit int) ([]*jobs.Import, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "job_import", 0)
	}
	runs, err := x.db.Jobs().JobImportsOf(ctx, a.User.EnterpriseID, limit)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		if x.importStale(r) {
			if err := x.failStaleImports(ctx); err != nil {
				return nil, err
			}
			return x.db.Jobs().JobImportsOf(ctx, a.User.EnterpriseID, limit)
		}
	}
	return runs, nil
}

func (x *JobImports) importStale(r *jobs.Import) bool {
	return r.Status == jobs.ImportRunning && x.now().Sub(r.UpdatedAt) >= importStaleAfter
}

func (x *JobImports) failStaleImports(ctx context.Context) error {
	n, err := x.db.Jobs().FailStaleJobImports(ctx, x.now().Add(-importStaleAfter), msgImportStale)
	if err != nil {
		return err
	}
	if n > 0 {
		x.log.Warn("job imports abandoned by a stopped process ended as failed", "n", n)
	}
	return nil
}

// tidyJobImports ends abandoned runs and deletes runs older than
// ImportKeepDays with their reports; the daily jobs.expire task runs it.
func (x *JobImports) tidyJobImports(ctx context.Context) error {
	if err := x.failStaleImports(ctx); err != nil {
		return err
	}
	n, err := x.db.Jobs().PurgeJobImports(ctx, x.now().AddDate(0, 0, -ImportKeepDays))
	if err != nil {
		return err
	}
	if n > 0 {
		x.log.Info("job import runs purged", "n", n, "older_than_days", ImportKeepDays)
	}
	return nil
}
