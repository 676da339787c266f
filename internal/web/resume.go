package web

// 网谷智聘 resume pages: the person's edit form (/me/resume), the
// diagnosis 简历诊断 and a printable page; the same for staff under
// /console/persons/{id}/resume (edits are 代办, audited by the app).
//
// Form fields are named by the resume's JSON paths ("work[1].from"), so
// the app's field errors land on the inputs they name. Rows are added
// without JavaScript: an "add a row" submit button re-renders the form
// with the submitted values and one more empty row.

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/training"
)

// resumePages are the person's resume and staff's copy of it (代办).
type resumePages struct {
	*site
	resumes *app.Resumes
}

// maxFormRows bounds the rows a posted form may ask for (per list).
const maxFormRows = 40

// intentionRow is one 求职意向 as the form shows it: the occupations as
// typed by name (each resolved to a code, or offering choices), the
// places picked from the district → street lists, the salary as typed.
type intentionRow struct {
	Occs                 []occPick
	Regions              []string // region codes, one select each
	SalaryMin, SalaryMax string
	FullTime, PartTime   bool
}

// maxSlotsShown bounds the occupation and place inputs of an intention:
// what was chosen and one more, at most resume.MaxIntentionCodes.
const maxSlotsShown = resume.MaxIntentionCodes

// codes are the resolved occupation codes of the row, and whether every
// typed occupation resolved.
func (it intentionRow) occCodes() ([]string, bool) {
	var out []string
	ok := true
	for _, p := range it.Occs {
		switch {
		case p.Code != "":
			out = append(out, p.Code)
		case p.Text != "":
			ok = false
		}
	}
	return out, ok
}

// OccSlots are the occupation inputs to show: the typed ones and one empty.
func (it intentionRow) OccSlots() []occPick {
	var out []occPick
	for _, p := range it.Occs {
		if p.Text != "" || p.Code != "" {
			out = append(out, p)
		}
	}
	if len(out) < maxSlotsShown {
		out = append(out, occPick{})
	}
	return out
}

// RegionSlots are the place selects to show: the chosen ones and one empty.
func (it intentionRow) RegionSlots() []string {
	return placeSlots(slices.DeleteFunc(slices.Clone(it.Regions), func(s string) bool { return s == "" }), maxSlotsShown)
}

type educationRow struct {
	School, Major, Level, From, To string
	FullTime                       bool
}

type workRow struct {
	Employer, Title, From, To, Description string
	Occ                                    occPick // 职业 (optional), typed by name
	Current, PartTime                      bool
}

type certificateRow struct {
	Name, Kind, Level, Number, IssuedOn, Issuer string
}

// resumeForm is a resume as the form shows it: every value a string as
// typed, so nothing is lost when a save fails.
type resumeForm struct {
	Intentions      []intentionRow
	Education       []educationRow
	Work            []workRow
	Skills          string
	Certificates    []certificateRow
	SelfDescription string
	Lat, Lng        string // the optional location, filled by 使用我的位置 (hidden inputs)
	ClearLocation   bool   // 清除位置 was ticked
	Discoverable    bool
}

func salaryStr(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// formFromResume fills the form from a stored or normalised resume.
func formFromResume(r *resume.Resume) resumeForm {
	f := resumeForm{Skills: strings.Join(r.Skills, "、"), SelfDescription: r.SelfDescription, Discoverable: r.Discoverable,
		Lat: coordStr(r.Lat), Lng: coordStr(r.Lng)}
	for _, it := range r.Intentions {
		row := intentionRow{Regions: slices.Clone(it.RegionCodes), SalaryMin: salaryStr(it.SalaryMin), SalaryMax: salaryStr(it.SalaryMax),
			FullTime: it.FullTime, PartTime: it.PartTime}
		for _, c := range it.OccupationCodes {
			row.Occs = append(row.Occs, occPick{Code: c})
		}
		f.Intentions = append(f.Intentions, row)
	}
	for _, e := range r.Education {
		f.Education = append(f.Education, educationRow{School: e.School, Major: e.Major, Level: e.Level, From: e.From, To: e.To, FullTime: e.FullTime})
	}
	for _, w := range r.Work {
		f.Work = append(f.Work, workRow{Employer: w.Employer, Title: w.Title, Occ: occPick{Code: w.OccupationCode}, From: w.From, To: w.To,
			Description: w.Description, Current: w.Current(), PartTime: w.PartTime})
	}
	for _, c := range r.Certificates {
		f.Certificates = append(f.Certificates, certificateRow{Name: c.Name, Kind: c.Kind, Level: c.Level, Number: c.Number,
			IssuedOn: c.IssuedOn, Issuer: c.Issuer})
	}
	return f
}

// named gives every stored occupation code its name for the text boxes.
func (h *site) named(f resumeForm) resumeForm {
	name := func(p occPick) occPick {
		if p.Code != "" && p.Text == "" {
			p.Text = cmpOr(h.occupationName(p.Code), p.Code)
		}
		return p
	}
	for i := range f.Intentions {
		for j := range f.Intentions[i].Occs {
			f.Intentions[i].Occs[j] = name(f.Intentions[i].Occs[j])
		}
	}
	for i := range f.Work {
		f.Work[i].Occ = name(f.Work[i].Occ)
	}
	return f
}

func coordStr(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// withBlankRows gives every empty list one empty row to fill in.
func (f resumeForm) withBlankRows() resumeForm {
	if len(f.Intentions) == 0 {
		f.Intentions = []intentionRow{{FullTime: true}}
	}
	if len(f.Education) == 0 {
		f.Education = []educationRow{{FullTime: true}}
	}
	if len(f.Work) == 0 {
		f.Work = []workRow{{}}
	}
	return f
}

// rowCount reads the hidden row count of a list, bounded.
func rowCount(r *http.Request, list string) int {
	n, _ := strconv.Atoi(r.PostFormValue(list + "_n"))
	return min(max(n, 0), maxFormRows)
}

func checked(r *http.Request, name string) bool {
	v := r.PostFormValue(name)
	return v == "true" || v == "on" || v == "1"
}

// parseResumeForm reads the posted form as typed and resolves the
// occupations typed by name (occPick). Occupations come from the text
// boxes "intentions[i].occupations" (one per occupation, a name or a
// code, or a code picked from a "did you mean" list); places from the
// selects "intentions[i].region_codes", one code each. The older single
// inputs of codes separated by spaces are still read.
func (h *site) parseResumeForm(r *http.Request) resumeForm {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	all := func(name string) []string {
		var out []string
		for _, x := range r.PostForm[name] {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		return out
	}
	f := resumeForm{Skills: v("skills"), SelfDescription: r.PostFormValue("self_description"), Discoverable: checked(r, "discoverable"),
		Lat: v("lat"), Lng: v("lng"), ClearLocation: checked(r, "clear_location")}
	for i := range rowCount(r, "intentions") {
		p := "intentions[" + strconv.Itoa(i) + "]."
		row := intentionRow{SalaryMin: v(p + "salary_min"), SalaryMax: v(p + "salary_max"), FullTime: checked(r, p+"full_time"), PartTime: checked(r, p+"part_time")}
		typed := all(p + "occupations")
		for _, s := range all(p + "occupation_codes") {
			typed = append(typed, splitCodes(s)...)
		}
		for _, t := range typed {
			row.Occs = append(row.Occs, h.resolveOccupation(t))
		}
		for _, s := range all(p + "region_codes") {
			row.Regions = append(row.Regions, splitCodes(s)...)
		}
		f.Intentions = append(f.Intentions, row)
	}
	for i := range rowCount(r, "education") {
		p := "education[" + strconv.Itoa(i) + "]."
		f.Education = append(f.Education, educationRow{School: v(p + "school"), Major: v(p + "major"), Level: v(p + "level"),
			From: v(p + "from"), To: v(p + "to"), FullTime: checked(r, p+"full_time")})
	}
	for i := range rowCount(r, "work") {
		p := "work[" + strconv.Itoa(i) + "]."
		w := workRow{Employer: v(p + "employer"), Title: v(p + "title"), Occ: h.resolveOccupation(cmpOr(v(p+"occupation"), v(p+"occupation_code"))),
			From: v(p + "from"), To: v(p + "to"), Description: r.PostFormValue(p + "description"), Current: checked(r, p+"current"), PartTime: checked(r, p+"part_time")}
		f.Work = append(f.Work, w)
	}
	for i := range rowCount(r, "certificates") {
		p := "certificates[" + strconv.Itoa(i) + "]."
		f.Certificates = append(f.Certificates, certificateRow{Name: v(p + "name"), Kind: v(p + "kind"), Level: v(p + "level"),
			Number: v(p + "number"), IssuedOn: v(p + "issued_on"), Issuer: v(p + "issuer")})
	}
	return f
}

// splitCodes splits a list of codes typed with spaces, commas or 、.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" ,，、;；\t\n", r) })
}

// toResume turns the form into a resume; salaries that are not whole
// numbers are field errors (paths of the form's own order).
func (f resumeForm) toResume() (*resume.Resume, apperr.Fields) {
	var errs apperr.Fields
	r := &resume.Resume{SelfDescription: f.SelfDescription, Discoverable: f.Discoverable}
	if f.Skills != "" {
		r.Skills = []string{f.Skills} // Normalize splits on 、 and commas
	}
	num := func(field, s string) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil || n < 0 {
			errs.Add(field, "请填写整数金额（元/月），如 5000")
			return 0
		}
		return n
	}
	coord := func(field, s, msg string) *float64 {
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			errs.Add(field, msg)
			return nil
		}
		return &x
	}
	if !f.ClearLocation {
		r.Lat = coord("lat", f.Lat, "纬度应为数字，如 30.62；不知道可留空")
		r.Lng = coord("lng", f.Lng, "经度应为数字，如 114.14；不知道可留空")
	}
	for i, it := range f.Intentions {
		p := "intentions[" + strconv.Itoa(i) + "]."
		occ, ok := it.occCodes()
		if !ok {
			errs.Add(p+"occupation_codes", "有职业没有认出来，请从列表中选择或换个说法")
		}
		r.Intentions = append(r.Intentions, resume.Intention{OccupationCodes: occ, RegionCodes: slices.Clone(it.Regions),
			SalaryMin: num(p+"salary_min", it.SalaryMin), SalaryMax: num(p+"salary_max", it.SalaryMax), FullTime: it.FullTime, PartTime: it.PartTime})
	}
	for _, e := range f.Education {
		r.Education = append(r.Education, resume.EducationEntry{School: e.School, Major: e.Major, Level: e.Level, From: e.From, To: e.To, FullTime: e.FullTime})
	}
	for i, w := range f.Work {
		to := w.To
		if w.Current {
			to = ""
		}
		if w.Occ.Code == "" && w.Occ.Text != "" {
			errs.Add("work["+strconv.Itoa(i)+"].occupation_code", w.Occ.Err)
		}
		r.Work = append(r.Work, resume.WorkEntry{Employer: w.Employer, Title: w.Title, OccupationCode: w.Occ.Code, From: w.From, To: to,
			Description: w.Description, PartTime: w.PartTime})
	}
	for _, c := range f.Certificates {
		r.Certificates = append(r.Certificates, resume.Certificate{Name: c.Name, Kind: c.Kind, Level: c.Level, Number: c.Number,
			IssuedOn: c.IssuedOn, Issuer: c.Issuer})
	}
	return r, errs
}

// resumeEditData is what resume_edit.html shows.
type resumeEditData struct {
	Form       resumeForm
	Person     *registry.Person
	Doc        *resumeDoc // read-only view (reviewers, and staff above the form)
	CanEdit    bool
	ForStaff   bool
	Action     string
	Diagnosis  string
	Print      string
	Back       string
	ByStaff    bool // last saved by someone other than the person (代办)
	UpdatedAt  time.Time
	Educations []string
	Kinds      []string
	Levels     []string
	TopOcc     []string // names of the occupations with the most posts, offered as the occupation boxes are typed
	Places     func(code string) template.HTML
	HasPlace   bool          // a location is saved or was just filled
	Verified   []verifiedDoc // certificates issued on the platform, not editable
}

// resumeLinks are a resume's pages for the person or for staff.
type resumeLinks struct{ Base, Back string }

func linksFor(personID int64, own bool) resumeLinks {
	if own {
		return resumeLinks{Base: "/me/resume", Back: "/me"}
	}
	base := "/console/persons/" + strconv.FormatInt(personID, 10)
	return resumeLinks{Base: base + "/resume", Back: base}
}

func (h *resumePages) resumeEditData(r *http.Request, pg *app.ResumePage, form resumeForm) resumeEditData {
	l := linksFor(pg.Person.ID, pg.Own)
	form = h.named(form)
	d := resumeEditData{Form: form, Person: pg.Person, CanEdit: pg.CanEdit, ForStaff: !pg.Own, Action: l.Base, Diagnosis: l.Base + "/diagnosis",
		Print: l.Base + "/print", Back: l.Back, ByStaff: pg.ByProxy,
		UpdatedAt: pg.Resume.UpdatedAt, Educations: registry.Educations, Kinds: resume.CertificateKinds, Levels: resume.Levels,
		Places: h.placeOptions, HasPlace: form.Lat != "" && form.Lng != "" && !form.ClearLocation, Verified: h.verifiedDocs(pg.Verified)}
	for _, c := range h.resumes.TopOccupations(r.Context()) {
		d.TopOcc = append(d.TopOcc, stripOccMarker(c.Name))
	}
	if !pg.Own {
		doc := h.resumeDoc(pg.Resume, pg.Person, pg.Verified)
		d.Doc = &doc
	}
	return d
}

func (h *site) occupationNames(list []string) string {
	var names []string
	for _, c := range list {
		if oc, ok := h.codes.Occupations.Get(c); ok {
			names = append(names, oc.Name)
		}
	}
	return strings.Join(names, "、")
}

func (h *resumePages) myResumeForm(w http.ResponseWriter, r *http.Request) {
	h.resumeForm(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumePages) consoleResumeForm(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.resumeForm(w, r, id)
}

func (h *resumePages) resumeForm(w http.ResponseWriter, r *http.Request, personID int64) {
	pg, err := h.resumes.ViewResume(r.Context(), httpx.Actor(r), personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: resumeTitle(pg), Nav: resumeNav(pg), Data: h.resumeEditData(r, pg, formFromResume(pg.Resume).withBlankRows())}
	switch {
	case r.URL.Query().Get("saved") == "1" && pg.Own:
		page.Flash = "简历已保存。"
	case r.URL.Query().Get("saved") == "1":
		page.Flash = "已代办保存简历，操作已记入审计日志。"
	case !pg.Own:
		page.Flash = "您正在查看他人简历，本次查看已记入审计日志。"
	}
	h.render(w, r, http.StatusOK, "resume_edit", page)
}

func resumeTitle(pg *app.ResumePage) string {
	if pg.Own {
		return "我的简历"
	}
	return pg.Person.Name + " · 简历"
}

func resumeNav(pg *app.ResumePage) string {
	if pg.Own {
		return "me"
	}
	return "console"
}

func (h *resumePages) myResumeSave(w http.ResponseWriter, r *http.Request) {
	h.resumeSave(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumePages) consoleResumeSave(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.resumeSave(w, r, id)
}

// resumeSave saves the form, or with op=add-<list> re-renders it with one
// more empty row of that list and saves nothing.
func (h *resumePages) resumeSave(w http.ResponseWriter, r *http.Request, personID int64) {
	a := httpx.Actor(r)
	pg, err := h.resumes.EditableResume(r.Context(), a, personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := h.parseResumeForm(r)
	if op, ok := strings.CutPrefix(r.PostFormValue("op"), "add-"); ok {
		anchor := ""
		switch op {
		case "intention":
			form.Intentions = append(form.Intentions, intentionRow{FullTime: true})
			anchor = "intention-" + strconv.Itoa(len(form.Intentions)-1)
		case "education":
			form.Education = append(form.Education, educationRow{FullTime: true})
			anchor = "education-" + strconv.Itoa(len(form.Education)-1)
		case "work":
			form.Work = append(form.Work, workRow{})
			anchor = "work-" + strconv.Itoa(len(form.Work)-1)
		case "certificate":
			form.Certificates = append(form.Certificates, certificateRow{})
			anchor = "certificate-" + strconv.Itoa(len(form.Certificates)-1)
		}
		page := &Page{Title: resumeTitle(pg), Nav: resumeNav(pg), Data: h.resumeEditData(r, pg, form)}
		if anchor != "" {
			page.Flash = "已添加一行，填写后请点“保存简历”。"
		}
		h.render(w, r, http.StatusOK, "resume_edit", page)
		return
	}
	in, errs := form.toResume()
	fail := func(f resumeForm, err error) {
		page := &Page{Title: resumeTitle(pg), Nav: resumeNav(pg), Data: h.resumeEditData(r, pg, f.withBlankRows())}
		h.formFail(w, r, "resume_edit", page, err)
	}
	if err := errs.Err(); err != nil {
		fail(form, err)
		return
	}
	if _, err := h.resumes.SaveResume(r.Context(), a, personID, *in); err != nil {
		if apperr.As(err).Code == apperr.Invalid {
			// Field paths refer to the normalised resume (blank rows
			// dropped, newest first): show it in that order, as typed.
			in.Normalize()
			fail(formFromResume(in), err)
			return
		}
		fail(form, err)
		return
	}
	http.Redirect(w, r, linksFor(personID, pg.Own).Base+"?saved=1", http.StatusSeeOther)
}

// findingGroup is the diagnosis findings of one severity.
type findingGroup struct {
	Severity resume.Severity
	Label    string
	Findings []resume.Finding
}

type resumeDiagnosisData struct {
	D        resume.Diagnosis
	Groups   []findingGroup
	Person   *registry.Person
	ForStaff bool
	Edit     string
	Print    string
	Back     string
	Class    string // score colour
}

func (h *resumePages) myResumeDiagnosis(w http.ResponseWriter, r *http.Request) {
	h.resumeDiagnosis(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumePages) consoleResumeDiagnosis(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.resumeDiagnosis(w, r, id)
}

func (h *resumePages) resumeDiagnosis(w http.ResponseWriter, r *http.Request, personID int64) {
	res, err := h.resumes.DiagnoseResume(r.Context(), httpx.Actor(r), personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := linksFor(personID, res.Own)
	d := resumeDiagnosisData{D: res.Diagnosis, Person: res.Person, ForStaff: !res.Own, Edit: l.Base, Print: l.Base + "/print", Back: l.Back}
	for _, sev := range []resume.Severity{resume.Error, resume.Warn, resume.Tip} {
		g := findingGroup{Severity: sev, Label: sev.Label()}
		for _, f := range res.Diagnosis.Findings {
			if f.Severity == sev {
				g.Findings = append(g.Findings, f)
			}
		}
		if len(g.Findings) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	switch {
	case d.D.Score >= 90:
		d.Class = "ok"
	case d.D.Score >= 60:
		d.Class = "warn"
	default:
		d.Class = "bad"
	}
	title := "简历诊断"
	if !res.Own {
		title = res.Person.Name + " · 简历诊断"
	}
	h.render(w, r, http.StatusOK, "resume_diagnosis", &Page{Title: title, Nav: map[bool]string{true: "me", false: "console"}[res.Own], Data: d})
}

// resumeDoc is a resume as the printable page (and the staff view) shows it.
type resumeDoc struct {
	R          *resume.Resume
	P          *registry.Person
	Age        int
	Highest    string
	Years      string
	Intentions []intentionDoc
	Work       []workDoc
	Verified   []verifiedDoc // issued on the platform: shown with the 已核验 badge, apart from those typed
}

// verifiedDoc is a certificate issued on the platform as a resume shows
// it: the badge says the platform vouches for it, and the link checks it.
type verifiedDoc struct {
	Occupation, Level, Number, Issuer, IssuedOn, Verify string
}

// verifiedDocs are the platform's certificates for a resume.
func (h *site) verifiedDocs(cs []*training.Certificate) []verifiedDoc {
	out := make([]verifiedDoc, 0, len(cs))
	for _, c := range cs {
		occ := c.Occupation
		if oc, ok := h.codes.Occupations.Get(c.Occupation); ok {
			occ = stripOccMarker(oc.Name)
		}
		out = append(out, verifiedDoc{Occupation: occ, Level: c.Level.Label(), Number: c.Number, Issuer: c.ProviderName,
			IssuedOn: c.IssuedOn.Format(time.DateOnly), Verify: verifyPath(c.Number, c.Name)})
	}
	return out
}

type intentionDoc struct {
	Occupations, Regions, Salary, Kind string
}

type workDoc struct {
	W    resume.WorkEntry
	Span string
}

func (h *site) resumeDoc(r *resume.Resume, p *registry.Person, verified []*training.Certificate) resumeDoc {
	now := h.now()
	d := resumeDoc{R: r, P: p, Highest: cmpOr(r.HighestEducation(), p.Education), Verified: h.verifiedDocs(verified)}
	if !p.Birth.IsZero() {
		d.Age = p.AgeOn(now)
	}
	if y := r.YearsAt(now); y > 0 {
		d.Years = strconv.FormatFloat(float64(int(y*10))/10, 'f', -1, 64) + " 年"
	}
	for _, it := range r.Intentions {
		var occ, reg []string
		for _, c := range it.OccupationCodes {
			occ = append(occ, cmpOr(h.occupationNames([]string{c}), c))
		}
		for _, c := range it.RegionCodes {
			reg = append(reg, cmpOr(h.place(c), c))
		}
		id := intentionDoc{Occupations: strings.Join(occ, "、"), Regions: strings.Join(reg, "、"), Salary: "面议"}
		if it.SalaryMin > 0 {
			id.Salary = strconv.Itoa(it.SalaryMin) + "–" + strconv.Itoa(it.SalaryMax) + " 元/月"
		}
		var kinds []string
		if it.FullTime {
			kinds = append(kinds, "全职")
		}
		if it.PartTime {
			kinds = append(kinds, "兼职")
		}
		id.Kind = strings.Join(kinds, "、")
		d.Intentions = append(d.Intentions, id)
	}
	for _, w := range r.Work {
		span := w.From + " – " + w.To
		if w.Current() {
			span = w.From + " – 至今"
		}
		if w.From == "" && w.To == "" {
			span = ""
		}
		d.Work = append(d.Work, workDoc{W: w, Span: span})
	}
	return d
}

func cmpOr(xs ...string) string {
	i := slices.IndexFunc(xs, func(s string) bool { return s != "" })
	if i < 0 {
		return ""
	}
	return xs[i]
}

func (h *resumePages) myResumePrint(w http.ResponseWriter, r *http.Request) {
	h.resumePrint(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumePages) consoleResumePrint(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.resumePrint(w, r, id)
}

// resumePrint is the printable resume: one column, no navigation.
func (h *resumePages) resumePrint(w http.ResponseWriter, r *http.Request, personID int64) {
	pg, err := h.resumes.ViewResume(r.Context(), httpx.Actor(r), personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	doc := h.resumeDoc(pg.Resume, pg.Person, pg.Verified)
	h.render(w, r, http.StatusOK, "resume_print", &Page{Title: pg.Person.Name + " · 简历", Data: printData{Doc: doc,
		Back: linksFor(personID, pg.Own).Base}})
}

type printData struct {
	Doc  resumeDoc
	Back string
}
