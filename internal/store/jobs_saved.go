package store

// 网谷智聘 收藏 (a person's saved posts) and 举报 (reports of a post that
// bring it into the review queue).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

// SaveJob saves post postID for person personID, audited; saving it again
// changes nothing. A person who has limit saved posts gets Invalid.
func (tb JobStore) SaveJob(ctx context.Context, a Actor, personID, postID int64, limit int) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var pid int64
		if err := tx.QueryRow(ctx, "SELECT id FROM persons WHERE id = ?"+tb.db.dialect.forUpdate(), personID).Scan(&pid); err != nil {
			return fmt.Errorf("store.SaveJob: lock person: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM saved_jobs WHERE person_id = ?", personID).Scan(&n); err != nil {
			return fmt.Errorf("store.SaveJob: %w", err)
		}
		if n >= limit {
			return apperr.New(apperr.Invalid, "最多只能收藏 "+strconv.Itoa(limit)+" 个岗位，请先取消不再需要的收藏")
		}
		res, err := tx.Exec(ctx, "INSERT INTO saved_jobs (person_id, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			personID, postID, tb.db.Now())
		if err != nil {
			return fmt.Errorf("store.SaveJob: %w", err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil
		}
		return tx.Audit(ctx, a, "job.save", "job_post", postID, "", "ok")
	})
}

// UnsaveJob removes a saved post, audited; unsaving one not saved changes nothing.
func (tb JobStore) UnsaveJob(ctx context.Context, a Actor, personID, postID int64) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM saved_jobs WHERE person_id = ? AND post_id = ?", personID, postID)
		if err != nil {
			return fmt.Errorf("store.UnsaveJob: %w", err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil
		}
		return tx.Audit(ctx, a, "job.unsave", "job_post", postID, "", "ok")
	})
}

// IsJobSaved reports whether person personID saved post postID.
func (tb JobStore) IsJobSaved(ctx context.Context, personID, postID int64) (bool, error) {
	var n int
	err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM saved_jobs WHERE person_id = ? AND post_id = ?", personID, postID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.IsJobSaved: %w", err)
	}
	return n > 0, nil
}

// SavedJobsOf lists a person's saved posts, newest saved first.
func (tb JobStore) SavedJobsOf(ctx context.Context, personID int64) ([]jobs.SavedJob, error) {
	rows, err := tb.db.query(ctx, "SELECT "+postCols+", s.created_at"+postFrom+
		" JOIN saved_jobs s ON s.post_id = p.id WHERE s.person_id = ? ORDER BY s.created_at DESC, p.id DESC", personID)
	if err != nil {
		return nil, fmt.Errorf("store.SavedJobsOf: %w", err)
	}
	defer rows.Close()
	var out []jobs.SavedJob
	for rows.Next() {
		var at time.Time
		p, err := scanPost(scanPlus{rows, []any{&at}})
		if err != nil {
			return nil, fmt.Errorf("store.SavedJobsOf: %w", err)
		}
		out = append(out, jobs.SavedJob{Post: p, SavedAt: at.UTC()})
	}
	return out, rows.Err()
}

// ReportPost stores a report, audited. A second report of the same post by
// the same user is Conflict.
func (tb JobStore) ReportPost(ctx context.Context, a Actor, r *jobs.Report) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM job_reports WHERE post_id = ? AND user_id = ?", r.PostID, r.UserID).Scan(&n); err != nil {
			return fmt.Errorf("store.ReportPost: %w", err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "您已举报过该岗位，审核人员会尽快处理")
		}
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, "INSERT INTO job_reports (post_id, user_id, reason, note, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			r.PostID, r.UserID, r.Reason, r.Note, jobs.ReportOpen, now)
		if err != nil {
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "您已举报过该岗位，审核人员会尽快处理")
			}
			return fmt.Errorf("store.ReportPost: %w", err)
		}
		r.ID, r.Status, r.CreatedAt = id, jobs.ReportOpen, now
		return tx.Audit(ctx, a, "job.report", "job_post", r.PostID, r.Reason, "ok")
	})
}

// HasReported reports whether user userID reported post postID.
func (tb JobStore) HasReported(ctx context.Context, userID, postID int64) (bool, error) {
	var n int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM job_reports WHERE post_id = ? AND user_id = ?", postID, userID).Scan(&n); err != nil {
		return false, fmt.Errorf("store.HasReported: %w", err)
	}
	return n > 0, nil
}

const reportCols = "id, post_id, user_id, reason, note, status, created_at, decided_by, decided_at"

// OpenReports returns the open reports, by post, oldest first; at most limit.
func (tb JobStore) OpenReports(ctx context.Context, limit int) (map[int64][]jobs.Report, []int64, error) {
	rows, err := tb.db.query(ctx, "SELECT "+reportCols+" FROM job_reports WHERE status = ? ORDER BY id LIMIT "+
		strconv.Itoa(clampLimit(limit, 200, 2000)), jobs.ReportOpen)
	if err != nil {
		return nil, nil, fmt.Errorf("store.OpenReports: %w", err)
	}
	defer rows.Close()
	out := map[int64][]jobs.Report{}
	var order []int64
	for rows.Next() {
		var r jobs.Report
		var decided sql.NullTime
		if err := rows.Scan(&r.ID, &r.PostID, &r.UserID, &r.Reason, &r.Note, &r.Status, &r.CreatedAt, &r.DecidedBy, &decided); err != nil {
			return nil, nil, fmt.Errorf("store.OpenReports: %w", err)
		}
		r.CreatedAt = r.CreatedAt.UTC()
		if _, ok := out[r.PostID]; !ok {
			order = append(order, r.PostID)
		}
		out[r.PostID] = append(out[r.PostID], r)
	}
	return out, order, rows.Err()
}

// DecideReports closes the open reports of a post as status (dismissed or
// upheld), audited; NotFound when it has none open.
func (tb JobStore) DecideReports(ctx context.Context, a Actor, postID int64, status string) (int, error) {
	if status != jobs.ReportDismissed && status != jobs.ReportUpheld {
		return 0, errors.New("store.DecideReports: bad status " + status)
	}
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE job_reports SET status = ?, decided_by = ?, decided_at = ? WHERE post_id = ? AND status = ?",
			status, a.UserID, tb.db.Now(), postID, jobs.ReportOpen)
		if err != nil {
			return fmt.Errorf("store.DecideReports: %w", err)
		}
		if n, _ = res.RowsAffected(); n == 0 {
			return Missing("job_report")
		}
		return tx.Audit(ctx, a, "job.report_"+status, "job_post", postID, strconv.FormatInt(n, 10)+" 条举报", "ok")
	})
	return int(n), err
}
