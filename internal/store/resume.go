package store

// 网谷智聘 storage: one resume per person, kept as the JSON of
// resume.Resume, and the read-only salary sample the resume diagnosis
// compares expectations with.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/resume"
)

// ResumeAction is the audit action of a saved resume.
const ResumeAction = "resume.update"

// ResumeByPerson returns person personID's resume and the user who last
// saved it. A person without one gets an empty resume (UpdatedAt zero,
// updatedBy 0); whether the person exists is the caller's business.
func (tb JobStore) ResumeByPerson(ctx context.Context, personID int64) (r *resume.Resume, updatedBy int64, err error) {
	r, updatedBy, err = scanResume(tb.db.queryRow(ctx, "SELECT resume, discoverable, updated_at, updated_by FROM resumes WHERE person_id = ?", personID))
	if errors.Is(err, sql.ErrNoRows) {
		return &resume.Resume{PersonID: personID}, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store.ResumeByPerson: %w", err)
	}
	r.PersonID = personID
	return r, updatedBy, nil
}

func scanResume(s interface{ Scan(...any) error }) (*resume.Resume, int64, error) {
	var raw string
	var r resume.Resume
	var by int64
	var disc bool
	var at time.Time
	if err := s.Scan(&raw, &disc, &at, &by); err != nil {
		return nil, 0, err
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return nil, 0, fmt.Errorf("resume JSON: %w", err)
	}
	r.Discoverable, r.UpdatedAt = disc, at.UTC()
	return &r, by, nil
}

// SaveResume stores r (normalised and validated by the caller) as person
// r.PersonID's resume, replacing any earlier one, with an audit entry that
// summarises what changed. An actor other than the person (staff acting
// for them) is recorded as 代办 in the summary.
func (tb JobStore) SaveResume(ctx context.Context, a Actor, r *resume.Resume) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		old, _, err := scanResume(tx.QueryRow(ctx, "SELECT resume, discoverable, updated_at, updated_by FROM resumes WHERE person_id = ?", r.PersonID))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			old = nil
		case err != nil:
			return fmt.Errorf("store.SaveResume: %w", err)
		}
		now := tb.db.Now()
		doc := *r
		doc.UpdatedAt = time.Time{} // kept in its column
		raw, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("store.SaveResume: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO resumes (person_id, resume, discoverable, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (person_id) DO UPDATE SET resume = excluded.resume, discoverable = excluded.discoverable,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			r.PersonID, string(raw), r.Discoverable, now, a.UserID); err != nil {
			return fmt.Errorf("store.SaveResume: %w", err)
		}
		r.UpdatedAt = now
		summary := resumeDiff(old, r)
		if a.Role != string(account.RolePerson) {
			summary = "代办；" + summary
		}
		return tx.Audit(ctx, a, ResumeAction, "resume", r.PersonID, summary, "ok")
	})
}

// resumeDiff summarises a change as "section: before → after" with counts
// and lengths only: a resume's free text is not copied into the audit log.
func resumeDiff(old, cur *resume.Resume) string {
	if old == nil {
		old = &resume.Resume{}
	}
	var parts []string
	add := func(name string, a, b int, unit string, same bool) {
		switch {
		case a != b:
			parts = append(parts, name+": "+strconv.Itoa(a)+" → "+strconv.Itoa(b)+" "+unit)
		case !same:
			parts = append(parts, name+": 内容修改（"+strconv.Itoa(b)+" "+unit+"）")
		}
	}
	j := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	add("求职意向", len(old.Intentions), len(cur.Intentions), "个", j(old.Intentions) == j(cur.Intentions))
	add("教育经历", len(old.Education), len(cur.Education), "段", j(old.Education) == j(cur.Education))
	add("工作经历", len(old.Work), len(cur.Work), "段", j(old.Work) == j(cur.Work))
	add("技能", len(old.Skills), len(cur.Skills), "项", slices.Equal(old.Skills, cur.Skills))
	add("证书", len(old.Certificates), len(cur.Certificates), "个", j(old.Certificates) == j(cur.Certificates))
	add("自我描述", len([]rune(old.SelfDescription)), len([]rune(cur.SelfDescription)), "字", old.SelfDescription == cur.SelfDescription)
	if was, is := old.HasLocation(), cur.HasLocation(); was != is {
		parts = append(parts, "期望工作位置: "+filled(was)+" → "+filled(is))
	} else if is && (*old.Lat != *cur.Lat || *old.Lng != *cur.Lng) {
		parts = append(parts, "期望工作位置: 修改")
	}
	if old.Discoverable != cur.Discoverable {
		parts = append(parts, "公开给用人单位: "+yesNo(old.Discoverable)+" → "+yesNo(cur.Discoverable))
	}
	if len(parts) == 0 {
		return "无变更"
	}
	return strings.Join(parts, "; ")
}

// filled names whether a value is there without copying it: the audit log
// keeps no position.
func filled(b bool) string {
	if b {
		return "已填"
	}
	return "未填"
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// TopOccupations returns the occupation codes with the most posts
// published and open on today, most first (ties by code), at most limit.
func (tb JobStore) TopOccupations(ctx context.Context, today time.Time, limit int) ([]string, error) {
	rows, err := tb.db.query(ctx, `SELECT occupation_code, COUNT(*) FROM job_posts WHERE status = ? AND expires_on >= ?
		GROUP BY occupation_code ORDER BY COUNT(*) DESC, occupation_code LIMIT `+strconv.Itoa(clampLimit(limit, 50, 200)),
		string(jobs.Published), nullDate(today))
	if err != nil {
		return nil, fmt.Errorf("store.TopOccupations: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, fmt.Errorf("store.TopOccupations: %w", err)
		}
		out = append(out, code)
	}
	return out, rows.Err()
}

// InsertResumes stores new resumes (normalised and validated by the
// caller) without audit entries: the demo generator's bulk load. A person
// who already has a resume is an error.
func (tx *Tx) InsertResumes(ctx context.Context, rs []*resume.Resume, at time.Time) error {
	for _, r := range rs {
		doc := *r
		doc.UpdatedAt = time.Time{}
		raw, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("store.InsertResumes: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO resumes (person_id, resume, discoverable, updated_at, updated_by) VALUES (?, ?, ?, ?, 0)`,
			r.PersonID, string(raw), r.Discoverable, at); err != nil {
			return fmt.Errorf("store.InsertResumes: person %d: %w", r.PersonID, err)
		}
		r.UpdatedAt = at
	}
	return nil
}

// MarketPost is a current post's occupation, region and salary range, for
// the salary market of resume diagnosis.
type MarketPost struct {
	OccupationCode, RegionCode string
	SalaryMin, SalaryMax       int
}

// MarketPosts returns every published, unexpired post's occupation, region
// and salary range, in one query.
func (tb JobStore) MarketPosts(ctx context.Context, today time.Time) ([]MarketPost, error) {
	rows, err := tb.db.query(ctx, "SELECT occupation_code, region_code, salary_min, salary_max FROM job_posts WHERE status = ? AND expires_on >= ?",
		string(jobs.Published), nullDate(today))
	if err != nil {
		return nil, fmt.Errorf("store.MarketPosts: %w", err)
	}
	defer rows.Close()
	var out []MarketPost
	for rows.Next() {
		var p MarketPost
		if err := rows.Scan(&p.OccupationCode, &p.RegionCode, &p.SalaryMin, &p.SalaryMax); err != nil {
			return nil, fmt.Errorf("store.MarketPosts: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
