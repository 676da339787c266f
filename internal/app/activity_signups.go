package app

// Sign-ups for activities: a person signs up (the audience rules checked
// against their record), cancels, confirms a seat offered from the
// waitlist, signs in at the door with the session's code, and rates the
// activity afterwards. One background task (TaskActivities) runs the
// lotteries whose window closed, lets lapsed offers go to the next in
// line, closes ended activities (attended or no-show) and sends the
// day-before reminders.

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/checkin"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TaskActivities is the activities' minute run: draws, lapsed offers,
// ended activities, reminders.
const TaskActivities = "activities.tick"

// ActivitySignupInput is what a person may say when signing up: at a
// fair or a labour-cooperation event, the station that brought them
// (StationID: absent for the event's own station, if it has one; 0 for
// none).
type ActivitySignupInput struct {
	StationID *int64 `json:"station_id,omitempty"`
}

// SignUp signs the person up for an activity: 201 with the status
// (confirmed, registered for the lottery, or waitlisted). The window and
// the audience rules are checked with the batch it joins (takeSeat).
func (x *Activities) SignUp(ctx context.Context, a Actor, id int64) (*activity.Signup, error) {
	return x.SignUpWith(ctx, a, id, ActivitySignupInput{})
}

// SignUpWith is SignUp with what the person said: the station that
// brought them to a fair.
func (x *Activities) SignUpWith(ctx context.Context, a Actor, id int64, in ActivitySignupInput) (*activity.Signup, error) {
	if !account.CanSignUpForActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", id)
	}
	if a.User.PersonID == 0 {
		return nil, apperr.New(apperr.Forbidden, "请先完善个人信息（身份证号）后再报名")
	}
	req := store.ActivitySignupRequest{PersonID: a.User.PersonID}
	if err := x.checkStation(ctx, in.StationID, &req); err != nil {
		return nil, err
	}
	return x.takeSeat(ctx, id, seatAsk{req: req, given: in.StationID != nil})
}

// checkStation puts a station named at sign-up into req: one registered,
// or 0 for none.
func (x *Activities) checkStation(ctx context.Context, id *int64, req *store.ActivitySignupRequest) error {
	if id == nil || *id == 0 {
		return nil
	}
	if _, err := x.db.Stations().StationByID(ctx, *id); apperr.Is(err, apperr.NotFound) {
		return apperr.Field("station_id", "请从列表中选择带您来的工作站")
	} else if err != nil {
		return err
	}
	req.StationID = *id
	return nil
}

// ActivitySignupForInput is a sign-up staff make on a person's behalf:
// the person (found by name, phone or ID number) and, at a fair, the
// station that brought them (as in ActivitySignupInput).
type ActivitySignupForInput struct {
	PersonID  int64  `json:"person_id"`
	StationID *int64 `json:"station_id,omitempty"`
}

// SignUpFor signs a person up on their behalf (staff), by the same rules
// as their own sign-up; the audit entry (a staff action on the person)
// and the message telling them are written with the sign-up.
func (x *Activities) SignUpFor(ctx context.Context, a Actor, id int64, in ActivitySignupForInput) (*activity.Signup, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", id)
	}
	if in.PersonID <= 0 {
		return nil, apperr.Field("person_id", "请先按姓名、手机号或身份证号查找，再选择要代为报名的人")
	}
	people, err := x.db.Registry().PersonsByIDs(ctx, []int64{in.PersonID})
	if err != nil {
		return nil, err
	}
	if people[in.PersonID] == nil {
		return nil, apperr.Field("person_id", "没有找到这个人员，请重新查找")
	}
	act, err := x.db.Activities().ActivityHead(ctx, id)
	if err != nil {
		return nil, err
	}
	by := a.store()
	req := store.ActivitySignupRequest{PersonID: in.PersonID, By: &by, Summary: "代为报名活动：" + act.Title,
		Tell: func(su *activity.Signup) *store.NotifyMsg {
			return &store.NotifyMsg{SubjectType: "person", SubjectID: su.PersonID, Kind: "activity", Title: "工作人员已为您报名：" + act.Title,
				Body: "工作人员已为您报名“" + act.Title + "”，当前状态：" + su.Status.Label() + "。不能参加请在活动页取消，名额会留给候补的人。",
				Link: fmt.Sprintf("/activities/%d", act.ID), DedupeKey: fmt.Sprintf("activity-signup-for:%d:%d", act.ID, su.PersonID)}
		}}
	if err := x.checkStation(ctx, in.StationID, &req); err != nil {
		return nil, err
	}
	su, err := x.takeSeat(ctx, id, seatAsk{req: req, given: in.StationID != nil})
	if e := apperr.As(err); err != nil && (e.Code == apperr.Conflict || e.Code == apperr.Forbidden) {
		// The rules speak to the person; here staff read them.
		return nil, &apperr.Error{Code: e.Code, Message: strings.ReplaceAll(e.Message, "您", "该人员"), Fields: e.Fields}
	}
	if err != nil {
		return nil, err
	}
	return x.db.Activities().SignupByID(ctx, su.ID)
}

// FindPersons finds up to 10 persons by name (its beginning), phone or ID
// number, masked, for staff signing one up (the console's person search).
func (x *Activities) FindPersons(ctx context.Context, a Actor, q string) ([]*registry.Person, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "person", 0)
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	if len([]rune(q)) > 40 {
		return nil, apperr.Field("q", "请输入姓名、手机号或身份证号")
	}
	list, _, err := x.db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: q, Limit: 10})
	return list, err
}

// Stations lists the stations, for the pickers of the activity form and
// the fair sign-up.
func (x *Activities) Stations(ctx context.Context) ([]*activity.Station, error) {
	return x.db.Stations().StationList(ctx)
}

// phaseRefusal says why nobody may sign up now ("" when they may).
func phaseRefusal(act *activity.Activity, now time.Time) string {
	window := act.OpensAt.In(chinatime.Zone).Format("1月2日 15:04") + " 至 " + act.ClosesAt.In(chinatime.Zone).Format("1月2日 15:04")
	switch act.PhaseAt(now) {
	case activity.PhaseSoon:
		return "报名还没开始：报名时间 " + window
	case activity.PhaseDrawing, activity.PhaseClosed:
		return "报名已截止（报名时间 " + window + "）"
	case activity.PhaseEnded:
		return "活动已经结束"
	case activity.PhaseCancelled:
		return "活动已取消"
	}
	return ""
}

// offerMessage tells a person a seat is held for them.
func offerMessage(su *activity.Signup) *store.NotifyMsg {
	return &store.NotifyMsg{SubjectType: "person", SubjectID: su.PersonID, Kind: "activity", Title: "候补到位：" + su.Title,
		Body: "有人取消了报名，名额为您保留到 " + su.OfferExpires.In(chinatime.Zone).Format("1月2日 15:04") + "。请在此之前确认，过时将顺延给下一位候补。",
		Link: fmt.Sprintf("/activities/%d", su.ActivityID), DedupeKey: fmt.Sprintf("activity-offer:%d:%d", su.ID, su.OfferExpires.Unix())}
}

// ownSignup returns the reader's sign-up; anyone else's is answered as
// missing (staff may act on any).
func (x *Activities) ownSignup(ctx context.Context, a Actor, id int64) (*activity.Signup, error) {
	if !account.CanSignUpForActivities(a.User) && !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity_signup", id)
	}
	su, err := x.db.Activities().SignupByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanManageActivities(a.User) && !account.IsSelf(a.User, su.PersonID) {
		return nil, x.conceal(ctx, a, "activity_signup", id)
	}
	return su, nil
}

// CancelSignup cancels a live sign-up (the person, or staff for them,
// audited); a freed seat is offered to the first on the waitlist.
func (x *Activities) CancelSignup(ctx context.Context, a Actor, id int64) (*activity.Signup, error) {
	su, err := x.ownSignup(ctx, a, id)
	if err != nil {
		return nil, err
	}
	c := store.ActivitySignupChange{ID: id, To: activity.Cancelled, Now: x.now(), Offer: offerMessage,
		Check: func(su *activity.Signup, act *activity.Activity) error { return su.CanCancel(act.Start(), x.now()) }}
	if !account.IsSelf(a.User, su.PersonID) {
		c.Audit, c.Summary = "activity.signup.cancel_for", "代取消活动报名："+su.Title
	}
	return x.db.Activities().ChangeSignup(ctx, a.store(), c)
}

// ConfirmOffer takes a seat offered from the waitlist, before its deadline.
func (x *Activities) ConfirmOffer(ctx context.Context, a Actor, id int64) (*activity.Signup, error) {
	if _, err := x.ownSignup(ctx, a, id); err != nil {
		return nil, err
	}
	now := x.now()
	return x.db.Activities().ChangeSignup(ctx, a.store(), store.ActivitySignupChange{ID: id, To: activity.Confirmed, Now: now,
		Check: func(su *activity.Signup, _ *activity.Activity) error { return su.CanConfirm(now) }})
}

// MySignups lists the person's sign-ups.
func (x *Activities) MySignups(ctx context.Context, a Actor) ([]*activity.Signup, error) {
	if !account.CanSignUpForActivities(a.User) {
		return nil, x.deny(ctx, a, "activity_signup", 0)
	}
	if a.User.PersonID == 0 {
		return nil, nil
	}
	return x.db.Activities().SignupsOfPerson(ctx, a.User.PersonID, 200)
}

// ActivitySessionCode is a session's sign-in code with the link its QR image carries.
type ActivitySessionCode struct {
	Activity *activity.Activity
	Session  activity.Session
	Code     string
	Path     string // /activities/checkin?s=ID&c=CODE
}

// SessionCode returns a session's sign-in code to staff.
func (x *Activities) SessionCode(ctx context.Context, a Actor, sessionID int64) (*ActivitySessionCode, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity_session", sessionID)
	}
	s, actID, err := x.db.Activities().SessionByID(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	act, err := x.db.Activities().ActivityByID(ctx, actID)
	if err != nil {
		return nil, err
	}
	code := checkin.Code(x.checkinKey, "activity-checkin", s.ID)
	return &ActivitySessionCode{Activity: act, Session: s, Code: code, Path: fmt.Sprintf("/activities/checkin?s=%d&c=%s", s.ID, code)}, nil
}

// ActivityCheckin is a sign-in: the session (from the QR link) and the code.
type ActivityCheckin struct {
	SessionID int64  `json:"session_id"`
	Code      string `json:"code"`
}

// CheckinEarly is how long before a session starts its sign-in opens.
const CheckinEarly = time.Hour

// CheckIn signs the person in to a session with its code: they must hold
// a seat, and it must be the session's time (from an hour before to its end).
func (x *Activities) CheckIn(ctx context.Context, a Actor, in ActivityCheckin) (*activity.Signup, activity.Session, error) {
	if !account.CanSignUpForActivities(a.User) {
		return nil, activity.Session{}, x.deny(ctx, a, "activity_session", in.SessionID)
	}
	if in.SessionID == 0 {
		return nil, activity.Session{}, apperr.Field("session_id", "请扫描现场的签到二维码，或从活动页面进入签到")
	}
	s, actID, err := x.db.Activities().SessionByID(ctx, in.SessionID)
	if err != nil {
		return nil, s, err
	}
	if !checkin.Matches(x.checkinKey, "activity-checkin", s.ID, in.Code) {
		return nil, s, apperr.Field("code", "签到码不对：请核对现场显示的 6 位数字（每场不同）")
	}
	now := x.now()
	switch {
	case now.Before(s.Start.Add(-CheckinEarly)):
		return nil, s, apperr.New(apperr.Conflict, "还没到签到时间：开始前 1 小时内才能签到（"+s.Text()+"）")
	case !now.Before(s.End):
		return nil, s, apperr.New(apperr.Conflict, "这一场已经结束，不能再签到")
	}
	su, err := x.db.Activities().SignupOf(ctx, actID, a.User.PersonID)
	if err != nil {
		return nil, s, err
	}
	if su == nil || !su.Status.HoldsSeat() || su.Status == activity.Offered {
		return nil, s, apperr.New(apperr.Conflict, "您没有这个活动的名额，不能签到；候补到位请先确认")
	}
	if err := x.db.Activities().CheckIn(ctx, a.store(), su.ID, s.ID, "code", now); err != nil {
		return nil, s, err
	}
	su, err = x.db.Activities().SignupByID(ctx, su.ID)
	return su, s, err
}

// MarkAttendance signs a person in on the roster (staff, for someone who
// came without a phone), audited.
func (x *Activities) MarkAttendance(ctx context.Context, a Actor, signupID, sessionID int64) error {
	if !account.CanManageActivities(a.User) {
		return x.deny(ctx, a, "activity_signup", signupID)
	}
	su, err := x.db.Activities().SignupByID(ctx, signupID)
	if err != nil {
		return err
	}
	_, actID, err := x.db.Activities().SessionByID(ctx, sessionID)
	if err != nil {
		return err
	}
	if actID != su.ActivityID {
		return apperr.Field("session_id", "这一场不属于该报名的活动")
	}
	if su.Status != activity.Confirmed && su.Status != activity.Attended && su.Status != activity.NoShow {
		return apperr.New(apperr.Conflict, "该报名当前为“"+su.Status.Label()+"”，没有名额，不能签到")
	}
	return x.db.Activities().CheckIn(ctx, a.store(), signupID, sessionID, "staff", x.now())
}

// FeedbackInput is a rating 1–5 and words.
type FeedbackInput struct {
	Rating  int    `json:"rating"`
	Comment string `json:"comment,omitempty"`
}

// Feedback records the person's rating after they attended.
func (x *Activities) Feedback(ctx context.Context, a Actor, id int64, in FeedbackInput) (*activity.Signup, error) {
	su, err := x.ownSignup(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !account.IsSelf(a.User, su.PersonID) {
		return nil, x.deny(ctx, a, "activity_signup", id)
	}
	comment := strings.TrimSpace(in.Comment)
	if err := activity.CheckFeedback(in.Rating, comment); err != nil {
		return nil, err
	}
	if err := x.db.Activities().SaveFeedback(ctx, id, in.Rating, comment, x.now()); err != nil {
		return nil, err
	}
	return x.db.Activities().SignupByID(ctx, id)
}

// Draw runs an activity's lottery now (staff), when its window has closed
// and the minute task has not yet.
func (x *Activities) Draw(ctx context.Context, a Actor, id int64) (store.DrawResult, error) {
	if !account.CanManageActivities(a.User) {
		return store.DrawResult{}, x.deny(ctx, a, "activity", id)
	}
	return x.db.Activities().Draw(ctx, a.store(), id, x.now(), drawMessage)
}

func drawMessage(su *activity.Signup) *store.NotifyMsg {
	m := &store.NotifyMsg{SubjectType: "person", SubjectID: su.PersonID, Kind: "activity", Link: fmt.Sprintf("/activities/%d", su.ActivityID),
		DedupeKey: fmt.Sprintf("activity-draw:%d", su.ID)}
	if su.Status == activity.Confirmed {
		m.Title, m.Body = "抽签结果：中签 "+su.Title, "恭喜，您在“"+su.Title+"”的抽签中获得名额。不能参加请尽早取消，名额会给候补的人。"
	} else {
		m.Title, m.Body = "抽签结果：候补 "+su.Title, fmt.Sprintf("您这次没有中签，排在候补第 %d 位。有人取消时，名额会按顺序留给候补并通知您。", su.Rank)
	}
	return m
}

func remindMessage(su *activity.Signup) *store.NotifyMsg {
	return &store.NotifyMsg{SubjectType: "person", SubjectID: su.PersonID, Kind: "activity", Title: "明天的活动：" + su.Title,
		Body: "您报名的“" + su.Title + "”将于 " + su.Start.In(chinatime.Zone).Format("1月2日 15:04") + " 开始。到场后扫码或输入签到码签到；不能参加请在活动页取消。",
		Link: fmt.Sprintf("/activities/%d", su.ActivityID), DedupeKey: fmt.Sprintf("activity-remind:%d", su.ID)}
}

// ScheduleTick queues the minute run unless one is queued; serve calls it at start.
func (x *Activities) ScheduleTick(ctx context.Context) error {
	return x.db.Enqueue(ctx, TaskActivities, "", TaskActivities, x.now())
}

// Tick is the minute run: due draws, lapsed offers, ended activities and
// the reminders for activities starting tomorrow (Beijing date). The next
// run is queued first and each part runs even when another failed, so one
// bad row never stops the draws (the failures are returned, and the worker
// retries this run).
func (x *Activities) Tick(ctx context.Context, _ string) error {
	now := x.now()
	next := x.db.Enqueue(ctx, TaskActivities, "", TaskActivities, now.Add(time.Minute))
	return errors.Join(next, x.drawDue(ctx, now), x.lapseOffers(ctx, now), x.finishAndRemind(ctx, now))
}

// drawDue runs the lotteries whose window closed.
func (x *Activities) drawDue(ctx context.Context, now time.Time) error {
	as := x.db.Activities()
	draws, err := as.DueDraws(ctx, now)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range draws {
		res, err := as.Draw(ctx, store.Actor{IP: "system"}, id, now, drawMessage)
		if err != nil {
			errs = append(errs, fmt.Errorf("draw of activity %d: %w", id, err))
			continue
		}
		x.log.Info("activity lottery drawn", "activity", id, "entries", res.Entries, "seats", res.Seats)
	}
	return errors.Join(errs...)
}

// lapseOffers passes each offer not confirmed in time to the next in line.
func (x *Activities) lapseOffers(ctx context.Context, now time.Time) error {
	as := x.db.Activities()
	lapsed, err := as.LapsedOffers(ctx, now)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range lapsed {
		_, err := as.ChangeSignup(ctx, store.Actor{IP: "system"}, store.ActivitySignupChange{ID: id, To: activity.Expired, Now: now, Offer: offerMessage,
			Check: func(su *activity.Signup, _ *activity.Activity) error {
				if su.Status != activity.Offered || now.Before(su.OfferExpires) {
					return apperr.New(apperr.Conflict, "offer no longer lapsed")
				}
				return nil
			}})
		if err != nil && apperr.CodeOf(err) != apperr.Conflict {
			errs = append(errs, fmt.Errorf("lapse of sign-up %d: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// finishAndRemind closes the ended activities and sends tomorrow's reminders.
func (x *Activities) finishAndRemind(ctx context.Context, now time.Time) error {
	as := x.db.Activities()
	_, ferr := as.FinishEnded(ctx, now)
	tomorrow := chinatime.Today(now).AddDate(0, 0, 1)
	from := time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 0, 0, 0, 0, chinatime.Zone)
	_, rerr := as.RemindDue(ctx, from, from.AddDate(0, 0, 1), remindMessage)
	return errors.Join(ferr, rerr)
}

// CalendarEntry is an activity the person holds a seat for, entered the
// lottery of, or attended, with the sign-up.
type CalendarEntry struct {
	Signup   *activity.Signup
	Activity *activity.Activity
}

// Calendar is the person's activities for their calendar.
func (x *Activities) Calendar(ctx context.Context, a Actor) ([]CalendarEntry, error) {
	if !account.CanSignUpForActivities(a.User) {
		return nil, x.deny(ctx, a, "activity_signup", 0)
	}
	return x.calendarOf(ctx, a.User.PersonID)
}

func (x *Activities) calendarOf(ctx context.Context, personID int64) ([]CalendarEntry, error) {
	if personID == 0 {
		return nil, nil
	}
	list, err := x.db.Activities().SignupsOfPerson(ctx, personID, 200)
	if err != nil {
		return nil, err
	}
	var out []CalendarEntry
	for _, su := range list {
		if !su.Status.HoldsSeat() && su.Status != activity.Registered && su.Status != activity.Attended {
			continue
		}
		act, err := x.db.Activities().ActivityByID(ctx, su.ActivityID)
		if err != nil {
			return nil, err
		}
		out = append(out, CalendarEntry{Signup: su, Activity: act})
	}
	return out, nil
}

// FeedToken is the person's private calendar address: their number and a
// MAC of it under a derived key, so the address opens only their calendar
// and nothing is stored.
func (x *Activities) FeedToken(a Actor) (string, error) {
	if !account.CanSignUpForActivities(a.User) || a.User.PersonID == 0 {
		return "", apperr.New(apperr.Forbidden, "个人账号才有活动日历")
	}
	return feedToken(x.feedKey, a.User.PersonID), nil
}

func feedToken(key []byte, personID int64) string {
	m := hmac.New(sha256.New, key)
	id := strconv.FormatInt(personID, 10)
	m.Write([]byte(id))
	return id + "-" + hex.EncodeToString(m.Sum(nil)[:16])
}

// CalendarByToken is the calendar a feed address opens (NotFound for any
// address not made by FeedToken).
func (x *Activities) CalendarByToken(ctx context.Context, token string) ([]CalendarEntry, error) {
	id, _, ok := strings.Cut(token, "-")
	personID, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || !hmac.Equal([]byte(token), []byte(feedToken(x.feedKey, personID))) {
		return nil, apperr.New(apperr.NotFound, "日历地址无效")
	}
	return x.calendarOf(ctx, personID)
}
