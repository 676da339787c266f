package web

// Job fair pages: a fair's page (the booth map, the booths with their open
// posts, an employer's booth application, staff's decisions and totals),
// a booth's page (its posts; its QR code and results form for its
// enterprise and staff), and the page a booth's QR code opens, where a
// person picks a post and sends their resume.

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/qr"
	"github.com/jiuye/jiuye/internal/sheet"
)

// fairPages are the job fair pages.
type fairPages struct {
	*site
	fairs *app.Fairs
}

var fairFlash = map[string]string{
	"applied":  "展位申请已提交，经办人员审核后会通知您。",
	"approved": "已通过，展位已上图，企业会收到通知。",
	"rejected": "已标记为不通过，企业会收到原因。",
	"recorded": "招聘结果已登记。",
	"sent":     "简历已发送，可在“我的求职”查看进度。",
}

// fairHelpers are what the fair templates call.
type fairHelpers struct{}

// Salary is a post's salary as the board shows it.
func (fairHelpers) Salary(lo, hi int) string { return jobs.SalaryText(lo, hi) }

// Rows are the map's row letters for the approve form: A … T.
func (fairHelpers) Rows() []fairRow {
	out := make([]fairRow, activity.MaxGrid)
	for i := range out {
		out[i] = fairRow{N: i + 1, Letter: activity.PlaceName(i+1, 1)[:1]}
	}
	return out
}

type fairRow struct {
	N      int
	Letter string
}

type fairData struct {
	fairHelpers
	V        *app.FairView
	Map      template.HTML
	Approved int
}

// fairIDs reads {id} (the fair) and {booth}; a malformed one is the 404 page.
func (h *fairPages) fairIDs(w http.ResponseWriter, r *http.Request) (fair, booth int64, ok bool) {
	fair, ok = h.pathID(w, r, "招聘会不存在")
	if !ok {
		return 0, 0, false
	}
	booth, err := strconv.ParseInt(r.PathValue("booth"), 10, 64)
	if err != nil || booth <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "展位不存在"))
		return 0, 0, false
	}
	return fair, booth, true
}

func (h *fairPages) fairPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.fairs.Fair(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &fairData{V: v, Map: boothMapSVG(v.Grid, v.Activity.Title)}
	for _, b := range v.Booths {
		if b.Status == activity.BoothApproved {
			d.Approved++
		}
	}
	return &Page{Title: v.Activity.Title + " · 展位", Nav: "activities", Flash: fairFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// show is a fair's page.
func (h *fairPages) show(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "招聘会不存在")
	if !ok {
		return
	}
	page, err := h.fairPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "fair", page)
}

// refuseOnFair shows the fair's page with why the action was refused (a
// conflict, a field error or a refusal with its reason), else the error page.
func (h *fairPages) refuseOnFair(w http.ResponseWriter, r *http.Request, id int64, form map[string]string, err error) {
	e := apperr.As(err)
	if e.Code != apperr.Conflict && e.Code != apperr.Invalid && e.Code != apperr.Forbidden {
		h.fail(w, r, err)
		return
	}
	page, perr := h.fairPage(r, id)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	page.Form, page.Message, page.Errors = form, e.Message, e.Fields
	h.render(w, r, httpx.Status(e.Code), "fair", page)
}

// apply posts the employer's booth application.
func (h *fairPages) apply(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "招聘会不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.fairs.ApplyBooth(r.Context(), httpx.Actor(r), id); err != nil {
		h.refuseOnFair(w, r, id, nil, err)
		return
	}
	http.Redirect(w, r, "/fairs/"+strconv.FormatInt(id, 10)+"?done=applied", http.StatusSeeOther)
}

// decide posts staff's decision on a booth application.
func (h *fairPages) decide(w http.ResponseWriter, r *http.Request) {
	id, booth, ok := h.fairIDs(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "action", "row", "col", "reason")
	in := app.BoothDecisionInput{Action: form["action"], Reason: form["reason"]}
	in.Row, _ = strconv.Atoi(form["row"])
	in.Col, _ = strconv.Atoi(form["col"])
	b, err := h.fairs.DecideBooth(r.Context(), httpx.Actor(r), id, booth, in)
	if err != nil {
		// The form's fields are per booth: the message names the booth.
		shown := map[string]string{}
		for k, v := range form {
			shown[k+"-"+strconv.FormatInt(booth, 10)] = v
		}
		e := apperr.As(err)
		if e.Fields != nil {
			fields := map[string]string{}
			for k, v := range e.Fields {
				fields[k+"-"+strconv.FormatInt(booth, 10)] = v
			}
			err = &apperr.Error{Code: e.Code, Message: e.Message, Fields: fields}
		}
		h.refuseOnFair(w, r, id, shown, err)
		return
	}
	http.Redirect(w, r, "/fairs/"+strconv.FormatInt(id, 10)+"?done="+string(b.Status), http.StatusSeeOther)
}

type boothData struct {
	fairHelpers
	V  *app.BoothView
	QR template.HTML
}

func (h *fairPages) boothPage(r *http.Request, id, booth int64, withQR bool) (*Page, error) {
	v, err := h.fairs.Booth(r.Context(), httpx.Actor(r), id, booth)
	if err != nil {
		return nil, err
	}
	d := &boothData{V: v}
	if withQR && v.Manage && v.Booth.Status == activity.BoothApproved {
		svg, err := qr.SVG(h.absolute(r, scanPath(id, booth)), "展位二维码："+v.Booth.Place()+" "+v.Booth.EnterpriseName+"，扫码投递简历")
		if err != nil {
			return nil, err
		}
		d.QR = template.HTML(svg)
	}
	title := v.Booth.EnterpriseName + " · " + v.Activity.Title
	return &Page{Title: title, Nav: "activities", Flash: fairFlash[r.URL.Query().Get("done")], Data: d,
		Form: map[string]string{"intentions": strconv.Itoa(v.Booth.Intentions), "hires": strconv.Itoa(v.Booth.Hires)}}, nil
}

func scanPath(fair, booth int64) string {
	return "/fairs/" + strconv.FormatInt(fair, 10) + "/booths/" + strconv.FormatInt(booth, 10) + "/scan"
}

// booth is a booth's page.
func (h *fairPages) booth(w http.ResponseWriter, r *http.Request) {
	id, booth, ok := h.fairIDs(w, r)
	if !ok {
		return
	}
	page, err := h.boothPage(r, id, booth, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "fair_booth", page)
}

// results posts the intentions and hires at a booth.
func (h *fairPages) results(w http.ResponseWriter, r *http.Request) {
	id, booth, ok := h.fairIDs(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "intentions", "hires")
	var f apperr.Fields
	in := app.BoothResultsInput{Intentions: formCount(&f, form, "intentions", "请填写达成意向人数（整数，没有填 0）"),
		Hires: formCount(&f, form, "hires", "请填写录用人数（整数，没有填 0）")}
	var err error
	if len(f) > 0 {
		err = f.Err()
	} else {
		_, err = h.fairs.RecordResults(r.Context(), httpx.Actor(r), id, booth, in)
	}
	if err != nil {
		h.failOnPage(w, r, "fair_booth", err, form, func() (*Page, error) { return h.boothPage(r, id, booth, true) })
		return
	}
	http.Redirect(w, r, "/fairs/"+strconv.FormatInt(id, 10)+"/booths/"+strconv.FormatInt(booth, 10)+"?done=recorded", http.StatusSeeOther)
}

// scanForm is the page a booth's QR code opens: the person picks one of
// the enterprise's open posts (nothing is sent on a GET).
func (h *fairPages) scanForm(w http.ResponseWriter, r *http.Request) {
	id, booth, ok := h.fairIDs(w, r)
	if !ok {
		return
	}
	page, err := h.boothPage(r, id, booth, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Title = "扫码投递 · " + page.Title
	h.render(w, r, http.StatusOK, "fair_scan", page)
}

// scan posts the person's resume to the post they picked.
func (h *fairPages) scan(w http.ResponseWriter, r *http.Request) {
	id, booth, ok := h.fairIDs(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "post_id")
	post, _ := strconv.ParseInt(form["post_id"], 10, 64)
	if _, err := h.fairs.SendResume(r.Context(), httpx.Actor(r), id, booth, app.ScanInput{PostID: post}); err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		page, perr := h.boothPage(r, id, booth, false)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		e := apperr.As(err)
		page.Title = "扫码投递 · " + page.Title
		page.Form, page.Message, page.Errors = form, e.Message, e.Fields
		h.render(w, r, httpx.Status(e.Code), "fair_scan", page)
		return
	}
	http.Redirect(w, r, scanPath(id, booth)+"?done=sent", http.StatusSeeOther)
}

var (
	fairResultsHeader = []string{"展位", "企业", "状态", "扫码投递", "达成意向", "录用", "结果登记时间"}
	fairStationHeader = []string{"工作站", "带来（预约参会）", "现场投递简历", "录用（人）"}
)

// resultsSheet is a fair's booths and their results as a spreadsheet
// (staff): what the fair achieved, booth by booth, and on a second sheet
// the workers each station brought and the hires among them.
func (h *fairPages) resultsSheet(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "招聘会不存在")
	if !ok {
		return
	}
	v, err := h.fairs.Fair(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !v.Manager {
		h.fail(w, r, apperr.New(apperr.Forbidden, "您没有权限访问该信息"))
		return
	}
	rows := make([][]any, 0, len(v.Booths))
	for _, b := range v.Booths {
		at := ""
		if !b.RecordedAt.IsZero() {
			at = b.RecordedAt.In(chinatime.Zone).Format("2006-01-02 15:04")
		}
		rows = append(rows, []any{b.Place(), b.EnterpriseName, b.Status.Label(), b.Resumes, b.Intentions, b.Hires, at})
	}
	stations := make([][]any, 0, len(v.Stations))
	for _, st := range v.Stations {
		stations = append(stations, []any{st.StationName, st.Brought, st.Resumes, st.Hired})
	}
	title := "招聘会结果 " + v.Activity.Title
	h.writeTabs(w, title, sheet.Tab{Title: title, Header: fairResultsHeader, Rows: rows},
		sheet.Tab{Title: "各工作站带来与录用", Header: fairStationHeader, Rows: stations})
}
