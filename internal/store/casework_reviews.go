package store

// 话务中心 quality reviews: the weekly random sample of contact records a
// supervisor draws for their team, and each record's score and comments
// (sealed: a comment may quote the contact's notes).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
)

// weekRange is the instants a week (its Monday, a Beijing date) covers.
func weekRange(monday time.Time) (from, to time.Time) {
	from = time.Date(monday.Year(), monday.Month(), monday.Day(), 0, 0, 0, 0, chinatime.Zone)
	return from.UTC(), from.AddDate(0, 0, 7).UTC()
}

// SampleReviews draws, for every agent who logged contacts for team in the
// week, perAgent of those contacts at random that were never drawn before,
// and returns how many it drew (audited once). allTeams draws for every
// team (an admin).
func (tb CaseworkStore) SampleReviews(ctx context.Context, a Actor, team string, allTeams bool, week time.Time, perAgent int) (int, error) {
	from, to := weekRange(week)
	n := 0
	err := tb.db.Write(ctx, func(tx *Tx) error {
		q, args := `SELECT DISTINCT agent_id, team FROM casework_contacts WHERE at >= ? AND at < ?`, []any{from, to}
		if !allTeams {
			q, args = q+" AND team = ?", append(args, team)
		}
		type agentTeam struct {
			id   int64
			team string
		}
		var agents []agentTeam
		rows, err := tx.Query(ctx, q+" ORDER BY agent_id", args...)
		if err != nil {
			return fmt.Errorf("store.SampleReviews: %w", err)
		}
		for rows.Next() {
			var at agentTeam
			if err := rows.Scan(&at.id, &at.team); err != nil {
				rows.Close()
				return fmt.Errorf("store.SampleReviews: %w", err)
			}
			agents = append(agents, at)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store.SampleReviews: %w", err)
		}
		now := tb.db.Now()
		for _, ag := range agents {
			ids, err := tx.Casework().int64s(ctx, `SELECT c.id FROM casework_contacts c WHERE c.agent_id = ? AND c.team = ? AND c.at >= ? AND c.at < ?
				AND NOT EXISTS (SELECT 1 FROM casework_reviews r WHERE r.contact_id = c.id) ORDER BY random() LIMIT `+strconv.Itoa(perAgent),
				ag.id, ag.team, from, to)
			if err != nil {
				return fmt.Errorf("store.SampleReviews: %w", err)
			}
			for _, id := range ids {
				if _, err := tx.Exec(ctx, `INSERT INTO casework_reviews (contact_id, agent_id, team, week, drawn_by, drawn_at)
					VALUES (?, ?, ?, ?, ?, ?)`, id, ag.id, ag.team, week, a.UserID, now); err != nil {
					return fmt.Errorf("store.SampleReviews: %w", err)
				}
				n++
			}
		}
		return tx.Audit(ctx, a, "casework.review.sample", "team", 0,
			fmt.Sprintf("抽取 %s 质检样本 %d 条（班组：%s）", casework.WeekLabel(week), n, teamLabel(team, allTeams)), "ok")
	})
	return n, err
}

func teamLabel(team string, all bool) string {
	switch {
	case all:
		return "全部"
	case team == "":
		return "默认班组"
	}
	return team
}

// int64s reads a one-column list of ids inside a transaction.
func (ct CaseworkTx) int64s(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := ct.t.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const reviewCols = `r.id, r.contact_id, r.agent_id, COALESCE(ua.name, ''), r.team, r.week, r.drawn_by, r.drawn_at, r.reviewer_id,
	COALESCE(ur.name, ''), r.score, r.comments_enc, r.reviewed_at, ` + contactCols

const reviewFrom = ` FROM casework_reviews r JOIN casework_contacts c ON c.id = r.contact_id LEFT JOIN users u ON u.id = c.agent_id
	LEFT JOIN users ua ON ua.id = r.agent_id LEFT JOIN users ur ON ur.id = r.reviewer_id`

func (tb CaseworkStore) scanReview(s interface{ Scan(...any) error }) (*casework.Review, error) {
	var r casework.Review
	var enc, notes []byte
	var reviewed sql.NullTime
	var c casework.Contact
	var ch, dir, topics, res string
	if err := s.Scan(&r.ID, &r.ContactID, &r.AgentID, &r.AgentName, &r.Team, &r.Week, &r.DrawnBy, &r.DrawnAt, &r.ReviewerID,
		&r.ReviewerName, &r.Score, &enc, &reviewed,
		&c.ID, &c.PersonID, &c.EnterpriseID, &c.Team, &c.AgentID, &c.AgentName, &ch, &dir, &topics, &notes,
		&c.DurationS, &res, &c.At); err != nil {
		return nil, err
	}
	c.Channel, c.Direction, c.Topics, c.Result, c.At = casework.Channel(ch), casework.Direction(dir), casework.SplitTopics(topics),
		casework.Result(res), c.At.UTC()
	var err error
	if len(notes) > 0 {
		if c.Notes, err = tb.db.box.Open(notes); err != nil {
			return nil, err
		}
	}
	if len(enc) > 0 {
		if r.Comments, err = tb.db.box.Open(enc); err != nil {
			return nil, err
		}
	}
	r.Week, r.DrawnAt, r.ReviewedAt, r.Contact = r.Week.UTC(), r.DrawnAt.UTC(), utcOf(reviewed), &c
	return &r, nil
}

// ReviewFilter selects sampled records: of a team (or all teams), of one
// agent, of one week; Reviewed keeps only scored ones.
type ReviewFilter struct {
	Team     string
	AllTeams bool
	AgentID  int64
	Week     time.Time
	Reviewed bool
	Limit    int
}

// Reviews lists sampled records matching f, newest week first, then by
// agent, with the contacts and their notes opened.
func (tb CaseworkStore) Reviews(ctx context.Context, f ReviewFilter) ([]*casework.Review, error) {
	where, args := " WHERE 1=1", []any{}
	if !f.AllTeams {
		where, args = where+" AND r.team = ?", append(args, f.Team)
	}
	if f.AgentID != 0 {
		where, args = where+" AND r.agent_id = ?", append(args, f.AgentID)
	}
	if !f.Week.IsZero() {
		where, args = where+" AND r.week = ?", append(args, f.Week)
	}
	if f.Reviewed {
		where += " AND r.score > 0"
	}
	rows, err := tb.db.query(ctx, "SELECT "+reviewCols+reviewFrom+where+" ORDER BY r.week DESC, r.agent_id, r.id LIMIT "+
		strconv.Itoa(clampLimit(f.Limit, 200, 1000)), args...)
	if err != nil {
		return nil, fmt.Errorf("store.Reviews: %w", err)
	}
	defer rows.Close()
	var out []*casework.Review
	for rows.Next() {
		r, err := tb.scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Reviews: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewByID returns a sampled record, or NotFound.
func (tb CaseworkStore) ReviewByID(ctx context.Context, id int64) (*casework.Review, error) {
	r, err := tb.scanReview(tb.db.queryRow(ctx, "SELECT "+reviewCols+reviewFrom+" WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("review")
	}
	if err != nil {
		return nil, fmt.Errorf("store.ReviewByID: %w", err)
	}
	return r, nil
}

// ScoreReview saves a supervisor's score and comments (sealed), audited on
// the agent reviewed; a later save replaces an earlier one.
func (tb CaseworkStore) ScoreReview(ctx context.Context, a Actor, r *casework.Review, score int, comments string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var enc any
		if comments != "" {
			enc = tb.db.box.Seal(comments)
		}
		res, err := tx.Exec(ctx, "UPDATE casework_reviews SET reviewer_id = ?, score = ?, comments_enc = ?, reviewed_at = ? WHERE id = ?",
			a.UserID, score, enc, tb.db.Now(), r.ID)
		if err != nil {
			return fmt.Errorf("store.ScoreReview: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "质检记录不存在")
		}
		return tx.Audit(ctx, a, "casework.review.score", "user", r.AgentID,
			fmt.Sprintf("质检联系记录 #%d：%d 分", r.ContactID, score), "ok")
	})
}

// InsertReviews stores sampled and scored records as they are (the demo);
// comments are sealed.
func (ct CaseworkTx) InsertReviews(ctx context.Context, rs []*casework.Review) error {
	for _, r := range rs {
		var enc, reviewed any
		if r.Comments != "" {
			enc = ct.t.db.box.Seal(r.Comments)
		}
		if !r.ReviewedAt.IsZero() {
			reviewed = r.ReviewedAt
		}
		if _, err := ct.t.Exec(ctx, `INSERT INTO casework_reviews (contact_id, agent_id, team, week, drawn_by, drawn_at, reviewer_id, score,
			comments_enc, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ContactID, r.AgentID, r.Team, r.Week, r.DrawnBy,
			r.DrawnAt, r.ReviewerID, r.Score, enc, reviewed); err != nil {
			return fmt.Errorf("store.InsertReviews: %w", err)
		}
	}
	return nil
}
