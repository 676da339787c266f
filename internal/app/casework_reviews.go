package app

// 话务中心 quality reviews: each week a supervisor draws a random sample of
// the contact records their team logged (the last full week unless told
// otherwise) and scores each 1–5 with comments; an agent reads the reviews
// of their own records. A supervisor of another team is answered as for no
// record (404, audited).

import (
	"context"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/store"
)

// SampleInput asks for a week's sample: Week is any date of the week
// (YYYY-MM-DD; empty: the last full week), PerAgent how many records per
// agent (0: casework.DefaultPerAgent), Team an admin's choice of team (empty:
// every team).
type SampleInput struct {
	Week     string `json:"week,omitempty"`
	PerAgent int    `json:"per_agent,omitempty"`
	Team     string `json:"team,omitempty"`
}

// weekOf reads a week field: any date of the week, or empty for last week.
func (x *Casework) weekOf(f *apperr.Fields, s string) time.Time {
	if strings.TrimSpace(s) == "" {
		return casework.LastWeek(x.now())
	}
	d := ParseDate(f, "week", s)
	if d.IsZero() {
		return d
	}
	return casework.WeekOf(d.Add(12 * time.Hour)) // noon: the date itself, whatever the zone
}

// SampleReviews draws the week's random sample for the supervisor's team
// (an admin: the team named, or every team) and returns how many records
// it drew; records drawn before are not drawn again.
func (x *Casework) SampleReviews(ctx context.Context, a Actor, in SampleInput) (int, error) {
	if !account.CanSuperviseCasework(a.User) {
		return 0, x.deny(ctx, a, "casework_review", 0)
	}
	var f apperr.Fields
	week := x.weekOf(&f, in.Week)
	if !week.IsZero() && week.After(casework.WeekOf(x.now())) {
		f.Add("week", "不能抽取还没有开始的一周")
	}
	per := in.PerAgent
	if per == 0 {
		per = casework.DefaultPerAgent
	}
	if per < 1 || per > casework.MaxPerAgent {
		f.Add("per_agent", "每人抽取 1 到 20 条")
	}
	if err := f.Err(); err != nil {
		return 0, err
	}
	team, all := a.User.Team, false
	if account.CanSeeEveryTeam(a.User) {
		team = strings.TrimSpace(in.Team)
		all = team == ""
	}
	return x.db.Casework().SampleReviews(ctx, a.store(), team, all, week, per)
}

// ReviewsView is what the quality page shows: for a supervisor, the team's
// sample of the week; for everyone, the reviews of their own records.
type ReviewsView struct {
	Week       time.Time
	Supervisor bool
	Team       []*casework.Review // the week's sample (supervisors)
	Mine       []*casework.Review // scored reviews of the user's own records
	Average    float64            // of Mine
}

// Reviews returns the quality page of the week given (empty: last week).
func (x *Casework) Reviews(ctx context.Context, a Actor, week string) (*ReviewsView, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "casework_review", 0)
	}
	var f apperr.Fields
	v := &ReviewsView{Week: x.weekOf(&f, week), Supervisor: account.CanSuperviseCasework(a.User)}
	if err := f.Err(); err != nil {
		return nil, err
	}
	cw := x.db.Casework()
	var err error
	if v.Supervisor {
		rf := store.ReviewFilter{Team: a.User.Team, AllTeams: account.CanSeeEveryTeam(a.User), Week: v.Week}
		if v.Team, err = cw.Reviews(ctx, rf); err != nil {
			return nil, err
		}
	}
	if v.Mine, err = cw.Reviews(ctx, store.ReviewFilter{AllTeams: true, AgentID: a.User.ID, Reviewed: true, Limit: 50}); err != nil {
		return nil, err
	}
	sum := 0
	for _, r := range v.Mine {
		sum += r.Score
	}
	if len(v.Mine) > 0 {
		v.Average = float64(sum) / float64(len(v.Mine))
	}
	return v, nil
}

// ScoreInput is a supervisor's review of one sampled record.
type ScoreInput struct {
	Score    int    `json:"score"`
	Comments string `json:"comments,omitempty"`
}

// ScoreReview saves a supervisor's score and comments on a record of their
// team's sample, audited; the agent is told in their inbox.
func (x *Casework) ScoreReview(ctx context.Context, a Actor, id int64, in ScoreInput) (*casework.Review, error) {
	if !account.CanSuperviseCasework(a.User) {
		return nil, x.deny(ctx, a, "casework_review", id)
	}
	r, err := x.db.Casework().ReviewByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanReviewContacts(a.User, r.Team) {
		return nil, x.conceal(ctx, a, "casework_review", id)
	}
	in.Comments = strings.TrimSpace(in.Comments)
	if err := casework.CheckScore(in.Score, in.Comments); err != nil {
		return nil, err
	}
	if err := x.db.Casework().ScoreReview(ctx, a.store(), r, in.Score, in.Comments); err != nil {
		return nil, err
	}
	return x.db.Casework().ReviewByID(ctx, id)
}
