package store

// 培训补贴申领. The facts a claim check needs are read for a whole class at
// once — six joins on the class's enrolments (trainees with their
// registry data, attendance counts, certificates, passed sittings,
// earlier ledger rows for the occupation and level, questionnaire
// answers) — never a query per trainee, so a class of 20,000 trainees is
// checked in seconds. Submitting writes the claim, its items and the
// ledger rows of the eligible trainees in one transaction; the ledger's
// primary key (person, occupation, level) takes each person once, so when
// two claims are submitted at the same time for one person the second's
// insert does nothing for them and that trainee is excluded with the
// reason. Every decision and payout is written with its audit entry and
// the provider's message in the same transaction.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/training"
)

// ClaimStore is the tables of 培训补贴申领.
type ClaimStore struct{ db *DB }

// TrainingClaims is the store of 培训补贴申领.
func (db *DB) TrainingClaims() ClaimStore { return ClaimStore{db} }

// Ledger statuses: an item of an open claim holds the person, a paid one
// records the payment.
const (
	ledgerPending = "pending"
	ledgerPaid    = "paid"
)

// ClaimTrainee is one enrolled trainee of a class with the facts of the
// claim checks, the registry record the policy engine reads (without the
// full ID number and phone) and their questionnaire answers (JSON, "" for none).
type ClaimTrainee struct {
	Person  *registry.Person
	Facts   training.TraineeFacts
	Answers string
}

// prefixed scans a row whose first columns are extra before a person's.
type prefixed struct {
	rows  *sql.Rows
	extra []any
}

func (p prefixed) Scan(dest ...any) error { return p.rows.Scan(append(p.extra, dest...)...) }

// personColsOf is personCols qualified by alias.
func personColsOf(alias string) string {
	var out []string
	for _, c := range strings.Split(personCols, ",") {
		out = append(out, alias+"."+strings.TrimSpace(c))
	}
	return strings.Join(out, ", ")
}

// enrolledOf is the join that narrows a query to the class's enrolled trainees.
const enrolledOf = " JOIN training_enrolments e ON e.person_id = %s AND e.class_id = ? AND e.status = 'enrolled'"

// ClaimFacts reads the facts of every enrolled trainee of class c, in
// enrolment order.
func (cs ClaimStore) ClaimFacts(ctx context.Context, c *training.Class) ([]*ClaimTrainee, error) {
	rows, err := cs.db.query(ctx, "SELECT e.updated_at, "+personColsOf("p")+" FROM training_enrolments e JOIN persons p ON p.id = e.person_id"+
		" WHERE e.class_id = ? AND e.status = 'enrolled' ORDER BY e.id", c.ID)
	if err != nil {
		return nil, fmt.Errorf("store.ClaimFacts trainees: %w", err)
	}
	var out []*ClaimTrainee
	by := map[int64]*ClaimTrainee{}
	rg := RegistryStore{cs.db}
	for rows.Next() {
		var at time.Time
		p, err := rg.scanPerson(prefixed{rows, []any{&at}}, false)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.ClaimFacts trainees: %w", err)
		}
		t := &ClaimTrainee{Person: p, Facts: training.TraineeFacts{PersonID: p.ID, Name: p.Name, IDMasked: p.IDMasked, EnrolledAt: at.UTC()}}
		out = append(out, t)
		by[p.ID] = t
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("store.ClaimFacts trainees: %w", err)
	}
	start := nullDate(c.Start())
	steps := []struct {
		what, q string
		args    []any
		scan    func(rows *sql.Rows) error
	}{
		{"attendance", "SELECT a.person_id, COUNT(*) FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id" +
			" WHERE s.class_id = ? AND a.present GROUP BY a.person_id", []any{c.ID}, func(rows *sql.Rows) error {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			if t := by[id]; t != nil {
				t.Facts.Attended = n
			}
			return nil
		}},
		{"certificates", "SELECT k.person_id, k.issued_on FROM skill_certificates k" + fmt.Sprintf(enrolledOf, "k.person_id") +
			" WHERE k.occupation_code = ? AND k.level = ? AND k.status = 'valid' AND k.issued_on >= ?",
			[]any{c.ID, c.Occupation, int(c.Level), start}, func(rows *sql.Rows) error {
				var id int64
				var on time.Time
				if err := rows.Scan(&id, &on); err != nil {
					return err
				}
				if t := by[id]; t != nil && (t.Facts.CertOn.IsZero() || on.Before(t.Facts.CertOn)) {
					t.Facts.CertOn = on.UTC()
				}
				return nil
			}},
		{"sittings", "SELECT k.person_id, s.held_on FROM skill_candidates k JOIN skill_sittings s ON s.id = k.sitting_id" +
			fmt.Sprintf(enrolledOf, "k.person_id") + " WHERE s.occupation_code = ? AND s.level = ? AND k.result = 'pass' AND s.held_on >= ?",
			[]any{c.ID, c.Occupation, int(c.Level), start}, func(rows *sql.Rows) error {
				var id int64
				var on time.Time
				if err := rows.Scan(&id, &on); err != nil {
					return err
				}
				if t := by[id]; t != nil && (t.Facts.PassedOn.IsZero() || on.Before(t.Facts.PassedOn)) {
					t.Facts.PassedOn = on.UTC()
				}
				return nil
			}},
		{"ledger", "SELECT l.person_id, l.claim_id, l.status, l.created_at, k.paid_on, c.title, p.name FROM training_subsidy_ledger l" +
			fmt.Sprintf(enrolledOf, "l.person_id") + " JOIN training_claims k ON k.id = l.claim_id JOIN training_classes c ON c.id = k.class_id" +
			" JOIN training_providers p ON p.id = k.provider_id WHERE l.occupation_code = ? AND l.level = ? AND k.class_id <> ?",
			[]any{c.ID, c.Occupation, int(c.Level), c.ID}, func(rows *sql.Rows) error {
				var id int64
				var pr training.Prior
				var paid sql.NullTime
				if err := rows.Scan(&id, &pr.ClaimID, &pr.Status, &pr.On, &paid, &pr.ClassTitle, &pr.ProviderName); err != nil {
					return err
				}
				pr.On = pr.On.UTC()
				if paid.Valid {
					pr.On = paid.Time.UTC()
				}
				if t := by[id]; t != nil {
					t.Facts.Prior = &pr
				}
				return nil
			}},
		{"answers", "SELECT q.subject_id, q.attrs FROM policy_answers q" + fmt.Sprintf(enrolledOf, "q.subject_id") +
			" WHERE q.subject_type = 'person'", []any{c.ID}, func(rows *sql.Rows) error {
			var id int64
			var s string
			if err := rows.Scan(&id, &s); err != nil {
				return err
			}
			if t := by[id]; t != nil {
				t.Answers = s
			}
			return nil
		}},
	}
	for _, st := range steps {
		if err := eachRow(ctx, cs.db, st.q, st.args, st.scan); err != nil {
			return nil, fmt.Errorf("store.ClaimFacts %s: %w", st.what, err)
		}
	}
	return out, nil
}

// eachRow runs a query and calls scan for every row.
func eachRow(ctx context.Context, db *DB, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := scan(rows); err != nil {
			rows.Close()
			return err
		}
	}
	return closeRows(rows)
}

// closeRows closes rows and returns the error of the iteration, if any.
func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// ClaimSubmission is a claim to write: new (Claim.ID 0) or a returned
// one submitted again, with every trainee's verdict.
type ClaimSubmission struct {
	Claim *training.Claim
	Items []training.TraineeCheck
	Tell  func(*training.Claim) *notify.Message // the provider's message
}

// concurrentReason says why a trainee an earlier check passed was left out.
const concurrentReason = "提交时该学员已被另一份补贴申领占用（同一职业同一等级只能享受一次），本次不予申领"

// SubmitClaim writes a claim with its items and ledger rows, audited,
// with the provider's message. A class's second claim is a Conflict; a
// claim submitted again must be returned (Conflict otherwise). Trainees
// another claim took meanwhile are excluded with the reason, and the
// totals count what was written.
func (cs ClaimStore) SubmitClaim(ctx context.Context, a Actor, s ClaimSubmission) error {
	k := s.Claim
	now := cs.db.Now()
	err := cs.db.Write(ctx, func(tx *Tx) error {
		if err := writeClaimRow(ctx, tx, k, a.UserID, now); err != nil {
			return err
		}
		if err := takeLedger(ctx, tx, k, s.Items, now); err != nil {
			return err
		}
		k.Checked, k.Trainees, k.TotalYuan = len(s.Items), 0, 0
		for _, it := range s.Items {
			if it.Eligible {
				k.Trainees++
				k.TotalYuan += it.AmountYuan
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE training_claims SET checked = ?, trainees = ?, total_yuan = ? WHERE id = ?",
			k.Checked, k.Trainees, k.TotalYuan, k.ID); err != nil {
			return fmt.Errorf("store.SubmitClaim totals: %w", err)
		}
		if err := insertClaimItems(ctx, tx, k.ID, s.Items); err != nil {
			return err
		}
		k.Status, k.SubmittedAt, k.SubmittedBy = training.ClaimSubmitted, now, a.UserID
		if s.Tell != nil {
			if _, err := tx.Notify(ctx, s.Tell(k)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, "training.claim.submit", "training_claim", k.ID, fmt.Sprintf("提交培训补贴申领（第 %d 次）：培训班 %d“%s”，核查 %d 人，符合 %d 人，合计 %d 元",
			k.Round, k.ClassID, k.ClassTitle, k.Checked, k.Trainees, k.TotalYuan), "ok")
	})
	if isUniqueViolation(err) {
		return apperr.New(apperr.Conflict, "该培训班已有补贴申领，不能重复申领")
	}
	return err
}

// writeClaimRow inserts a new claim or puts a returned one back in review.
func writeClaimRow(ctx context.Context, tx *Tx, k *training.Claim, by int64, now time.Time) error {
	if k.ID == 0 {
		var id int64
		var status string
		err := tx.QueryRow(ctx, "SELECT id, status FROM training_claims WHERE class_id = ?", k.ClassID).Scan(&id, &status)
		if err == nil {
			return apperr.New(apperr.Conflict, fmt.Sprintf("该培训班已有补贴申领 #%d（%s），不能重复申领", id, training.ClaimStatus(status).Label()))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.SubmitClaim: %w", err)
		}
		k.Round = 1
		k.ID, err = tx.InsertID(ctx, `INSERT INTO training_claims (class_id, provider_id, status, standard_yuan, round, submitted_by, submitted_at,
			created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`, k.ClassID, k.ProviderID, string(training.ClaimSubmitted), k.StandardYuan, by, now, now, now)
		if err != nil {
			return fmt.Errorf("store.SubmitClaim: %w", err)
		}
		return nil
	}
	res, err := tx.Exec(ctx, `UPDATE training_claims SET status = ?, round = round + 1, standard_yuan = ?, submitted_by = ?, submitted_at = ?,
		updated_at = ? WHERE id = ? AND status = ?`, string(training.ClaimSubmitted), k.StandardYuan, by, now, now, k.ID, string(training.ClaimReturned))
	if err != nil {
		return fmt.Errorf("store.SubmitClaim again: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.New(apperr.Conflict, "该申领不是已退回的申领，不能重新提交")
	}
	k.Round++
	if _, err := tx.Exec(ctx, "DELETE FROM training_claim_items WHERE claim_id = ?", k.ID); err != nil {
		return fmt.Errorf("store.SubmitClaim again: %w", err)
	}
	return nil
}

// takeLedger records the eligible items in the ledger, 500 rows a
// statement; an item whose person, occupation and level another claim
// holds is excluded with the reason.
func takeLedger(ctx context.Context, tx *Tx, k *training.Claim, items []training.TraineeCheck, now time.Time) error {
	var idx []int
	for i := range items {
		if items[i].Eligible {
			idx = append(idx, i)
		}
	}
	for len(idx) > 0 {
		n := min(len(idx), 500)
		part := idx[:n]
		idx = idx[n:]
		values := make([]string, 0, n)
		args := make([]any, 0, n*6)
		for _, i := range part {
			values = append(values, "(?, ?, ?, ?, ?, ?)")
			args = append(args, items[i].PersonID, k.Occupation, int(k.Level), k.ID, ledgerPending, now)
		}
		took := map[int64]bool{}
		err := func() error {
			rows, err := tx.Query(ctx, "INSERT INTO training_subsidy_ledger (person_id, occupation_code, level, claim_id, status, created_at) VALUES "+
				strings.Join(values, ", ")+" ON CONFLICT (person_id, occupation_code, level) DO NOTHING RETURNING person_id", args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				took[id] = true
			}
			return closeRows(rows)
		}()
		if err != nil {
			return fmt.Errorf("store.SubmitClaim ledger: %w", err)
		}
		for _, i := range part {
			if !took[items[i].PersonID] {
				items[i].Exclude(training.RuleConcurrent, concurrentReason)
			}
		}
	}
	return nil
}

// insertClaimItems writes the items, 500 rows a statement.
func insertClaimItems(ctx context.Context, tx *Tx, claimID int64, items []training.TraineeCheck) error {
	for len(items) > 0 {
		n := min(len(items), 500)
		values := make([]string, 0, n)
		args := make([]any, 0, n*5)
		for _, it := range items[:n] {
			checks, err := json.Marshal(it.Checks)
			if err != nil {
				return fmt.Errorf("store.SubmitClaim items: %w", err)
			}
			values = append(values, "(?, ?, ?, ?, ?)")
			args = append(args, claimID, it.PersonID, it.Eligible, it.AmountYuan, string(checks))
		}
		items = items[n:]
		if _, err := tx.Exec(ctx, "INSERT INTO training_claim_items (claim_id, person_id, eligible, amount_yuan, checks) VALUES "+
			strings.Join(values, ", "), args...); err != nil {
			return fmt.Errorf("store.SubmitClaim items: %w", err)
		}
	}
	return nil
}

// DecideClaim approves or returns a submitted claim, audited, with the
// provider's message; a return releases the claim's ledger rows (its
// trainees are free until it is submitted again). A claim no longer
// submitted is a Conflict.
func (cs ClaimStore) DecideClaim(ctx context.Context, a Actor, id int64, to training.ClaimStatus, reason string,
	tell func(*training.Claim) *notify.Message) (*training.Claim, error) {
	err := cs.db.Write(ctx, func(tx *Tx) error {
		k, err := claimByID(ctx, cs.db, tx, id)
		if err != nil {
			return err
		}
		if msg := training.CanDecide(k.Status); msg != "" {
			return apperr.New(apperr.Conflict, msg)
		}
		now := cs.db.Now()
		res, err := tx.Exec(ctx, "UPDATE training_claims SET status = ?, reason = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			string(to), reason, a.UserID, now, now, id, string(training.ClaimSubmitted))
		if err != nil {
			return fmt.Errorf("store.DecideClaim: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "该申领已被审核，请刷新后查看")
		}
		if to == training.ClaimReturned {
			if _, err := tx.Exec(ctx, "DELETE FROM training_subsidy_ledger WHERE claim_id = ?", id); err != nil {
				return fmt.Errorf("store.DecideClaim release: %w", err)
			}
		}
		k.Status, k.Reason, k.DecidedBy, k.DecidedAt = to, reason, a.UserID, now
		if _, err := tx.Notify(ctx, tell(k)); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "training.claim."+map[bool]string{true: "approve", false: "return"}[to == training.ClaimApproved], "training_claim", id,
			fmt.Sprintf("培训补贴申领 #%d“%s”%s：%d 人 %d 元%s", id, k.ClassTitle, to.Label(), k.Trainees, k.TotalYuan, suffix("，理由：", reason)), "ok")
	})
	if err != nil {
		return nil, err
	}
	return cs.ClaimByID(ctx, id)
}

func suffix(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// PayClaims records one payout batch for approved claims, all or nothing
// (a claim not approved is a Conflict naming it), each audited with the
// provider's message; the claims' ledger rows become paid. It returns
// the claims paid and the yuan.
func (cs ClaimStore) PayClaims(ctx context.Context, a Actor, ids []int64, batch string, paidOn time.Time,
	tell func(*training.Claim) *notify.Message) (int, int, error) {
	var yuan int
	err := cs.db.Write(ctx, func(tx *Tx) error {
		yuan = 0
		now := cs.db.Now()
		for _, id := range ids {
			k, err := claimByID(ctx, cs.db, tx, id)
			if apperr.CodeOf(err) == apperr.NotFound {
				return apperr.New(apperr.Conflict, fmt.Sprintf("补贴申领 #%d 不存在", id))
			}
			if err != nil {
				return err
			}
			res, err := tx.Exec(ctx, "UPDATE training_claims SET status = ?, paid_batch = ?, paid_on = ?, paid_by = ?, updated_at = ? WHERE id = ? AND status = ?",
				string(training.ClaimPaid), batch, nullDate(paidOn), a.UserID, now, id, string(training.ClaimApproved))
			if err != nil {
				return fmt.Errorf("store.PayClaims: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return apperr.New(apperr.Conflict, fmt.Sprintf("补贴申领 #%d %s，只有审核通过的申领可以发放", id, k.Status.Label()))
			}
			if _, err := tx.Exec(ctx, "UPDATE training_subsidy_ledger SET status = ? WHERE claim_id = ?", ledgerPaid, id); err != nil {
				return fmt.Errorf("store.PayClaims ledger: %w", err)
			}
			k.Status, k.PaidBatch, k.PaidOn, k.PaidBy = training.ClaimPaid, batch, paidOn, a.UserID
			if _, err := tx.Notify(ctx, tell(k)); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a, "training.claim.pay", "training_claim", id, fmt.Sprintf("发放培训补贴申领 #%d“%s”：%d 人 %d 元，批次 %s，发放日期 %s",
				id, k.ClassTitle, k.Trainees, k.TotalYuan, batch, paidOn.Format(time.DateOnly)), "ok"); err != nil {
				return err
			}
			yuan += k.TotalYuan
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return len(ids), yuan, nil
}

const claimCols = `k.id, k.class_id, k.provider_id, p.enterprise_id, p.name, c.title, c.occupation_code, c.level, k.standard_yuan, k.status,
	k.checked, k.trainees, k.total_yuan, k.round, k.reason, k.submitted_by, k.submitted_at, k.decided_by, k.decided_at, k.paid_batch, k.paid_on,
	k.paid_by, k.created_at, k.updated_at`

const claimFrom = " FROM training_claims k JOIN training_classes c ON c.id = k.class_id JOIN training_providers p ON p.id = k.provider_id"

func scanClaim(s interface{ Scan(...any) error }) (*training.Claim, error) {
	var k training.Claim
	var ent sql.NullInt64
	var status string
	var decided sql.NullTime
	var paid sql.NullTime
	if err := s.Scan(&k.ID, &k.ClassID, &k.ProviderID, &ent, &k.ProviderName, &k.ClassTitle, &k.Occupation, &k.Level, &k.StandardYuan, &status,
		&k.Checked, &k.Trainees, &k.TotalYuan, &k.Round, &k.Reason, &k.SubmittedBy, &k.SubmittedAt, &k.DecidedBy, &decided, &k.PaidBatch, &paid,
		&k.PaidBy, &k.CreatedAt, &k.UpdatedAt); err != nil {
		return nil, err
	}
	k.EnterpriseID, k.Status = ent.Int64, training.ClaimStatus(status)
	k.SubmittedAt, k.CreatedAt, k.UpdatedAt = k.SubmittedAt.UTC(), k.CreatedAt.UTC(), k.UpdatedAt.UTC()
	if decided.Valid {
		k.DecidedAt = decided.Time.UTC()
	}
	if paid.Valid {
		k.PaidOn = paid.Time.UTC()
	}
	return &k, nil
}

// claimByID reads a claim inside tx, its row locked (PostgreSQL).
func claimByID(ctx context.Context, db *DB, tx *Tx, id int64) (*training.Claim, error) {
	k, err := scanClaim(tx.QueryRow(ctx, "SELECT "+claimCols+claimFrom+" WHERE k.id = ?"+db.dialect.forUpdateOf("k"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("training_claim")
	}
	if err != nil {
		return nil, fmt.Errorf("store.claimByID: %w", err)
	}
	return k, nil
}

// ClaimByID returns a claim with its items (trainees by name, with the
// masked ID number), eligible first.
func (cs ClaimStore) ClaimByID(ctx context.Context, id int64) (*training.Claim, error) {
	k, err := scanClaim(cs.db.queryRow(ctx, "SELECT "+claimCols+claimFrom+" WHERE k.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("training_claim")
	}
	if err != nil {
		return nil, fmt.Errorf("store.ClaimByID: %w", err)
	}
	err = eachRow(ctx, cs.db, "SELECT i.person_id, i.eligible, i.amount_yuan, i.checks, p.name, p.id_enc FROM training_claim_items i"+
		" JOIN persons p ON p.id = i.person_id WHERE i.claim_id = ? ORDER BY i.person_id", []any{id}, func(rows *sql.Rows) error {
		var it training.TraineeCheck
		var checks string
		var idEnc []byte
		if err := rows.Scan(&it.PersonID, &it.Eligible, &it.AmountYuan, &checks, &it.Name, &idEnc); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(checks), &it.Checks); err != nil {
			return err
		}
		num, err := cs.db.box.Open(idEnc)
		if err != nil {
			return err
		}
		it.IDMasked = registry.MaskID(num)
		k.Items = append(k.Items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.ClaimByID items: %w", err)
	}
	return k, nil
}

// ClaimOfClass returns the claim of a class, without items, or NotFound.
func (cs ClaimStore) ClaimOfClass(ctx context.Context, classID int64) (*training.Claim, error) {
	k, err := scanClaim(cs.db.queryRow(ctx, "SELECT "+claimCols+claimFrom+" WHERE k.class_id = ?", classID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("training_claim")
	}
	if err != nil {
		return nil, fmt.Errorf("store.ClaimOfClass: %w", err)
	}
	return k, nil
}

// ClaimFilter selects claims: of the providers of an enterprise, or of
// one provider, of a status; newest first.
type ClaimFilter struct {
	EnterpriseID int64
	ProviderID   int64
	Status       training.ClaimStatus
	Limit        int
	Offset       int
}

// Claims lists claims without items, with the total count of the filter.
func (cs ClaimStore) Claims(ctx context.Context, f ClaimFilter) ([]*training.Claim, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.EnterpriseID != 0 {
		where, args = append(where, "p.enterprise_id = ?"), append(args, f.EnterpriseID)
	}
	if f.ProviderID != 0 {
		where, args = append(where, "k.provider_id = ?"), append(args, f.ProviderID)
	}
	if f.Status != "" {
		where, args = append(where, "k.status = ?"), append(args, string(f.Status))
	}
	w := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := cs.db.queryRow(ctx, "SELECT COUNT(*)"+claimFrom+w, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.Claims: %w", err)
	}
	var out []*training.Claim
	err := eachRow(ctx, cs.db, fmt.Sprintf("SELECT %s%s%s ORDER BY k.id DESC LIMIT %d OFFSET %d", claimCols, claimFrom, w, clampLimit(f.Limit, 50, 100_000), max(f.Offset, 0)),
		args, func(rows *sql.Rows) error {
			k, err := scanClaim(rows)
			if err == nil {
				out = append(out, k)
			}
			return err
		})
	if err != nil {
		return nil, 0, fmt.Errorf("store.Claims: %w", err)
	}
	return out, total, nil
}

// Ledger is the subsidy ledger (台账): the paid claims with payout dates
// in [from, to) summed per provider and month, by provider name then month.
func (cs ClaimStore) Ledger(ctx context.Context, from, to time.Time) ([]training.LedgerRow, error) {
	type key struct {
		provider int64
		month    string
	}
	rows := map[key]*training.LedgerRow{}
	var order []key
	err := eachRow(ctx, cs.db, "SELECT k.provider_id, p.name, k.paid_on, k.trainees, k.total_yuan"+claimFrom+
		" WHERE k.status = 'paid' AND k.paid_on >= ? AND k.paid_on < ? ORDER BY p.name, k.provider_id, k.paid_on", []any{nullDate(from), nullDate(to)},
		func(r *sql.Rows) error {
			var id int64
			var name string
			var on time.Time
			var n, yuan int
			if err := r.Scan(&id, &name, &on, &n, &yuan); err != nil {
				return err
			}
			kk := key{id, on.UTC().Format("2006-01")}
			row := rows[kk]
			if row == nil {
				row = &training.LedgerRow{ProviderID: id, ProviderName: name, Month: kk.month}
				rows[kk] = row
				order = append(order, kk)
			}
			row.Claims++
			row.Trainees += n
			row.Yuan += yuan
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.Ledger: %w", err)
	}
	out := make([]training.LedgerRow, len(order))
	for i, kk := range order {
		out[i] = *rows[kk]
	}
	return out, nil
}
