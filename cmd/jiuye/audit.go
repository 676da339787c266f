package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// auditCheckpointEvery is how often serve writes a signed checkpoint of the
// audit chain's head outside the database: rows deleted from the end of the
// log since the last checkpoint are the most that can go unseen.
const auditCheckpointEvery = 5 * time.Minute

// cmdAuditVerify runs `jiuye audit verify [--checkpoint FILE]`: every row is
// checked with the key, and the chain must still reach the signed
// checkpoints (by default the one in the data directory).
func cmdAuditVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("audit verify", getenv, stderr)
	cpFile := fs.String("checkpoint", "", "verify against the checkpoints in this file: a checkpoint file or JSON log lines (default DATA/"+store.AuditCheckpointFile+")")
	e, err := parseAndOpen(ctx, fs, c, args, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	path := *cpFile
	if path == "" {
		path = filepath.Join(c.Data, store.AuditCheckpointFile)
	}
	cps, cpErr := store.ReadAuditCheckpoints(path)
	if *cpFile == "" && errors.Is(cpErr, os.ErrNotExist) {
		fmt.Fprintf(stdout, "注意：没有检查点文件 %s（服务运行时每 %d 分钟写入一次），无法发现删除最新记录的截断；可用 --checkpoint 指定日志中的检查点行\n",
			path, int(auditCheckpointEvery.Minutes()))
		cpErr = nil
	}
	n, err := e.db.VerifyAudit(ctx, cps...)
	if err := errors.Join(err, cpErr); err != nil {
		return fmt.Errorf("审计日志校验失败（已通过 %d 条）：%w", n, err)
	}
	fmt.Fprintf(stdout, "审计日志完整：%d 条记录，哈希链（HMAC-SM3，密钥 %s）校验通过\n", n, e.box.KeyID())
	if len(cps) > 0 {
		last := cps[len(cps)-1]
		fmt.Fprintf(stdout, "与 %d 个检查点一致（%s；最新：第 %d 条，%s）\n", len(cps), path, last.ID, last.At.Format(time.RFC3339))
	}
	for _, action := range []string{audit.ChainRehash, audit.KeyRotateRoot} {
		rehashed, err := e.db.ListAudit(ctx, audit.Filter{Action: action})
		if err != nil {
			return err
		}
		for _, r := range rehashed {
			fmt.Fprintf(stdout, "第 %d 条：%s（%s）\n", r.ID, audit.Label(r.Action), r.Summary)
		}
	}
	return nil
}

// cmdAuditCheckpoint runs `jiuye audit checkpoint`: one checkpoint now, as
// serve writes them (for a store changed while serve is not running).
func cmdAuditCheckpoint(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("audit checkpoint", getenv, stderr)
	e, err := parseAndOpen(ctx, fs, c, args, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	path := filepath.Join(c.Data, store.AuditCheckpointFile)
	cp, err := writeAuditCheckpoint(ctx, e.db, path, e.log)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已写入审计检查点 %s：第 %d 条\n%s", path, cp.ID, cp.Line())
	return nil
}

// writeAuditCheckpoint writes one signed checkpoint of the audit chain's
// head to path and logs the same checkpoint as one JSON line under
// audit.LogKey, for the log shipper to keep. When the chain no longer
// reaches the checkpoint already in path, the refusal is logged as an error
// and the old file stays.
func writeAuditCheckpoint(ctx context.Context, db *store.DB, path string, log *slog.Logger) (audit.Checkpoint, error) {
	cp, err := db.WriteAuditCheckpoint(ctx, path)
	if err != nil {
		log.Error("audit checkpoint refused", "file", path, "err", err)
		return cp, err
	}
	log.Info("audit checkpoint", audit.LogKey, cp)
	return cp, nil
}

// keepAuditCheckpoints writes a checkpoint now, before it returns, and then
// every interval until the returned stop is called; stop waits for the loop
// and writes the last checkpoint, so serve calls it after the server has
// shut down. The first one is written before serving starts so that a
// server stopped at once still leaves both (a shutdown racing the first
// write once cancelled it).
func keepAuditCheckpoints(db *store.DB, path string, log *slog.Logger, every time.Duration) (stop func()) {
	writeAuditCheckpointWithin(db, path, log, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				writeAuditCheckpoint(ctx, db, path, log)
			}
		}
	}()
	return func() {
		cancel()
		<-done
		writeAuditCheckpointWithin(db, path, log, 10*time.Second)
	}
}

// writeAuditCheckpointWithin writes one checkpoint with its own deadline,
// for the writes at start and at shutdown that no request context owns.
func writeAuditCheckpointWithin(db *store.DB, path string, log *slog.Logger, limit time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	writeAuditCheckpoint(ctx, db, path, log)
}
