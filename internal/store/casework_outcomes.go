package store

// 跟踪评估 tables: casework_served (who was served, by which service, when),
// casework_outcomes (what became of them, with the source) and the runs of
// the insurance import. Hires in the job board are read from
// job_applications as outcomes of source jobboard, never copied.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/casework"
)

// MarkServed records inside tx that a person was served by s.Kind: the
// first time only, so served_on stays the first day served (a contact
// logged later with an earlier date moves it back, with that contact's
// team, agent and topic). Outcome checks fall due 3, 6 and 12 months after.
func (ct CaseworkTx) MarkServed(ctx context.Context, s casework.Served) error {
	if s.PersonID == 0 || !s.Kind.Valid() || s.ServedOn.IsZero() {
		return fmt.Errorf("store.MarkServed: person, kind and date are required")
	}
	_, err := ct.t.Exec(ctx, `INSERT INTO casework_served (person_id, kind, served_on, team, agent_id, topic, provider)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (person_id, kind) DO UPDATE SET served_on = excluded.served_on, team = excluded.team,
			agent_id = excluded.agent_id, topic = excluded.topic, provider = excluded.provider
		WHERE casework_served.served_on > excluded.served_on`,
		s.PersonID, string(s.Kind), casework.Day(s.ServedOn), s.Team, s.AgentID, string(s.Topic), s.Provider)
	if err != nil {
		return fmt.Errorf("store.MarkServed: %w", err)
	}
	return nil
}

// MarkServed is Tx.MarkServed in a transaction of its own.
func (tb CaseworkStore) MarkServed(ctx context.Context, s casework.Served) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.Casework().MarkServed(ctx, s) })
}

const servedCols = "person_id, kind, served_on, team, agent_id, topic, provider"

func scanServed(rows *sql.Rows) (casework.Served, error) {
	var s casework.Served
	var kind, topic string
	err := rows.Scan(&s.PersonID, &kind, &s.ServedOn, &s.Team, &s.AgentID, &topic, &s.Provider)
	s.Kind, s.Topic, s.ServedOn = casework.ServedKind(kind), casework.Topic(topic), casework.Day(s.ServedOn.UTC())
	return s, err
}

// Served lists a person's served records, first served first.
func (tb CaseworkStore) Served(ctx context.Context, personID int64) ([]casework.Served, error) {
	rows, err := tb.db.query(ctx, "SELECT "+servedCols+" FROM casework_served WHERE person_id = ? ORDER BY served_on, kind", personID)
	if err != nil {
		return nil, fmt.Errorf("store.Served: %w", err)
	}
	defer rows.Close()
	var out []casework.Served
	for rows.Next() {
		s, err := scanServed(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Served: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ServedBetween lists everyone served by kind from from to to (dates,
// inclusive): a cohort report's members.
func (tb CaseworkStore) ServedBetween(ctx context.Context, kind casework.ServedKind, from, to time.Time) ([]casework.Served, error) {
	rows, err := tb.db.query(ctx, "SELECT "+servedCols+" FROM casework_served WHERE kind = ? AND served_on >= ? AND served_on <= ? ORDER BY served_on",
		string(kind), casework.Day(from), casework.Day(to))
	if err != nil {
		return nil, fmt.Errorf("store.ServedBetween: %w", err)
	}
	defer rows.Close()
	var out []casework.Served
	for rows.Next() {
		s, err := scanServed(rows)
		if err != nil {
			return nil, fmt.Errorf("store.ServedBetween: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

const outcomeCols = "id, person_id, status, employer, employer_uscc, occupation_code, wage_band, contract_type, since, until, source, recorded_at, recorded_by"

func scanOutcome(rows *sql.Rows) (casework.Outcome, error) {
	var o casework.Outcome
	var status, band, contract, source string
	var until sql.NullTime
	err := rows.Scan(&o.ID, &o.PersonID, &status, &o.Employer, &o.EmployerUSCC, &o.OccupationCode, &band, &contract,
		&o.Since, &until, &source, &o.RecordedAt, &o.RecordedBy)
	o.Status, o.WageBand, o.ContractType, o.Source = casework.Status(status), casework.WageBand(band), casework.ContractType(contract), casework.Source(source)
	o.Since, o.RecordedAt = casework.Day(o.Since.UTC()), o.RecordedAt.UTC()
	if until.Valid {
		o.Until = casework.Day(until.Time.UTC())
	}
	return o, err
}

// hireCols reads a hire in the job board as an outcome of source jobboard:
// employed at the post's enterprise from the day the application was
// marked hired (its updated_at), at the band of the post's lower salary.
const hireCols = "a.person_id, e.name, e.uscc, p.occupation_code, p.salary_min, a.updated_at"

func scanHire(rows *sql.Rows) (casework.Outcome, error) {
	var o casework.Outcome
	var salary int
	var at time.Time
	err := rows.Scan(&o.PersonID, &o.Employer, &o.EmployerUSCC, &o.OccupationCode, &salary, &at)
	at = at.UTC()
	o.Status, o.Source, o.WageBand, o.Since, o.RecordedAt = casework.Employed, casework.SourceJobBoard, casework.WageBandOf(salary), casework.Day(at), at
	return o, err
}

const hireFrom = ` FROM job_applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN job_posts p ON p.id = a.post_id`

// Outcomes lists a person's outcomes, recorded and from job-board hires,
// oldest first.
func (tb CaseworkStore) Outcomes(ctx context.Context, personID int64) ([]casework.Outcome, error) {
	out, err := tb.collectOutcomes(ctx, "SELECT "+outcomeCols+" FROM casework_outcomes WHERE person_id = ? ORDER BY since, id", scanOutcome, personID)
	if err != nil {
		return nil, err
	}
	hires, err := tb.collectOutcomes(ctx, "SELECT "+hireCols+hireFrom+" WHERE a.person_id = ? AND a.status = 'hired' ORDER BY a.updated_at", scanHire, personID)
	if err != nil {
		return nil, err
	}
	return append(out, hires...), nil
}

// cohortScanAbove is the cohort size above which CohortOutcomes reads
// every outcome in table order and keeps the members' in Go: one
// sequential pass costs less than as many index lookups as members.
const cohortScanAbove = 5000

// CohortOutcomes returns the outcomes (recorded and job-board hires) of
// everyone served by kind from from to to, by person: two queries however
// many people that is. members are those people (ServedBetween); a large
// cohort is read by scanning, a small one through a join.
func (tb CaseworkStore) CohortOutcomes(ctx context.Context, kind casework.ServedKind, from, to time.Time, members map[int64]bool) (map[int64][]casework.Outcome, error) {
	var recorded, hires []casework.Outcome
	var err error
	if len(members) > cohortScanAbove {
		recorded, err = tb.collectOutcomes(ctx, "SELECT "+outcomeCols+" FROM casework_outcomes", scanOutcome)
		if err == nil {
			hires, err = tb.collectOutcomes(ctx, "SELECT "+hireCols+hireFrom+" WHERE a.status = 'hired'", scanHire)
		}
	} else {
		join := " JOIN casework_served s ON s.person_id = %s.person_id AND s.kind = ? AND s.served_on >= ? AND s.served_on <= ?"
		args := []any{string(kind), casework.Day(from), casework.Day(to)}
		cols := "o." + strings.ReplaceAll(outcomeCols, ", ", ", o.")
		recorded, err = tb.collectOutcomes(ctx, "SELECT "+cols+" FROM casework_outcomes o"+fmt.Sprintf(join, "o"), scanOutcome, args...)
		if err == nil {
			hires, err = tb.collectOutcomes(ctx, "SELECT "+hireCols+hireFrom+fmt.Sprintf(join, "a")+" WHERE a.status = 'hired'", scanHire, args...)
		}
	}
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]casework.Outcome, len(members))
	for _, list := range [][]casework.Outcome{recorded, hires} {
		for _, o := range list {
			if members[o.PersonID] {
				out[o.PersonID] = append(out[o.PersonID], o)
			}
		}
	}
	return out, nil
}

func (tb CaseworkStore) collectOutcomes(ctx context.Context, q string, scan func(*sql.Rows) (casework.Outcome, error), args ...any) ([]casework.Outcome, error) {
	rows, err := tb.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Outcomes: %w", err)
	}
	defer rows.Close()
	var out []casework.Outcome
	for rows.Next() {
		o, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Outcomes: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// DueChecks is the outcome checks of a person that have come due by today
// and are not answered yet (see casework.Checks): what the agent's agenda
// says to ask.
func (tb CaseworkStore) DueChecks(ctx context.Context, personID int64, today time.Time) ([]casework.Check, error) {
	served, err := tb.Served(ctx, personID)
	if err != nil || len(served) == 0 {
		return nil, err
	}
	outs, err := tb.Outcomes(ctx, personID)
	if err != nil {
		return nil, err
	}
	return casework.DueChecks(served, outs, today), nil
}

// RecordOutcome stores an outcome staff recorded by hand, with its audit
// entry, in one transaction.
func (tb CaseworkStore) RecordOutcome(ctx context.Context, a Actor, o *casework.Outcome, summary string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		o.RecordedAt, o.RecordedBy = tb.db.Now(), a.UserID
		id, err := tx.InsertID(ctx, `INSERT INTO casework_outcomes (person_id, status, employer, employer_uscc, occupation_code,
			wage_band, contract_type, since, until, source, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			outcomeArgs(o)...)
		if err != nil {
			return fmt.Errorf("store.RecordOutcome: %w", err)
		}
		o.ID = id
		return tx.Audit(ctx, a, "casework.outcome", "person", o.PersonID, summary, "ok")
	})
}

func outcomeArgs(o *casework.Outcome) []any {
	return []any{o.PersonID, string(o.Status), o.Employer, o.EmployerUSCC, o.OccupationCode, string(o.WageBand), string(o.ContractType),
		casework.Day(o.Since), nullDate(o.Until), string(o.Source), o.RecordedAt, o.RecordedBy}
}

// PersonsByIDNumber resolves ID numbers to person ids through the blind
// index (under every key of the ring, so a rotation does not lose
// anyone), in chunks: ID numbers never reach the database in clear.
// Numbers of nobody registered are absent from the map.
func (tb CaseworkStore) PersonsByIDNumber(ctx context.Context, numbers []string) (map[string]int64, error) {
	b := tb.db.box
	byIdx := make(map[string]string, len(numbers))
	idx := make([]string, 0, len(numbers))
	for _, n := range numbers {
		for _, x := range b.Indexes("id", strings.ToUpper(n)) {
			if _, dup := byIdx[x]; !dup {
				byIdx[x] = n
				idx = append(idx, x)
			}
		}
	}
	out := make(map[string]int64, len(numbers))
	for start := 0; start < len(idx); start += lookupChunk {
		chunk := idx[start:min(start+lookupChunk, len(idx))]
		cond, args := inIndexes("id_idx", chunk)
		rows, err := tb.db.query(ctx, "SELECT id_idx, id FROM persons WHERE "+cond, args...)
		if err != nil {
			return nil, fmt.Errorf("store.PersonsByIDNumber: %w", err)
		}
		for rows.Next() {
			var x string
			var id int64
			if err := rows.Scan(&x, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.PersonsByIDNumber: %w", err)
			}
			out[byIdx[x]] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store.PersonsByIDNumber: %w", err)
		}
	}
	return out, nil
}

// lookupChunk is how many values one IN (…) lookup carries.
const lookupChunk = 500

// EnterpriseNamesByUSCC returns the registered enterprises' names by
// credit code; codes of no registered enterprise are absent.
func (tb CaseworkStore) EnterpriseNamesByUSCC(ctx context.Context, codes []string) (map[string]string, error) {
	out := make(map[string]string, len(codes))
	for start := 0; start < len(codes); start += lookupChunk {
		chunk := codes[start:min(start+lookupChunk, len(codes))]
		cond, args := inIndexes("uscc", chunk)
		rows, err := tb.db.query(ctx, "SELECT uscc, name FROM enterprises WHERE "+cond, args...)
		if err != nil {
			return nil, fmt.Errorf("store.EnterpriseNamesByUSCC: %w", err)
		}
		for rows.Next() {
			var code, name string
			if err := rows.Scan(&code, &name); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.EnterpriseNamesByUSCC: %w", err)
			}
			out[code] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store.EnterpriseNamesByUSCC: %w", err)
		}
	}
	return out, nil
}

// Insurance import batching: rows per INSERT statement (12 values each,
// far below both databases' parameter limits) and per transaction (short
// enough not to hold SQLite's writer for long).
const (
	insuranceStmtRows = 400
	insuranceTxRows   = 4000
)

// SaveInsurance writes the outcomes of an insurance import, in
// transactions of a few thousand rows: a row already imported (same
// person, employer and first month) has its end and employer's name
// updated instead of being added again. Then it records the run with its
// row errors and the audit entry, together. outs must be of source
// insurance and are deduplicated here (the last of equal rows wins). A
// failure part-way leaves the batches already committed, without a run:
// running the same file again completes it, since rows are idempotent.
func (tb CaseworkStore) SaveInsurance(ctx context.Context, a Actor, run *casework.InsuranceImport, outs []casework.Outcome, summary string) error {
	now := tb.db.Now()
	seen := make(map[string]int, len(outs))
	uniq := outs[:0:0]
	for _, o := range outs {
		k := fmt.Sprintf("%d|%s|%s", o.PersonID, o.EmployerUSCC, o.Since.Format(time.DateOnly))
		if i, ok := seen[k]; ok {
			uniq[i] = o
			continue
		}
		seen[k] = len(uniq)
		uniq = append(uniq, o)
	}
	for start := 0; start < len(uniq); start += insuranceTxRows {
		batch := uniq[start:min(start+insuranceTxRows, len(uniq))]
		err := tb.db.Write(ctx, func(tx *Tx) error {
			for s := 0; s < len(batch); s += insuranceStmtRows {
				if err := tx.Casework().upsertInsurance(ctx, batch[s:min(s+insuranceStmtRows, len(batch))], now, a.UserID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	run.Saved, run.CreatedBy, run.CreatedAt = len(uniq), a.UserID, now
	errs, err := json.Marshal(run.Errors)
	if err != nil {
		return fmt.Errorf("store.SaveInsurance: %w", err)
	}
	return tb.db.Write(ctx, func(tx *Tx) error {
		id, err := tx.InsertID(ctx, `INSERT INTO casework_insurance_imports (filename, created_by, created_at, total, saved, failed, errors)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, run.Filename, run.CreatedBy, run.CreatedAt, run.Total, run.Saved, run.Failed, string(errs))
		if err != nil {
			return fmt.Errorf("store.SaveInsurance: %w", err)
		}
		run.ID = id
		return tx.Audit(ctx, a, "casework.insurance_import", "insurance_import", id, summary, "ok")
	})
}

func (ct CaseworkTx) upsertInsurance(ctx context.Context, outs []casework.Outcome, now time.Time, by int64) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO casework_outcomes (person_id, status, employer, employer_uscc, occupation_code, wage_band,
		contract_type, since, until, source, recorded_at, recorded_by) VALUES `)
	args := make([]any, 0, 12*len(outs))
	for i := range outs {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		o := outs[i]
		o.Source, o.RecordedAt, o.RecordedBy = casework.SourceInsurance, now, by
		args = append(args, outcomeArgs(&o)...)
	}
	q.WriteString(` ON CONFLICT (person_id, source, employer_uscc, since) WHERE source = 'insurance'
		DO UPDATE SET until = excluded.until, employer = excluded.employer`)
	if _, err := ct.t.Exec(ctx, q.String(), args...); err != nil {
		return fmt.Errorf("store.SaveInsurance: %w", err)
	}
	return nil
}

// InsuranceImport returns an import run with its row errors.
func (tb CaseworkStore) InsuranceImport(ctx context.Context, id int64) (*casework.InsuranceImport, error) {
	var r casework.InsuranceImport
	var errs string
	err := tb.db.queryRow(ctx, `SELECT id, filename, created_by, created_at, total, saved, failed, errors
		FROM casework_insurance_imports WHERE id = ?`, id).Scan(&r.ID, &r.Filename, &r.CreatedBy, &r.CreatedAt, &r.Total, &r.Saved, &r.Failed, &errs)
	if err == sql.ErrNoRows {
		return nil, Missing("insurance_import")
	}
	if err != nil {
		return nil, fmt.Errorf("store.InsuranceImport: %w", err)
	}
	if err := json.Unmarshal([]byte(errs), &r.Errors); err != nil {
		return nil, fmt.Errorf("store.InsuranceImport: %w", err)
	}
	return &r, nil
}

// RecentInsuranceImports lists the latest import runs, newest first,
// without their row errors.
func (tb CaseworkStore) RecentInsuranceImports(ctx context.Context, limit int) ([]*casework.InsuranceImport, error) {
	rows, err := tb.db.query(ctx, `SELECT id, filename, created_by, created_at, total, saved, failed
		FROM casework_insurance_imports ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store.RecentInsuranceImports: %w", err)
	}
	defer rows.Close()
	var out []*casework.InsuranceImport
	for rows.Next() {
		var r casework.InsuranceImport
		if err := rows.Scan(&r.ID, &r.Filename, &r.CreatedBy, &r.CreatedAt, &r.Total, &r.Saved, &r.Failed); err != nil {
			return nil, fmt.Errorf("store.RecentInsuranceImports: %w", err)
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}
