package api

// 零工经纪人 endpoints: nearest-first search and gig pages for everyone;
// posting, editing and closing for employers; screening without saving;
// the review queue; sign-ups, cancellations and the employer's decisions;
// the worker's gig profile.

import (
	"math"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
)

// gigsAPI serves the gig broker.
type gigsAPI struct {
	base
	gigs *app.Gigs
	work *app.GigWork // sign-ups, check-in, pay, disputes, the station
}

type gigEmployer struct {
	Name   string      `json:"name"`
	Credit *creditView `json:"credit,omitempty"` // computed from completed shifts, pay records, disputes and ratings
}

type gigItem struct {
	ID          int64       `json:"id"`
	Title       string      `json:"title"`
	PayAmount   float64     `json:"pay_amount"`
	PayUnit     string      `json:"pay_unit"`
	PayText     string      `json:"pay_text"`
	Slots       int         `json:"slots"`
	Filled      int         `json:"filled"` // accepted on the next shift
	StartsAt    string      `json:"starts_at"`
	EndsAt      string      `json:"ends_at"`
	RegionCode  string      `json:"region_code"`
	Address     string      `json:"address"`
	DistanceKm  *float64    `json:"distance_km"`
	Urgent      bool        `json:"urgent"`
	Employer    gigEmployer `json:"employer"`
	ShiftsCount int         `json:"shifts_count"`
}

func (h *gigsAPI) searchGigs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("page_size"))
	res, err := h.gigs.SearchGigs(r.Context(), app.GigQuery{Near: q.Get("near"), RadiusKm: q.Get("radius_km"), Region: q.Get("region"),
		Date: q.Get("date"), Skill: q.Get("skill"), PayMin: q.Get("pay_min"), Sort: q.Get("sort"), Page: pg, PageSize: size})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]gigItem, 0, len(res.Items))
	for _, hit := range res.Items {
		g := hit.Gig
		it := gigItem{ID: g.ID, Title: g.Title, PayAmount: float64(g.PayFen) / 100, PayUnit: string(g.PayUnit), PayText: g.PayText(),
			Slots: g.Slots, Filled: hit.Next.Filled, StartsAt: ts(hit.Next.StartsAt), EndsAt: ts(hit.Next.EndsAt),
			RegionCode: g.RegionCode, Address: g.Address, Urgent: g.Urgent, Employer: gigEmployer{Name: g.EmployerName, Credit: creditJSON(hit.Credit)},
			ShiftsCount: len(g.Shifts)}
		if hit.DistanceKm >= 0 {
			d := math.Round(hit.DistanceKm*10) / 10
			it.DistanceKm = &d
		}
		items = append(items, it)
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": res.Total, "page": res.Page, "page_size": res.PageSize, "items": items})
}

type shiftView struct {
	ID       int64  `json:"id"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	Text     string `json:"text"`
	Filled   int    `json:"filled"`
}

type gigView struct {
	ID             int64        `json:"id"`
	Title          string       `json:"title"`
	Employer       gigEmployer  `json:"employer"`
	Status         string       `json:"status"`
	StatusLabel    string       `json:"status_label"`
	OccupationCode string       `json:"occupation_code"`
	Description    string       `json:"description"`
	PayAmount      float64      `json:"pay_amount"`
	PayUnit        string       `json:"pay_unit"`
	PayText        string       `json:"pay_text"`
	Slots          int          `json:"slots"`
	Shifts         []shiftView  `json:"shifts"`
	RegionCode     string       `json:"region_code"`
	Address        string       `json:"address"`
	Lat            *float64     `json:"lat"`
	Lng            *float64     `json:"lng"`
	Skills         []string     `json:"skills"`
	Provided       []string     `json:"provided"`
	Urgent         bool         `json:"urgent"`
	InstantAccept  bool         `json:"instant_accept"`
	CancelHours    int          `json:"cancel_hours"`
	Flags          []gigs.Flag  `json:"flags,omitempty"`
	ReviewReason   string       `json:"review_reason,omitempty"`
	OverrideReason string       `json:"override_reason,omitempty"`
	Pushed         *int         `json:"pushed,omitempty"` // workers told in their inbox (to the employer and staff)
	MySignups      []signupView `json:"my_signups,omitempty"`
}

func gigJSON(g *gigs.Gig, insider bool) gigView {
	v := gigView{ID: g.ID, Title: g.Title, Employer: gigEmployer{Name: g.EmployerName}, Status: string(g.Status),
		StatusLabel: g.Status.Label(), OccupationCode: g.OccupationCode, Description: g.Description,
		PayAmount: float64(g.PayFen) / 100, PayUnit: string(g.PayUnit), PayText: g.PayText(), Slots: g.Slots,
		RegionCode: g.RegionCode, Address: g.Address, Skills: nonNil(g.Skills), Provided: nonNil(g.Provided), Urgent: g.Urgent,
		InstantAccept: g.InstantAccept, CancelHours: g.CancelHours, Shifts: []shiftView{}}
	for _, s := range g.Shifts {
		v.Shifts = append(v.Shifts, shiftView{ID: s.ID, StartsAt: ts(s.StartsAt), EndsAt: ts(s.EndsAt), Text: s.Text(), Filled: s.Filled})
	}
	if g.HasGeo {
		lat, lng := g.Lat, g.Lng
		v.Lat, v.Lng = &lat, &lng
	}
	if insider {
		v.Flags, v.ReviewReason, v.OverrideReason = g.Flags, g.ReviewReason, g.OverrideReason
		pushed := g.Pushed
		v.Pushed = &pushed
		if v.Flags == nil {
			v.Flags = []gigs.Flag{}
		}
	}
	return v
}

func (h *gigsAPI) getGig(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	gv, err := h.gigs.ViewGig(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := gigJSON(gv.Gig, gv.Insider)
	v.Employer.Credit = creditJSON(gv.Credit)
	for _, s := range gv.Mine {
		v.MySignups = append(v.MySignups, signupJSON(s))
	}
	writeJSON(w, http.StatusOK, v)
}

func (h *gigsAPI) createGig(w http.ResponseWriter, r *http.Request) {
	var in app.GigInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.gigs.CreateGig(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, gigJSON(g, true))
}

func (h *gigsAPI) updateGig(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.GigInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.gigs.UpdateGig(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, gigJSON(g, true))
}

type gigStatusInput struct {
	Action string `json:"action"` // close
}

func (h *gigsAPI) setGigStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in gigStatusInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.gigs.SetGigStatus(r.Context(), httpx.Actor(r), id, in.Action)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, gigJSON(g, true))
}

func (h *gigsAPI) screenGig(w http.ResponseWriter, r *http.Request) {
	var in app.GigInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	flags := h.gigs.Screen(r.Context(), in)
	if flags == nil {
		flags = []gigs.Flag{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"flags": flags, "blocked": gigs.Blocked(flags)})
}

func (h *gigsAPI) reviewGig(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.GigReview
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.gigs.ReviewGig(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, gigJSON(g, true))
}

func (h *gigsAPI) reviewQueue(w http.ResponseWriter, r *http.Request) {
	list, err := h.gigs.ReviewQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGigs(w, list)
}

func (h *gigsAPI) myGigs(w http.ResponseWriter, r *http.Request) {
	list, err := h.gigs.EmployerGigs(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGigs(w, list)
}

func (h *gigsAPI) writeGigs(w http.ResponseWriter, list []*gigs.Gig) {
	items := make([]gigView, 0, len(list))
	for _, g := range list {
		items = append(items, gigJSON(g, true))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

type signupView struct {
	ID          int64  `json:"id"`
	GigID       int64  `json:"gig_id"`
	GigTitle    string `json:"gig_title"`
	ShiftID     int64  `json:"shift_id"`
	StartsAt    string `json:"starts_at"`
	EndsAt      string `json:"ends_at"`
	PersonID    int64  `json:"person_id"`
	PersonName  string `json:"person_name,omitempty"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	ByStation   bool   `json:"by_station,omitempty"`
	CreatedAt   string `json:"created_at"`
}

func signupJSON(s *gigs.Signup) signupView {
	return signupView{ID: s.ID, GigID: s.GigID, GigTitle: s.GigTitle, ShiftID: s.ShiftID, StartsAt: ts(s.StartsAt), EndsAt: ts(s.EndsAt),
		PersonID: s.PersonID, Status: string(s.Status), StatusLabel: s.Status.Label(), ByStation: s.ByStaff != 0, CreatedAt: ts(s.CreatedAt)}
}

func writeSignups(w http.ResponseWriter, status int, list []*gigs.Signup, names bool) {
	items := make([]signupView, 0, len(list))
	for _, s := range list {
		v := signupJSON(s)
		if names {
			v.PersonName = s.PersonName
		}
		items = append(items, v)
	}
	writeJSON(w, status, map[string]any{"items": items})
}

func (h *gigsAPI) signUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.SignupInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.work.SignUp(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeSignups(w, http.StatusCreated, list, false)
}

func (h *gigsAPI) gigSignups(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, list, err := h.work.GigSignups(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeSignups(w, http.StatusOK, list, true)
}

func (h *gigsAPI) mySignups(w http.ResponseWriter, r *http.Request) {
	list, err := h.work.MySignups(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeSignups(w, http.StatusOK, list, false)
}

func (h *gigsAPI) cancelSignup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.work.CancelSignup(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, signupJSON(s))
}

type decideInput struct {
	Accept bool `json:"accept"`
}

func (h *gigsAPI) decideSignup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in decideInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.work.DecideSignup(r.Context(), httpx.Actor(r), id, in.Accept)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := signupJSON(s)
	v.PersonName = s.PersonName
	writeJSON(w, http.StatusOK, v)
}

type profileView struct {
	Skills     []string `json:"skills"`
	Days       []int    `json:"days"`
	HourFrom   int      `json:"hour_from"`
	HourTo     int      `json:"hour_to"`
	HomeRegion string   `json:"home_region"`
	HomeLat    *float64 `json:"home_lat"`
	HomeLng    *float64 `json:"home_lng"`
	RadiusKm   int      `json:"radius_km"`
}

func profileJSON(p *gigs.Profile) profileView {
	v := profileView{Skills: nonNil(p.Skills), Days: p.Days, HourFrom: p.HourFrom, HourTo: p.HourTo, HomeRegion: p.HomeRegion, RadiusKm: p.RadiusKm}
	if v.Days == nil {
		v.Days = []int{}
	}
	if p.HasHome {
		lat, lng := p.HomeLat, p.HomeLng
		v.HomeLat, v.HomeLng = &lat, &lng
	}
	return v
}

func (h *gigsAPI) getProfile(w http.ResponseWriter, r *http.Request) {
	p, err := h.work.GigProfile(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profileJSON(p))
}

func (h *gigsAPI) saveProfile(w http.ResponseWriter, r *http.Request) {
	var in app.ProfileInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.work.SaveGigProfile(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profileJSON(p))
}

type employerView struct {
	ID          int64  `json:"id"`
	PersonID    int64  `json:"person_id,omitempty"`
	Name        string `json:"name"`
	Purpose     string `json:"purpose"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	Reason      string `json:"reason,omitempty"`
	CreatedAt   string `json:"created_at"`
}

func employerJSON(e *gigs.Employer) employerView {
	return employerView{ID: e.ID, PersonID: e.PersonID, Name: e.Name, Purpose: e.Purpose, Status: string(e.Status),
		StatusLabel: e.Status.Label(), Reason: e.Reason, CreatedAt: ts(e.CreatedAt)}
}

func (h *gigsAPI) myEmployer(w http.ResponseWriter, r *http.Request) {
	e, err := h.gigs.MyGigEmployer(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if e == nil {
		writeJSON(w, http.StatusOK, map[string]any{"status": "none"})
		return
	}
	writeJSON(w, http.StatusOK, employerJSON(e))
}

func (h *gigsAPI) applyEmployer(w http.ResponseWriter, r *http.Request) {
	var in app.GigEmployerInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.gigs.ApplyGigEmployer(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, employerJSON(e))
}

func (h *gigsAPI) pendingEmployers(w http.ResponseWriter, r *http.Request) {
	list, err := h.gigs.PendingGigEmployers(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]employerView, 0, len(list))
	for _, e := range list {
		items = append(items, employerJSON(e))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *gigsAPI) decideEmployer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.EmployerDecision
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.gigs.DecideGigEmployer(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, employerJSON(e))
}
