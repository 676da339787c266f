package web

// 职业技能等级证书 pages: the public check (证书核验) by number and name,
// limited per IP; the printable certificate with a QR image of its check,
// for the holder and staff; the person's 我的证书; staff's list of every
// certificate (by occupation, level, issuer and date of issue) and its
// spreadsheet. The evaluation body's pages are in certificate_sittings.go.

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/qr"
	"github.com/jiuye/jiuye/internal/training"
)

// certificatePages are the 技能评价 and certificate pages.
type certificatePages struct {
	*site
	certs   *app.Certificates
	limiter *httpx.Limiter // per-IP limit on the public check
}

// verifyPath is the public check of a certificate, filled in: what its QR
// image and the resume's badge link to.
func verifyPath(number, name string) string {
	return "/certificates/verify?" + url.Values{"number": {number}, "name": {name}}.Encode()
}

type certVerifyData struct {
	Check  *app.CertificateCheck
	Missed bool // asked, and no valid certificate matches
}

// verify is the public check: the form, and with ?number=&name= the
// answer. An unknown number and a name that does not match read the
// same; asking too often from one address is refused for a minute.
func (h *certificatePages) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"number": q.Get("number"), "name": q.Get("name")}
	page := &Page{Title: "证书核验", Nav: "training", Form: form, Data: &certVerifyData{}}
	if !q.Has("number") && !q.Has("name") {
		h.render(w, r, http.StatusOK, "certificate_verify", page)
		return
	}
	if !h.limiter.Allow(r.Context(), httpx.IP(r.Context())) {
		w.Header().Set("Retry-After", "60")
		h.formFail(w, r, "certificate_verify", page, apperr.New(apperr.TooMany, "查询过于频繁，请一分钟后再试"))
		return
	}
	c, err := h.certs.VerifyCertificate(r.Context(), form["number"], form["name"])
	if apperr.CodeOf(err) == apperr.NotFound {
		page.Data = &certVerifyData{Missed: true}
		h.render(w, r, http.StatusNotFound, "certificate_verify", page)
		return
	}
	if err != nil {
		h.formFail(w, r, "certificate_verify", page, err)
		return
	}
	page.Data = &certVerifyData{Check: c}
	h.render(w, r, http.StatusOK, "certificate_verify", page)
}

type certPrintData struct {
	C          *training.Certificate
	Occupation string
	QR         template.HTML
	URL        string // the check the QR image links to
	Back       string
}

// certificate is the printable certificate, for the holder and staff
// (anyone else: 404): the holder's ID number in full, and a QR image of
// the public check.
func (h *certificatePages) certificate(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "证书不存在")
	if !ok {
		return
	}
	a := httpx.Actor(r)
	c, err := h.certs.Certificate(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	link := h.absolute(r, verifyPath(c.Number, c.Name))
	svg, err := qr.SVG(link, "核验二维码：证书编号 "+c.Number)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/console/certificates"
	if account.IsSelf(a.User, c.PersonID) {
		back = "/me/certificates"
	}
	h.render(w, r, http.StatusOK, "certificate_print", &Page{Title: "职业技能等级证书 · " + c.Name, Data: &certPrintData{C: c,
		Occupation: h.certs.OccupationName(c.Occupation), QR: template.HTML(svg), URL: link, Back: back}})
}

type myCertsData struct {
	Certs []*training.Certificate
	T     *app.Certificates
}

// myCertificates is the person's 我的证书.
func (h *certificatePages) myCertificates(w http.ResponseWriter, r *http.Request) {
	cs, err := h.certs.MyCertificates(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "certificate_mine", &Page{Title: "我的证书", Nav: "me", Data: &myCertsData{Certs: cs, T: h.certs}})
}

type certListData struct {
	R          *app.CertificateResults
	Levels     []training.Level
	Evaluators []*training.Provider
	T          *app.Certificates
	Query      url.Values // the search without the page, for the pager's and export's links
}

var certQueryFields = []string{"occupation", "level", "provider", "from", "to"}

// certQuery reads staff's filters from the query string.
func certQuery(r *http.Request) (map[string]string, app.CertificateQuery, url.Values) {
	q := r.URL.Query()
	form := map[string]string{}
	kept := url.Values{}
	for _, k := range certQueryFields {
		form[k] = q.Get(k)
		if form[k] != "" {
			kept.Set(k, form[k])
		}
	}
	cq := app.CertificateQuery{Occupation: form["occupation"], Level: form["level"], Provider: form["provider"], From: form["from"], To: form["to"]}
	cq.Page, _ = strconv.Atoi(q.Get("page"))
	return form, cq, kept
}

// consoleCertificates is staff's list of certificates with its filters.
func (h *certificatePages) consoleCertificates(w http.ResponseWriter, r *http.Request) {
	form, cq, kept := certQuery(r)
	evs, err := h.certs.Evaluators(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &certListData{Levels: training.Levels, Evaluators: evs, T: h.certs, Query: kept}
	page := &Page{Title: "职业技能等级证书", Nav: "console", Form: form, Data: d}
	res, err := h.certs.ListCertificates(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		d.R = &app.CertificateResults{Page: 1}
		h.formFail(w, r, "certificate_console", page, err)
		return
	}
	d.R = res
	h.render(w, r, http.StatusOK, "certificate_console", page)
}

var certSheetHeader = []string{"证书编号", "姓名", "身份证号", "职业（工种）", "等级", "发证机构", "发证日期", "状态", "评价场次"}

// exportCertificates sends the certificates matching the filters as .xlsx
// (ID numbers masked), audited.
func (h *certificatePages) exportCertificates(w http.ResponseWriter, r *http.Request) {
	_, cq, _ := certQuery(r)
	cs, err := h.certs.ExportCertificates(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, []any{c.Number, c.Name, c.IDMasked, h.certs.OccupationName(c.Occupation), c.Level.Label(), c.ProviderName,
			c.IssuedOn.Format(time.DateOnly), c.Status.Label(), c.SittingID})
	}
	h.writeSheet(w, "职业技能等级证书-"+chinatime.Today(h.now()).Format("20060102"), certSheetHeader, rows)
}
