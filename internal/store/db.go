// Package store is the platform's SQL storage on SQLite (embedded default)
// and PostgreSQL (scale-out). One file per domain; dialect differences stay
// in dialect.go and in the per-dialect migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"github.com/jiuye/jiuye/internal/secret"
)

// DB is the platform store. SQLite gets one writer connection and a pool of
// read-only readers; PostgreSQL uses one pool for both.
type DB struct {
	dialect Dialect
	w       *sql.DB
	r       *sql.DB
	box     *secret.Box
	path    string // SQLite file path, "" for PostgreSQL
	now     func() time.Time
	// chainKey keys the audit chain's hashes, checkpointKey signs its
	// checkpoints; both come from the key file, never from the database.
	chainKey, checkpointKey []byte
}

// Open connects to dsn: "sqlite:PATH" or a "postgres://" URL. The box
// encrypts personal data; it is required.
func Open(ctx context.Context, dsn string, box *secret.Box) (*DB, error) {
	if box == nil {
		return nil, errors.New("store.Open: no secret box")
	}
	db := &DB{box: box, now: func() time.Time { return time.Now().UTC() },
		chainKey: box.Derive("audit-chain"), checkpointKey: box.Derive("audit-checkpoint")}
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		err = db.openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		err = db.openPostgres(dsn)
	default:
		return nil, fmt.Errorf("store.Open: unsupported --db %q (want sqlite:PATH or postgres://…)", dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store.Open: ping: %w", err)
	}
	return db, nil
}

func (db *DB) openSQLite(path string) error {
	if path == "" {
		return errors.New("store.Open: empty SQLite path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("store.Open: %w", err)
	}
	// The file holds password hashes and ciphertext: readable by the service user only.
	if f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	db.dialect, db.path = SQLite, path
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)&_time_format=sqlite"
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("store.Open: %w", err)
	}
	w.SetMaxOpenConns(1) // SQLite has one writer; queue writers here, not in busy retries
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// Create the file and switch to WAL on the writer before readers connect.
	if _, err := w.Exec("SELECT 1"); err != nil {
		w.Close()
		return fmt.Errorf("store.Open: %w", err)
	}
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return fmt.Errorf("store.Open: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db.w, db.r = w, r
	return nil
}

func (db *DB) openPostgres(dsn string) error {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store.Open: %w", err)
	}
	p.SetMaxOpenConns(32)
	p.SetMaxIdleConns(16)
	p.SetConnMaxIdleTime(5 * time.Minute)
	db.dialect, db.w, db.r = Postgres, p, p
	return nil
}

// Close closes every connection.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Accounts is the store of users, sessions, login limits, SMS codes and terms.
func (db *DB) Accounts() AccountStore { return AccountStore{db} }

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Box returns the store's encryption box (to mask or open values outside SQL).
func (db *DB) Box() *secret.Box { return db.box }

// SetClock replaces the store's clock; tests use it to move time.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Now is the store's current time in UTC, truncated to microseconds (what both databases keep).
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// Ping checks that the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.r.PingContext(ctx) }

// Tx is a write transaction; its methods rebind placeholders for the dialect.
type Tx struct {
	tx *sql.Tx
	db *DB
}

// Exec runs a statement written with ? placeholders.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.dialect.Rebind(q), args...)
}

// QueryRow runs a single-row query written with ? placeholders.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.dialect.Rebind(q), args...)
}

// Query runs a query written with ? placeholders.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.db.dialect.Rebind(q), args...)
}

// InsertID runs an INSERT … RETURNING id and returns the new id.
func (t *Tx) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Write runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise, so a failed operation writes nothing.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: tx, db: db}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// queryRow reads one row through the reader pool.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.r.QueryRowContext(ctx, db.dialect.Rebind(q), args...)
}

// query reads rows through the reader pool.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.r.QueryContext(ctx, db.dialect.Rebind(q), args...)
}

// Count returns the number of rows in table; used by backups, tests and stats.
func (db *DB) Count(ctx context.Context, table string) (int64, error) {
	if !validIdent(table) {
		return 0, fmt.Errorf("store.Count: bad table name %q", table)
	}
	var n int64
	err := db.queryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store.Count %s: %w", table, err)
	}
	return n, nil
}

func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// openRawSQLite opens a SQLite file without the platform's pool setup, for
// checks on files that are not the live store (backups, restores).
func openRawSQLite(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_time_format=sqlite")
}

// JobStore is the tables of 网谷智聘: posts, applications, imports, saved
// searches, resumes and the candidate pool's reads.
type JobStore struct{ db *DB }

// RegistryStore is the tables of persons and enterprises.
type RegistryStore struct{ db *DB }

// PolicyStore is the tables of 就业政策通: policies and their versions,
// answers, eligibility, applications, payouts and uploads.
type PolicyStore struct{ db *DB }

// GigStore is the tables of 零工经纪人: gig employers, gigs and their
// shifts, sign-ups and workers' gig profiles.
type GigStore struct{ db *DB }

// Gigs is the 零工经纪人 tables.
func (db *DB) Gigs() GigStore { return GigStore{db} }

// Jobs is the 网谷智聘 tables.
func (db *DB) Jobs() JobStore { return JobStore{db} }

// Registry is the persons and enterprises tables.
func (db *DB) Registry() RegistryStore { return RegistryStore{db} }

// Policies is the 就业政策通 tables.
func (db *DB) Policies() PolicyStore { return PolicyStore{db} }

// Casework returns the call centre's tables (话务中心).
func (db *DB) Casework() CaseworkStore { return CaseworkStore{db} }
