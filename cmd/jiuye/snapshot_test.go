package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
)

// TestServeJobSnapshot: the first start of serve has no snapshot, rebuilds
// the job index in the background (not ready meanwhile) and writes one; a
// post closed while it is stopped; the next start reads the snapshot,
// applies that change and is ready; stopping writes the snapshot again,
// now with the change, so a third start has nothing to apply.
func TestServeJobSnapshot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		if out, err := s.run(t, "demo", "--scale", "0.005"); err != nil {
			t.Fatalf("demo: %v %s", err, out)
		}
		path := filepath.Join(s.data, app.JobSnapshotFile)
		out := serveStdout(t, s)
		if !strings.Contains(out, "后台重建") {
			t.Fatalf("first start: %s", out)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("no snapshot after the first start: %v", err)
		}
		if _, err := s.raw.Exec("UPDATE job_posts SET status = 'closed', change_seq = (SELECT n + 1 FROM job_seq) WHERE id = (SELECT MIN(id) FROM job_posts WHERE status = 'published')"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.raw.Exec("UPDATE job_seq SET n = n + 1"); err != nil {
			t.Fatal(err)
		}
		if out := serveStdout(t, s); !strings.Contains(out, "索引从快照载入并追上 1 项变更") {
			t.Fatalf("second start: %s", out)
		}
		if out := serveStdout(t, s); !strings.Contains(out, "索引从快照载入并追上 0 项变更") {
			t.Fatalf("third start: %s", out)
		}
	})
}

// serveStdout starts `jiuye serve` in-process, waits until /readyz says
// ready, stops it and returns what it printed.
func serveStdout(t *testing.T, s cliStore) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
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
			t.Fatalf("serve ended early: %v %s %s", err, out.String(), log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not become ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v %s", err, log.String())
	}
	return out.String()
}
