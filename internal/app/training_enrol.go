package app

// 技能培训 enrolment and attendance: a person finds a filed class and
// enrols before its first session, within its capacity and not in two
// classes at the same time; a provider (or staff) imports trainees from a
// spreadsheet, each found in the registry by ID number through its blind
// index with the name checked, row by row. Each session has a sign-in
// code (six digits and a QR image of a link carrying them) the provider
// shows; the trainee signs in with it on the session's day. The provider
// corrects the roster with a reason. The attendance rate of each trainee
// is computed against the threshold of the standards file. Only the
// provider's own employer users and staff see a roster; anyone else is
// answered as if the class had none (404), audited.

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/checkin"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// checkinPurpose keeps a training session's code from opening a gig shift
// or an activity with the same number.
const checkinPurpose = "training-checkin"

// TrainingEnrolments is the use cases of enrolment and attendance.
type TrainingEnrolments struct {
	*core
	training *Training
	// checkinKey derives sessions' sign-in codes; nothing stored can
	// rebuild them.
	checkinKey []byte
}

func newTrainingEnrolments(c *core, t *Training) *TrainingEnrolments {
	return &TrainingEnrolments{core: c, training: t, checkinKey: c.db.Box().Derive(checkinPurpose)}
}

// Threshold is the attendance share a subsidy needs (standards file).
func (x *TrainingEnrolments) Threshold() (float64, string, error) {
	st, err := x.training.standards()
	if err != nil {
		return 0, "", err
	}
	return st.AttendanceThreshold, st.AttendanceSource, nil
}

// Enrol enrols the person in a filed class before its first session.
func (x *TrainingEnrolments) Enrol(ctx context.Context, a Actor, classID int64) (*training.Enrolment, error) {
	if !account.CanEnrolInTraining(a.User) {
		return nil, x.deny(ctx, a, "training_class", classID)
	}
	c, err := x.training.Class(ctx, a, classID)
	if err != nil {
		return nil, err
	}
	if msg := c.MayEnrol(x.now()); msg != "" {
		return nil, apperr.New(apperr.Conflict, msg)
	}
	th, _, err := x.Threshold()
	if err != nil {
		return nil, err
	}
	first := c.Sessions[0]
	tell := &notify.Message{SubjectType: notify.ToPerson, SubjectID: a.User.PersonID, Kind: "training_enrol",
		Title: "报名成功：" + c.Title,
		Body: fmt.Sprintf("您已报名“%s”（%s），第一次课 %s，地点：%s。上课当天请扫描现场的二维码或输入签到码签到；出勤率达到 %d%% 方可申请培训补贴。",
			c.Title, c.ProviderName, first.Text(), first.Place, int(th*100+0.5)),
		Link: "/me/training", DedupeKey: fmt.Sprintf("trainingenrol:%d", c.ID)}
	return x.db.Training().Enrol(ctx, a.store(), store.EnrolRequest{Class: c, PersonID: a.User.PersonID, Source: training.SourceSelf,
		By: a.User.ID, Tell: tell, Mine: true})
}

// Withdraw cancels the person's enrolment before the class begins.
func (x *TrainingEnrolments) Withdraw(ctx context.Context, a Actor, classID int64) error {
	if !account.CanEnrolInTraining(a.User) {
		return x.deny(ctx, a, "training_class", classID)
	}
	c, err := x.training.Class(ctx, a, classID)
	if err != nil {
		return err
	}
	if c.Started(x.now()) {
		return apperr.New(apperr.Conflict, "培训班已开课，不能在线取消报名，请联系培训机构")
	}
	return x.db.Training().Withdraw(ctx, a.store(), c, a.User.PersonID)
}

// MyEnrolment is the person's enrolment in a class (withdrawn too), or nil
// when there is none or the reader is not a person.
func (x *TrainingEnrolments) MyEnrolment(ctx context.Context, a Actor, classID int64) (*training.Enrolment, error) {
	if !account.CanEnrolInTraining(a.User) {
		return nil, nil
	}
	e, err := x.db.Training().EnrolmentOf(ctx, classID, a.User.PersonID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return e, err
}

// SessionMark is a session with one trainee's attendance at it.
type SessionMark struct {
	training.Session
	Mark    *training.Attendance // nil: no record
	Begun   bool                 // the session has begun
	Today   bool                 // the session is today (sign-in open)
	Present bool
}

// MyClass is one of the person's classes with their attendance.
type MyClass struct {
	Class     *training.Class
	Enrolment *training.Enrolment
	Rate      training.Rate
	Sessions  []SessionMark
	Meets     bool // the rate reaches the threshold over all sessions
}

// MyTraining is the person's classes, the latest enrolment first, with
// the attendance threshold (a share).
func (x *TrainingEnrolments) MyTraining(ctx context.Context, a Actor) ([]MyClass, float64, error) {
	if !account.CanEnrolInTraining(a.User) {
		return nil, 0, x.deny(ctx, a, "training_enrolment", 0)
	}
	th, _, err := x.Threshold()
	if err != nil {
		return nil, 0, err
	}
	ts := x.db.Training()
	es, err := ts.PersonEnrolments(ctx, a.User.PersonID)
	if err != nil {
		return nil, 0, err
	}
	ats, err := ts.Attendance(ctx, 0, a.User.PersonID)
	if err != nil {
		return nil, 0, err
	}
	marks := map[int64]*training.Attendance{}
	for i := range ats {
		marks[ats[i].SessionID] = &ats[i]
	}
	now := x.now()
	out := make([]MyClass, 0, len(es))
	for _, e := range es {
		c, err := ts.ClassByID(ctx, e.ClassID)
		if err != nil {
			return nil, 0, err
		}
		mc := MyClass{Class: c, Enrolment: e}
		mc.Sessions, mc.Rate = marksOf(c, marks, now)
		mc.Meets = mc.Rate.Meets(th)
		out = append(out, mc)
	}
	return out, th, nil
}

// marksOf pairs a class's sessions with one trainee's marks (by session
// id) and computes the rate.
func marksOf(c *training.Class, marks map[int64]*training.Attendance, now time.Time) ([]SessionMark, training.Rate) {
	present := map[int64]bool{}
	out := make([]SessionMark, 0, len(c.Sessions))
	today := chinatime.Today(now)
	for _, s := range c.Sessions {
		m := SessionMark{Session: s, Mark: marks[s.ID], Begun: !now.Before(s.StartsAt()), Today: s.Date.Equal(today)}
		m.Present = m.Mark != nil && m.Mark.Present
		present[s.ID] = m.Present
		out = append(out, m)
	}
	return out, training.RateOf(c.Sessions, present, now)
}

// managedClass returns a class with its provider for the provider's own
// employer users and staff; anyone else is answered as if it did not
// exist, audited.
func (x *TrainingEnrolments) managedClass(ctx context.Context, a Actor, classID int64) (*training.Class, *training.Provider, error) {
	if !account.CanKeepTrainingRosters(a.User) {
		return nil, nil, x.deny(ctx, a, "training_class", classID)
	}
	ts := x.db.Training()
	c, err := ts.ClassByID(ctx, classID)
	if err != nil {
		return nil, nil, err
	}
	p, err := ts.ProviderByID(ctx, c.ProviderID)
	if err != nil {
		return nil, nil, err
	}
	if !account.CanKeepTrainingRoster(a.User, p.EnterpriseID) {
		return nil, nil, x.conceal(ctx, a, "training_class", classID)
	}
	return c, p, nil
}

// managedSession is managedClass for a session by id.
func (x *TrainingEnrolments) managedSession(ctx context.Context, a Actor, sessionID int64) (*training.Class, training.Session, error) {
	if !account.CanKeepTrainingRosters(a.User) {
		return nil, training.Session{}, x.deny(ctx, a, "training_session", sessionID)
	}
	classID, err := x.db.Training().ClassOfSession(ctx, sessionID)
	if err != nil {
		return nil, training.Session{}, err
	}
	c, _, err := x.managedClass(ctx, a, classID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, training.Session{}, store.Missing("training_session")
	}
	if err != nil {
		return nil, training.Session{}, err
	}
	s, ok := c.SessionByID(sessionID)
	if !ok {
		return nil, training.Session{}, store.Missing("training_session")
	}
	return c, s, nil
}

// RosterRow is one trainee on a roster with their attendance.
type RosterRow struct {
	*training.Enrolment
	Sessions []SessionMark
	Rate     training.Rate
	Meets    bool
}

// Roster is a class's trainees and attendance, for its provider and staff.
type Roster struct {
	Class     *training.Class
	Provider  *training.Provider
	Rows      []RosterRow // enrolled first, then withdrawn
	Enrolled  int
	Threshold float64
	Source    string // where the threshold comes from
	Now       time.Time
	Manager   bool // the reader is staff
	CanEnrol  bool // the class still takes enrolments (imports)
	// PresentCounts is how many enrolled trainees were present, by session id.
	PresentCounts map[int64]int
}

// ThresholdPercent is the attendance threshold as a whole percentage.
func (r *Roster) ThresholdPercent() int { return int(r.Threshold*100 + 0.5) }

// ClassRoster returns a class's roster to its provider's employer users
// and staff (anyone else: 404, audited); the reading is audited.
func (x *TrainingEnrolments) ClassRoster(ctx context.Context, a Actor, classID int64) (*Roster, error) {
	return x.roster(ctx, a, classID, "training.roster.view", "查看学员名单")
}

// ExportRoster is ClassRoster for the .xlsx download, audited as an export.
func (x *TrainingEnrolments) ExportRoster(ctx context.Context, a Actor, classID int64) (*Roster, error) {
	return x.roster(ctx, a, classID, "training.roster.export", "导出学员名单")
}

func (x *TrainingEnrolments) roster(ctx context.Context, a Actor, classID int64, action, what string) (*Roster, error) {
	c, p, err := x.managedClass(ctx, a, classID)
	if err != nil {
		return nil, err
	}
	th, src, err := x.Threshold()
	if err != nil {
		return nil, err
	}
	ts := x.db.Training()
	es, err := ts.Roster(ctx, classID)
	if err != nil {
		return nil, err
	}
	ats, err := ts.Attendance(ctx, classID, 0)
	if err != nil {
		return nil, err
	}
	byPerson := map[int64]map[int64]*training.Attendance{}
	for i := range ats {
		at := &ats[i]
		if byPerson[at.PersonID] == nil {
			byPerson[at.PersonID] = map[int64]*training.Attendance{}
		}
		byPerson[at.PersonID][at.SessionID] = at
	}
	now := x.now()
	r := &Roster{Class: c, Provider: p, Threshold: th, Source: src, Now: now, Manager: account.CanManageTraining(a.User),
		CanEnrol: c.MayEnrol(now) == "", PresentCounts: map[int64]int{}}
	for _, e := range es {
		row := RosterRow{Enrolment: e}
		row.Sessions, row.Rate = marksOf(c, byPerson[e.PersonID], now)
		row.Meets = row.Rate.Meets(th)
		if e.Status == training.Enrolled {
			r.Enrolled++
			for _, m := range row.Sessions {
				if m.Present {
					r.PresentCounts[m.ID]++
				}
			}
		}
		r.Rows = append(r.Rows, row)
	}
	if err := x.db.Audit(ctx, a.store(), action, "training_class", classID, fmt.Sprintf("%s：%s（%d 人）", what, c.Title, len(es)), audit.ResultOK); err != nil {
		return nil, err
	}
	return r, nil
}

// SessionCode is what the provider shows at the door of one session.
type SessionCode struct {
	Class   *training.Class
	Session training.Session
	Code    string // 6 digits
	Path    string // the sign-in page with the session and code, for the QR image
}

// CheckinCode returns a session's sign-in code to its provider and staff.
func (x *TrainingEnrolments) CheckinCode(ctx context.Context, a Actor, sessionID int64) (*SessionCode, error) {
	c, s, err := x.managedSession(ctx, a, sessionID)
	if err != nil {
		return nil, err
	}
	code := checkin.Code(x.checkinKey, checkinPurpose, s.ID)
	return &SessionCode{Class: c, Session: s, Code: code, Path: fmt.Sprintf("/training/checkin?s=%d&c=%s", s.ID, code)}, nil
}

// TrainingCheckinInput is a trainee's sign-in: the session from the QR
// link (0 when the code was typed: the trainee's sessions of the day are
// tried) and the code.
type TrainingCheckinInput struct {
	SessionID int64  `json:"session_id,omitempty"`
	Code      string `json:"code"`
}

// TrainingCheckin says what a sign-in did.
type TrainingCheckin struct {
	Class      *training.Class
	Session    training.Session
	Attendance *training.Attendance
	Already    bool // signed in before; nothing changed
}

// CheckIn signs the trainee in to a session of a class they are enrolled
// in, on the session's day, with its code. A code of another session, a
// session on another day, or a class they are not enrolled in is refused
// with the reason.
func (x *TrainingEnrolments) CheckIn(ctx context.Context, a Actor, in TrainingCheckinInput) (*TrainingCheckin, error) {
	if !account.CanEnrolInTraining(a.User) {
		return nil, x.deny(ctx, a, "training_session", in.SessionID)
	}
	if strings.TrimSpace(in.Code) == "" {
		return nil, apperr.Field("code", "请输入培训机构出示的 6 位签到码，或扫描现场的二维码")
	}
	now := x.now()
	ts := x.db.Training()
	method := training.MethodCode
	var c *training.Class
	var s training.Session
	if in.SessionID != 0 { // the QR link names the session
		method = training.MethodQR
		classID, err := ts.ClassOfSession(ctx, in.SessionID)
		if err != nil {
			return nil, apperr.Field("code", "签到二维码无效：请重新扫描，或输入培训机构出示的 6 位签到码")
		}
		if c, err = ts.ClassByID(ctx, classID); err != nil {
			return nil, err
		}
		s, _ = c.SessionByID(in.SessionID)
		if !checkin.Matches(x.checkinKey, checkinPurpose, s.ID, in.Code) {
			return nil, apperr.Field("code", "签到码不对：请核对培训机构出示的 6 位数字")
		}
		if e, err := x.MyEnrolment(ctx, a, c.ID); err != nil {
			return nil, err
		} else if e == nil || e.Status != training.Enrolled {
			return nil, apperr.New(apperr.Conflict, "您没有报名“"+c.Title+"”（或已取消报名），不能签到；请先报名")
		}
		if err := training.CheckinOpen(s, now); err != nil {
			return nil, err
		}
	} else { // a typed code: the person's sessions of the day
		var err error
		if c, s, err = x.sessionOfCode(ctx, a, in.Code, now); err != nil {
			return nil, err
		}
	}
	at, already, err := ts.SignIn(ctx, a.store(), c, s, a.User.PersonID, method)
	if err != nil {
		return nil, err
	}
	return &TrainingCheckin{Class: c, Session: s, Attendance: at, Already: already}, nil
}

// sessionOfCode finds which of the person's sessions today a typed code
// opens.
func (x *TrainingEnrolments) sessionOfCode(ctx context.Context, a Actor, code string, now time.Time) (*training.Class, training.Session, error) {
	ts := x.db.Training()
	es, err := ts.PersonEnrolments(ctx, a.User.PersonID)
	if err != nil {
		return nil, training.Session{}, err
	}
	today := chinatime.Today(now)
	some := false
	for _, e := range es {
		if e.Status != training.Enrolled {
			continue
		}
		c, err := ts.ClassByID(ctx, e.ClassID)
		if err != nil {
			return nil, training.Session{}, err
		}
		for _, s := range c.Sessions {
			if !s.Date.Equal(today) {
				continue
			}
			some = true
			if checkin.Matches(x.checkinKey, checkinPurpose, s.ID, code) {
				return c, s, nil
			}
		}
	}
	if !some {
		return nil, training.Session{}, apperr.Field("code", "您今天没有已报名的培训课：只能在上课当天签到已报名的培训班")
	}
	return nil, training.Session{}, apperr.Field("code", "签到码不对：请核对培训机构出示的 6 位数字（每次课的签到码都不同）")
}

// AttendanceInput is the provider's correction of one trainee at one
// session: present or absent, and why.
type AttendanceInput struct {
	PersonID int64  `json:"person_id"`
	Present  bool   `json:"present"`
	Reason   string `json:"reason"`
}

// CorrectAttendance records a trainee present or absent at a session that
// has begun, with the reason; the provider's employer users and staff
// only, audited. A person not enrolled is a field error on person_id. The
// session's class comes back with a refused correction too, once the
// reader may keep its roster (for the page that shows the form again).
func (x *TrainingEnrolments) CorrectAttendance(ctx context.Context, a Actor, sessionID int64, in AttendanceInput) (*training.Class, error) {
	c, s, err := x.managedSession(ctx, a, sessionID)
	if err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	var f apperr.Fields
	if reason == "" {
		f.Add("reason", "请填写更正理由，如：现场点名已到、手机无法签到")
	}
	registry.CheckText(&f, "reason", reason, training.MaxReason)
	if in.PersonID == 0 {
		f.Add("person_id", "请选择学员")
	}
	if err := f.Err(); err != nil {
		return c, err
	}
	if x.now().Before(s.StartsAt()) {
		return c, apperr.New(apperr.Conflict, "这次课（"+s.Text()+"）还没开始，不能登记考勤")
	}
	return c, x.db.Training().CorrectAttendance(ctx, a.store(), c, s, in.PersonID, in.Present, reason)
}

// TraineeImportReport is the outcome of a roster import.
type TraineeImportReport struct {
	Total  int // data rows read (blank rows skipped)
	Saved  int
	Errors []RowError // by row
}

// ImportTrainees enrols the trainees of an .xlsx or .csv file (columns
// 身份证号, 姓名, 手机号) in a class that still takes enrolments: the
// provider's employer users (source import) and staff (source staff). A
// file that cannot be read, lacks the columns or has too many rows saves
// nothing; otherwise every row is checked (a valid ID number registered
// on the platform, the name as registered), the good rows are enrolled
// together and the others reported by row and column.
func (x *TrainingEnrolments) ImportTrainees(ctx context.Context, a Actor, classID int64, filename string, r io.Reader) (*TraineeImportReport, error) {
	c, _, err := x.managedClass(ctx, a, classID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if msg := c.MayEnrol(now); msg != "" {
		return nil, apperr.New(apperr.Conflict, msg)
	}
	raw, err := io.ReadAll(io.LimitReader(r, training.MaxTraineeBytes+1))
	if err != nil {
		return nil, apperr.Field("file", "文件读取失败，请重新选择文件")
	}
	if len(raw) > training.MaxTraineeBytes {
		return nil, apperr.Field("file", fmt.Sprintf("文件过大：学员名单不能超过 %d MB", training.MaxTraineeBytes>>20))
	}
	table, err := readTableOf(filename, raw, training.MaxTraineeRows, "学员")
	if err != nil {
		return nil, apperr.Field("file", apperr.As(err).Message)
	}
	cols, err := traineeHeader(table[0])
	if err != nil {
		return nil, err
	}
	rep := &TraineeImportReport{}
	type good struct {
		row int
		t   training.TraineeRow
	}
	var goods []good
	seen := map[string]int{}
	for i, cells := range table[1:] {
		if blankRow(cells) {
			continue
		}
		n := i + 2
		rep.Total++
		if rep.Total > training.MaxTraineeRows {
			return nil, apperr.Field("file", fmt.Sprintf("一次最多导入 %d 名学员，请分批导入，未导入任何学员", training.MaxTraineeRows))
		}
		cell := func(k int) string {
			if k < 0 || k >= len(cells) {
				return ""
			}
			return cells[k]
		}
		t := training.TraineeRow{IDNumber: cell(cols[0]), Name: cell(cols[1]), Phone: cell(cols[2])}
		if issues := t.Check(now); len(issues) > 0 {
			for _, is := range issues {
				rep.Errors = append(rep.Errors, RowError{Row: n, Column: is.Column, Reason: is.Reason})
			}
			continue
		}
		if first, dup := seen[t.IDNumber]; dup {
			rep.Errors = append(rep.Errors, RowError{Row: n, Column: "身份证号", Reason: "与第 " + strconv.Itoa(first) + " 行的身份证号重复"})
			continue
		}
		seen[t.IDNumber] = n
		goods = append(goods, good{n, t})
	}
	numbers := make([]string, len(goods))
	for i, g := range goods {
		numbers[i] = g.t.IDNumber
	}
	found, err := x.db.Registry().PersonsByIDNumbers(ctx, numbers)
	if err != nil {
		return nil, err
	}
	source := training.SourceImport
	if account.CanManageTraining(a.User) {
		source = training.SourceStaff
	}
	var rows []store.ImportTrainee
	for _, g := range goods {
		p, ok := found[g.t.IDNumber]
		switch {
		case !ok:
			rep.Errors = append(rep.Errors, RowError{Row: g.row, Column: "身份证号", Reason: "该身份证号未在平台实名登记：请学员先注册，或到人社窗口登记后再导入"})
			continue
		case strings.TrimSpace(p.Name) != g.t.Name:
			rep.Errors = append(rep.Errors, RowError{Row: g.row, Column: "姓名", Reason: "姓名与该身份证号登记的姓名不一致，请核对"})
			continue
		}
		rows = append(rows, store.ImportTrainee{Row: g.row, PersonID: p.ID, Tell: &notify.Message{SubjectType: notify.ToPerson, SubjectID: p.ID,
			Kind: "training_enrol", Title: "培训机构为您报名：" + c.Title,
			Body: fmt.Sprintf("%s 已将您登记为“%s”的学员，第一次课 %s，地点：%s。上课当天请扫码或输入签到码签到；如非本人意愿，可在“我的培训”里取消报名。",
				c.ProviderName, c.Title, c.Sessions[0].Text(), c.Sessions[0].Place),
			Link: "/me/training", DedupeKey: fmt.Sprintf("trainingenrol:%d", c.ID)}})
	}
	saved, refused, err := x.db.Training().ImportTrainees(ctx, a.store(), c, source, rows)
	if err != nil {
		return nil, err
	}
	rep.Saved = saved
	for row, e := range refused {
		ae := apperr.As(e)
		msg := ae.Message
		for _, m := range ae.Fields {
			msg = m
		}
		rep.Errors = append(rep.Errors, RowError{Row: row, Column: "身份证号", Reason: msg})
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Row < rep.Errors[j].Row })
	return rep, nil
}

// traineeHeader finds the columns 身份证号, 姓名 and 手机号 (-1: absent,
// only 手机号 may be) in a header row.
func traineeHeader(head []string) ([3]int, error) {
	cols := [3]int{-1, -1, -1}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		for k, name := range training.TraineeColumns {
			if h == name || (k == 0 && (h == "身份证号码" || h == "公民身份号码")) || (k == 2 && (h == "手机号码" || h == "联系电话")) {
				if cols[k] < 0 {
					cols[k] = i
				}
			}
		}
	}
	if cols[0] < 0 || cols[1] < 0 {
		return cols, apperr.Field("file", "第一行应为表头：身份证号、姓名、手机号（请下载模板填写），未导入任何学员")
	}
	return cols, nil
}

// WriteTraineeTemplate writes the roster import template: the header and
// one example row.
func (x *TrainingEnrolments) WriteTraineeTemplate(w io.Writer) error {
	return sheet.Write(w, "学员名单导入模板", training.TraineeColumns, [][]any{{"420112199001011234", "张三", "13800000000"}})
}
