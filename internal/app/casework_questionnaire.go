package app

// 跟踪评估 questionnaire: when a person's 3-, 6- or 12-month check comes due
// the daily run puts a short questionnaire in their inbox, and the person's
// own answer (就业情况回访) is recorded as an outcome with the source "self"
// — weaker than an insurance record, a hire on the board or the employer's
// word, stronger than nothing.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// questionnaireWindow is how long after a check's due date the daily run
// still sends its questionnaire (a run missed while the server was down).
const questionnaireWindow = 7 * 24 * time.Hour

// SelfAnswer is the person's answer to the questionnaire. Since is
// YYYY-MM-DD (empty: today).
type SelfAnswer struct {
	Status       string `json:"status"`
	Employer     string `json:"employer,omitempty"`
	WageBand     string `json:"wage_band,omitempty"`
	ContractType string `json:"contract_type,omitempty"`
	Since        string `json:"since,omitempty"`
}

// SelfStatuses are the answers a person picks from (unknown is staff's).
var SelfStatuses = []casework.Status{casework.Employed, casework.SelfEmployed, casework.InTraining, casework.Unemployed}

// MyEmployment is the questionnaire page: the checks due and the person's
// last own answer.
type MyEmployment struct {
	Due  []casework.Check
	Last *casework.Outcome // the person's latest own answer, nil when none
}

// MyEmployment returns the person's questionnaire state.
func (x *Outcomes) MyEmployment(ctx context.Context, a Actor) (*MyEmployment, error) {
	if !account.IsPerson(a.User) {
		return nil, x.deny(ctx, a, "person", 0)
	}
	pid := a.User.PersonID
	due, err := x.db.Casework().DueChecks(ctx, pid, casework.Day(x.now()))
	if err != nil {
		return nil, err
	}
	outs, err := x.db.Casework().Outcomes(ctx, pid)
	if err != nil {
		return nil, err
	}
	m := &MyEmployment{Due: due}
	for i := range outs {
		if o := outs[i]; o.Source == casework.SourceSelf && (m.Last == nil || o.RecordedAt.After(m.Last.RecordedAt)) {
			m.Last = &o
		}
	}
	return m, nil
}

// AnswerSelf records the person's own answer as an outcome (source self).
func (x *Outcomes) AnswerSelf(ctx context.Context, a Actor, in SelfAnswer) (*casework.Outcome, error) {
	if !account.IsPerson(a.User) {
		return nil, x.deny(ctx, a, "person", 0)
	}
	o := casework.Outcome{PersonID: a.User.PersonID, Status: casework.Status(in.Status), Employer: in.Employer,
		WageBand: casework.WageBand(in.WageBand), ContractType: casework.ContractType(in.ContractType), Source: casework.SourceSelf}
	var f apperr.Fields
	if o.Status == casework.Unknown {
		f.Add("status", "请选择您现在的情况")
	}
	if strings.TrimSpace(in.Since) == "" {
		o.Since = casework.Day(x.now())
	} else {
		o.Since = parseDay(&f, "since", in.Since)
	}
	o.Normalize()
	if err := o.Validate(x.now(), nil); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Casework().RecordOutcome(ctx, a.store(), &o, "本人答复就业情况回访："+o.Status.Label()); err != nil {
		return nil, err
	}
	return &o, nil
}

// SendQuestionnaires puts the questionnaire in the inbox of everyone whose
// outcome check came due in the last week and is not done yet, once per
// check; the daily reminder run calls it.
func (x *Outcomes) SendQuestionnaires(ctx context.Context) (int, error) {
	today := casework.Day(x.now())
	cw := x.db.Casework()
	sent := 0
	for _, months := range casework.CheckMonths {
		from, to := today.Add(-questionnaireWindow).AddDate(0, -months, 0), today.AddDate(0, -months, 0)
		for _, kind := range casework.ServedKinds {
			served, err := cw.ServedBetween(ctx, kind, from, to)
			if err != nil {
				return sent, err
			}
			for _, s := range served {
				n, err := x.sendQuestionnaire(ctx, s, months, today)
				if err != nil {
					return sent, err
				}
				sent += n
			}
		}
	}
	if sent > 0 {
		x.log.Info("outcome questionnaires sent", "n", sent)
	}
	return sent, nil
}

// sendQuestionnaire sends person s's questionnaire of the months check when
// that check is due and not done.
func (x *Outcomes) sendQuestionnaire(ctx context.Context, s casework.Served, months int, today time.Time) (int, error) {
	due, err := x.db.Casework().DueChecks(ctx, s.PersonID, today)
	if err != nil {
		return 0, err
	}
	for _, c := range due {
		if c.Kind != s.Kind || c.Months != months {
			continue
		}
		m := &notify.Message{SubjectType: notify.ToPerson, SubjectID: s.PersonID, Kind: "outcome_questionnaire",
			Title: "就业情况回访：您现在工作了吗？",
			Body:  fmt.Sprintf("%s起就业服务中心为您提供了服务，现在想了解您的近况：点开选一选，一分钟就好。您的答复只用于改进就业服务。", s.ServedOn.Format("2006年1月2日")),
			Link:  "/me/employment", DedupeKey: fmt.Sprintf("questionnaire:%s:%d:%s", s.Kind, months, c.Due.Format("20060102"))}
		var sent bool
		err := x.db.Write(ctx, func(tx *store.Tx) error {
			var err error
			sent, err = tx.Notify(ctx, m)
			return err
		})
		if err != nil || !sent {
			return 0, err
		}
		return 1, nil
	}
	return 0, nil
}
