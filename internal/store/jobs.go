package store

// 网谷智聘 storage: job posts, their change sequence and view counts.
//
// Every change to a post takes the next number of the job change sequence
// (table job_seq, one row) in the same transaction and writes it to the
// post's change_seq. Taking a number updates that row, so on PostgreSQL
// concurrent writers queue on its row lock until the holder commits: numbers
// become visible strictly in order, and a follower that has read every post
// up to number N never later finds a post committed with a smaller one. The
// number is always taken first in a transaction, before the audit entry, so
// the two locks are always taken in the same order.

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

	"github.com/jiuye/jiuye/internal/jobs"
)

const postCols = `p.id, p.enterprise_id, e.name, p.title, p.occupation_code, p.description, p.headcount, p.salary_min,
	p.salary_max, p.education, p.experience_years, p.skills, p.benefits, p.region_code, p.address, p.lat, p.lng, p.expires_on,
	p.status, p.review_reason, p.reviewed_by, p.reviewed_at, p.published_at, p.created_by, p.created_at, p.updated_at, p.change_seq, e.verified, p.internship`

const postFrom = ` FROM job_posts p JOIN enterprises e ON e.id = p.enterprise_id`

func scanPost(s interface{ Scan(...any) error }) (*jobs.Post, error) {
	var p jobs.Post
	var skills, benefits, status string
	var lat, lng sql.NullFloat64
	var reviewed, published sql.NullTime
	err := s.Scan(&p.ID, &p.EnterpriseID, &p.EnterpriseName, &p.Title, &p.OccupationCode, &p.Description, &p.Headcount,
		&p.SalaryMin, &p.SalaryMax, &p.Education, &p.ExperienceYears, &skills, &benefits, &p.RegionCode, &p.Address, &lat, &lng,
		&p.ExpiresOn, &status, &p.ReviewReason, &p.ReviewedBy, &reviewed, &published, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt, &p.Seq, &p.EnterpriseVerified, &p.Internship)
	if err != nil {
		return nil, err
	}
	p.Status = jobs.Status(status)
	p.ExpiresOn = p.ExpiresOn.UTC()
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if err := json.Unmarshal([]byte(skills), &p.Skills); err != nil {
		return nil, fmt.Errorf("post %d skills: %w", p.ID, err)
	}
	if err := json.Unmarshal([]byte(benefits), &p.Benefits); err != nil {
		return nil, fmt.Errorf("post %d benefits: %w", p.ID, err)
	}
	if lat.Valid && lng.Valid {
		p.Lat, p.Lng, p.HasGeo = lat.Float64, lng.Float64, true
	}
	if reviewed.Valid {
		p.ReviewedAt = reviewed.Time.UTC()
	}
	if published.Valid {
		p.PublishedAt = published.Time.UTC()
	}
	return &p, nil
}

func tagsJSON(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

func geo(p *jobs.Post) (lat, lng any) {
	if !p.HasGeo {
		return nil, nil
	}
	return p.Lat, p.Lng
}

// nextJobSeq takes k numbers of the job change sequence and returns the
// last; the first is last-k+1. It must be the first statement of a
// transaction that changes posts (see the file comment).
func (t *Tx) nextJobSeq(ctx context.Context, k int) (int64, error) {
	var n int64
	if err := t.QueryRow(ctx, "UPDATE job_seq SET n = n + ? WHERE id = 1 RETURNING n", k).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: job sequence: %w", err)
	}
	return n, nil
}

// touchEnterprisePosts gives every post of an enterprise a new change
// number, so that search followers re-read them after the enterprise was
// renamed or its verification changed.
func (t *Tx) touchEnterprisePosts(ctx context.Context, enterpriseID int64) error {
	rows, err := t.Query(ctx, "SELECT id FROM job_posts WHERE enterprise_id = ? ORDER BY id", enterpriseID)
	if err != nil {
		return fmt.Errorf("store.touchEnterprisePosts: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 0 {
		return nil
	}
	last, err := t.nextJobSeq(ctx, len(ids))
	if err != nil {
		return err
	}
	for i, id := range ids {
		if _, err := t.Exec(ctx, "UPDATE job_posts SET change_seq = ? WHERE id = ?", last-int64(len(ids)-1-i), id); err != nil {
			return fmt.Errorf("store.touchEnterprisePosts: %w", err)
		}
	}
	return nil
}

// JobSeq returns the last committed job change sequence number.
func (tb JobStore) JobSeq(ctx context.Context) (int64, error) {
	var n int64
	if err := tb.db.queryRow(ctx, "SELECT n FROM job_seq WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("store.JobSeq: %w", err)
	}
	return n, nil
}

func (t *Tx) insertPost(ctx context.Context, p *jobs.Post, seq int64, now time.Time) error {
	lat, lng := geo(p)
	var pub any
	if !p.PublishedAt.IsZero() {
		pub = p.PublishedAt.UTC()
	}
	id, err := t.InsertID(ctx, `INSERT INTO job_posts (enterprise_id, title, occupation_code, description, headcount, salary_min,
		salary_max, education, experience_years, skills, benefits, region_code, address, lat, lng, expires_on, status,
		published_at, created_by, created_at, updated_at, change_seq, internship) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.EnterpriseID, p.Title, p.OccupationCode, p.Description, p.Headcount, p.SalaryMin, p.SalaryMax, p.Education,
		p.ExperienceYears, tagsJSON(p.Skills), tagsJSON(p.Benefits), p.RegionCode, p.Address, lat, lng, nullDate(p.ExpiresOn),
		string(p.Status), pub, p.CreatedBy, now, now, seq, p.Internship)
	if err != nil {
		return fmt.Errorf("store: insert post: %w", err)
	}
	p.ID, p.Seq = id, seq
	if p.CreatedAt.IsZero() {
		p.CreatedAt, p.UpdatedAt = now, now
	}
	return nil
}

// CreatePost stores a new post waiting for review, audited.
func (tb JobStore) CreatePost(ctx context.Context, a Actor, p *jobs.Post) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.CreatePost(ctx, a, p) })
}

// CreatePost files a new post waiting for review inside a transaction that
// does more (a collected vacancy published with it), audited.
func (t *Tx) CreatePost(ctx context.Context, a Actor, p *jobs.Post) error {
	seq, err := t.nextJobSeq(ctx, 1)
	if err != nil {
		return err
	}
	p.Status, p.CreatedBy = jobs.Pending, a.UserID
	if err := t.insertPost(ctx, p, seq, t.db.Now()); err != nil {
		return err
	}
	return t.Audit(ctx, a, "job.create", "job_post", p.ID, p.Title, "ok")
}

// InsertPosts stores many posts as they are (status included) in one
// transaction; the demo generator uses it. Posts are not audited one by one.
func (t *Tx) InsertPosts(ctx context.Context, posts []*jobs.Post) error {
	if len(posts) == 0 {
		return nil
	}
	last, err := t.nextJobSeq(ctx, len(posts))
	if err != nil {
		return err
	}
	now := t.db.Now()
	for i, p := range posts {
		if err := t.insertPost(ctx, p, last-int64(len(posts)-1-i), now); err != nil {
			return err
		}
	}
	return nil
}

// PostByID returns a post or NotFound.
func (tb JobStore) PostByID(ctx context.Context, id int64) (*jobs.Post, error) {
	p, err := scanPost(tb.db.queryRow(ctx, "SELECT "+postCols+postFrom+" WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("job_post")
	}
	if err != nil {
		return nil, fmt.Errorf("store.PostByID: %w", err)
	}
	return p, nil
}

// postsByIDsChunk bounds the ids of one query of PostsByIDs.
const postsByIDsChunk = 500

// PostsByIDs returns the posts with the given ids that exist, by id: the
// search index keeps no texts or card details, so a result page, and the
// candidates of a recommendation, read their posts here.
func (tb JobStore) PostsByIDs(ctx context.Context, ids []int64) (map[int64]*jobs.Post, error) {
	out := make(map[int64]*jobs.Post, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), postsByIDsChunk)
		rows, err := tb.db.query(ctx, "SELECT "+postCols+postFrom+" WHERE p.id IN ("+placeholders(n)+")", int64Args(ids[:n])...)
		if err != nil {
			return nil, fmt.Errorf("store.PostsByIDs: %w", err)
		}
		posts, err := scanPosts(rows)
		if err != nil {
			return nil, fmt.Errorf("store.PostsByIDs: %w", err)
		}
		for _, p := range posts {
			out[p.ID] = p
		}
		ids = ids[n:]
	}
	return out, nil
}

func (t *Tx) postForUpdate(ctx context.Context, id int64) (*jobs.Post, error) {
	p, err := scanPost(t.QueryRow(ctx, "SELECT "+postCols+postFrom+" WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("job_post")
	}
	if err != nil {
		return nil, fmt.Errorf("store: read post: %w", err)
	}
	return p, nil
}

// UpdatePost saves edited content; the post goes back to review. Closed
// posts cannot be edited (Conflict). The audit entry names the changed fields.
func (tb JobStore) UpdatePost(ctx context.Context, a Actor, p *jobs.Post) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		seq, err := tx.nextJobSeq(ctx, 1)
		if err != nil {
			return err
		}
		old, err := tx.postForUpdate(ctx, p.ID)
		if err != nil {
			return err
		}
		next, err := jobs.Next(old.Status, jobs.ActEdit)
		if err != nil {
			return err
		}
		now := tb.db.Now()
		lat, lng := geo(p)
		if _, err := tx.Exec(ctx, `UPDATE job_posts SET title = ?, occupation_code = ?, description = ?, headcount = ?, salary_min = ?,
			salary_max = ?, education = ?, experience_years = ?, skills = ?, benefits = ?, region_code = ?, address = ?, lat = ?, lng = ?,
			expires_on = ?, status = ?, review_reason = '', updated_at = ?, change_seq = ?, internship = ? WHERE id = ?`,
			p.Title, p.OccupationCode, p.Description, p.Headcount, p.SalaryMin, p.SalaryMax, p.Education, p.ExperienceYears,
			tagsJSON(p.Skills), tagsJSON(p.Benefits), p.RegionCode, p.Address, lat, lng, nullDate(p.ExpiresOn), string(next),
			now, seq, p.Internship, p.ID); err != nil {
			return fmt.Errorf("store.UpdatePost: %w", err)
		}
		p.EnterpriseID, p.EnterpriseName, p.CreatedBy, p.CreatedAt = old.EnterpriseID, old.EnterpriseName, old.CreatedBy, old.CreatedAt
		p.Status, p.UpdatedAt, p.Seq, p.PublishedAt, p.ReviewReason = next, now, seq, old.PublishedAt, ""
		summary := old.Status.Label() + " → " + next.Label() + "；修改：" + strings.Join(changedFields(old, p), ", ")
		return tx.Audit(ctx, a, "job.update", "job_post", p.ID, summary, "ok")
	})
}

func changedFields(a, b *jobs.Post) []string {
	var out []string
	add := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	add("title", a.Title == b.Title)
	add("occupation_code", a.OccupationCode == b.OccupationCode)
	add("internship", a.Internship == b.Internship)
	add("description", a.Description == b.Description)
	add("headcount", a.Headcount == b.Headcount)
	add("salary", a.SalaryMin == b.SalaryMin && a.SalaryMax == b.SalaryMax)
	add("education", a.Education == b.Education)
	add("experience_years", a.ExperienceYears == b.ExperienceYears)
	add("skills", slices.Equal(a.Skills, b.Skills))
	add("benefits", slices.Equal(a.Benefits, b.Benefits))
	add("region_code", a.RegionCode == b.RegionCode)
	add("address", a.Address == b.Address)
	add("geo", a.HasGeo == b.HasGeo && a.Lat == b.Lat && a.Lng == b.Lng)
	add("expires_on", a.ExpiresOn.Equal(b.ExpiresOn))
	if out == nil {
		out = []string{"无内容变化，重新提交审核"}
	}
	return out
}

// ChangePostStatus applies a review decision or an employer's pause,
// resume or close (jobs.Next decides what is allowed), audited, and puts
// tell's message (nil: none) in the inbox in the same transaction.
func (tb JobStore) ChangePostStatus(ctx context.Context, a Actor, id int64, action, reason string, tell func(*jobs.Post) *NotifyMsg) (*jobs.Post, error) {
	var out *jobs.Post
	err := tb.db.Write(ctx, func(tx *Tx) error {
		seq, err := tx.nextJobSeq(ctx, 1)
		if err != nil {
			return err
		}
		p, err := tx.postForUpdate(ctx, id)
		if err != nil {
			return err
		}
		from := p.Status
		next, err := jobs.Next(from, action)
		if err != nil {
			return err
		}
		now := tb.db.Now()
		switch action {
		case jobs.ActApprove, jobs.ActReject, jobs.ActTakeDown:
			if action == jobs.ActApprove {
				p.PublishedAt, reason = now, ""
			}
			p.ReviewReason, p.ReviewedBy, p.ReviewedAt = reason, a.UserID, now
		}
		var pub any
		if !p.PublishedAt.IsZero() {
			pub = p.PublishedAt
		}
		var rev any
		if !p.ReviewedAt.IsZero() {
			rev = p.ReviewedAt
		}
		if _, err := tx.Exec(ctx, `UPDATE job_posts SET status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?, published_at = ?,
			updated_at = ?, change_seq = ? WHERE id = ?`, string(next), p.ReviewReason, p.ReviewedBy, rev, pub, now, seq, id); err != nil {
			return fmt.Errorf("store.ChangePostStatus: %w", err)
		}
		p.Status, p.UpdatedAt, p.Seq = next, now, seq
		summary := p.Title + "：" + from.Label() + " → " + next.Label()
		if reason != "" {
			summary += "；原因：" + reason
		}
		if err := tx.Audit(ctx, a, "job."+action, "job_post", id, summary, "ok"); err != nil {
			return err
		}
		if next == jobs.Published && from != jobs.Published { // newly searchable: match saved searches
			pid := strconv.FormatInt(id, 10)
			if err := tx.Enqueue(ctx, TaskJobsAlert, pid, TaskJobsAlert+":"+pid, now); err != nil {
				return err
			}
		}
		out = p
		if tell == nil {
			return nil
		}
		return tx.notifyMsg(ctx, tell(p))
	})
	return out, err
}

// ListPosts returns posts matching f and their total.
func (tb JobStore) ListPosts(ctx context.Context, f jobs.PostFilter) ([]*jobs.Post, int, error) {
	where, args := " WHERE 1=1", []any{}
	if f.EnterpriseID != 0 {
		where += " AND p.enterprise_id = ?"
		args = append(args, f.EnterpriseID)
	}
	if f.Status != "" {
		where += " AND p.status = ?"
		args = append(args, f.Status)
	}
	var total int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM job_posts p"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.ListPosts: %w", err)
	}
	order := " ORDER BY p.id DESC"
	if f.Oldest {
		order = " ORDER BY p.updated_at, p.id"
	}
	rows, err := tb.db.query(ctx, "SELECT "+postCols+postFrom+where+order+" LIMIT "+strconv.Itoa(clampLimit(f.Limit, 20, 200))+
		" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.ListPosts: %w", err)
	}
	out, err := scanPosts(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("store.ListPosts: %w", err)
	}
	return out, total, nil
}

func scanPosts(rows *sql.Rows) ([]*jobs.Post, error) {
	defer rows.Close()
	var out []*jobs.Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PostsChangedAfter returns up to limit posts whose last change has a
// sequence number above seq, in sequence order: what a search index that
// has applied everything up to seq must apply next.
func (tb JobStore) PostsChangedAfter(ctx context.Context, seq int64, limit int) ([]*jobs.Post, error) {
	rows, err := tb.db.query(ctx, "SELECT "+postCols+postFrom+" WHERE p.change_seq > ? ORDER BY p.change_seq LIMIT "+
		strconv.Itoa(clampLimit(limit, 500, 5000)), seq)
	if err != nil {
		return nil, fmt.Errorf("store.PostsChangedAfter: %w", err)
	}
	out, err := scanPosts(rows)
	if err != nil {
		return nil, fmt.Errorf("store.PostsChangedAfter: %w", err)
	}
	return out, nil
}

// SearchablePostsAfter returns up to limit published posts open on today
// (a Beijing date) with id > afterID, in id order: the initial load of a
// search index and the export of the searchable corpus.
func (tb JobStore) SearchablePostsAfter(ctx context.Context, afterID int64, today time.Time, limit int) ([]*jobs.Post, error) {
	rows, err := tb.db.query(ctx, "SELECT "+postCols+postFrom+" WHERE p.status = ? AND p.expires_on >= ? AND e.verified = ? AND p.id > ? ORDER BY p.id LIMIT "+
		strconv.Itoa(clampLimit(limit, 1000, 5000)), string(jobs.Published), nullDate(today), true, afterID)
	if err != nil {
		return nil, fmt.Errorf("store.SearchablePostsAfter: %w", err)
	}
	out, err := scanPosts(rows)
	if err != nil {
		return nil, fmt.Errorf("store.SearchablePostsAfter: %w", err)
	}
	return out, nil
}

// SearchablePostsIn returns the published posts open on today (a Beijing
// date) with from ≤ id < to, in id order: one slice of an index load that
// reads the posts on several connections at once (see MaxPostID).
func (tb JobStore) SearchablePostsIn(ctx context.Context, from, to int64, today time.Time) ([]*jobs.Post, error) {
	rows, err := tb.db.query(ctx, "SELECT "+postCols+postFrom+" WHERE p.status = ? AND p.expires_on >= ? AND e.verified = ? AND p.id >= ? AND p.id < ? ORDER BY p.id",
		string(jobs.Published), nullDate(today), true, from, to)
	if err != nil {
		return nil, fmt.Errorf("store.SearchablePostsIn: %w", err)
	}
	out, err := scanPosts(rows)
	if err != nil {
		return nil, fmt.Errorf("store.SearchablePostsIn: %w", err)
	}
	return out, nil
}

// MaxPostID returns the largest post id (0 without posts).
func (tb JobStore) MaxPostID(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := tb.db.queryRow(ctx, "SELECT MAX(id) FROM job_posts").Scan(&n); err != nil {
		return 0, fmt.Errorf("store.MaxPostID: %w", err)
	}
	return n.Int64, nil
}

// expireBatch bounds one expiry transaction, so waiting writers are not held up.
const expireBatch = 500

// ExpirePosts marks posts (waiting, published or paused) whose expiry day
// is before today as expired, in batches, with one audit entry per batch.
// It returns how many it marked.
func (tb JobStore) ExpirePosts(ctx context.Context, a Actor, today time.Time) (int, error) {
	total := 0
	for {
		n := 0
		err := tb.db.Write(ctx, func(tx *Tx) error {
			// Take the sequence row first (adding nothing): no other post
			// change can commit between the read and the updates below.
			if _, err := tx.nextJobSeq(ctx, 0); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT id FROM job_posts WHERE status IN (?, ?, ?) AND expires_on < ? ORDER BY id LIMIT `+
				strconv.Itoa(expireBatch), string(jobs.Pending), string(jobs.Published), string(jobs.Paused), nullDate(today))
			if err != nil {
				return fmt.Errorf("store.ExpirePosts: %w", err)
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return fmt.Errorf("store.ExpirePosts: %w", err)
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("store.ExpirePosts: %w", err)
			}
			if len(ids) == 0 {
				return nil
			}
			last, err := tx.nextJobSeq(ctx, len(ids))
			if err != nil {
				return err
			}
			now := tb.db.Now()
			for i, id := range ids {
				if _, err := tx.Exec(ctx, "UPDATE job_posts SET status = ?, updated_at = ?, change_seq = ? WHERE id = ?",
					string(jobs.Expired), now, last-int64(len(ids)-1-i), id); err != nil {
					return fmt.Errorf("store.ExpirePosts: %w", err)
				}
			}
			n = len(ids)
			return tx.Audit(ctx, a, "job.expire", "job_post", 0, fmt.Sprintf("%d 个岗位有效期已过，自动下线", n), "ok")
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < expireBatch {
			return total, nil
		}
	}
}

// PostDay keys a view count.
type PostDay struct {
	PostID int64
	Day    time.Time // Beijing date as UTC midnight
}

// AddPostViews adds counted views to job_views in one transaction.
func (tb JobStore) AddPostViews(ctx context.Context, views map[PostDay]int) error {
	if len(views) == 0 {
		return nil
	}
	return tb.db.Write(ctx, func(tx *Tx) error {
		for k, n := range views {
			if _, err := tx.Exec(ctx, `INSERT INTO job_views (post_id, day, n) VALUES (?, ?, ?)
				ON CONFLICT (post_id, day) DO UPDATE SET n = job_views.n + excluded.n`, k.PostID, nullDate(k.Day), n); err != nil {
				return fmt.Errorf("store.AddPostViews: %w", err)
			}
		}
		return nil
	})
}

// ViewCount is a post's views in total and since a day.
type ViewCount struct {
	Total, Recent int64
}

// PostViewCounts returns the view counts of posts ids: in total and from since (a date) on.
func (tb JobStore) PostViewCounts(ctx context.Context, ids []int64, since time.Time) (map[int64]ViewCount, error) {
	out := make(map[int64]ViewCount, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{nullDate(since)}
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = "?"
		args = append(args, id)
	}
	rows, err := tb.db.query(ctx, `SELECT post_id, SUM(n), SUM(CASE WHEN day >= ? THEN n ELSE 0 END) FROM job_views
		WHERE post_id IN (`+strings.Join(marks, ", ")+`) GROUP BY post_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.PostViewCounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v ViewCount
		if err := rows.Scan(&id, &v.Total, &v.Recent); err != nil {
			return nil, fmt.Errorf("store.PostViewCounts: %w", err)
		}
		out[id] = v
	}
	return out, rows.Err()
}

// DayCount is one day's views.
type DayCount struct {
	Day time.Time
	N   int64
}

// PostViewsByDay returns a post's views per day from since on, oldest first.
func (tb JobStore) PostViewsByDay(ctx context.Context, id int64, since time.Time) ([]DayCount, error) {
	rows, err := tb.db.query(ctx, "SELECT day, n FROM job_views WHERE post_id = ? AND day >= ? ORDER BY day", id, nullDate(since))
	if err != nil {
		return nil, fmt.Errorf("store.PostViewsByDay: %w", err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var d DayCount
		if err := rows.Scan(&d.Day, &d.N); err != nil {
			return nil, fmt.Errorf("store.PostViewsByDay: %w", err)
		}
		d.Day = d.Day.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// EnterpriseRef names an enterprise.
type EnterpriseRef struct {
	ID   int64
	Name string
}

// VerifiedEnterprises returns the staff-verified enterprises in id order
// (the demo generator gives them posts).
func (tb JobStore) VerifiedEnterprises(ctx context.Context) ([]EnterpriseRef, error) {
	rows, err := tb.db.query(ctx, "SELECT id, name FROM enterprises WHERE verified = ? ORDER BY id", true)
	if err != nil {
		return nil, fmt.Errorf("store.VerifiedEnterprises: %w", err)
	}
	defer rows.Close()
	var out []EnterpriseRef
	for rows.Next() {
		var e EnterpriseRef
		if err := rows.Scan(&e.ID, &e.Name); err != nil {
			return nil, fmt.Errorf("store.VerifiedEnterprises: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
