package web

// 技能培训 enrolment and attendance pages: 报名 and 取消报名 on a class's
// page, the person's 我的培训 with their attendance, the sign-in page a
// session's QR image links to (also a form to type the code); the
// provider's roster of a class (per-session attendance, the correction
// form with its reason, the .xlsx export), a session's code and QR image,
// and the roster import with its template and row-by-row report; staff
// read and correct the same roster from the console.

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/qr"
	"github.com/jiuye/jiuye/internal/training"
)

func classPath(id int64) string { return "/training/classes/" + strconv.FormatInt(id, 10) }

// enrol enrols the person; a refusal shows on the class's page.
func (h *trainingPages) enrolClass(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.enrol.Enrol(r.Context(), httpx.Actor(r), id); err != nil {
		h.failOnPage(w, r, "training_class", err, nil, func() (*Page, error) { return h.classPage(r, id) })
		return
	}
	http.Redirect(w, r, classPath(id)+"?done=enrolled", http.StatusSeeOther)
}

// withdrawClass cancels the person's enrolment.
func (h *trainingPages) withdrawClass(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.enrol.Withdraw(r.Context(), httpx.Actor(r), id); err != nil {
		h.failOnPage(w, r, "training_class", err, nil, func() (*Page, error) { return h.classPage(r, id) })
		return
	}
	if r.PostFormValue("back") == "me" {
		http.Redirect(w, r, "/me/training?done=withdrawn", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, classPath(id)+"?done=withdrawn", http.StatusSeeOther)
}

type myTrainingData struct {
	Classes   []app.MyClass
	Threshold int // percent
	Now       time.Time
}

// myTraining is the person's classes with their attendance.
func (h *trainingPages) myTraining(w http.ResponseWriter, r *http.Request) {
	cs, th, err := h.enrol.MyTraining(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_me", &Page{Title: "我的培训", Nav: "me", Flash: trainingFlash[r.URL.Query().Get("done")],
		Data: &myTrainingData{Classes: cs, Threshold: int(th*100 + 0.5), Now: h.now()}})
}

// checkinForm is the trainee's sign-in page; a scanned QR link fills the
// session and the code.
func (h *trainingPages) checkinForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"session_id": q.Get("s"), "code": q.Get("c")}
	h.render(w, r, http.StatusOK, "training_checkin", &Page{Title: "培训签到", Nav: "me", Form: form})
}

// checkIn signs the trainee in.
func (h *trainingPages) checkIn(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "session_id", "code")
	in := app.TrainingCheckinInput{Code: form["code"]}
	in.SessionID, _ = strconv.ParseInt(form["session_id"], 10, 64)
	res, err := h.enrol.CheckIn(r.Context(), httpx.Actor(r), in)
	page := &Page{Title: "培训签到", Nav: "me", Form: form}
	if err != nil {
		h.formFail(w, r, "training_checkin", page, err)
		return
	}
	page.Form = map[string]string{}
	at := res.Attendance.SignedAt.In(chinatime.Zone).Format("15:04")
	if res.Already {
		page.Flash = "您已于 " + at + " 签到：" + res.Class.Title + "（" + res.Session.Text() + "），无需重复签到。"
	} else {
		page.Flash = "签到成功：" + res.Class.Title + "（" + res.Session.Text() + "），" + at + " 到课。"
	}
	h.render(w, r, http.StatusOK, "training_checkin", page)
}

type rosterData struct {
	R          *app.Roster
	Session    training.Session // the session shown
	SessionIdx int              // its index in the class's sessions
	Begun      bool             // it has begun (attendance may be corrected)
	Console    bool             // staff's console (paths under /console)
	Base       string           // the roster's path
	Export     string           // the roster's .xlsx
	Prefix     string           // /enterprise/training or /console/training
}

// rosterPage builds a class's roster page; ?s= picks the session shown
// (default: today's, else the last begun, else the first).
func (h *trainingPages) rosterPage(r *http.Request, id int64, console bool, sessionID int64) (*Page, error) {
	ro, err := h.enrol.ClassRoster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	n := strconv.FormatInt(id, 10)
	d := &rosterData{R: ro, Console: console, Prefix: "/enterprise/training", Base: "/enterprise/training/classes/" + n + "/roster"}
	d.Export = d.Base + ".xlsx"
	if console {
		d.Prefix, d.Base, d.Export = "/console/training", "/console/training/classes/"+n, "/console/training/classes/"+n+"/roster.xlsx"
	}
	today := chinatime.Today(ro.Now)
	for i, s := range ro.Class.Sessions {
		if s.ID == sessionID {
			d.SessionIdx = i
			break
		}
		if sessionID == 0 && (!ro.Now.Before(s.StartsAt()) || s.Date.Equal(today)) {
			d.SessionIdx = i // today's, else the last begun, else the first
		}
	}
	if len(ro.Class.Sessions) > 0 {
		d.Session = ro.Class.Sessions[d.SessionIdx]
		d.Begun = !ro.Now.Before(d.Session.StartsAt())
	}
	nav := "training"
	if console {
		nav = "console"
	}
	return &Page{Title: "学员名单 · " + ro.Class.Title, Nav: nav, Flash: trainingFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// roster is a class's roster for its provider (console: for staff).
func (h *trainingPages) roster(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "培训班不存在")
		if !ok {
			return
		}
		sid, _ := strconv.ParseInt(r.URL.Query().Get("s"), 10, 64)
		page, err := h.rosterPage(r, id, console, sid)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		page.Form = map[string]string{"session_id": strconv.FormatInt(page.Data.(*rosterData).Session.ID, 10), "present": "1"}
		h.render(w, r, http.StatusOK, "training_roster", page)
	}
}

// correctAttendance posts a correction from the roster page.
func (h *trainingPages) correctAttendance(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sid, ok := h.pathID(w, r, "这次课不存在")
		if !ok || !h.parseForm(w, r) {
			return
		}
		form := formValues(r, "person_id", "present", "reason")
		form["session_id"] = strconv.FormatInt(sid, 10)
		in := app.AttendanceInput{Present: form["present"] == "1", Reason: form["reason"]}
		in.PersonID, _ = strconv.ParseInt(form["person_id"], 10, 64)
		c, err := h.enrol.CorrectAttendance(r.Context(), httpx.Actor(r), sid, in)
		if err != nil {
			if c == nil {
				h.fail(w, r, err)
				return
			}
			h.failOnPage(w, r, "training_roster", err, form, func() (*Page, error) { return h.rosterPage(r, c.ID, console, sid) })
			return
		}
		d := "/enterprise/training/classes/" + strconv.FormatInt(c.ID, 10) + "/roster"
		if console {
			d = "/console/training/classes/" + strconv.FormatInt(c.ID, 10)
		}
		http.Redirect(w, r, d+"?s="+strconv.FormatInt(sid, 10)+"&done=corrected", http.StatusSeeOther)
	}
}

// exportRoster sends the roster with every session's attendance as .xlsx, audited.
func (h *trainingPages) exportRoster(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok {
		return
	}
	ro, err := h.enrol.ExportRoster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	header := []string{"姓名", "身份证号", "手机号", "来源", "状态", "报名时间"}
	for i, s := range ro.Class.Sessions {
		header = append(header, "第"+strconv.Itoa(i+1)+"次 "+s.Date.Format("01-02"))
	}
	header = append(header, "出勤次数", "已上课次数", "出勤率", "达到补贴出勤要求（"+strconv.Itoa(int(ro.Threshold*100+0.5))+"%）")
	rows := make([][]any, 0, len(ro.Rows))
	for _, t := range ro.Rows {
		row := []any{t.PersonName, t.IDMasked, t.PhoneMasked, t.Source.Label(), t.Status.Label(), t.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")}
		for _, m := range t.Sessions {
			row = append(row, markText(m))
		}
		meets := "否"
		if t.Meets {
			meets = "是"
		} else if t.Rate.Held < t.Rate.Total {
			meets = "未结课"
		}
		row = append(row, t.Rate.Attended, t.Rate.Held, strconv.Itoa(t.Rate.Percent())+"%", meets)
		rows = append(rows, row)
	}
	h.writeSheet(w, "学员名单", header, rows)
}

// markText is a trainee's attendance at a session in words.
func markText(m app.SessionMark) string {
	switch {
	case m.Present:
		return "出勤"
	case m.Mark != nil:
		return "缺勤"
	case m.Begun:
		return "未签到"
	}
	return "—"
}

type sessionCodeData struct {
	Code   *app.SessionCode
	QR     template.HTML
	Digit  string // the code in two groups: 123 456
	Roster string // the roster page's path (the provider's or the console's)
}

// sessionCode is what the provider shows at the door: the QR image of the
// sign-in link and the 6 digits to type.
// Staff (console) show it for a class they run the door of.
func (h *trainingPages) sessionCode(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "这次课不存在")
		if !ok {
			return
		}
		c, err := h.enrol.CheckinCode(r.Context(), httpx.Actor(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		svg, err := qr.SVG(h.absolute(r, c.Path), "签到二维码："+c.Class.Title+" "+c.Session.Text())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d := sessionCodeData{Code: c, QR: template.HTML(svg), Digit: c.Code[:3] + " " + c.Code[3:], Roster: rosterPath(c.Class.ID, console)}
		nav := "training"
		if console {
			nav = "console"
		}
		h.render(w, r, http.StatusOK, "training_checkin_code", &Page{Title: "签到码 · " + c.Class.Title, Nav: nav, Data: d})
	}
}

// rosterPath is a class's roster page for its provider or for staff.
func rosterPath(classID int64, console bool) string {
	n := strconv.FormatInt(classID, 10)
	if console {
		return "/console/training/classes/" + n
	}
	return "/enterprise/training/classes/" + n + "/roster"
}

type traineeImportData struct {
	R       *app.Roster
	Columns []string
	MaxRows int
	Report  *app.TraineeImportReport
	Roster  string // the roster page's path
	Prefix  string // /enterprise/training or /console/training
}

func (h *trainingPages) importPage(r *http.Request, id int64, console bool) (*Page, error) {
	ro, err := h.enrol.ClassRoster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &traineeImportData{R: ro, Columns: training.TraineeColumns, MaxRows: training.MaxTraineeRows, Roster: rosterPath(id, console), Prefix: "/enterprise/training"}
	nav := "training"
	if console {
		d.Prefix, nav = "/console/training", "console"
	}
	return &Page{Title: "导入学员 · " + ro.Class.Title, Nav: nav, Data: d}, nil
}

// importForm is the roster import page (console: staff registering a
// class's trainees for its provider).
func (h *trainingPages) importForm(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "培训班不存在")
		if !ok {
			return
		}
		page, err := h.importPage(r, id, console)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "training_import", page)
	}
}

// importTrainees takes the upload and shows the report on the same page:
// a file that cannot be imported at all is refused next to its field with
// nothing saved.
func (h *trainingPages) importTrainees(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h.importUpload(w, r, console) }
}

// importUpload reads the upload and imports it.
func (h *trainingPages) importUpload(w http.ResponseWriter, r *http.Request, console bool) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, training.MaxTraineeBytes+1<<20)
	tooLarge := "文件过大：学员名单不能超过 " + strconv.Itoa(training.MaxTraineeBytes>>20) + " MB"
	files, done, err := httpx.ReadFiles(r, "file", tooLarge)
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择要导入的 .xlsx 或 .csv 文件")
	}
	var rep *app.TraineeImportReport
	if err == nil {
		rep, err = h.enrol.ImportTrainees(r.Context(), httpx.Actor(r), id, files[0].Name, files[0].Data)
	}
	if err != nil {
		h.failOnPage(w, r, "training_import", err, nil, func() (*Page, error) { return h.importPage(r, id, console) })
		return
	}
	page, err := h.importPage(r, id, console)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*traineeImportData).Report = rep
	page.Flash = "已导入 " + strconv.Itoa(rep.Saved) + " 名学员。"
	if len(rep.Errors) > 0 {
		page.Notice = "有 " + strconv.Itoa(len(rep.Errors)) + " 处错误，对应的行没有导入，请修改后只上传这些行。"
	}
	h.render(w, r, http.StatusOK, "training_import", page)
}

// traineeTemplate downloads the roster import template.
func (h *trainingPages) traineeTemplate(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := h.enrol.WriteTraineeTemplate(&b); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "学员名单导入模板", b.Bytes())
}
