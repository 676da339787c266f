package store

// 网谷智聘 storage: a person's applications to job posts and their
// history. Every change writes a history row, its audit entry and the
// message to the other side's inbox in one transaction.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
)

const jobAppCols = `a.id, a.post_id, p.title, a.enterprise_id, e.name, a.person_id, a.status, a.cover_note, a.created_at, a.updated_at, a.referred_by, a.referral_consent, a.fair_id, a.station_id`

const jobAppFrom = ` FROM job_applications a JOIN job_posts p ON p.id = a.post_id JOIN enterprises e ON e.id = a.enterprise_id`

func scanJobApp(s interface{ Scan(...any) error }) (*jobs.Application, error) {
	var ap jobs.Application
	var status string
	var fair, station sql.NullInt64
	if err := s.Scan(&ap.ID, &ap.PostID, &ap.PostTitle, &ap.EnterpriseID, &ap.EnterpriseName, &ap.PersonID, &status,
		&ap.CoverNote, &ap.CreatedAt, &ap.UpdatedAt, &ap.ReferredBy, &ap.ReferralConsent, &fair, &station); err != nil {
		return nil, err
	}
	ap.FairID, ap.StationID = fair.Int64, station.Int64
	ap.Status = jobs.AppStatus(status)
	ap.CreatedAt, ap.UpdatedAt = ap.CreatedAt.UTC(), ap.UpdatedAt.UTC()
	return &ap, nil
}

func (t *Tx) jobAppEvent(ctx context.Context, a Actor, appID int64, from, to jobs.AppStatus, note string) error {
	_, err := t.Exec(ctx, `INSERT INTO job_application_events (application_id, at, actor_id, actor_role, from_status, to_status, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, appID, t.db.Now(), a.UserID, a.Role, string(from), string(to), note)
	if err != nil {
		return fmt.Errorf("store: job application event: %w", err)
	}
	return nil
}

// CreateJobApplication files ap (PostID, EnterpriseID, PersonID, CoverNote
// set by the caller) as new, audited, and delivers tell's message. A second
// application of the same person to the same post is a Conflict.
func (tb JobStore) CreateJobApplication(ctx context.Context, a Actor, ap *jobs.Application, tell func(*jobs.Application) *NotifyMsg) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.CreateJobApplication(ctx, a, ap, tell) })
}

// CreateJobApplication is CreateJobApplication inside tx: a referral (推荐就业,
// ap.ReferredBy set) is filed in the same transaction as the contact it was
// made on.
func (tx *Tx) CreateJobApplication(ctx context.Context, a Actor, ap *jobs.Application, tell func(*jobs.Application) *NotifyMsg) error {
	dup := "您已申请过该岗位，可在“我的求职”查看进度"
	if ap.ReferredBy != 0 {
		dup = "该求职者已申请过（或已被推荐到）这个岗位"
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM job_applications WHERE post_id = ? AND person_id = ?", ap.PostID, ap.PersonID).Scan(&n); err != nil {
		return fmt.Errorf("store.CreateJobApplication: %w", err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, dup)
	}
	now := tx.db.Now()
	ap.Status, ap.CreatedAt, ap.UpdatedAt = jobs.AppNew, now, now
	id, err := tx.InsertID(ctx, `INSERT INTO job_applications (post_id, enterprise_id, person_id, status, cover_note, created_at, updated_at,
		referred_by, referral_consent, fair_id, station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ap.PostID, ap.EnterpriseID, ap.PersonID,
		string(ap.Status), ap.CoverNote, now, now, ap.ReferredBy, ap.ReferralConsent, nullID(ap.FairID), nullID(ap.StationID))
	if isUniqueViolation(err) {
		return apperr.New(apperr.Conflict, dup)
	}
	if err != nil {
		return fmt.Errorf("store.CreateJobApplication: %w", err)
	}
	ap.ID = id
	if err := tx.jobAppEvent(ctx, a, id, "", jobs.AppNew, ap.CoverNote); err != nil {
		return err
	}
	action, summary := "jobapp.apply", "申请岗位 #"+strconv.FormatInt(ap.PostID, 10)
	switch {
	case ap.FairID != 0:
		action, summary = "jobapp.fair", "招聘会现场扫码投递：岗位 #"+strconv.FormatInt(ap.PostID, 10)+"，招聘会 #"+strconv.FormatInt(ap.FairID, 10)
	case ap.ReferredBy != 0:
		action, summary = "jobapp.refer", "推荐就业：岗位 #"+strconv.FormatInt(ap.PostID, 10)+"，人员 #"+strconv.FormatInt(ap.PersonID, 10)+"（"+ap.ReferralConsent+"）"
	}
	if err := tx.Audit(ctx, a, action, "job_application", id, summary, "ok"); err != nil {
		return err
	}
	return tx.notifyMsg(ctx, tell(ap))
}

// JobApplicationByID returns an application with its history, or NotFound.
func (tb JobStore) JobApplicationByID(ctx context.Context, id int64) (*jobs.Application, error) {
	ap, err := scanJobApp(tb.db.queryRow(ctx, "SELECT "+jobAppCols+jobAppFrom+" WHERE a.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("job_application")
	}
	if err != nil {
		return nil, fmt.Errorf("store.JobApplicationByID: %w", err)
	}
	if err := tb.loadJobAppEvents(ctx, []*jobs.Application{ap}); err != nil {
		return nil, err
	}
	return ap, nil
}

// jobAppWhere is the filter's WHERE clause and arguments; withStatus=false leaves
// the status out (the per-status counts).
func jobAppWhere(f jobs.ApplicationFilter, withStatus bool) (string, []any, error) {
	var where []string
	var args []any
	if f.PersonID != 0 {
		where, args = append(where, "a.person_id = ?"), append(args, f.PersonID)
	}
	if f.PostID != 0 {
		where, args = append(where, "a.post_id = ?"), append(args, f.PostID)
	}
	if f.PersonID == 0 && f.PostID == 0 {
		return "", nil, errors.New("no person or post filter")
	}
	if withStatus && f.Status != "" {
		where, args = append(where, "a.status = ?"), append(args, string(f.Status))
	}
	return " WHERE " + strings.Join(where, " AND "), args, nil
}

// ListJobApplications lists one page of applications newest first (paged
// in SQL), with their history unless NoHistory.
func (tb JobStore) ListJobApplications(ctx context.Context, f jobs.ApplicationFilter) ([]*jobs.Application, error) {
	where, args, err := jobAppWhere(f, true)
	if err != nil {
		return nil, fmt.Errorf("store.ListJobApplications: %w", err)
	}
	rows, err := tb.db.query(ctx, "SELECT "+jobAppCols+jobAppFrom+where+" ORDER BY a.id DESC LIMIT "+
		strconv.Itoa(clampLimit(f.Limit, 200, 1000))+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, fmt.Errorf("store.ListJobApplications: %w", err)
	}
	var out []*jobs.Application
	for rows.Next() {
		ap, err := scanJobApp(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.ListJobApplications: %w", err)
		}
		out = append(out, ap)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.ListJobApplications: %w", err)
	}
	if f.NoHistory {
		return out, nil
	}
	return out, tb.loadJobAppEvents(ctx, out)
}

// JobApplicationCounts counts the filter's applications per status (its
// Status, Limit and Offset ignored): the tabs above a list and, summed or
// picked, the list's total.
func (tb JobStore) JobApplicationCounts(ctx context.Context, f jobs.ApplicationFilter) (map[jobs.AppStatus]int, error) {
	where, args, err := jobAppWhere(f, false)
	if err != nil {
		return nil, fmt.Errorf("store.JobApplicationCounts: %w", err)
	}
	rows, err := tb.db.query(ctx, "SELECT a.status, COUNT(*) FROM job_applications a"+where+" GROUP BY a.status", args...)
	if err != nil {
		return nil, fmt.Errorf("store.JobApplicationCounts: %w", err)
	}
	defer rows.Close()
	out := map[jobs.AppStatus]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("store.JobApplicationCounts: %w", err)
		}
		out[jobs.AppStatus(s)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.JobApplicationCounts: %w", err)
	}
	return out, nil
}

// JobApplicantPersons loads the persons behind a list of applications in a
// few queries instead of one per row, with phone and ID number decrypted:
// the caller shows the phone to the employer applied to and masks the ID.
func (tb JobStore) JobApplicantPersons(ctx context.Context, ids []int64) (map[int64]*registry.Person, error) {
	out := make(map[int64]*registry.Person, len(ids))
	const chunk = 500
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		marks := make([]string, n)
		args := make([]any, n)
		for i, id := range ids[:n] {
			marks[i], args[i] = "?", id
		}
		ids = ids[n:]
		rows, err := tb.db.query(ctx, "SELECT "+personCols+" FROM persons WHERE id IN ("+strings.Join(marks, ",")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store.JobApplicantPersons: %w", err)
		}
		for rows.Next() {
			p, err := tb.db.Registry().scanPerson(rows, true)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.JobApplicantPersons: %w", err)
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store.JobApplicantPersons: %w", err)
		}
	}
	return out, nil
}

func (tb JobStore) loadJobAppEvents(ctx context.Context, apps []*jobs.Application) error {
	if len(apps) == 0 {
		return nil
	}
	byID := make(map[int64]*jobs.Application, len(apps))
	marks := make([]string, len(apps))
	args := make([]any, len(apps))
	for i, ap := range apps {
		byID[ap.ID], marks[i], args[i] = ap, "?", ap.ID
	}
	rows, err := tb.db.query(ctx, `SELECT application_id, at, actor_role, from_status, to_status, note FROM job_application_events
		WHERE application_id IN (`+strings.Join(marks, ",")+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("store: job application events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ev jobs.AppEvent
		var from, to string
		if err := rows.Scan(&id, &ev.At, &ev.ActorRole, &from, &to, &ev.Note); err != nil {
			return fmt.Errorf("store: job application events: %w", err)
		}
		ev.At, ev.From, ev.To = ev.At.UTC(), jobs.AppStatus(from), jobs.AppStatus(to)
		byID[id].Events = append(byID[id].Events, ev)
	}
	return rows.Err()
}

// ChangeJobApplication moves application id to status to, checking with
// check against the status read inside the transaction (so two concurrent
// changes cannot both pass), records the step in its history with note,
// audits it as action and delivers tell's message.
func (tb JobStore) ChangeJobApplication(ctx context.Context, a Actor, id int64, to jobs.AppStatus, note, action string,
	check func(from jobs.AppStatus) error, tell func(*jobs.Application) *NotifyMsg) (*jobs.Application, error) {
	var ap *jobs.Application
	err := tb.db.Write(ctx, func(tx *Tx) error {
		var err error
		ap, err = scanJobApp(tx.QueryRow(ctx, "SELECT "+jobAppCols+jobAppFrom+" WHERE a.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return Missing("job_application")
		}
		if err != nil {
			return fmt.Errorf("store.ChangeJobApplication: %w", err)
		}
		from := ap.Status
		if err := check(from); err != nil {
			return err
		}
		now := tb.db.Now()
		res, err := tx.Exec(ctx, "UPDATE job_applications SET status = ?, updated_at = ? WHERE id = ? AND status = ?", string(to), now, id, string(from))
		if err != nil {
			return fmt.Errorf("store.ChangeJobApplication: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "申请状态已被他人修改，请刷新后重试")
		}
		ap.Status, ap.UpdatedAt = to, now
		if err := tx.jobAppEvent(ctx, a, id, from, to, note); err != nil {
			return err
		}
		ap.Events = append(ap.Events, jobs.AppEvent{At: now, ActorRole: a.Role, From: from, To: to, Note: note})
		summary := string(from) + " → " + string(to)
		if note != "" {
			summary += "；备注 " + strconv.Itoa(len([]rune(note))) + " 字"
		}
		if err := tx.Audit(ctx, a, action, "job_application", id, summary, "ok"); err != nil {
			return err
		}
		return tx.notifyMsg(ctx, tell(ap))
	})
	if err != nil {
		return nil, err
	}
	return tb.JobApplicationByID(ctx, id)
}
