package store

// 话务中心 casework: the case a team keeps for each person it serves, the
// contacts agents log (notes sealed like phone numbers), follow-ups and
// their queues, call scripts, and the daily reminders of follow-ups due.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/notify"
)

// CaseworkTx is the casework writes a transaction does with others (a
// referral's served mark, a contact's follow-ups, the demo's bulk rows).
type CaseworkTx struct{ t *Tx }

// Casework returns the casework writes of the transaction.
func (t *Tx) Casework() CaseworkTx { return CaseworkTx{t} }

// CaseworkStore is the tables of 话务中心 and 跟踪评估: cases, contacts,
// follow-ups, scripts, the people served and their outcomes.
type CaseworkStore struct{ db *DB }

// Case is the team that serves a person and its agent in charge.
type Case struct {
	PersonID      int64
	Team          string
	OwnerID       int64
	OwnerName     string
	OpenedAt      time.Time
	LastContactAt time.Time
	Contacts      int
}

// CaseOf returns the person's case, or nil when no team serves them yet.
func (tb CaseworkStore) CaseOf(ctx context.Context, personID int64) (*Case, error) {
	var c Case
	var last sql.NullTime
	err := tb.db.queryRow(ctx, `SELECT c.person_id, c.team, c.owner_id, u.name, c.opened_at, c.last_contact_at, c.contacts
		FROM casework_cases c JOIN users u ON u.id = c.owner_id WHERE c.person_id = ?`, personID).
		Scan(&c.PersonID, &c.Team, &c.OwnerID, &c.OwnerName, &c.OpenedAt, &last, &c.Contacts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.CaseOf: %w", err)
	}
	c.OpenedAt, c.LastContactAt = c.OpenedAt.UTC(), utcOf(last)
	return &c, nil
}

// ReassignCase hands a person's case to another agent (and their team),
// audited; NotFound when the person has no case.
func (tb CaseworkStore) ReassignCase(ctx context.Context, a Actor, personID, ownerID int64, team string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE casework_cases SET owner_id = ?, team = ? WHERE person_id = ?", ownerID, team, personID)
		if err != nil {
			return fmt.Errorf("store.ReassignCase: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Missing("case")
		}
		return tx.Audit(ctx, a, "casework.case.reassign", "person", personID, "案件转交给用户 #"+strconv.FormatInt(ownerID, 10), "ok")
	})
}

// LogContact records a contact in one transaction with the case it opens
// or updates (for a person), its audit entry and what also adds (a
// referral, a follow-up closed by this call, the served mark). The notes
// are sealed; c.ID and c.At are set.
func (tb CaseworkStore) LogContact(ctx context.Context, a Actor, c *casework.Contact, also func(*Tx) error) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if c.At.IsZero() {
			c.At = tb.db.Now()
		}
		var notes any
		if c.Notes != "" {
			notes = tb.db.box.Seal(c.Notes)
		}
		id, err := tx.InsertID(ctx, `INSERT INTO casework_contacts (person_id, enterprise_id, team, agent_id, channel, direction, topics,
			notes_enc, duration_s, outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(c.PersonID), nullID(c.EnterpriseID), c.Team, c.AgentID, string(c.Channel), string(c.Direction),
			casework.JoinTopics(c.Topics), notes, c.DurationS, string(c.Result), c.At)
		if err != nil {
			return fmt.Errorf("store.LogContact: %w", err)
		}
		c.ID = id
		obj, objID := "enterprise", c.EnterpriseID
		if c.PersonID != 0 {
			obj, objID = "person", c.PersonID
			if err := tx.Casework().touchCase(ctx, c); err != nil {
				return err
			}
		}
		summary := "记录联系 #" + strconv.FormatInt(id, 10) + "（" + c.Channel.Label() + "，" + c.TopicLabels() + "）"
		if err := tx.Audit(ctx, a, "casework.contact", obj, objID, summary, "ok"); err != nil {
			return err
		}
		if also != nil {
			return also(tx)
		}
		return nil
	})
}

// touchCase opens the person's case for the contact's team and agent, or
// counts the contact on the case that exists.
func (ct CaseworkTx) touchCase(ctx context.Context, c *casework.Contact) error {
	res, err := ct.t.Exec(ctx, "UPDATE casework_cases SET last_contact_at = ?, contacts = contacts + 1 WHERE person_id = ?", c.At, c.PersonID)
	if err != nil {
		return fmt.Errorf("store.touchCase: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if _, err := ct.t.Exec(ctx, `INSERT INTO casework_cases (person_id, team, owner_id, opened_at, last_contact_at, contacts)
		VALUES (?, ?, ?, ?, ?, 1)`, c.PersonID, c.Team, c.AgentID, c.At, c.At); err != nil {
		return fmt.Errorf("store.touchCase: %w", err)
	}
	return nil
}

const contactCols = `c.id, COALESCE(c.person_id, 0), COALESCE(c.enterprise_id, 0), c.team, c.agent_id, COALESCE(u.name, ''),
	c.channel, c.direction, c.topics, c.notes_enc, c.duration_s, c.outcome, c.at`

const contactFrom = ` FROM casework_contacts c LEFT JOIN users u ON u.id = c.agent_id`

func (tb CaseworkStore) scanContact(s interface{ Scan(...any) error }, notes bool) (*casework.Contact, error) {
	var c casework.Contact
	var ch, dir, topics, res string
	var enc []byte
	if err := s.Scan(&c.ID, &c.PersonID, &c.EnterpriseID, &c.Team, &c.AgentID, &c.AgentName, &ch, &dir, &topics, &enc,
		&c.DurationS, &res, &c.At); err != nil {
		return nil, err
	}
	c.Channel, c.Direction, c.Topics, c.Result, c.At = casework.Channel(ch), casework.Direction(dir), casework.SplitTopics(topics),
		casework.Result(res), c.At.UTC()
	if notes && len(enc) > 0 {
		n, err := tb.db.box.Open(enc)
		if err != nil {
			return nil, err
		}
		c.Notes = n
	}
	return &c, nil
}

// ContactFilter selects contacts, newest first. Notes asks for the notes
// to be opened (staff views only).
type ContactFilter struct {
	PersonID     int64
	EnterpriseID int64
	AgentID      int64
	Since        time.Time
	Notes        bool
	Limit        int
}

// Contacts lists contacts matching f, newest first.
func (tb CaseworkStore) Contacts(ctx context.Context, f ContactFilter) ([]*casework.Contact, error) {
	where, args := " WHERE 1=1", []any{}
	if f.PersonID != 0 {
		where, args = where+" AND c.person_id = ?", append(args, f.PersonID)
	}
	if f.EnterpriseID != 0 {
		where, args = where+" AND c.enterprise_id = ?", append(args, f.EnterpriseID)
	}
	if f.AgentID != 0 {
		where, args = where+" AND c.agent_id = ?", append(args, f.AgentID)
	}
	if !f.Since.IsZero() {
		where, args = where+" AND c.at >= ?", append(args, f.Since)
	}
	rows, err := tb.db.query(ctx, "SELECT "+contactCols+contactFrom+where+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(clampLimit(f.Limit, 20, 500)), args...)
	if err != nil {
		return nil, fmt.Errorf("store.Contacts: %w", err)
	}
	defer rows.Close()
	var out []*casework.Contact
	for rows.Next() {
		c, err := tb.scanContact(rows, f.Notes)
		if err != nil {
			return nil, fmt.Errorf("store.Contacts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ContactByID returns a contact with its notes, or NotFound.
func (tb CaseworkStore) ContactByID(ctx context.Context, id int64) (*casework.Contact, error) {
	c, err := tb.scanContact(tb.db.queryRow(ctx, "SELECT "+contactCols+contactFrom+" WHERE c.id = ?", id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("contact")
	}
	if err != nil {
		return nil, fmt.Errorf("store.ContactByID: %w", err)
	}
	return c, nil
}

// ---------------------------------------------------------------- follow-ups

const followCols = `f.id, COALESCE(f.person_id, 0), COALESCE(p.name, ''), COALESCE(f.enterprise_id, 0), COALESCE(e.name, ''),
	f.team, f.owner_id, COALESCE(u.name, ''), f.due_on, f.purpose, f.note, f.status, f.created_by, f.created_at, f.done_at, COALESCE(f.contact_id, 0)`

const followFrom = ` FROM casework_followups f LEFT JOIN persons p ON p.id = f.person_id
	LEFT JOIN enterprises e ON e.id = f.enterprise_id LEFT JOIN users u ON u.id = f.owner_id`

func scanFollowUp(s interface{ Scan(...any) error }) (*casework.FollowUp, error) {
	var f casework.FollowUp
	var st string
	var done sql.NullTime
	if err := s.Scan(&f.ID, &f.PersonID, &f.PersonName, &f.EnterpriseID, &f.EnterpriseName, &f.Team, &f.OwnerID, &f.OwnerName,
		&f.Due, &f.Purpose, &f.Note, &st, &f.CreatedBy, &f.CreatedAt, &done, &f.ContactID); err != nil {
		return nil, err
	}
	f.Status, f.Due, f.CreatedAt, f.DoneAt = casework.FollowStatus(st), f.Due.UTC(), f.CreatedAt.UTC(), utcOf(done)
	return &f, nil
}

// CreateFollowUp schedules a follow-up, audited; f.ID is set.
func (tb CaseworkStore) CreateFollowUp(ctx context.Context, a Actor, f *casework.FollowUp) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.Casework().CreateFollowUp(ctx, a, f) })
}

// CreateFollowUp schedules a follow-up inside tx (a contact that ends with
// "call back on Friday"), audited.
func (ct CaseworkTx) CreateFollowUp(ctx context.Context, a Actor, f *casework.FollowUp) error {
	now := ct.t.db.Now()
	f.Status, f.CreatedAt, f.CreatedBy = casework.FollowOpen, now, a.UserID
	id, err := ct.t.InsertID(ctx, `INSERT INTO casework_followups (person_id, enterprise_id, team, owner_id, due_on, purpose, note, status,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(f.PersonID), nullID(f.EnterpriseID), f.Team, f.OwnerID, nullDate(f.Due), f.Purpose, f.Note, string(f.Status), a.UserID, now)
	if err != nil {
		return fmt.Errorf("store.CreateFollowUp: %w", err)
	}
	f.ID = id
	obj, objID := "person", f.PersonID
	if f.EnterpriseID != 0 {
		obj, objID = "enterprise", f.EnterpriseID
	}
	return ct.t.Audit(ctx, a, "casework.followup", obj, objID, "安排跟进 #"+strconv.FormatInt(id, 10)+"（"+f.Due.Format("2006-01-02")+"）", "ok")
}

// FollowUpByID returns a follow-up, or NotFound.
func (tb CaseworkStore) FollowUpByID(ctx context.Context, id int64) (*casework.FollowUp, error) {
	f, err := scanFollowUp(tb.db.queryRow(ctx, "SELECT "+followCols+followFrom+" WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("followup")
	}
	if err != nil {
		return nil, fmt.Errorf("store.FollowUpByID: %w", err)
	}
	return f, nil
}

// CloseFollowUp marks an open follow-up done or cancelled (by a contact
// when contactID is set), audited; Conflict when it was no longer open.
func (ct CaseworkTx) CloseFollowUp(ctx context.Context, a Actor, id int64, to casework.FollowStatus, contactID int64) error {
	res, err := ct.t.Exec(ctx, "UPDATE casework_followups SET status = ?, done_at = ?, done_by = ?, contact_id = ? WHERE id = ? AND status = ?",
		string(to), ct.t.db.Now(), a.UserID, nullID(contactID), id, string(casework.FollowOpen))
	if err != nil {
		return fmt.Errorf("store.CloseFollowUp: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.Conflict, "该跟进已完成或已取消")
	}
	return ct.t.Audit(ctx, a, "casework.followup."+string(to), "followup", id, to.Label(), "ok")
}

// CloseFollowUp is CloseFollowUp in its own transaction.
func (tb CaseworkStore) CloseFollowUp(ctx context.Context, a Actor, id int64, to casework.FollowStatus) error {
	return tb.db.Write(ctx, func(tx *Tx) error { return tx.Casework().CloseFollowUp(ctx, a, id, to, 0) })
}

// ReassignFollowUp gives an open follow-up to another agent, audited.
func (tb CaseworkStore) ReassignFollowUp(ctx context.Context, a Actor, id, ownerID int64, team string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE casework_followups SET owner_id = ?, team = ?, reminded_on = NULL WHERE id = ? AND status = ?",
			ownerID, team, id, string(casework.FollowOpen))
		if err != nil {
			return fmt.Errorf("store.ReassignFollowUp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "该跟进已完成或已取消，不能转交")
		}
		return tx.Audit(ctx, a, "casework.followup.reassign", "followup", id, "转交给用户 #"+strconv.FormatInt(ownerID, 10), "ok")
	})
}

// FollowFilter selects follow-ups. Zero fields do not filter; Open keeps
// only open ones; Until keeps those due on or before it.
type FollowFilter struct {
	PersonID     int64
	EnterpriseID int64
	OwnerID      int64
	Team         string
	AnyTeam      bool // with Team "": every team (admins)
	Open         bool
	Until        time.Time
	Limit        int
}

// FollowUps lists follow-ups by due date.
func (tb CaseworkStore) FollowUps(ctx context.Context, f FollowFilter) ([]*casework.FollowUp, error) {
	where, args := " WHERE 1=1", []any{}
	if f.PersonID != 0 {
		where, args = where+" AND f.person_id = ?", append(args, f.PersonID)
	}
	if f.EnterpriseID != 0 {
		where, args = where+" AND f.enterprise_id = ?", append(args, f.EnterpriseID)
	}
	if f.OwnerID != 0 {
		where, args = where+" AND f.owner_id = ?", append(args, f.OwnerID)
	}
	if !f.AnyTeam && f.OwnerID == 0 && f.PersonID == 0 && f.EnterpriseID == 0 {
		where, args = where+" AND f.team = ?", append(args, f.Team)
	}
	if f.Open {
		where, args = where+" AND f.status = ?", append(args, string(casework.FollowOpen))
	}
	if !f.Until.IsZero() {
		where, args = where+" AND f.due_on <= ?", append(args, nullDate(f.Until))
	}
	rows, err := tb.db.query(ctx, "SELECT "+followCols+followFrom+where+" ORDER BY f.due_on, f.id LIMIT "+strconv.Itoa(clampLimit(f.Limit, 200, 2000)), args...)
	if err != nil {
		return nil, fmt.Errorf("store.FollowUps: %w", err)
	}
	defer rows.Close()
	var out []*casework.FollowUp
	for rows.Next() {
		x, err := scanFollowUp(rows)
		if err != nil {
			return nil, fmt.Errorf("store.FollowUps: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// AgentLoad is one agent's open work and pace, for supervisors.
type AgentLoad struct {
	UserID      int64
	Name        string
	Team        string
	Supervisor  bool
	Open        int     // open follow-ups
	Overdue     int     // open follow-ups due before today
	Contacts7   int     // contacts logged in the last 7 days
	AvgDoneDays float64 // mean days from scheduling to completion over the last 30 days (response time)
}

// Agent is a call-centre agent: a staff member or admin and their team.
type Agent struct {
	ID   int64
	Name string
	Team string
}

// Agents lists the active staff and admins of team (every team when all),
// for the pickers that hand work to someone.
func (tb CaseworkStore) Agents(ctx context.Context, team string, all bool) ([]Agent, error) {
	q, args := "SELECT id, name, team FROM users WHERE role IN ('staff', 'admin') AND disabled = ?", []any{false}
	if !all {
		q, args = q+" AND team = ?", append(args, team)
	}
	rows, err := tb.db.query(ctx, q+" ORDER BY team, name", args...)
	if err != nil {
		return nil, fmt.Errorf("store.Agents: %w", err)
	}
	defer rows.Close()
	var out []Agent
	for rows.Next() {
		var a Agent
		if err := rows.Scan(&a.ID, &a.Name, &a.Team); err != nil {
			return nil, fmt.Errorf("store.Agents: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AgentLoads returns every staff and admin user of team (every team when
// all) with their open and overdue follow-ups, recent contacts and mean
// response time.
func (tb CaseworkStore) AgentLoads(ctx context.Context, team string, all bool, today time.Time) ([]AgentLoad, error) {
	now := tb.db.Now()
	where, args := " WHERE u.role IN ('staff', 'admin') AND u.disabled = ?", []any{false}
	if !all {
		where, args = where+" AND u.team = ?", append(args, team)
	}
	rows, err := tb.db.query(ctx, `SELECT u.id, u.name, u.team, u.case_supervisor,
		(SELECT COUNT(*) FROM casework_followups f WHERE f.owner_id = u.id AND f.status = 'open'),
		(SELECT COUNT(*) FROM casework_followups f WHERE f.owner_id = u.id AND f.status = 'open' AND f.due_on < ?),
		(SELECT COUNT(*) FROM casework_contacts c WHERE c.agent_id = u.id AND c.at >= ?)
		FROM users u`+where+" ORDER BY u.team, u.name", append([]any{nullDate(today), now.AddDate(0, 0, -7)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store.AgentLoads: %w", err)
	}
	var out []AgentLoad
	for rows.Next() {
		var l AgentLoad
		if err := rows.Scan(&l.UserID, &l.Name, &l.Team, &l.Supervisor, &l.Open, &l.Overdue, &l.Contacts7); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.AgentLoads: %w", err)
		}
		out = append(out, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.AgentLoads: %w", err)
	}
	// Response time in Go: the date arithmetic differs between dialects.
	for i := range out {
		r, err := tb.db.query(ctx, `SELECT created_at, done_at FROM casework_followups WHERE owner_id = ? AND status = 'done' AND done_at >= ?`,
			out[i].UserID, now.AddDate(0, 0, -30))
		if err != nil {
			return nil, fmt.Errorf("store.AgentLoads: %w", err)
		}
		var sum float64
		var n int
		for r.Next() {
			var c, d time.Time
			if err := r.Scan(&c, &d); err != nil {
				r.Close()
				return nil, fmt.Errorf("store.AgentLoads: %w", err)
			}
			sum += d.Sub(c).Hours() / 24
			n++
		}
		r.Close()
		if n > 0 {
			out[i].AvgDoneDays = sum / float64(n)
		}
	}
	return out, nil
}

// RemindFollowUps puts a message in the owner's inbox for every open
// follow-up due on or before today not yet reminded today, and marks it;
// idempotent by the message's dedupe key. It returns how many it sent.
func (tb CaseworkStore) RemindFollowUps(ctx context.Context, today time.Time, msg func(*casework.FollowUp) *notify.Message) (int, error) {
	due, err := tb.FollowUps(ctx, FollowFilter{AnyTeam: true, Open: true, Until: today, Limit: 2000})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, f := range due {
		err := tb.db.Write(ctx, func(tx *Tx) error {
			res, err := tx.Exec(ctx, "UPDATE casework_followups SET reminded_on = ? WHERE id = ? AND (reminded_on IS NULL OR reminded_on < ?)",
				nullDate(today), f.ID, nullDate(today))
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return nil
			}
			n++
			return tx.notifyMsg(ctx, msg(f))
		})
		if err != nil {
			return n, fmt.Errorf("store.RemindFollowUps: %w", err)
		}
	}
	return n, nil
}

// ---------------------------------------------------------------- scripts

// Scripts returns the call scripts by topic (topics without one are absent).
func (tb CaseworkStore) Scripts(ctx context.Context) (map[casework.Topic]string, error) {
	rows, err := tb.db.query(ctx, "SELECT topic, body FROM casework_scripts")
	if err != nil {
		return nil, fmt.Errorf("store.Scripts: %w", err)
	}
	defer rows.Close()
	out := map[casework.Topic]string{}
	for rows.Next() {
		var t, b string
		if err := rows.Scan(&t, &b); err != nil {
			return nil, fmt.Errorf("store.Scripts: %w", err)
		}
		out[casework.Topic(t)] = b
	}
	return out, rows.Err()
}

// SaveScript replaces a topic's call script (an empty body removes it), audited.
func (tb CaseworkStore) SaveScript(ctx context.Context, a Actor, topic casework.Topic, body string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM casework_scripts WHERE topic = ?", string(topic)); err != nil {
			return fmt.Errorf("store.SaveScript: %w", err)
		}
		if body != "" {
			if _, err := tx.Exec(ctx, "INSERT INTO casework_scripts (topic, body, updated_by, updated_at) VALUES (?, ?, ?, ?)",
				string(topic), body, a.UserID, tb.db.Now()); err != nil {
				return fmt.Errorf("store.SaveScript: %w", err)
			}
		}
		return tx.Audit(ctx, a, "casework.script", "casework_script", 0, "修改话术："+topic.Label(), "ok")
	})
}

// ---------------------------------------------------------------- agents

// SetAgentTeam sets a staff member's call-centre team and supervisor flag, audited.
func (tb CaseworkStore) SetAgentTeam(ctx context.Context, a Actor, userID int64, team string, supervisor bool) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET team = ?, case_supervisor = ? WHERE id = ? AND role IN ('staff', 'admin')", team, supervisor, userID)
		if err != nil {
			return fmt.Errorf("store.SetAgentTeam: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Missing("user")
		}
		s := "话务班组：" + team
		if supervisor {
			s += "（班组长）"
		}
		return tx.Audit(ctx, a, "casework.agent", "user", userID, s, "ok")
	})
}

// ---------------------------------------------------------------- bulk (demo)

// InsertContacts writes contacts as they are (demo data and imports of a
// call centre's history): notes sealed, no audit entries, the cases of the
// persons opened or counted. IDs are set.
func (ct CaseworkTx) InsertContacts(ctx context.Context, cs []*casework.Contact) error {
	for _, c := range cs {
		var notes any
		if c.Notes != "" {
			notes = ct.t.db.box.Seal(c.Notes)
		}
		id, err := ct.t.InsertID(ctx, `INSERT INTO casework_contacts (person_id, enterprise_id, team, agent_id, channel, direction, topics,
			notes_enc, duration_s, outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(c.PersonID), nullID(c.EnterpriseID), c.Team, c.AgentID, string(c.Channel), string(c.Direction),
			casework.JoinTopics(c.Topics), notes, c.DurationS, string(c.Result), c.At)
		if err != nil {
			return fmt.Errorf("store.InsertContacts: %w", err)
		}
		c.ID = id
		if c.PersonID != 0 {
			if err := ct.touchCase(ctx, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// InsertFollowUps writes follow-ups in any status as they are (demo data),
// without audit entries. IDs are set.
func (ct CaseworkTx) InsertFollowUps(ctx context.Context, fs []*casework.FollowUp) error {
	for _, f := range fs {
		var done any
		if !f.DoneAt.IsZero() {
			done = f.DoneAt
		}
		id, err := ct.t.InsertID(ctx, `INSERT INTO casework_followups (person_id, enterprise_id, team, owner_id, due_on, purpose, note, status,
			created_by, created_at, done_at, done_by, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(f.PersonID), nullID(f.EnterpriseID), f.Team, f.OwnerID, nullDate(f.Due), f.Purpose, f.Note, string(f.Status),
			f.CreatedBy, f.CreatedAt, done, f.OwnerID, nullID(f.ContactID))
		if err != nil {
			return fmt.Errorf("store.InsertFollowUps: %w", err)
		}
		f.ID = id
	}
	return nil
}

// InsertOutcomes writes outcomes as they are (demo data), without audit
// entries.
func (ct CaseworkTx) InsertOutcomes(ctx context.Context, outs []casework.Outcome) error {
	for i := range outs {
		if _, err := ct.t.Exec(ctx, `INSERT INTO casework_outcomes (person_id, status, employer, employer_uscc, occupation_code, wage_band,
			contract_type, since, until, source, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, outcomeArgs(&outs[i])...); err != nil {
			return fmt.Errorf("store.InsertOutcomes: %w", err)
		}
	}
	return nil
}
