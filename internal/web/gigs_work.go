package web

// 零工经纪人 on the day and after: the employer's sign-up list (accept,
// the check-in code of each shift, check times, 确认完工 with the amount
// paid, 未到岗, the dispute statement, rating the worker); the code page
// the employer shows at the place (a QR image drawn here and 6 digits);
// the worker's check-in page (scan or type, 使用我的位置 optional); and
// the staff's dispute queue.

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/qr"
)

type gigSignupsData struct {
	FailedID int64 // the row whose form was refused: its typed values show there
	Gig      *gigs.Gig
	Groups   []signupGroup
	Credit   string
	PerPiece bool
}

type signupGroup struct {
	ShiftID int64
	Shift   string
	Fill    string
	Rows    []signupRow
}

type signupRow struct {
	ID                  int64
	Name                string
	Status, StatusClass string
	Decide              bool
	Complete, NoShow    bool
	At                  string
	ByStation           bool
	Record              string // the worker's reliability
	Check               string // 签到 08:02 · 签退 11:40 · 4 小时
	Far                 string
	Pay                 *payLine
	Statement           bool // an open dispute waits for the employer's side
	Rate                bool
}

// payLine is a completed shift's money, as both sides see it.
type payLine struct {
	Promised, Paid, Received string
	Dispute, DisputeClass    string
	WorkerSays, EmployerSays string
	Resolution               string
	Due                      string
	OnTime                   bool
}

func payLineOf(s *gigs.Signup) *payLine {
	if s.Status != gigs.SignupCompleted {
		return nil
	}
	p := &payLine{Promised: gigs.Yuan(s.PromisedFen), Dispute: s.Dispute.Label(), DisputeClass: string(s.Dispute),
		WorkerSays: s.WorkerStatement, EmployerSays: s.EmployerStatement, Resolution: s.Resolution, OnTime: s.PaidOnTime}
	if s.PaidFen >= 0 {
		p.Paid = gigs.Yuan(s.PaidFen)
	}
	if s.ReceivedFen >= 0 {
		p.Received = gigs.Yuan(s.ReceivedFen)
	}
	if s.Dispute == gigs.DisputeUpheld {
		p.Due = gigs.Yuan(s.ResolvedFen)
	}
	return p
}

func checkText(s *gigs.Signup) string {
	if s.CheckedInAt.IsZero() {
		return ""
	}
	t := "签到 " + s.CheckedInAt.In(chinatime.Zone).Format("15:04")
	if !s.CheckedOutAt.IsZero() {
		t += " · 签退 " + s.CheckedOutAt.In(chinatime.Zone).Format("15:04")
	}
	if s.HoursWorked > 0 {
		t += " · " + strconv.FormatFloat(s.HoursWorked, 'f', -1, 64) + " 小时"
	}
	return t
}

// gigSignups lists who signed up for a gig, by shift, with what the
// employer can do for each.
func (h *gigOfficePages) gigSignups(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	v, err := h.work.GigSignupsWithRecords(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportSignups(w, r, v)
		return
	}
	h.render(w, r, http.StatusOK, "gigs_signups", h.signupsPage(r, v))
}

func (h *gigOfficePages) signupsPage(r *http.Request, v *app.GigSignupsView) *Page {
	now := h.now()
	g := v.Gig
	d := gigSignupsData{Gig: g, PerPiece: g.PayUnit == gigs.PerPiece}
	for _, s := range g.Shifts {
		grp := signupGroup{ShiftID: s.ID, Shift: s.Text(), Fill: gigs.SignupsText(s.Filled, g.Slots)}
		for _, su := range v.Signups {
			if su.ShiftID != s.ID {
				continue
			}
			started := !now.Before(s.StartsAt)
			row := signupRow{ID: su.ID, Name: su.PersonName, Status: su.Status.Label(), StatusClass: string(su.Status),
				Decide: gigs.CanDecide(su.Status) == nil && !started, At: su.CreatedAt.In(chinatime.Zone).Format("01-02 15:04"),
				ByStation: su.ByStaff != 0, Record: v.Reliability[su.PersonID].Text(), Check: checkText(su), Far: gigs.FarText(su.CheckinDistM),
				Complete: su.Status == gigs.SignupAccepted && started, NoShow: su.Status == gigs.SignupAccepted && started && su.CheckedInAt.IsZero(),
				Pay: payLineOf(su), Statement: su.Dispute == gigs.DisputeOpen && su.EmployerStatement == "",
				Rate: su.Status == gigs.SignupCompleted}
			grp.Rows = append(grp.Rows, row)
		}
		d.Groups = append(d.Groups, grp)
	}
	page := &Page{Title: "报名名单 · " + g.Title, Nav: "me", Data: &d}
	switch r.URL.Query().Get("done") {
	case "accepted":
		page.Flash = "已录用，已通知求职者。"
	case "declined":
		page.Flash = "已拒绝，已通知求职者。"
	case "completed":
		page.Flash = "已确认完工并登记付款，已请求职者确认实收金额。"
	case "no_show":
		page.Flash = "已登记未到岗。"
	case "statement":
		page.Flash = "说明已提交，经办人员核实后会通知双方。"
	case "rated":
		page.Flash = "评价已提交。"
	}
	return page
}

// signupForm runs one of the employer's sign-up buttons and goes back to
// the list; a refused form is shown on the list with its message.
func (h *gigOfficePages) signupForm(w http.ResponseWriter, r *http.Request, done string, do func(id int64) (*gigs.Signup, error)) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	s, err := do(id)
	if err != nil {
		// The list shows the refusal next to the row, with what was typed.
		form := formValues(r, "paid_amount", "pieces", "statement")
		form["statement"] = r.PostFormValue("statement")
		h.failOnPage(w, r, "gigs_signups", err, form, func() (*Page, error) {
			gigID, err := h.work.GigOfSignup(r.Context(), httpx.Actor(r), id)
			if err != nil {
				return nil, err
			}
			v, err := h.work.GigSignupsWithRecords(r.Context(), httpx.Actor(r), gigID)
			if err != nil {
				return nil, err
			}
			page := h.signupsPage(r, v)
			page.Data.(*gigSignupsData).FailedID = id
			return page, nil
		})
		return
	}
	http.Redirect(w, r, "/gig-posts/"+strconv.FormatInt(s.GigID, 10)+"/signups?done="+done, http.StatusSeeOther)
}

func (h *gigOfficePages) completeSignup(w http.ResponseWriter, r *http.Request) {
	h.signupForm(w, r, "completed", func(id int64) (*gigs.Signup, error) {
		pieces, _ := strconv.Atoi(r.PostFormValue("pieces"))
		return h.work.CompleteSignup(r.Context(), httpx.Actor(r), id, app.CompleteInput{PaidAmount: r.PostFormValue("paid_amount"), Pieces: pieces})
	})
}

func (h *gigOfficePages) noShowSignup(w http.ResponseWriter, r *http.Request) {
	h.signupForm(w, r, "no_show", func(id int64) (*gigs.Signup, error) { return h.work.MarkNoShow(r.Context(), httpx.Actor(r), id) })
}

func (h *gigOfficePages) statementSignup(w http.ResponseWriter, r *http.Request) {
	h.signupForm(w, r, "statement", func(id int64) (*gigs.Signup, error) {
		return h.work.EmployerStatement(r.Context(), httpx.Actor(r), id, r.PostFormValue("statement"))
	})
}

// rateSignup is either side's rating; it returns to where it was given.
func (h *gigPages) rateSignup(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	stars, _ := strconv.Atoi(r.PostFormValue("stars"))
	a := httpx.Actor(r)
	if err := h.work.Rate(r.Context(), a, id, app.RateInput{Stars: stars, Words: r.PostFormValue("words")}); err != nil {
		h.fail(w, r, err)
		return
	}
	if account.IsPerson(a.User) {
		http.Redirect(w, r, "/me/gigs?done=rated", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("back"))+"?done=rated", http.StatusSeeOther)
}

type checkinCodeData struct {
	Code  *app.ShiftCode
	QR    template.HTML
	Digit string // the code in two groups: 123 456
}

// checkinCodePage is what the employer shows at the place: the QR image
// of the check-in link and the 6 digits to type.
func (h *gigOfficePages) checkinCodePage(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	c, err := h.work.CheckinCode(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	svg, err := qr.SVG(h.absolute(r, c.Path), "签到二维码："+c.Gig.Title+" "+c.Shift.Text())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := checkinCodeData{Code: c, QR: template.HTML(svg), Digit: c.Code[:3] + " " + c.Code[3:]}
	h.render(w, r, http.StatusOK, "gigs_checkin_code", &Page{Title: "签到码 · " + c.Gig.Title, Nav: "me", Data: d})
}

// absolute makes a link of this site absolute for a QR image, from the
// request's host (phones open it from the camera app).
func (h *site) absolute(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || h.secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// checkinForm is the worker's check-in page; a scanned QR link fills the
// shift and the code.
func (h *gigPages) checkinForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"shift_id": q.Get("s"), "code": q.Get("c")}
	h.render(w, r, http.StatusOK, "gigs_checkin", &Page{Title: "零工签到", Nav: "gigs", Form: form})
}

// checkIn checks the worker in or out.
func (h *gigPages) checkIn(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "shift_id", "code", "lat", "lng")
	in := app.CheckinInput{Code: form["code"]}
	in.ShiftID, _ = strconv.ParseInt(form["shift_id"], 10, 64)
	if form["lat"] != "" && form["lng"] != "" {
		lat, err1 := strconv.ParseFloat(form["lat"], 64)
		lng, err2 := strconv.ParseFloat(form["lng"], 64)
		if err1 == nil && err2 == nil {
			in.Lat, in.Lng = &lat, &lng
		}
	}
	res, err := h.work.CheckIn(r.Context(), httpx.Actor(r), in)
	page := &Page{Title: "零工签到", Nav: "gigs", Form: form}
	if err != nil {
		h.formFail(w, r, "gigs_checkin", page, err)
		return
	}
	at := time.Now().In(chinatime.Zone)
	if !res.Signup.CheckedInAt.IsZero() {
		at = res.Signup.CheckedInAt.In(chinatime.Zone)
	}
	page.Form = map[string]string{}
	if res.Out {
		page.Flash = "签退成功：" + res.Signup.GigTitle + "，" + checkText(res.Signup) + "。雇主确认完工后，请在“我的零工”里确认收到的报酬。"
	} else {
		page.Flash = "签到成功：" + res.Signup.GigTitle + "，" + at.Format("15:04") + " 到岗。收工时请再输入一次签到码签退。"
		page.Message = res.Warning
		if res.Warning != "" {
			page.Message += "。已记录，如确在现场可不理会。"
		}
	}
	h.render(w, r, http.StatusOK, "gigs_checkin", page)
}

type disputesData struct {
	Rows     []disputeRow
	FailedID int64 // the row whose finding was refused: its typed values show there
}

type disputeRow struct {
	ID                int64
	Title, Shift, Who string
	Pay               *payLine
	GigID             int64
}

// disputesPage is the staff's queue of pay disputes.
func (h *gigOfficePages) disputesPage(w http.ResponseWriter, r *http.Request) {
	page, err := h.disputes(r, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "resolved" {
		page.Flash = "已裁定，双方都已收到结果。"
	}
	h.render(w, r, http.StatusOK, "gigs_disputes", page)
}

func (h *gigOfficePages) disputes(r *http.Request, failedID int64) (*Page, error) {
	list, err := h.work.OpenDisputes(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	d := disputesData{FailedID: failedID}
	for _, s := range list {
		d.Rows = append(d.Rows, disputeRow{ID: s.ID, Title: s.GigTitle, Shift: s.Shift().Text(), Who: s.PersonName, Pay: payLineOf(s), GigID: s.GigID})
	}
	return &Page{Title: "零工报酬争议", Nav: "console", Data: d}, nil
}

// resolveDispute is staff's finding.
func (h *gigOfficePages) resolveDispute(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.ResolveInput{Upheld: r.PostFormValue("upheld") == "1", DueAmount: r.PostFormValue("due_amount"), Note: r.PostFormValue("note")}
	if _, err := h.work.ResolveDispute(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.failOnPage(w, r, "gigs_disputes", err, map[string]string{"note": in.Note, "due_amount": in.DueAmount},
			func() (*Page, error) { return h.disputes(r, id) })
		return
	}
	http.Redirect(w, r, "/console/gigs/disputes?done=resolved", http.StatusSeeOther)
}
