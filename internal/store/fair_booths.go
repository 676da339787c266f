package store

// Job fairs' booths (issue 15 item 3): an enterprise applies for a booth
// at a fair, staff approve it at a place on the grid or reject it, the
// employer records the intentions and hires after the fair. Every change
// is written with its audit entry (and the enterprise's message) in one
// transaction; a place is unique in its fair (the fair_booths_position
// index), so two approvals cannot share it under any concurrency.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
)

// FairStore is the tables of the job fairs: booths and their results.
type FairStore struct{ db *DB }

// Fairs is the store of the job fairs.
func (db *DB) Fairs() FairStore { return FairStore{db} }

func errNoBooth() error { return apperr.New(apperr.NotFound, "展位不存在") }

// boothCols are a booth with its enterprise's name and the resumes sent
// at it (the applications tagged with its fair to its enterprise).
const boothCols = `b.id, b.activity_id, b.enterprise_id, e.name, b.grid_row, b.grid_col, b.status, b.reason, b.intentions, b.hires,
	b.recorded_at, b.decided_at, b.created_at, b.updated_at,
	(SELECT COUNT(*) FROM job_applications ja WHERE ja.fair_id = b.activity_id AND ja.enterprise_id = b.enterprise_id)`

const boothFrom = ` FROM fair_booths b JOIN enterprises e ON e.id = b.enterprise_id`

func scanBooth(s interface{ Scan(...any) error }) (*activity.Booth, error) {
	var b activity.Booth
	var row, col sql.NullInt64
	var status string
	var recorded, decided sql.NullTime
	if err := s.Scan(&b.ID, &b.ActivityID, &b.EnterpriseID, &b.EnterpriseName, &row, &col, &status, &b.Reason, &b.Intentions, &b.Hires,
		&recorded, &decided, &b.CreatedAt, &b.UpdatedAt, &b.Resumes); err != nil {
		return nil, err
	}
	b.Row, b.Col, b.Status = int(row.Int64), int(col.Int64), activity.BoothStatus(status)
	b.RecordedAt, b.DecidedAt, b.CreatedAt, b.UpdatedAt = utcOf(recorded), utcOf(decided), b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return &b, nil
}

// ApplyBooth files an enterprise's application for a booth at a fair
// (b.ActivityID, b.EnterpriseID), audited. A second application of the
// same enterprise to the same fair is a Conflict.
func (fs FairStore) ApplyBooth(ctx context.Context, a Actor, b *activity.Booth) error {
	dup := apperr.New(apperr.Conflict, "贵企业已申请过本场的展位，请在本页查看审核结果")
	return fs.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM fair_booths WHERE activity_id = ? AND enterprise_id = ?", b.ActivityID, b.EnterpriseID).
			Scan(&n); err != nil {
			return fmt.Errorf("store.ApplyBooth: %w", err)
		}
		if n > 0 {
			return dup
		}
		now := fs.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO fair_booths (activity_id, enterprise_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			b.ActivityID, b.EnterpriseID, string(activity.BoothApplied), now, now)
		if isUniqueViolation(err) {
			return dup
		}
		if err != nil {
			return fmt.Errorf("store.ApplyBooth: %w", err)
		}
		b.ID, b.Status, b.CreatedAt, b.UpdatedAt = id, activity.BoothApplied, now, now
		return tx.Audit(ctx, a, "fair.booth.apply", "fair_booth", id, "申请招聘会展位：活动 #"+strconv.FormatInt(b.ActivityID, 10), "ok")
	})
}

// BoothDecision is staff's decision on a booth application: approve at
// Row, Col, or reject with Reason.
type BoothDecision struct {
	Approve  bool
	Row, Col int
	Reason   string
}

// DecideBooth approves (at a free place) or rejects an applied booth,
// audited, and delivers tell's message to the enterprise. A booth already
// decided, or a place already given, is a Conflict.
func (fs FairStore) DecideBooth(ctx context.Context, a Actor, id int64, d BoothDecision, tell func(*activity.Booth) *NotifyMsg) (*activity.Booth, error) {
	err := fs.db.Write(ctx, func(tx *Tx) error {
		b, err := scanBooth(tx.QueryRow(ctx, "SELECT "+boothCols+boothFrom+" WHERE b.id = ?"+fs.db.dialect.forUpdateOf("b"), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoBooth()
		}
		if err != nil {
			return fmt.Errorf("store.DecideBooth: %w", err)
		}
		if b.Status != activity.BoothApplied {
			return apperr.New(apperr.Conflict, "该展位申请已是“"+b.Status.Label()+"”，不能再审核")
		}
		now := fs.db.Now()
		summary := "展位不通过：" + d.Reason
		if d.Approve {
			var holder string
			err := tx.QueryRow(ctx, "SELECT e.name"+boothFrom+" WHERE b.activity_id = ? AND b.grid_row = ? AND b.grid_col = ?",
				b.ActivityID, d.Row, d.Col).Scan(&holder)
			if err == nil {
				return placeTaken(activity.PlaceName(d.Row, d.Col), "已分配给"+holder)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store.DecideBooth: %w", err)
			}
			_, err = tx.Exec(ctx, "UPDATE fair_booths SET status = ?, grid_row = ?, grid_col = ?, decided_at = ?, updated_at = ? WHERE id = ?",
				string(activity.BoothApproved), d.Row, d.Col, now, now, id)
			if isUniqueViolation(err) {
				return placeTaken(activity.PlaceName(d.Row, d.Col), "刚被分配给其他企业")
			}
			if err != nil {
				return fmt.Errorf("store.DecideBooth: %w", err)
			}
			b.Status, b.Row, b.Col = activity.BoothApproved, d.Row, d.Col
			summary = "展位通过：" + b.Place()
		} else {
			if _, err := tx.Exec(ctx, "UPDATE fair_booths SET status = ?, reason = ?, decided_at = ?, updated_at = ? WHERE id = ?",
				string(activity.BoothRejected), d.Reason, now, now, id); err != nil {
				return fmt.Errorf("store.DecideBooth: %w", err)
			}
			b.Status, b.Reason = activity.BoothRejected, d.Reason
		}
		b.DecidedAt, b.UpdatedAt = now, now
		if err := tx.Audit(ctx, a, "fair.booth.decide", "fair_booth", id, summary+"（"+b.EnterpriseName+"）", "ok"); err != nil {
			return err
		}
		return tx.notifyMsg(ctx, tell(b))
	})
	if err != nil {
		return nil, err
	}
	return fs.BoothByID(ctx, id)
}

// placeTaken is the Conflict of a place already given, shown at the row field.
func placeTaken(place, why string) error {
	msg := "展位 " + place + " " + why + "，请换一个位置"
	return &apperr.Error{Code: apperr.Conflict, Message: msg, Fields: map[string]string{"row": msg}}
}

// RecordBoothResults sets an approved booth's intentions and hires (a
// correction replaces the last figures), audited.
func (fs FairStore) RecordBoothResults(ctx context.Context, a Actor, id int64, intentions, hires int) (*activity.Booth, error) {
	err := fs.db.Write(ctx, func(tx *Tx) error {
		now := fs.db.Now()
		res, err := tx.Exec(ctx, "UPDATE fair_booths SET intentions = ?, hires = ?, recorded_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			intentions, hires, now, now, id, string(activity.BoothApproved))
		if err != nil {
			return fmt.Errorf("store.RecordBoothResults: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "展位未通过审核，没有招聘结果可登记")
		}
		return tx.Audit(ctx, a, "fair.booth.results", "fair_booth", id,
			"登记招聘会结果：达成意向 "+strconv.Itoa(intentions)+" 人，录用 "+strconv.Itoa(hires)+" 人", "ok")
	})
	if err != nil {
		return nil, err
	}
	return fs.BoothByID(ctx, id)
}

// BoothByID returns a booth, or NotFound.
func (fs FairStore) BoothByID(ctx context.Context, id int64) (*activity.Booth, error) {
	b, err := scanBooth(fs.db.queryRow(ctx, "SELECT "+boothCols+boothFrom+" WHERE b.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoBooth()
	}
	if err != nil {
		return nil, fmt.Errorf("store.BoothByID: %w", err)
	}
	return b, nil
}

// Booths lists a fair's booths: approved ones by place, then the
// applications waiting, then the rejected, each in arrival order.
func (fs FairStore) Booths(ctx context.Context, activityID int64) ([]*activity.Booth, error) {
	rows, err := fs.db.query(ctx, "SELECT "+boothCols+boothFrom+` WHERE b.activity_id = ?
		ORDER BY CASE b.status WHEN 'approved' THEN 0 WHEN 'applied' THEN 1 ELSE 2 END, b.grid_row, b.grid_col, b.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("store.Booths: %w", err)
	}
	defer rows.Close()
	var out []*activity.Booth
	for rows.Next() {
		b, err := scanBooth(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Booths: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
