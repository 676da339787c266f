package api

// Activity endpoints: the calendar and an activity's page; sign-up,
// cancel, confirm an offered seat, sign in with the session's code and
// rate it; my sign-ups; a lottery's public record; staff publish, edit,
// cancel, draw, read and mark the roster, and show a session's code.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
)

type activityAPI struct {
	base
	activities *app.Activities
}

type activitySessionView struct {
	ID    int64  `json:"id"`
	Start string `json:"start"`
	End   string `json:"end"`
	Text  string `json:"text"`
	Place string `json:"place,omitempty"`
	Link  string `json:"link,omitempty"`
}

type activityView struct {
	ID          int64                 `json:"id"`
	Kind        string                `json:"kind"`
	KindLabel   string                `json:"kind_label"`
	Title       string                `json:"title"`
	Description string                `json:"description"`
	Organiser   string                `json:"organiser"`
	OrgName     string                `json:"org_name"`
	StationID   int64                 `json:"station_id,omitempty"`
	Series      string                `json:"series,omitempty"`
	RegionCode  string                `json:"region_code"`
	RegionName  string                `json:"region_name"`
	Sessions    []activitySessionView `json:"sessions"`
	Capacity    int                   `json:"capacity"`
	Free        int                   `json:"free_seats"`
	Waitlisted  int                   `json:"waitlisted"`
	Entries     int                   `json:"lottery_entries"`
	FeeYuan     int                   `json:"fee_yuan"`
	Audience    string                `json:"audience"`
	OpensAt     string                `json:"opens_at"`
	ClosesAt    string                `json:"closes_at"`
	Allocation  string                `json:"allocation"`
	NoShowLimit int                   `json:"no_show_limit,omitempty"`
	Status      string                `json:"status"`
	Phase       string                `json:"phase"`
	SeedHash    string                `json:"seed_hash,omitempty"`
	Seed        string                `json:"seed,omitempty"`
	EntriesHash string                `json:"entries_hash,omitempty"`
	DrawnAt     string                `json:"drawn_at,omitempty"`
}

func (h *activityAPI) activityJSON(a *activity.Activity, phase activity.Phase) activityView {
	v := activityView{ID: a.ID, Kind: string(a.Kind), KindLabel: a.Kind.Label(), Title: a.Title, Description: a.Description,
		Organiser: string(a.Organiser), OrgName: a.OrgName, StationID: a.StationID, Series: a.Series, RegionCode: a.RegionCode, RegionName: h.activities.PlaceName(a.RegionCode),
		Sessions: []activitySessionView{}, Capacity: a.Capacity, Free: a.Free(), Waitlisted: a.Waiting, Entries: a.Entries, FeeYuan: a.FeeYuan,
		Audience: a.Audience.Text(), OpensAt: ts(a.OpensAt), ClosesAt: ts(a.ClosesAt), Allocation: string(a.Allocation), NoShowLimit: a.NoShowLimit,
		Status: string(a.Status), Phase: string(phase)}
	if a.Allocation == activity.Lottery {
		v.SeedHash, v.Seed, v.EntriesHash = a.SeedHash, a.Seed, a.EntriesHash
		if !a.DrawnAt.IsZero() {
			v.DrawnAt = ts(a.DrawnAt)
		}
	}
	for _, s := range a.Sessions {
		v.Sessions = append(v.Sessions, activitySessionView{ID: s.ID, Start: ts(s.Start), End: ts(s.End), Text: s.Text(), Place: s.Place, Link: s.Link})
	}
	return v
}

type activitySignupView struct {
	ID           int64  `json:"id"`
	ActivityID   int64  `json:"activity_id"`
	Title        string `json:"title"`
	Status       string `json:"status"`
	StatusLabel  string `json:"status_label"`
	Rank         int    `json:"rank,omitempty"`
	OfferExpires string `json:"offer_expires,omitempty"`
	Attended     int    `json:"sessions_attended"`
	Rating       int    `json:"rating,omitempty"`
	Comment      string `json:"comment,omitempty"`
	CreatedAt    string `json:"created_at"`
	StationID    int64  `json:"station_id,omitempty"` // the station that brought the person (fairs)
	StationName  string `json:"station_name,omitempty"`
	Person       string `json:"person,omitempty"` // the roster only
}

func actSignupJSON(su *activity.Signup) activitySignupView {
	v := activitySignupView{ID: su.ID, ActivityID: su.ActivityID, Title: su.Title, Status: string(su.Status), StatusLabel: su.Status.Label(),
		Rank: su.Rank, Attended: su.Attended, Rating: su.Rating, Comment: su.Comment, CreatedAt: ts(su.CreatedAt), StationID: su.StationID,
		StationName: su.StationName}
	if su.Status == activity.Waitlisted && su.Rank == 0 {
		v.Rank = 0
	}
	if !su.OfferExpires.IsZero() && su.Status == activity.Offered {
		v.OfferExpires = ts(su.OfferExpires)
	}
	return v
}

func (h *activityAPI) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	res, err := h.activities.Search(r.Context(), httpx.Actor(r), app.ActivityQuery{Kind: q.Get("kind"), Region: q.Get("region"),
		Series: q.Get("series"), FreeSeats: q.Get("free_seats") == "1", From: q.Get("from"), Page: page, All: q.Get("all") == "1"})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []activityView{}
	for _, a := range res.Activities {
		items = append(items, h.activityJSON(a, a.PhaseAt(res.Now)))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": res.Total, "page": res.Page, "pages": res.Pages()})
}

func (h *activityAPI) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.activities.Activity(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"activity": h.activityJSON(v.Activity, v.Phase)}
	if v.Mine != nil {
		out["my_signup"] = actSignupJSON(v.Mine)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *activityAPI) publish(w http.ResponseWriter, r *http.Request) {
	var in app.ActivityInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.activities.Publish(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.activityJSON(a, a.PhaseAt(h.activities.Now())))
}

func (h *activityAPI) update(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ActivityInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.activities.Update(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.activityJSON(a, a.PhaseAt(h.activities.Now())))
}

func (h *activityAPI) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.CancelInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.activities.Cancel(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.activityJSON(a, a.PhaseAt(h.activities.Now())))
}

func (h *activityAPI) draw(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.activities.Draw(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"drawn": res.Done, "entries": res.Entries, "seats": res.Seats, "waitlisted": res.Waitlisted})
}

func (h *activityAPI) lottery(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rec, err := h.activities.Lottery(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type entry struct {
		ID     int64  `json:"id"`
		Tier   int    `json:"tier"`
		Rank   int    `json:"rank"`
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	entries := []entry{}
	for _, e := range rec.Entries {
		entries = append(entries, entry{e.ID, e.Tier, e.Rank, e.Name, string(e.Status)})
	}
	a := rec.Activity
	writeJSON(w, http.StatusOK, map[string]any{"activity_id": a.ID, "capacity": a.Capacity, "seed_hash": a.SeedHash, "seed": a.Seed,
		"entries_hash": a.EntriesHash, "entries": entries,
		"rule": "ticket = hex(SHA-256(seed + \":\" + id)); order by tier, then ticket, then id; the first capacity get seats; entries_hash = hex(SHA-256 of \"id:tier\\n\" lines in ascending id)"})
}

func (h *activityAPI) signUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ActivitySignupInput
	if err := decodeOptional(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	su, err := h.activities.SignUpWith(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, actSignupJSON(su))
}

// signUpFor is staff signing a person up on their behalf.
func (h *activityAPI) signUpFor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ActivitySignupForInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	su, err := h.activities.SignUpFor(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := actSignupJSON(su)
	v.Person = su.PersonName
	writeJSON(w, http.StatusCreated, v)
}

// signupOp is a change of one's own sign-up by its id.
func (h *activityAPI) signupOp(op func(*app.Activities) func(r *http.Request, a app.Actor, id int64) (*activity.Signup, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		su, err := op(h.activities)(r, httpx.Actor(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, actSignupJSON(su))
	}
}

func cancelSignupOp(x *app.Activities) func(*http.Request, app.Actor, int64) (*activity.Signup, error) {
	return func(r *http.Request, a app.Actor, id int64) (*activity.Signup, error) {
		return x.CancelSignup(r.Context(), a, id)
	}
}

func confirmSignupOp(x *app.Activities) func(*http.Request, app.Actor, int64) (*activity.Signup, error) {
	return func(r *http.Request, a app.Actor, id int64) (*activity.Signup, error) {
		return x.ConfirmOffer(r.Context(), a, id)
	}
}

func (h *activityAPI) feedback(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.FeedbackInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	su, err := h.activities.Feedback(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, actSignupJSON(su))
}

func (h *activityAPI) mine(w http.ResponseWriter, r *http.Request) {
	list, err := h.activities.MySignups(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []activitySignupView{}
	for _, su := range list {
		items = append(items, actSignupJSON(su))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *activityAPI) checkin(w http.ResponseWriter, r *http.Request) {
	var in app.ActivityCheckin
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	su, s, err := h.activities.CheckIn(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"signup": actSignupJSON(su), "session": s.Text()})
}

func (h *activityAPI) roster(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, list, err := h.activities.Roster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []activitySignupView{}
	for _, su := range list {
		v := actSignupJSON(su)
		v.Person = su.PersonName
		items = append(items, v)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *activityAPI) sessionCode(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.activities.SessionCode(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session_id": c.Session.ID, "session": c.Session.Text(), "code": c.Code, "path": c.Path})
}

type attendanceInput struct {
	SessionID int64 `json:"session_id"`
}

func (h *activityAPI) markAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in attendanceInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.activities.MarkAttendance(r.Context(), httpx.Actor(r), id, in.SessionID); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}
