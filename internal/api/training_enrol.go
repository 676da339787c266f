package api

// 技能培训 enrolment and attendance endpoints: a person enrols in and
// withdraws from a class, lists their classes with attendance and signs
// in with a session's code; a provider's employer users (and staff) read
// a class's roster with every trainee's attendance and rate, show a
// session's code, correct attendance with a reason and import trainees
// from a spreadsheet (multipart, field file).

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

type trainingEnrolAPI struct {
	*trainingAPI
	enrol *app.TrainingEnrolments
}

type enrolmentView struct {
	ID          int64  `json:"id"`
	ClassID     int64  `json:"class_id"`
	PersonID    int64  `json:"person_id"`
	PersonName  string `json:"person_name,omitempty"`
	IDMasked    string `json:"id_number_masked,omitempty"`
	PhoneMasked string `json:"phone_masked,omitempty"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	Source      string `json:"source"`
	SourceLabel string `json:"source_label"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

func enrolmentJSON(e *training.Enrolment) enrolmentView {
	return enrolmentView{ID: e.ID, ClassID: e.ClassID, PersonID: e.PersonID, PersonName: e.PersonName, IDMasked: e.IDMasked,
		PhoneMasked: e.PhoneMasked, Status: string(e.Status), StatusLabel: e.Status.Label(), Source: string(e.Source),
		SourceLabel: e.Source.Label(), CreatedAt: ts(e.CreatedAt), UpdatedAt: ts(e.UpdatedAt)}
}

type markView struct {
	SessionID   int64  `json:"session_id"`
	Date        string `json:"date"`
	Status      string `json:"status"` // present | absent | not_signed | not_begun
	Method      string `json:"method,omitempty"`
	SignedAt    string `json:"signed_at,omitempty"`
	Corrected   bool   `json:"corrected"`
	Reason      string `json:"reason,omitempty"`
	CorrectedAt string `json:"corrected_at,omitempty"`
}

func marksJSON(ms []app.SessionMark) []markView {
	out := make([]markView, 0, len(ms))
	for _, m := range ms {
		v := markView{SessionID: m.ID, Date: m.Date.Format(time.DateOnly), Status: "not_begun"}
		switch {
		case m.Present:
			v.Status = "present"
		case m.Mark != nil:
			v.Status = "absent"
		case m.Begun:
			v.Status = "not_signed"
		}
		if m.Mark != nil {
			v.Method, v.SignedAt, v.Corrected, v.Reason = string(m.Mark.Method), ts(m.Mark.SignedAt), m.Mark.CorrectedBy != 0, m.Mark.Reason
			if !m.Mark.CorrectedAt.IsZero() {
				v.CorrectedAt = ts(m.Mark.CorrectedAt)
			}
		}
		out = append(out, v)
	}
	return out
}

type rateView struct {
	Attended int     `json:"attended"`
	Held     int     `json:"held"`
	Total    int     `json:"total"`
	Rate     float64 `json:"rate"` // attended / held
	Meets    bool    `json:"meets_threshold"`
}

func rateJSON(r training.Rate, meets bool) rateView {
	return rateView{Attended: r.Attended, Held: r.Held, Total: r.Total, Rate: r.Value(), Meets: meets}
}

func (h *trainingEnrolAPI) enrolClass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.enrol.Enrol(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, enrolmentJSON(e))
}

func (h *trainingEnrolAPI) withdraw(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.enrol.Withdraw(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.enrol.MyEnrolment(r.Context(), httpx.Actor(r), id)
	if err != nil || e == nil {
		h.fail(w, r, apperr.New(apperr.Internal, "读取报名失败"))
		return
	}
	writeJSON(w, http.StatusOK, enrolmentJSON(e))
}

func (h *trainingEnrolAPI) myTraining(w http.ResponseWriter, r *http.Request) {
	cs, th, err := h.enrol.MyTraining(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		items = append(items, map[string]any{"class": h.classJSON(c.Class), "enrolment": enrolmentJSON(c.Enrolment),
			"attendance": marksJSON(c.Sessions), "rate": rateJSON(c.Rate, c.Meets)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "attendance_threshold": th})
}

func (h *trainingEnrolAPI) roster(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ro, err := h.enrol.ClassRoster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(ro.Rows))
	for _, t := range ro.Rows {
		items = append(items, map[string]any{"enrolment": enrolmentJSON(t.Enrolment), "attendance": marksJSON(t.Sessions),
			"rate": rateJSON(t.Rate, t.Meets)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"class": h.classJSON(ro.Class), "enrolled": ro.Enrolled, "trainees": items,
		"attendance_threshold": ro.Threshold, "attendance_threshold_source": ro.Source})
}

func (h *trainingEnrolAPI) sessionCode(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.enrol.CheckinCode(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session_id": c.Session.ID, "class_id": c.Class.ID, "date": c.Session.Date.Format(time.DateOnly),
		"start": c.Session.Start, "end": c.Session.End, "code": c.Code, "path": c.Path})
}

func (h *trainingEnrolAPI) checkIn(w http.ResponseWriter, r *http.Request) {
	var in app.TrainingCheckinInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.enrol.CheckIn(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"class_id": res.Class.ID, "class_title": res.Class.Title, "session_id": res.Session.ID,
		"signed_at": ts(res.Attendance.SignedAt), "method": string(res.Attendance.Method), "already": res.Already})
}

func (h *trainingEnrolAPI) correctAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.AttendanceInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.enrol.CorrectAttendance(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"class_id": c.ID, "session_id": id, "person_id": in.PersonID, "present": in.Present})
}

type rowErrorView struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

func (h *trainingEnrolAPI) importTrainees(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	name, data, done, err := uploadedFile(w, r, "file", "学员名单", training.MaxTraineeBytes+1<<20, "文件过大：学员名单不能超过 2 MB")
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.enrol.ImportTrainees(r.Context(), httpx.Actor(r), id, name, data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	errs := make([]rowErrorView, 0, len(rep.Errors))
	rows := map[int]bool{}
	for _, e := range rep.Errors {
		errs = append(errs, rowErrorView{Row: e.Row, Column: e.Column, Reason: e.Reason})
		rows[e.Row] = true
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": rep.Total, "saved": rep.Saved, "failed": len(rows), "errors": errs})
}
