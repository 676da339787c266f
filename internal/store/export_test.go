package store

import "context"

// MigrateTo applies the migrations up to and including version, so a test
// can build a store as an older release left it.
func (db *DB) MigrateTo(ctx context.Context, version string) error { return db.migrate(ctx, version) }

// ExecRaw runs one statement on the writer outside every platform rule: the
// tests use it to play someone who holds the database but not the key file.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.dialect.Rebind(q), args...)
	return err
}
