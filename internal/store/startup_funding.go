package store

// 创业项目资助评审: calls, applications, experts' assignments and scores,
// and the panel's decision.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

// FundingStore is the tables of start-up project funding.
type FundingStore struct{ db *DB }

// Funding is the store of 创业项目资助.
func (db *DB) Funding() FundingStore { return FundingStore{db} }

const callCols = `id, title, description, policy_id, opens, closes, budget, tiers, rubric, pass_mark, decided_at, created_at`

func scanCall(s interface{ Scan(...any) error }) (*startup.FundingCall, error) {
	var c startup.FundingCall
	var tiers, rubric string
	var decided sql.NullTime
	if err := s.Scan(&c.ID, &c.Title, &c.Description, &c.PolicyID, &c.Opens, &c.Closes, &c.Budget, &tiers, &rubric, &c.PassMark, &decided, &c.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tiers), &c.Tiers); err != nil {
		return nil, fmt.Errorf("call %d tiers: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(rubric), &c.Rubric); err != nil {
		return nil, fmt.Errorf("call %d rubric: %w", c.ID, err)
	}
	c.Opens, c.Closes, c.DecidedAt = c.Opens.UTC(), c.Closes.UTC(), decided.Time
	return &c, nil
}

// CreateCall stores a call, audited.
func (tb FundingStore) CreateCall(ctx context.Context, a Actor, c *startup.FundingCall) error {
	tiers, _ := json.Marshal(c.Tiers)
	rubric, _ := json.Marshal(c.Rubric)
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO funding_calls (title, description, policy_id, opens, closes, budget, tiers, rubric, pass_mark,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Title, c.Description, c.PolicyID, nullDate(c.Opens),
			nullDate(c.Closes), c.Budget, string(tiers), string(rubric), c.PassMark, a.UserID, now)
		if err != nil {
			return fmt.Errorf("store.CreateCall: %w", err)
		}
		c.ID, c.CreatedAt = id, now
		return tx.Audit(ctx, a, "funding.call.create", "funding_call", id, c.Title, "ok")
	})
}

// Calls lists every call, newest first.
func (tb FundingStore) Calls(ctx context.Context) ([]*startup.FundingCall, error) {
	rows, err := tb.db.query(ctx, "SELECT "+callCols+" FROM funding_calls ORDER BY id DESC LIMIT 200")
	if err != nil {
		return nil, fmt.Errorf("store.Calls: %w", err)
	}
	defer rows.Close()
	var out []*startup.FundingCall
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Calls: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CallByID returns a call or NotFound.
func (tb FundingStore) CallByID(ctx context.Context, id int64) (*startup.FundingCall, error) {
	c, err := scanCall(tb.db.queryRow(ctx, "SELECT "+callCols+" FROM funding_calls WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("funding_call")
	}
	if err != nil {
		return nil, fmt.Errorf("store.CallByID: %w", err)
	}
	return c, nil
}

const fundingAppCols = `f.id, f.call_id, f.person_id, COALESCE(p.name, ''), f.project, f.plan, f.requested, f.status, f.award, f.reason, f.created_at`

const fundingAppFrom = ` FROM funding_applications f LEFT JOIN persons p ON p.id = f.person_id`

func scanFundingApp(s interface{ Scan(...any) error }) (*startup.FundingApp, error) {
	var x startup.FundingApp
	var status string
	if err := s.Scan(&x.ID, &x.CallID, &x.PersonID, &x.ApplicantName, &x.Project, &x.Plan, &x.Requested, &status, &x.Award, &x.Reason, &x.CreatedAt); err != nil {
		return nil, err
	}
	x.Status = startup.FundingStatus(status)
	return &x, nil
}

// Apply stores an application with its materials, audited; a second one
// by the same person to the same call is a Conflict.
func (tb FundingStore) Apply(ctx context.Context, a Actor, x *startup.FundingApp, uploads []policy.Upload) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO funding_applications (call_id, person_id, project, plan, requested, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, x.CallID, x.PersonID, x.Project, x.Plan, x.Requested, string(startup.FundingSubmitted), now, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "您已申报过本批次，请在“我的创业项目申报”中查看")
		}
		if err != nil {
			return fmt.Errorf("store.Apply: %w", err)
		}
		for i := range uploads {
			u := &uploads[i]
			u.OwnerType, u.OwnerID = "funding_application", id
			if u.ID, err = tx.insertUpload(ctx, u, a.UserID, now); err != nil {
				return fmt.Errorf("store.Apply upload: %w", err)
			}
		}
		x.ID, x.Status, x.CreatedAt = id, startup.FundingSubmitted, now
		return tx.Audit(ctx, a, "funding.apply", "funding_application", id, x.Project, "ok")
	})
}

// FundingApps lists a call's applications (callID) or a person's
// (personID), oldest first.
func (tb FundingStore) FundingApps(ctx context.Context, callID, personID int64) ([]*startup.FundingApp, error) {
	where, arg := " WHERE f.call_id = ?", callID
	if personID != 0 {
		where, arg = " WHERE f.person_id = ?", personID
	}
	rows, err := tb.db.query(ctx, "SELECT "+fundingAppCols+fundingAppFrom+where+" ORDER BY f.id", arg)
	if err != nil {
		return nil, fmt.Errorf("store.FundingApps: %w", err)
	}
	defer rows.Close()
	var out []*startup.FundingApp
	for rows.Next() {
		x, err := scanFundingApp(rows)
		if err != nil {
			return nil, fmt.Errorf("store.FundingApps: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// FundingApp returns an application or NotFound.
func (tb FundingStore) FundingApp(ctx context.Context, id int64) (*startup.FundingApp, error) {
	x, err := scanFundingApp(tb.db.queryRow(ctx, "SELECT "+fundingAppCols+fundingAppFrom+" WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("funding_application")
	}
	if err != nil {
		return nil, fmt.Errorf("store.FundingApp: %w", err)
	}
	return x, nil
}

// Assign gives each of the applications to each of the experts, skipping
// pairs already assigned, audited; it returns how many it added.
func (tb FundingStore) Assign(ctx context.Context, a Actor, callID int64, appIDs, expertIDs []int64) (int, error) {
	n := 0
	err := tb.db.Write(ctx, func(tx *Tx) error {
		n = 0
		now := tb.db.Now()
		for _, app := range appIDs {
			for _, ex := range expertIDs {
				res, err := tx.Exec(ctx, `INSERT INTO funding_assignments (application_id, expert_id, assigned_at) VALUES (?, ?, ?)
					ON CONFLICT (application_id, expert_id) DO NOTHING`, app, ex, now)
				if err != nil {
					return fmt.Errorf("store.Assign: %w", err)
				}
				k, _ := res.RowsAffected()
				n += int(k)
			}
		}
		return tx.Audit(ctx, a, "funding.assign", "funding_call", callID,
			fmt.Sprintf("分配评审：%d 个项目 × %d 位专家，新增 %d 项", len(appIDs), len(expertIDs), n), "ok")
	})
	return n, err
}

// ExpertReviewFilter picks assignments: of a call, an application or an expert.
type ExpertReviewFilter struct {
	CallID        int64
	ApplicationID int64
	ExpertID      int64
}

const expertReviewCols = `r.application_id, r.expert_id, r.conflict, f.call_id, f.project, COALESCE(u.name, ''), r.conflict_note, r.scores, r.comment,
	r.assigned_at, r.submitted_at`

// Reviews lists assignments matching f, by application then expert.
func (tb FundingStore) Reviews(ctx context.Context, f ExpertReviewFilter) ([]*startup.Review, error) {
	where, args := " WHERE 1=1", []any{}
	for _, c := range []struct {
		col string
		v   int64
	}{{"f.call_id", f.CallID}, {"r.application_id", f.ApplicationID}, {"r.expert_id", f.ExpertID}} {
		if c.v != 0 {
			where, args = where+" AND "+c.col+" = ?", append(args, c.v)
		}
	}
	rows, err := tb.db.query(ctx, "SELECT "+expertReviewCols+` FROM funding_assignments r JOIN funding_applications f ON f.id = r.application_id
		LEFT JOIN users u ON u.id = r.expert_id`+where+" ORDER BY r.application_id, r.expert_id", args...)
	if err != nil {
		return nil, fmt.Errorf("store.Reviews: %w", err)
	}
	defer rows.Close()
	var out []*startup.Review
	for rows.Next() {
		r, err := scanExpertReview(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Reviews: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func scanExpertReview(s interface{ Scan(...any) error }) (*startup.Review, error) {
	var r startup.Review
	var scores sql.NullString
	var submitted sql.NullTime
	if err := s.Scan(&r.ApplicationID, &r.ExpertID, &r.Conflict, &r.CallID, &r.Project, &r.ExpertName, &r.ConflictNote, &scores, &r.Comment,
		&r.AssignedAt, &submitted); err != nil {
		return nil, err
	}
	if scores.Valid {
		if err := json.Unmarshal([]byte(scores.String), &r.Scores); err != nil {
			return nil, err
		}
	}
	r.SubmittedAt = submitted.Time
	return &r, nil
}

// DeclareConflict records an expert's conflict of interest on an
// assignment they have not scored, audited.
func (tb FundingStore) DeclareConflict(ctx context.Context, a Actor, appID, expertID int64, note string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE funding_assignments SET conflict = ?, conflict_note = ? WHERE application_id = ? AND expert_id = ?
			AND submitted_at IS NULL`, true, note, appID, expertID)
		if err != nil {
			return fmt.Errorf("store.DeclareConflict: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "评分已提交，不能再声明利益冲突；请联系经办人员")
		}
		return tx.Audit(ctx, a, "funding.conflict", "funding_application", appID, "声明利益冲突："+note, "ok")
	})
}

// SubmitScore stores an expert's scores once, audited; a second
// submission, or one after a declared conflict, is refused.
func (tb FundingStore) SubmitScore(ctx context.Context, a Actor, s startup.Score) error {
	body, _ := json.Marshal(s.Criteria)
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		res, err := tx.Exec(ctx, `UPDATE funding_assignments SET scores = ?, comment = ?, submitted_at = ? WHERE application_id = ? AND expert_id = ?
			AND submitted_at IS NULL AND conflict = ?`, string(body), s.Comment, now, s.ApplicationID, s.ExpertID, false)
		if err != nil {
			return fmt.Errorf("store.SubmitScore: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "评分已提交过，不能修改")
		}
		return tx.Audit(ctx, a, "funding.score", "funding_application", s.ApplicationID, "提交评分", "ok")
	})
}

// Decide records the panel's decision on every application of a call and
// publishes it, with each award's tranches, in one transaction with the
// applicants' messages and one audit entry; a call decided already is a
// Conflict.
func (tb FundingStore) Decide(ctx context.Context, a Actor, c *startup.FundingCall, awards []startup.Award, tell func(appID int64, w startup.Award) *NotifyMsg) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		res, err := tx.Exec(ctx, "UPDATE funding_calls SET decided_at = ? WHERE id = ? AND decided_at IS NULL", now, c.ID)
		if err != nil {
			return fmt.Errorf("store.Decide: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "本批次已公示评审结果，不能再修改")
		}
		var total int64
		for _, w := range awards {
			st := startup.FundingNotAwarded
			if w.Amount > 0 {
				st = startup.FundingAwarded
			}
			if _, err := tx.Exec(ctx, "UPDATE funding_applications SET status = ?, award = ?, reason = ?, updated_at = ? WHERE id = ? AND call_id = ?",
				string(st), w.Amount, w.Reason, now, w.ApplicationID, c.ID); err != nil {
				return fmt.Errorf("store.Decide: %w", err)
			}
			if w.Amount > 0 { // paid in tranches against reports
				if err := tx.insertMilestones(ctx, startup.MilestonePlan(w.ApplicationID, w.Amount, now)); err != nil {
					return err
				}
			}
			if err := tx.notifyMsg(ctx, tell(w.ApplicationID, w)); err != nil {
				return err
			}
			total += w.Amount
		}
		c.DecidedAt = now
		return tx.Audit(ctx, a, "funding.decide", "funding_call", c.ID,
			"评审结果公示：资助 "+strconv.Itoa(countAwarded(awards))+" 项，合计 "+startup.Wan(total), "ok")
	})
}

func countAwarded(ws []startup.Award) int {
	n := 0
	for _, w := range ws {
		if w.Amount > 0 {
			n++
		}
	}
	return n
}
