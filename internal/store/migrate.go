package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies every embedded migration not yet recorded in
// schema_migrations, each in its own transaction, in file-name order. A
// migration may have a Go step (migrationStep) that runs in its transaction
// after its SQL.
func (db *DB) Migrate(ctx context.Context) error { return db.migrate(ctx, "") }

// migrate applies the migrations up to and including version upTo ("" for all).
func (db *DB) migrate(ctx context.Context, upTo string) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("store.Migrate: %w", err)
	}
	dir := "migrations/" + db.dialect.String()
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("store.Migrate: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if upTo != "" && strings.TrimSuffix(name, ".sql") > upTo {
			break
		}
		applied, err := db.applyMigration(ctx, dir, name)
		if err != nil {
			return err
		}
		if applied && compactAfter(name) {
			if err := db.compact(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// compactAfter reports whether a migration dropped personal data that must
// not linger on disk: SQLite keeps dropped values in free pages and the WAL,
// PostgreSQL in the heap until rows are rewritten.
func compactAfter(name string) bool { return name == "0011_pii_at_rest.sql" }

// compact rewrites the store so dropped values are gone from the files. It
// cannot run inside a transaction, so it runs after the migration commits;
// a crash before it leaves the data to the next compaction (VACUUM).
func (db *DB) compact(ctx context.Context) error {
	stmts := []string{"VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"}
	if db.dialect == Postgres {
		stmts = []string{"VACUUM FULL persons", "VACUUM FULL users"}
	}
	for _, q := range stmts {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store.compact %s: %w", q, err)
		}
	}
	return nil
}

// applyMigration applies one migration unless it is recorded, reporting
// whether it ran now.
func (db *DB) applyMigration(ctx context.Context, dir, name string) (bool, error) {
	version := strings.TrimSuffix(name, ".sql")
	body, err := migrations.ReadFile(dir + "/" + name)
	if err != nil {
		return false, fmt.Errorf("store.Migrate %s: %w", name, err)
	}
	applied := false
	err = db.Write(ctx, func(tx *Tx) error {
		if db.dialect == Postgres {
			// Two instances starting together must not both apply a migration.
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7355607)"); err != nil {
				return fmt.Errorf("store.Migrate lock: %w", err)
			}
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
			return fmt.Errorf("store.Migrate %s: %w", name, err)
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("store.Migrate %s: %w", name, err)
		}
		if step := migrationStep(version); step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("store.Migrate %s: %w", name, err)
			}
		}
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version) VALUES (?)", version)
		applied = err == nil
		return err
	})
	return applied, err
}
