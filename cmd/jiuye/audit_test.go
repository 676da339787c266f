package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// cliStore is one data directory and database the CLI runs against, with a
// raw connection for playing someone who holds the database but not the key.
type cliStore struct {
	data, db string
	raw      *sql.DB
	postgres bool
}

// forEachCLIStore runs fn against SQLite in a temp dir and, when
// JIUYE_TEST_POSTGRES is set, against a fresh PostgreSQL schema.
func forEachCLIStore(t *testing.T, fn func(t *testing.T, s cliStore)) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		s := cliStore{data: t.TempDir(), db: dsn, postgres: !strings.HasPrefix(dsn, "sqlite:")}
		if !s.postgres {
			if out, err := s.run(t, "migrate"); err != nil {
				t.Fatalf("migrate: %v %s", err, out)
			}
		}
		s.raw = storetest.Raw(t, dsn)
		fn(t, s)
	})
}

func (s cliStore) getenv(k string) string {
	switch k {
	case "JIUYE_DATA":
		return s.data
	case "JIUYE_DB":
		return s.db
	}
	return ""
}

// run runs the CLI and returns stdout and stderr together.
func (s cliStore) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"jiuye"}, args...), s.getenv, &out, &errb)
	return out.String() + errb.String(), err
}

func (s cliStore) addStaff(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if out, err := s.run(t, "user", "add", "--role", "staff", "--phone", fmt.Sprintf("1380013%04d", i), "--password", "jiang7river", "--name", "经办"); err != nil {
			t.Fatalf("user add: %v %s", err, out)
		}
	}
}

// tamper runs statements with the append-only triggers lifted.
func (s cliStore) tamper(t *testing.T, stmts ...string) {
	t.Helper()
	lift := []string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"}
	if s.postgres {
		lift = []string{"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"}
	}
	for _, q := range append(lift, stmts...) {
		if _, err := s.raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// entries reads the audit rows oldest first through the store.
func (s cliStore) entries(t *testing.T) []audit.Entry {
	t.Helper()
	key, err := secret.LoadKeyFile(filepath.Join(s.data, "jiuye.key"))
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.New(key)
	db, err := store.Open(context.Background(), s.db, box)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.ListAudit(context.Background(), audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(rows)
	return rows
}

// syncBuffer is a bytes.Buffer the server's goroutines may log into together.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// serveOnce starts `jiuye serve` in-process, waits until it is ready, stops
// it as SIGTERM would and returns its log.
func (s cliStore) serveOnce(t *testing.T) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, log syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"jiuye", "serve", "--addr", addr, "--memory-limit", "off"}, s.getenv, &out, &log)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve ended early: %v %s %s", err, out.String(), log.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("serve did not become ready")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v %s", err, log.String())
	}
	return log.String()
}

// TestServeAuditCheckpointsCatchTruncation: serve writes a signed
// checkpoint of the audit chain's head to the data directory and to its
// log; after the newest rows are deleted, the shorter chain still links up
// but `audit verify` reports the truncation, against the file and against
// the log lines.
func TestServeAuditCheckpointsCatchTruncation(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		s.addStaff(t, 3)
		log := s.serveOnce(t)
		cpFile := filepath.Join(s.data, "audit-checkpoint.json")
		raw, err := os.ReadFile(cpFile)
		if err != nil {
			t.Fatalf("serve wrote no checkpoint file: %v", err)
		}
		var cp struct {
			ID   int64  `json:"id"`
			Hash string `json:"hash"`
			Sig  string `json:"sig"`
		}
		if err := json.Unmarshal(raw, &cp); err != nil || cp.ID < 3 || cp.Sig == "" {
			t.Fatalf("checkpoint file %s: %v", raw, err)
		}
		if n := strings.Count(log, `"audit_checkpoint":{`); n < 2 {
			t.Fatalf("want a checkpoint log line at start and at shutdown, got %d:\n%s", n, log)
		}
		logFile := filepath.Join(t.TempDir(), "jiuye.log")
		os.WriteFile(logFile, []byte(log), 0o600)
		if out, err := s.run(t, "audit", "verify"); err != nil || !strings.Contains(out, "与 1 个检查点一致") {
			t.Fatalf("verify against the file: %v %s", err, out)
		}
		if out, err := s.run(t, "audit", "verify", "--checkpoint", logFile); err != nil || !strings.Contains(out, "检查点一致") {
			t.Fatalf("verify against the log: %v %s", err, out)
		}

		s.tamper(t, "DELETE FROM audit_log WHERE id > 2")
		want := fmt.Sprintf("records row %d but the newest row is 2", cp.ID)
		if out, err := s.run(t, "audit", "verify"); err == nil || !strings.Contains(err.Error(), "truncated") || !strings.Contains(err.Error(), want) {
			t.Fatalf("truncation against the file: %v %s", err, out)
		}
		if _, err := s.run(t, "audit", "verify", "--checkpoint", logFile); err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("truncation against the log: %v", err)
		}
	})
}

// unkeyedHash is the old chain's hash (SHA-256 over length-prefixed
// fields), which anyone can compute; written out as the attacker would.
func unkeyedHash(e audit.Entry) string {
	var b strings.Builder
	for _, f := range []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"),
		strconv.FormatInt(e.ActorID, 10), e.ActorRole, e.IP, e.Action, e.ObjectType, e.ObjectID, e.Summary, e.Result, e.PrevHash} {
		b.WriteString(strconv.Itoa(len(f)) + ":" + f)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// TestAuditVerifyRewriteWithoutKey: a middle row deleted, the rows after it
// renumbered and the whole chain recomputed with unkeyed SHA-256, so no gap
// and no broken link shows; `audit verify` names row 1 all the same.
func TestAuditVerifyRewriteWithoutKey(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		s.addStaff(t, 4)
		rows := s.entries(t)
		s.tamper(t, "DELETE FROM audit_log WHERE id = 2", "UPDATE audit_log SET id = -id WHERE id > 2", "UPDATE audit_log SET id = -id - 1 WHERE id < 0")
		prev := audit.GenesisHash
		for i, e := range slices.Delete(rows, 1, 2) {
			e.ID, e.PrevHash = int64(i+1), prev
			e.Hash = unkeyedHash(e)
			prev = e.Hash
			s.tamper(t, fmt.Sprintf("UPDATE audit_log SET prev_hash = '%s', hash = '%s' WHERE id = %d", e.PrevHash, e.Hash, e.ID))
		}
		out, err := s.run(t, "audit", "verify")
		if err == nil || !strings.Contains(err.Error(), "audit row 1:") {
			t.Fatalf("chain recomputed without the key: %v %s", err, out)
		}
	})
}

// TestAuditVerifyForgedCheckpoint: a checkpoint file moved back to an
// earlier row (to hide deleting the rows after it) fails its signature;
// verify reports it, and the checkpoint writer refuses to replace it.
func TestAuditVerifyForgedCheckpoint(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		s.addStaff(t, 3)
		if out, err := s.run(t, "audit", "checkpoint"); err != nil || !strings.Contains(out, "第 3 条") {
			t.Fatalf("audit checkpoint: %v %s", err, out)
		}
		if out, err := s.run(t, "audit", "verify"); err != nil || !strings.Contains(out, "与 1 个检查点一致") {
			t.Fatalf("verify: %v %s", err, out)
		}
		path := filepath.Join(s.data, "audit-checkpoint.json")
		var cp map[string]any
		raw, _ := os.ReadFile(path)
		if err := json.Unmarshal(raw, &cp); err != nil {
			t.Fatal(err)
		}
		cp["id"], cp["hash"] = 2, s.entries(t)[1].Hash
		forged, _ := json.Marshal(cp)
		os.WriteFile(path, forged, 0o600)
		s.tamper(t, "DELETE FROM audit_log WHERE id = 3")
		if out, err := s.run(t, "audit", "verify"); err == nil || !strings.Contains(err.Error(), "forged") {
			t.Fatalf("forged checkpoint: %v %s", err, out)
		}
		if out, err := s.run(t, "audit", "checkpoint"); err == nil || !strings.Contains(err.Error(), "forged") {
			t.Fatalf("the writer must not replace a forged checkpoint: %v %s", err, out)
		}
	})
}
