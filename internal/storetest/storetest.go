// Package storetest opens real stores for tests: SQLite in a temp dir always,
// and PostgreSQL in a fresh schema when JIUYE_TEST_POSTGRES names a server.
// The schema is dropped when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
)

// EnvPostgres names the PostgreSQL server tests use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvPostgres = "JIUYE_TEST_POSTGRES"

// Box returns a secret box with a fresh random key.
func Box(t testing.TB) *secret.Box {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	b, err := secret.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ForEach runs fn as a subtest on SQLite and, when configured, on PostgreSQL,
// each with a freshly migrated store.
func ForEach(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(EnvPostgres) == "" {
			t.Skip(EnvPostgres + " is not set; PostgreSQL tests skipped")
		}
		fn(t, Postgres(t))
	})
}

// ForEachDSN runs fn as a subtest with the DSN of a fresh database: a SQLite
// file in a temp dir ("sqlite:PATH") and, when configured, a new PostgreSQL
// schema (dropped afterwards). For tests that open the store themselves:
// two instances on one database, a store built by an older schema, or a
// plain connection reading what an attacker with a dump would.
func ForEachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, "sqlite:"+filepath.Join(t.TempDir(), "jiuye.db")) })
	t.Run("postgres", func(t *testing.T) {
		base := os.Getenv(EnvPostgres)
		if base == "" {
			t.Skip(EnvPostgres + " is not set; PostgreSQL tests skipped")
		}
		dsn, err := SchemaDSN(t, base)
		if err != nil {
			t.Fatal(err)
		}
		fn(t, dsn)
	})
}

// Raw opens a plain connection to the database of a ForEachDSN DSN, which
// reads and writes tables as the store's own code never would: a dump's
// reader, or an old version's writer. It is closed at test cleanup.
func Raw(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver, src := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, src = "sqlite", "file:"+path+"?_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// SQLite opens a migrated SQLite store in a temp dir.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "jiuye.db"))
}

// Postgres opens a migrated store in a new schema on the JIUYE_TEST_POSTGRES
// server and drops the schema afterwards.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	dsn, err := SchemaDSN(t, os.Getenv(EnvPostgres))
	if err != nil {
		t.Fatal(err)
	}
	return open(t, dsn)
}

// SchemaDSN creates a fresh schema on base and returns a DSN whose
// search_path points at it; the schema is dropped at test cleanup.
func SchemaDSN(t testing.TB, base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	schema := "jiuye_test_" + hex.EncodeToString(suffix)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", err
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		return "", err
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, Box(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// ForEachReopen is ForEach for tests that change the key: the store is
// opened with box, and reopen opens the same database with another box (a
// key ring during and after a rotation); reopened stores close at cleanup.
func ForEachReopen(t *testing.T, box *secret.Box, fn func(t *testing.T, db *store.DB, reopen func(*secret.Box) *store.DB)) {
	t.Helper()
	run := func(t *testing.T, dsn string) {
		reopen := func(b *secret.Box) *store.DB {
			t.Helper()
			db, err := store.Open(context.Background(), dsn, b)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if err := db.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			return db
		}
		fn(t, reopen(box), reopen)
	}
	ForEachDSN(t, run)
}
