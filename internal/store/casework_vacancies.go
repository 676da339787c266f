package store

// 话务中心 enterprise vacancy collection: the drafts agents type from calls
// and visits, their end (published as a post, declined, withdrawn), and the
// referral hires an enterprise's history shows.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
)

const vacancyCols = `v.id, v.enterprise_id, COALESCE(e.name, ''), COALESCE(v.contact_id, 0), v.team, v.agent_id, COALESCE(u.name, ''),
	v.title, v.occupation_code, v.headcount, v.salary_min, v.salary_max, v.education, v.experience_years, v.skills,
	v.description, v.region_code, v.address, v.status, COALESCE(v.post_id, 0), v.published_by, v.consent, v.decline_reason,
	v.created_at, v.decided_at, v.decided_by`

const vacancyFrom = ` FROM casework_vacancies v LEFT JOIN enterprises e ON e.id = v.enterprise_id LEFT JOIN users u ON u.id = v.agent_id`

func scanVacancy(s interface{ Scan(...any) error }) (*casework.Vacancy, error) {
	var v casework.Vacancy
	var skills, status string
	var decided sql.NullTime
	if err := s.Scan(&v.ID, &v.EnterpriseID, &v.EnterpriseName, &v.ContactID, &v.Team, &v.AgentID, &v.AgentName,
		&v.Title, &v.OccupationCode, &v.Headcount, &v.SalaryMin, &v.SalaryMax, &v.Education, &v.ExperienceYears, &skills,
		&v.Description, &v.RegionCode, &v.Address, &status, &v.PostID, &v.PublishedBy, &v.Consent, &v.DeclineReason,
		&v.CreatedAt, &decided, &v.DecidedBy); err != nil {
		return nil, err
	}
	if skills != "" {
		v.Skills = strings.Split(skills, ",")
	}
	v.Status, v.CreatedAt, v.DecidedAt = casework.VacancyStatus(status), v.CreatedAt.UTC(), utcOf(decided)
	return &v, nil
}

// CreateVacancy stores a collected vacancy as a draft, audited on the
// enterprise, and tells the enterprise (msg) that a draft waits for it;
// v.ID and v.CreatedAt are set.
func (tb CaseworkStore) CreateVacancy(ctx context.Context, a Actor, v *casework.Vacancy, msg func(*casework.Vacancy) *notify.Message) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.Casework().insertVacancy(ctx, v); err != nil {
			return err
		}
		if _, err := tx.Notify(ctx, msg(v)); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "casework.vacancy.create", "enterprise", v.EnterpriseID, "采集岗位："+v.Title, "ok")
	})
}

func (ct CaseworkTx) insertVacancy(ctx context.Context, v *casework.Vacancy) error {
	if v.CreatedAt.IsZero() {
		v.CreatedAt = ct.t.db.Now()
	}
	if v.Status == "" {
		v.Status = casework.VacancyDraft
	}
	var contact, post any
	if v.ContactID != 0 {
		contact = v.ContactID
	}
	if v.PostID != 0 {
		post = v.PostID
	}
	var decided any
	if !v.DecidedAt.IsZero() {
		decided = v.DecidedAt
	}
	id, err := ct.t.InsertID(ctx, `INSERT INTO casework_vacancies (enterprise_id, contact_id, team, agent_id, title, occupation_code,
		headcount, salary_min, salary_max, education, experience_years, skills, description, region_code, address, status,
		post_id, published_by, consent, decline_reason, created_at, decided_at, decided_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.EnterpriseID, contact, v.Team, v.AgentID, v.Title, v.OccupationCode, v.Headcount, v.SalaryMin, v.SalaryMax,
		v.Education, v.ExperienceYears, strings.Join(v.Skills, ","), v.Description, v.RegionCode, v.Address, string(v.Status),
		post, v.PublishedBy, v.Consent, v.DeclineReason, v.CreatedAt, decided, v.DecidedBy)
	if err != nil {
		return fmt.Errorf("store.insertVacancy: %w", err)
	}
	v.ID = id
	return nil
}

// InsertVacancies stores collected vacancies as they are (the demo).
func (ct CaseworkTx) InsertVacancies(ctx context.Context, vs []*casework.Vacancy) error {
	for _, v := range vs {
		if err := ct.insertVacancy(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

// VacancyByID returns a collected vacancy, or NotFound.
func (tb CaseworkStore) VacancyByID(ctx context.Context, id int64) (*casework.Vacancy, error) {
	v, err := scanVacancy(tb.db.queryRow(ctx, "SELECT "+vacancyCols+vacancyFrom+" WHERE v.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("vacancy")
	}
	if err != nil {
		return nil, fmt.Errorf("store.VacancyByID: %w", err)
	}
	return v, nil
}

// VacancyFilter selects collected vacancies, newest first.
type VacancyFilter struct {
	EnterpriseID int64
	AgentID      int64
	Status       casework.VacancyStatus
	Limit        int
}

// Vacancies lists collected vacancies matching f, newest first.
func (tb CaseworkStore) Vacancies(ctx context.Context, f VacancyFilter) ([]*casework.Vacancy, error) {
	where, args := " WHERE 1=1", []any{}
	if f.EnterpriseID != 0 {
		where, args = where+" AND v.enterprise_id = ?", append(args, f.EnterpriseID)
	}
	if f.AgentID != 0 {
		where, args = where+" AND v.agent_id = ?", append(args, f.AgentID)
	}
	if f.Status != "" {
		where, args = where+" AND v.status = ?", append(args, string(f.Status))
	}
	rows, err := tb.db.query(ctx, "SELECT "+vacancyCols+vacancyFrom+where+" ORDER BY v.id DESC LIMIT "+strconv.Itoa(clampLimit(f.Limit, 50, 500)), args...)
	if err != nil {
		return nil, fmt.Errorf("store.Vacancies: %w", err)
	}
	defer rows.Close()
	var out []*casework.Vacancy
	for rows.Next() {
		v, err := scanVacancy(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Vacancies: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// VacancyEnd is how a draft ends.
type VacancyEnd struct {
	To            casework.VacancyStatus
	PostID        int64
	PublishedBy   string
	Consent       string
	DeclineReason string
}

// EndVacancy moves a draft to its end, audited on the enterprise; a
// vacancy no longer a draft (decided meanwhile) is a Conflict, so a double
// click files one post.
func (ct CaseworkTx) EndVacancy(ctx context.Context, a Actor, v *casework.Vacancy, end VacancyEnd) error {
	var post any
	if end.PostID != 0 {
		post = end.PostID
	}
	res, err := ct.t.Exec(ctx, `UPDATE casework_vacancies SET status = ?, post_id = ?, published_by = ?, consent = ?, decline_reason = ?,
		decided_at = ?, decided_by = ? WHERE id = ? AND status = ?`, string(end.To), post, end.PublishedBy, end.Consent,
		end.DeclineReason, ct.t.db.Now(), a.UserID, v.ID, string(casework.VacancyDraft))
	if err != nil {
		return fmt.Errorf("store.EndVacancy: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.Conflict, "这条采集的岗位已处理过（已发布、不需要或已撤回）")
	}
	summary := "采集岗位" + end.To.Label() + "：" + v.Title
	if end.Consent != "" {
		summary += "（企业同意：" + end.Consent + "）"
	}
	return ct.t.Audit(ctx, a, "casework.vacancy."+string(end.To), "enterprise", v.EnterpriseID, summary, "ok")
}

// PublishVacancy files the post of a draft and marks the draft published,
// in one transaction.
func (tb CaseworkStore) PublishVacancy(ctx context.Context, a Actor, v *casework.Vacancy, p *jobs.Post, by, consent string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.CreatePost(ctx, a, p); err != nil {
			return err
		}
		return tx.Casework().EndVacancy(ctx, a, v, VacancyEnd{To: casework.VacancyPublished, PostID: p.ID, PublishedBy: by, Consent: consent})
	})
}

// EndVacancy declines or withdraws a draft.
func (tb CaseworkStore) EndVacancy(ctx context.Context, a Actor, v *casework.Vacancy, end VacancyEnd) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.Casework().EndVacancy(ctx, a, v, end) })
}

// Referral is an application an agent filed for a person (推荐就业), as an
// enterprise's history lists it.
type Referral struct {
	ApplicationID int64
	PostID        int64
	PostTitle     string
	PersonID      int64
	PersonName    string
	AgentID       int64
	AgentName     string
	Status        jobs.AppStatus
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// ReferralsTo lists the referrals made to an enterprise's posts, newest
// first, and how many of all of them ended in a hire.
func (tb CaseworkStore) ReferralsTo(ctx context.Context, enterpriseID int64, limit int) ([]Referral, int, error) {
	var hired int
	if err := tb.db.queryRow(ctx, `SELECT COUNT(*) FROM job_applications WHERE enterprise_id = ? AND referred_by <> 0 AND status = ?`,
		enterpriseID, string(jobs.AppHired)).Scan(&hired); err != nil {
		return nil, 0, fmt.Errorf("store.ReferralsTo: %w", err)
	}
	rows, err := tb.db.query(ctx, `SELECT a.id, a.post_id, COALESCE(jp.title, ''), a.person_id, COALESCE(p.name, ''), a.referred_by,
		COALESCE(u.name, ''), a.status, a.created_at, a.updated_at
		FROM job_applications a LEFT JOIN job_posts jp ON jp.id = a.post_id LEFT JOIN persons p ON p.id = a.person_id
		LEFT JOIN users u ON u.id = a.referred_by
		WHERE a.enterprise_id = ? AND a.referred_by <> 0 ORDER BY a.id DESC LIMIT `+strconv.Itoa(clampLimit(limit, 50, 500)), enterpriseID)
	if err != nil {
		return nil, 0, fmt.Errorf("store.ReferralsTo: %w", err)
	}
	defer rows.Close()
	var out []Referral
	for rows.Next() {
		var r Referral
		var st string
		if err := rows.Scan(&r.ApplicationID, &r.PostID, &r.PostTitle, &r.PersonID, &r.PersonName, &r.AgentID, &r.AgentName,
			&st, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, 0, fmt.Errorf("store.ReferralsTo: %w", err)
		}
		r.Status, r.CreatedAt, r.UpdatedAt = jobs.AppStatus(st), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
		out = append(out, r)
	}
	return out, hired, rows.Err()
}
