package e2e

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// chromiumOrSkip returns the browser to drive, skipping the test in -short
// mode or when no Chromium is installed.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser journey skipped in -short mode")
	}
	exe := findChromium()
	if exe == "" {
		t.Skip("chromium not found; install chromium (apt-get install chromium) to run the browser journey" +
			" (or set " + EnvChromium + " to its path)")
	}
	return exe
}

// shotsDir makes the directory for a journey's screenshots. Not
// t.TempDir: the screenshots are meant to outlive the test.
func shotsDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "jiuye-"+name+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	fmt.Println(name, "screenshots in", dir)
	return dir
}

// forEachStore runs a journey on every test store (SQLite, and PostgreSQL
// when JIUYE_TEST_POSTGRES is set), with its screenshots named by store.
// The two run side by side, each with its own site and browser, and beside
// the other journeys (TestMain's -parallel): a journey mostly waits for
// pages, and the package must stay within go test's ten minutes when both
// stores run.
func forEachStore(t *testing.T, name string, run func(t *testing.T, db *store.DB, exe, shots string)) {
	t.Parallel()
	exe := chromiumOrSkip(t)
	shots := shotsDir(t, name)
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		run(t, storetest.SQLite(t), exe, filepath.Join(shots, "sqlite"))
	})
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(storetest.EnvPostgres) == "" {
			t.Skip(storetest.EnvPostgres + " is not set; PostgreSQL journeys skipped")
		}
		t.Parallel()
		run(t, storetest.Postgres(t), exe, filepath.Join(shots, "postgres"))
	})
}

// newSite serves the whole platform over db on a local test server, with
// cheap password hashing and a temporary data directory.
func newSite(t *testing.T, db *store.DB) (*app.App, *httptest.Server) {
	t.Helper()
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{HashParams: cheapHash, DataDir: t.TempDir()})
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return a, ts
}
