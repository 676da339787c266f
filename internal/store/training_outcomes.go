package store

// 培训效果: what became of a class's trainees. Trainees of a finished class
// join the outcome tracking (casework_served, kind training) so the call
// centre's 3/6/12-month checks reach them; the report per provider and
// class reads the trainees, the certificates they obtained and their
// outcomes in a few set-based queries.

import (
	"context"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/training"
)

// MarkTraineesServed counts every trainee of a filed class that ended
// before today as served by training (the class's last day, its
// provider's name), unless they already were: one statement however many
// classes ended. A person in several classes is counted from the first to
// end, as the outcome tracking keeps each kind's first date.
func (ts TrainingStore) MarkTraineesServed(ctx context.Context, today time.Time) (int64, error) {
	var n int64
	err := ts.db.Write(ctx, func(t *Tx) error {
		res, err := t.Exec(ctx, `INSERT INTO casework_served (person_id, kind, served_on, provider)
			SELECT e.person_id, ?, c.end_on, p.name
			FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id JOIN training_providers p ON p.id = c.provider_id
			WHERE e.status = ? AND c.status = ? AND c.end_on < ?
			ORDER BY c.end_on, e.person_id
			ON CONFLICT (person_id, kind) DO NOTHING`,
			string(casework.KindTraining), string(training.Enrolled), string(training.ClassApproved), casework.Day(today))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.MarkTraineesServed: %w", err)
	}
	return n, nil
}

// ClassTrainee is one trainee of a finished class, as the outcome report
// counts them: the class, and whether they hold a valid certificate of the
// class's occupation and level issued since the class began.
type ClassTrainee struct {
	ClassID   int64
	PersonID  int64
	Certified bool
}

// OutcomeClass is a filed class that ended in a report's period.
type OutcomeClass struct {
	ID           int64
	ProviderID   int64
	ProviderName string
	Title        string
	Type         training.ClassType
	Occupation   string
	Level        training.Level
	Start, End   time.Time
}

// EndedClasses returns the filed classes that ended from from to to
// (inclusive; providerID 0: every provider) and their trainees (enrolled,
// not withdrawn) with whether each was certified: two queries.
func (ts TrainingStore) EndedClasses(ctx context.Context, from, to time.Time, providerID int64) ([]OutcomeClass, []ClassTrainee, error) {
	where := " WHERE c.status = ? AND c.end_on >= ? AND c.end_on <= ?"
	args := []any{string(training.ClassApproved), casework.Day(from), casework.Day(to)}
	if providerID != 0 {
		where += " AND c.provider_id = ?"
		args = append(args, providerID)
	}
	rows, err := ts.db.query(ctx, `SELECT c.id, c.provider_id, p.name, c.title, c.type, c.occupation_code, c.level, c.start_on, c.end_on
		FROM training_classes c JOIN training_providers p ON p.id = c.provider_id`+where+" ORDER BY p.name, c.end_on, c.id", args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store.EndedClasses: %w", err)
	}
	var classes []OutcomeClass
	for rows.Next() {
		var c OutcomeClass
		var typ string
		if err := rows.Scan(&c.ID, &c.ProviderID, &c.ProviderName, &c.Title, &typ, &c.Occupation, &c.Level, &c.Start, &c.End); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("store.EndedClasses: %w", err)
		}
		c.Type, c.Start, c.End = training.ClassType(typ), casework.Day(c.Start), casework.Day(c.End)
		classes = append(classes, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store.EndedClasses: %w", err)
	}
	rows, err = ts.db.query(ctx, `SELECT e.class_id, e.person_id, EXISTS (SELECT 1 FROM skill_certificates s
			WHERE s.person_id = e.person_id AND s.occupation_code = c.occupation_code AND s.level = c.level
			AND s.status = 'valid' AND s.issued_on >= c.start_on)
		FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id`+where+" AND e.status = ? ORDER BY e.class_id, e.person_id",
		append(args, string(training.Enrolled))...)
	if err != nil {
		return nil, nil, fmt.Errorf("store.EndedClasses: trainees: %w", err)
	}
	defer rows.Close()
	var trainees []ClassTrainee
	for rows.Next() {
		var x ClassTrainee
		if err := rows.Scan(&x.ClassID, &x.PersonID, &x.Certified); err != nil {
			return nil, nil, fmt.Errorf("store.EndedClasses: trainees: %w", err)
		}
		trainees = append(trainees, x)
	}
	return classes, trainees, rows.Err()
}

// outcomesBatch is how many persons one outcome query asks for.
const outcomesBatch = 500

// OutcomesOf returns the outcomes (recorded and job-board hires) of the
// given persons, by person: two queries per 500 persons.
func (tb CaseworkStore) OutcomesOf(ctx context.Context, personIDs []int64) (map[int64][]casework.Outcome, error) {
	out := make(map[int64][]casework.Outcome, len(personIDs))
	for start := 0; start < len(personIDs); start += outcomesBatch {
		batch := personIDs[start:min(start+outcomesBatch, len(personIDs))]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		in := inList(len(args))
		recorded, err := tb.collectOutcomes(ctx, "SELECT "+outcomeCols+" FROM casework_outcomes WHERE person_id IN ("+in+")", scanOutcome, args...)
		if err != nil {
			return nil, err
		}
		hires, err := tb.collectOutcomes(ctx, "SELECT "+hireCols+hireFrom+" WHERE a.status = 'hired' AND a.person_id IN ("+in+")", scanHire, args...)
		if err != nil {
			return nil, err
		}
		for _, list := range [][]casework.Outcome{recorded, hires} {
			for _, o := range list {
				out[o.PersonID] = append(out[o.PersonID], o)
			}
		}
	}
	return out, nil
}

// PaidSubsidyByClass is the training subsidy paid per class, in yuan:
// the total of each class's claim once it is paid (one claim per class),
// read in batches of 500 classes.
func (ts TrainingStore) PaidSubsidyByClass(ctx context.Context, classIDs []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(classIDs))
	for start := 0; start < len(classIDs); start += outcomesBatch {
		batch := classIDs[start:min(start+outcomesBatch, len(classIDs))]
		args := make([]any, 0, len(batch)+1)
		args = append(args, string(training.ClaimPaid))
		for _, id := range batch {
			args = append(args, id)
		}
		rows, err := ts.db.query(ctx, "SELECT class_id, total_yuan FROM training_claims WHERE status = ? AND class_id IN ("+inList(len(batch))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store.PaidSubsidyByClass: %w", err)
		}
		for rows.Next() {
			var id, yuan int64
			if err := rows.Scan(&id, &yuan); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.PaidSubsidyByClass: %w", err)
			}
			out[id] = yuan
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store.PaidSubsidyByClass: %w", err)
		}
	}
	return out, nil
}
