package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// pageOf reads one page of a filtered list with the filter's total, in
// two queries: conds are ANDed (none: every row), args their values in
// order; order sorts the page, which is limit rows (≤ 0: 1000) from offset.
// op names the operation in errors. Lists with filters and pages share it
// instead of each writing the count, the query and the scan loop again.
func pageOf[T any](ctx context.Context, db *DB, op, cols, from string, conds []string, args []any, order string, limit, offset int,
	scan func(*sql.Rows) (T, error)) ([]T, int, error) {
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*)"+from+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	if limit <= 0 {
		limit = 1000
	}
	rows, err := db.query(ctx, "SELECT "+cols+from+where+" ORDER BY "+order+" LIMIT ? OFFSET ?", append(args, limit, max(offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	return out, total, nil
}
