package store

// 网谷智聘 saved searches: a person keeps up to a limit of /jobs query
// strings; the jobs.alert task matches a newly searchable post against all
// of them (see app/savedsearch.go).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

// TaskJobsAlert is the background task that matches one newly searchable
// post (payload: its id) against every saved search. ChangePostStatus
// queues it in the transaction that publishes the post.
const TaskJobsAlert = "jobs.alert"

const savedCols = "id, person_id, name, query, created_at"

func scanSaved(s interface{ Scan(...any) error }) (*jobs.SavedSearch, error) {
	var x jobs.SavedSearch
	if err := s.Scan(&x.ID, &x.PersonID, &x.Name, &x.Query, &x.CreatedAt); err != nil {
		return nil, err
	}
	x.CreatedAt = x.CreatedAt.UTC()
	return &x, nil
}

func scanSavedRows(rows *sql.Rows) ([]*jobs.SavedSearch, error) {
	defer rows.Close()
	var out []*jobs.SavedSearch
	for rows.Next() {
		s, err := scanSaved(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateSavedSearch stores s for s.PersonID, audited; a person who already
// has limit saved searches gets Invalid.
func (tb JobStore) CreateSavedSearch(ctx context.Context, a Actor, s *jobs.SavedSearch, limit int) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		// Lock the person first: two simultaneous saves on PostgreSQL would
		// otherwise both count 19 and both insert.
		var pid int64
		if err := tx.QueryRow(ctx, "SELECT id FROM persons WHERE id = ?"+tb.db.dialect.forUpdate(), s.PersonID).Scan(&pid); err != nil {
			return fmt.Errorf("store.CreateSavedSearch: lock person: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM saved_searches WHERE person_id = ?", s.PersonID).Scan(&n); err != nil {
			return fmt.Errorf("store.CreateSavedSearch: %w", err)
		}
		if n >= limit {
			return apperr.New(apperr.Invalid, "最多只能保存 "+strconv.Itoa(limit)+" 个搜索，请先删除不再需要的搜索")
		}
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, "INSERT INTO saved_searches (person_id, name, query, created_at) VALUES (?, ?, ?, ?)",
			s.PersonID, s.Name, s.Query, now)
		if err != nil {
			return fmt.Errorf("store.CreateSavedSearch: %w", err)
		}
		s.ID, s.CreatedAt = id, now
		return tx.Audit(ctx, a, "saved_search.create", "saved_search", id, s.Name+"："+s.Query, "ok")
	})
}

// SavedSearchesOf lists a person's saved searches, oldest first.
func (tb JobStore) SavedSearchesOf(ctx context.Context, personID int64) ([]*jobs.SavedSearch, error) {
	rows, err := tb.db.query(ctx, "SELECT "+savedCols+" FROM saved_searches WHERE person_id = ? ORDER BY id", personID)
	if err != nil {
		return nil, fmt.Errorf("store.SavedSearchesOf: %w", err)
	}
	out, err := scanSavedRows(rows)
	if err != nil {
		return nil, fmt.Errorf("store.SavedSearchesOf: %w", err)
	}
	return out, nil
}

// SavedSearchByID returns a saved search or NotFound.
func (tb JobStore) SavedSearchByID(ctx context.Context, id int64) (*jobs.SavedSearch, error) {
	s, err := scanSaved(tb.db.queryRow(ctx, "SELECT "+savedCols+" FROM saved_searches WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("saved_search")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SavedSearchByID: %w", err)
	}
	return s, nil
}

// DeleteSavedSearch removes a saved search, audited.
func (tb JobStore) DeleteSavedSearch(ctx context.Context, a Actor, id int64) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM saved_searches WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("store.DeleteSavedSearch: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Missing("saved_search")
		}
		return tx.Audit(ctx, a, "saved_search.delete", "saved_search", id, "", "ok")
	})
}

// SavedSearchesAfter returns up to limit saved searches with id > afterID,
// in id order (the alert task walks them all in batches).
func (tb JobStore) SavedSearchesAfter(ctx context.Context, afterID int64, limit int) ([]*jobs.SavedSearch, error) {
	rows, err := tb.db.query(ctx, "SELECT "+savedCols+" FROM saved_searches WHERE id > ? ORDER BY id LIMIT "+
		strconv.Itoa(clampLimit(limit, 500, 5000)), afterID)
	if err != nil {
		return nil, fmt.Errorf("store.SavedSearchesAfter: %w", err)
	}
	out, err := scanSavedRows(rows)
	if err != nil {
		return nil, fmt.Errorf("store.SavedSearchesAfter: %w", err)
	}
	return out, nil
}
