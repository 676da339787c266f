package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Dialect is the small seam between SQLite and PostgreSQL.
type Dialect int

// The supported dialects.
const (
	SQLite Dialect = iota + 1
	Postgres
)

// String names the dialect.
func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Rebind turns ? placeholders into $1, $2 … for PostgreSQL. Queries never
// contain a literal '?' in strings, so a plain scan is enough.
func (d Dialect) Rebind(q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// lockAudit serialises appends to the hash chain. SQLite already has one
// writer; PostgreSQL takes a transaction-scoped advisory lock.
func (t *Tx) lockAudit(ctx context.Context) error {
	if t.db.dialect != Postgres {
		return nil
	}
	_, err := t.tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7355608)")
	return err
}

// Advisory lock classes of lockKey (the first key of the two-key form;
// 7355607 and 7355608 are the migrations' and the audit chain's locks).
const (
	lockLoginFailures int32 = 7355609
	lockSMSPhone      int32 = 7355610
	lockSMSIP         int32 = 7355611
)

// lockKey serialises, until they end, the transactions that take it for
// the same key: on PostgreSQL a transaction-scoped advisory lock on
// (class, hash of key), so check-then-write sequences of several instances
// on one key (a phone's failure count) cannot interleave; SQLite's single
// writer already serialises every transaction. Two keys whose hashes
// collide merely wait for each other.
func lockKey(ctx context.Context, t *Tx, class int32, key string) error {
	if t.db.dialect != Postgres {
		return nil
	}
	if _, err := t.Exec(ctx, "SELECT pg_advisory_xact_lock(?, hashtext(?))", class, key); err != nil {
		return fmt.Errorf("store.lockKey: %w", err)
	}
	return nil
}

// isUniqueViolation reports whether err is a unique-constraint failure and,
// when it can tell, which column.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") ||
		strings.Contains(s, "duplicate key value")
}

// likeEscape escapes LIKE wildcards in user input; queries use ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// skipLocked lets concurrent PostgreSQL instances claim different rows;
// SQLite has a single writer and no row locks.
func (d Dialect) skipLocked() string {
	if d == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// forUpdate locks the selected rows until the transaction ends on
// PostgreSQL, so a check-then-insert cannot race another instance; SQLite
// transactions already hold the single write lock (BEGIN IMMEDIATE).
func (d Dialect) forUpdate() string {
	if d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// forUpdateOf is forUpdate for a query with outer joins: PostgreSQL locks
// only the rows of the named table (it refuses to lock the nullable side).
func (d Dialect) forUpdateOf(alias string) string {
	if d == Postgres {
		return " FOR UPDATE OF " + alias
	}
	return ""
}
