package app

// 青年夜校 and the other activities: staff publish an activity (the youth
// league's night-school course, a job fair, a labour-cooperation event, a
// mentor's office hours) with its sessions, capacity, audience rules,
// registration window and allocation; anyone browses the calendar; persons
// sign up (activity_signups.go). A lottery's seed is made here with
// crypto/rand, sealed by the store, and only its hash is public until the
// draw.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// Activities is the use cases of the activities module.
type Activities struct {
	*core
	checkinKey []byte    // derives sessions' sign-in codes (package checkin)
	feedKey    []byte    // signs the persons' calendar addresses
	seats      seatQueue // sign-ups waiting for their activity's next batch
}

// newActivities wires the module.
func newActivities(c *core) *Activities {
	return &Activities{core: c, checkinKey: c.db.Box().Derive("activity-checkin"), feedKey: c.db.Box().Derive("activity-calendar")}
}

// ActivitySessionInput is one session: Date YYYY-MM-DD, Start and End
// HH:MM (Beijing time), a place or an https link.
type ActivitySessionInput struct {
	Date  string `json:"date"`
	Start string `json:"start"`
	End   string `json:"end"`
	Place string `json:"place,omitempty"`
	Link  string `json:"link,omitempty"`
}

// ActivityInput is an activity as the form and the API send it. Times are
// Beijing time: OpensAt and ClosesAt "YYYY-MM-DD HH:MM" (or with a T).
type ActivityInput struct {
	Kind        string                 `json:"kind"`
	Title       string                 `json:"title"`
	Description string                 `json:"description"`
	Organiser   string                 `json:"organiser"`
	OrgName     string                 `json:"org_name"`
	StationID   int64                  `json:"station_id,omitempty"`
	Series      string                 `json:"series,omitempty"`
	RegionCode  string                 `json:"region_code"`
	Capacity    int                    `json:"capacity"`
	FeeYuan     int                    `json:"fee_yuan"`
	MinAge      int                    `json:"min_age,omitempty"`
	MaxAge      int                    `json:"max_age,omitempty"`
	Residents   bool                   `json:"residents,omitempty"`
	Graduates   bool                   `json:"graduates,omitempty"`
	OpensAt     string                 `json:"opens_at"`
	ClosesAt    string                 `json:"closes_at"`
	Allocation  string                 `json:"allocation"`
	NoShowLimit int                    `json:"no_show_limit,omitempty"`
	Sessions    []ActivitySessionInput `json:"sessions"`
}

// InputOf is an activity as its edit form shows it.
func (x *Activities) InputOf(a *activity.Activity) ActivityInput {
	in := ActivityInput{Kind: string(a.Kind), Title: a.Title, Description: a.Description, Organiser: string(a.Organiser), OrgName: a.OrgName,
		StationID: a.StationID, Series: a.Series, RegionCode: a.RegionCode, Capacity: a.Capacity, FeeYuan: a.FeeYuan, MinAge: a.Audience.MinAge,
		MaxAge: a.Audience.MaxAge, Residents: a.Audience.Residents, Graduates: a.Audience.Graduates,
		OpensAt: a.OpensAt.In(chinatime.Zone).Format("2006-01-02 15:04"), ClosesAt: a.ClosesAt.In(chinatime.Zone).Format("2006-01-02 15:04"),
		Allocation: string(a.Allocation), NoShowLimit: a.NoShowLimit}
	for _, s := range a.Sessions {
		st, en := s.Start.In(chinatime.Zone), s.End.In(chinatime.Zone)
		in.Sessions = append(in.Sessions, ActivitySessionInput{Date: st.Format(time.DateOnly), Start: st.Format("15:04"), End: en.Format("15:04"),
			Place: s.Place, Link: s.Link})
	}
	return in
}

// parseChinaTime reads "YYYY-MM-DD HH:MM" (or with a T, as datetime-local
// inputs send it) in Beijing time, adding a field error when malformed.
func parseChinaTime(f *apperr.Fields, field, s string) time.Time {
	s = strings.Replace(strings.TrimSpace(s), "T", " ", 1)
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", s, chinatime.Zone)
	if err != nil {
		f.Add(field, "时间格式应为 YYYY-MM-DD HH:MM，如 2026-12-20 19:00")
		return time.Time{}
	}
	return t.UTC()
}

// activityOf builds an activity from the input, checked at now.
func (x *Activities) activityOf(ctx context.Context, in ActivityInput, now time.Time, taken int) (*activity.Activity, error) {
	var f apperr.Fields
	a := &activity.Activity{Kind: activity.Kind(strings.TrimSpace(in.Kind)), Title: in.Title, Description: in.Description,
		Organiser: activity.Organiser(strings.TrimSpace(in.Organiser)), OrgName: in.OrgName, Series: in.Series, RegionCode: in.RegionCode,
		Capacity: in.Capacity, FeeYuan: in.FeeYuan, Allocation: activity.Allocation(strings.TrimSpace(in.Allocation)), NoShowLimit: in.NoShowLimit,
		Audience: activity.Audience{MinAge: in.MinAge, MaxAge: in.MaxAge, Residents: in.Residents, Graduates: in.Graduates},
		OpensAt:  parseChinaTime(&f, "opens_at", in.OpensAt), ClosesAt: parseChinaTime(&f, "closes_at", in.ClosesAt)}
	for i, s := range in.Sessions {
		key := "sessions." + strconv.Itoa(i) + "."
		day := ParseDate(&f, key+"date", s.Date)
		start, end := sessionClock(&f, key+"start", day, s.Start), sessionClock(&f, key+"end", day, s.End)
		if !end.IsZero() && !start.IsZero() && !end.After(start) {
			end = start // reported by Validate as "end after start"
		}
		a.Sessions = append(a.Sessions, activity.Session{Start: start, End: end, Place: s.Place, Link: s.Link})
	}
	if err := x.stationOf(ctx, &f, a, in.StationID); err != nil {
		return nil, err
	}
	for k, v := range asFieldMap(a.Validate(now, taken)) {
		if _, seen := f[k]; !seen && !(strings.HasPrefix(k, "sessions.") && sessionFieldSeen(f, k)) {
			f.Add(k, v)
		}
	}
	registry.CheckRegion(&f, x.codes.Regions, "region_code", strings.TrimSpace(a.RegionCode))
	if err := f.Err(); err != nil {
		return nil, err
	}
	a.Normalize()
	return a, nil
}

// stationOf links a station's activity to the station picked (field
// station_id), by id, so a new name keeps the link; the organiser's name
// defaults to the station's. Other organisers' activities name no station.
func (x *Activities) stationOf(ctx context.Context, f *apperr.Fields, a *activity.Activity, id int64) error {
	if !a.Organiser.IsStation() {
		return nil
	}
	if id == 0 {
		f.Add("station_id", "请选择主办的"+a.Organiser.Label()+"；还没有登记的，请先在“工作站”页面登记")
		return nil
	}
	st, err := x.db.Stations().StationByID(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		f.Add("station_id", "请从列表中选择工作站")
		return nil
	}
	if err != nil {
		return err
	}
	if st.Kind.Organiser() != a.Organiser {
		f.Add("station_id", "“"+st.Name+"”是"+st.Kind.Label()+"，主办方类型请选“"+st.Kind.Label()+"”")
		return nil
	}
	a.StationID = st.ID
	if strings.TrimSpace(a.OrgName) == "" {
		a.OrgName = st.Name
	}
	return nil
}

// sessionFieldSeen reports whether a session's date or times already carry
// an error, so Validate's follow-on message is not added.
func sessionFieldSeen(f apperr.Fields, key string) bool {
	i := strings.LastIndex(key, ".")
	prefix, name := key[:i+1], key[i+1:]
	if name != "date" && name != "start" && name != "end" {
		return false // the place and the link stand on their own
	}
	return f[prefix+"date"] != "" || f[prefix+"start"] != "" || f[prefix+"end"] != ""
}

// sessionClock is day at HH:MM Beijing time (zero, with a field error, when malformed).
func sessionClock(f *apperr.Fields, field string, day time.Time, hm string) time.Time {
	hm = strings.TrimSpace(hm)
	t, err := time.Parse("15:04", hm)
	if err != nil || t.Format("15:04") != hm {
		f.Add(field, "时间应为 时:分，如 19:00")
		return time.Time{}
	}
	if day.IsZero() {
		return time.Time{}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, chinatime.Zone).UTC()
}

// newSeed is a lottery seed: 16 random bytes in hex.
func newSeed() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Publish publishes an activity (staff).
func (x *Activities) Publish(ctx context.Context, a Actor, in ActivityInput) (*activity.Activity, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", 0)
	}
	act, err := x.activityOf(ctx, in, x.now(), 0)
	if err != nil {
		return nil, err
	}
	if err := x.db.Activities().CreateActivity(ctx, a.store(), act, newSeed()); err != nil {
		return nil, err
	}
	return x.db.Activities().ActivityByID(ctx, act.ID)
}

// Update edits an open activity (staff): the capacity may not go below
// the seats taken; the allocation stays once anyone has signed up.
func (x *Activities) Update(ctx context.Context, a Actor, id int64, in ActivityInput) (*activity.Activity, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", id)
	}
	old, err := x.db.Activities().ActivityByID(ctx, id)
	if err != nil {
		return nil, err
	}
	act, err := x.activityOf(ctx, in, x.now(), old.Taken)
	if err != nil {
		return nil, err
	}
	act.ID = id
	err = x.db.Activities().UpdateActivity(ctx, a.store(), act, func(taken int) error {
		if act.Capacity < taken {
			return apperr.Field("capacity", "已有 "+strconv.Itoa(taken)+" 人获得名额，名额不能少于 "+strconv.Itoa(taken))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x.db.Activities().ActivityByID(ctx, id)
}

// CancelInput is the reason an activity is called off.
type CancelInput struct {
	Reason string `json:"reason"`
}

// Cancel calls an activity off (staff), with the reason every sign-up is told.
func (x *Activities) Cancel(ctx context.Context, a Actor, id int64, in CancelInput) (*activity.Activity, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", id)
	}
	reason := strings.TrimSpace(in.Reason)
	var f apperr.Fields
	registry.CheckRequiredText(&f, "reason", reason, 200, "请填写取消原因，报名的人会收到")
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := x.db.Activities().CancelActivity(ctx, a.store(), id, reason, func(su *activity.Signup) *store.NotifyMsg {
		return &store.NotifyMsg{SubjectType: "person", SubjectID: su.PersonID, Kind: "activity", Title: "活动取消：" + su.Title,
			Body: "很抱歉，您报名的“" + su.Title + "”已取消。原因：" + reason, Link: fmt.Sprintf("/activities/%d", su.ActivityID),
			DedupeKey: fmt.Sprintf("activity-cancel:%d", su.ID)}
	})
	if err != nil {
		return nil, err
	}
	return x.db.Activities().ActivityByID(ctx, id)
}

// ActivityView is an activity with what its page shows the reader.
type ActivityView struct {
	Activity *activity.Activity
	Phase    activity.Phase
	Mine     *activity.Signup // the reader's sign-up, or nil
	Manager  bool             // the reader manages activities
	// Station is the station organising it (nil: none); Stations, at a
	// fair, the stations one may say brought them.
	Station  *activity.Station
	Stations []*activity.Station
	Now      time.Time
}

// Activity returns an activity's page (anyone; a cancelled one too, so
// those who signed up can read why).
func (x *Activities) Activity(ctx context.Context, a Actor, id int64) (*ActivityView, error) {
	act, err := x.db.Activities().ActivityByID(ctx, id)
	if err != nil {
		return nil, err
	}
	now := x.now()
	v := &ActivityView{Activity: act, Phase: act.PhaseAt(now), Manager: account.CanManageActivities(a.User), Now: now}
	if account.CanSignUpForActivities(a.User) && a.User.PersonID != 0 {
		if v.Mine, err = x.db.Activities().SignupOf(ctx, id, a.User.PersonID); err != nil {
			return nil, err
		}
	}
	if v.Station, err = x.db.Stations().StationOf(ctx, act); err != nil {
		return nil, err
	}
	if act.Kind.HasBooths() {
		if v.Stations, err = x.db.Stations().StationList(ctx); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ActivityQuery is a search of the calendar: Kind (one kind, "" all),
// Region (a district or street code), Series, FreeSeats, From YYYY-MM-DD
// (default today), Page from 1.
type ActivityQuery struct {
	Kind      string
	Region    string
	Series    string
	FreeSeats bool
	From      string
	Page      int
	All       bool // staff's console: every status, past ones too
}

// ActivityPageSize is how many activities a page of the calendar shows.
const ActivityPageSize = 20

// ActivityResults is a page of the calendar.
type ActivityResults struct {
	Activities  []*activity.Activity
	Total, Page int
	Series      []string // the series running now, for the filter
	Now         time.Time
}

// Pages is the number of pages.
func (r *ActivityResults) Pages() int { return max(1, (r.Total+ActivityPageSize-1)/ActivityPageSize) }

// Search lists open activities ending on or after From, soonest first.
func (x *Activities) Search(ctx context.Context, a Actor, q ActivityQuery) (*ActivityResults, error) {
	var f apperr.Fields
	now := x.now()
	sf := store.ActivityFilter{Status: activity.StatusOpen, Region: strings.TrimSpace(q.Region), Series: strings.TrimSpace(q.Series),
		FreeSeats: q.FreeSeats, Limit: ActivityPageSize}
	if k := activity.Kind(strings.TrimSpace(q.Kind)); k != "" {
		if !k.Valid() {
			f.Add("kind", "没有这个活动类型")
		}
		sf.Kinds = []activity.Kind{k}
	}
	if sf.Region != "" {
		if _, ok := x.codes.Regions.Get(sf.Region); !ok {
			f.Add("region", "没有这个地区")
		}
	}
	all := q.All && account.CanManageActivities(a.User)
	switch {
	case q.From != "":
		d := ParseDate(&f, "from", q.From)
		sf.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, chinatime.Zone)
	case !all:
		sf.From = now
	}
	if all {
		sf.Status = ""
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	page := max(q.Page, 1)
	sf.Offset = (page - 1) * ActivityPageSize
	list, total, err := x.db.Activities().Activities(ctx, sf)
	if err != nil {
		return nil, err
	}
	series, err := x.db.Activities().SeriesNames(ctx, now)
	if err != nil {
		return nil, err
	}
	return &ActivityResults{Activities: list, Total: total, Page: page, Series: series, Now: now}, nil
}

// Upcoming lists up to n open activities of kind starting after now (for
// other modules' pages: 我想创业 shows the mentors' office hours).
func (x *Activities) Upcoming(ctx context.Context, kind activity.Kind, n int) ([]*activity.Activity, error) {
	list, _, err := x.db.Activities().Activities(ctx, store.ActivityFilter{Kinds: []activity.Kind{kind}, Status: activity.StatusOpen,
		From: x.now(), Limit: n})
	return list, err
}

// Roster is an activity's sign-ups for staff: seats, offers, the lottery's
// entries and the waitlist in order, the rest after.
func (x *Activities) Roster(ctx context.Context, a Actor, id int64) (*activity.Activity, []*activity.Signup, error) {
	if !account.CanManageActivities(a.User) {
		return nil, nil, x.deny(ctx, a, "activity", id)
	}
	act, err := x.db.Activities().ActivityByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	list, err := x.db.Activities().Signups(ctx, id)
	return act, list, err
}

// ExportRoster is the roster for the organiser's spreadsheet, audited.
func (x *Activities) ExportRoster(ctx context.Context, a Actor, id int64) (*activity.Activity, []*activity.Signup, error) {
	act, list, err := x.Roster(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	err = x.db.Audit(ctx, a.store(), "activity.roster.export", "activity", id, fmt.Sprintf("导出报名名单：%s，%d 人", act.Title, len(list)), audit.ResultOK)
	return act, list, err
}

// LotteryRecord is a drawn lottery's public record: enough for anyone to
// recompute the draw (activity.Draw's rule).
type LotteryRecord struct {
	Activity *activity.Activity
	Entries  []store.LotteryEntry // names masked
}

// Lottery returns an activity's lottery record (anyone). Before the draw
// it holds only the seed's hash.
func (x *Activities) Lottery(ctx context.Context, id int64) (*LotteryRecord, error) {
	act, err := x.db.Activities().ActivityByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if act.Allocation != activity.Lottery {
		return nil, apperr.New(apperr.NotFound, "该活动先到先得，没有抽签")
	}
	rec := &LotteryRecord{Activity: act}
	if act.DrawnAt.IsZero() {
		return rec, nil
	}
	if rec.Entries, err = x.db.Activities().LotteryEntries(ctx, id); err != nil {
		return nil, err
	}
	for i := range rec.Entries {
		rec.Entries[i].Name = maskName(rec.Entries[i].Name)
	}
	return rec, nil
}

// PlaceName is a region code's full name.
func (x *Activities) PlaceName(code string) string { return x.codes.Regions.FullName(code) }

// Now is the store's clock (the faces compute phases with it).
func (x *Activities) Now() time.Time { return x.now() }

// Term is one series of the night school with its courses.
type Term struct {
	Series  string
	Courses []*activity.Activity
}

// Terms lists the night school's series still running or to come, each
// with all its courses (those already held too), for the term page.
func (x *Activities) Terms(ctx context.Context) ([]Term, time.Time, error) {
	now := x.now()
	names, err := x.db.Activities().SeriesNames(ctx, now)
	if err != nil {
		return nil, now, err
	}
	var out []Term
	for _, n := range names {
		list, _, err := x.db.Activities().Activities(ctx, store.ActivityFilter{Series: n, Status: activity.StatusOpen, Limit: 200})
		if err != nil {
			return nil, now, err
		}
		out = append(out, Term{Series: n, Courses: list})
	}
	return out, now, nil
}

// Export is every activity for staff's spreadsheet, audited.
func (x *Activities) Export(ctx context.Context, a Actor) ([]*activity.Activity, error) {
	if !account.CanManageActivities(a.User) {
		return nil, x.deny(ctx, a, "activity", 0)
	}
	list, _, err := x.db.Activities().Activities(ctx, store.ActivityFilter{Limit: 100_000})
	if err != nil {
		return nil, err
	}
	return list, x.db.Audit(ctx, a.store(), "activity.export", "activity", 0, fmt.Sprintf("导出活动 %d 个", len(list)), audit.ResultOK)
}
