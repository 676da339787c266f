package web

// 网谷智聘, the seeker's side: the search page with filters and BOSS-style
// cards, and the post page. Employer pages are in jobs_employer.go, the
// review queue in jobs_review.go.

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/cache"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/search"
)

// jobPages are 网谷智聘's search, post pages, the employer's posts, the
// review queue, recommendations and candidates.
type jobPages struct {
	*site
	jobs        *app.Jobs
	apps        *app.JobApps           // the person's own application on a post page
	registry    *app.Registry          // whether the employer's enterprise is verified
	cases       *app.Casework          // vacancies the call centre collected, confirmed on the post form
	saved       *app.SavedJobs         // 收藏
	reports     *app.JobReports        // 举报 and the reviewers' decisions
	imports     *app.JobImports        // the employer's and the reviewer's Excel exports
	jobsPages   *cache.Gen[cachedPage] // the search page for anonymous visitors, see jobsPage
	searchSlots chan struct{}          // bounds concurrent search pages, see renderJobsPage
	occOpts     atomic.Pointer[occOptionList]
}

// occOptionList is the occupation filter's options built from a list of
// OccupationCounts (the app returns the same slice until it recomputes).
type occOptionList struct {
	from []app.OccupationCount
	opts *optionList
}

// occOptions returns the occupation filter's options: only occupations
// with open posts, most posts first, "焊工（12）", "叉车工 — 起重装卸机械操作工（3）". A chosen code without
// posts stays selectable by its name. On an error it falls back to the
// whole table.
func (h *jobPages) occOptions(r *http.Request) *optionList {
	list, err := h.jobs.OccupationCounts(r.Context())
	if err != nil {
		return h.jobsUI.OccList
	}
	if c := h.occOpts.Load(); c != nil && len(c.from) == len(list) && (len(list) == 0 || &c.from[0] == &list[0]) {
		return c.opts
	}
	items := make([]optItem, 0, len(list))
	for _, o := range list {
		label := o.Name
		if o.Everyday != "" {
			label = o.Everyday + " — " + o.Name
		}
		items = append(items, optItem{Value: o.Code, Label: label + "（" + strconv.Itoa(o.N) + "）"})
	}
	opts := newOptionList(items)
	opts.unknown = func(code string) string {
		if c, ok := h.codes.Occupations.Get(code); ok {
			return c.Name
		}
		return ""
	}
	h.occOpts.Store(&occOptionList{from: list, opts: opts})
	return opts
}

// jobsUI holds the choice lists and names the job pages use, built once.
type jobsUI struct {
	places     map[string]string // Wuhan street or district code → "东西湖区 · 吴家山街"
	Districts  []codes.Code      // Wuhan's districts, for the search filter
	Streets    []streetGroup     // Wuhan's streets by district, for the post form
	OccGroups  []occGroup        // 大类 → 中类, for the search filter
	SalaryOpts []opt
	SortOpts   []opt
	ExpOpts    []opt

	// Pre-rendered <option> lists of the long selects.
	RegionList, OccList, SalaryList, EduList, StreetList *optionList
}

// optionList renders the <option>s of a select (in optgroups where given)
// once per selected value, so the busiest page does not run the template
// over long lists for every visitor. A selected value that is not in the
// list is added as its own option, escaped, and not cached.
type optionList struct {
	items   []optItem
	known   map[string]bool
	cache   sync.Map            // selected value → template.HTML
	unknown func(string) string // names a selected value not in the list ("" = show it as it is)
}

// optItem is an option, or (Group set) the start of an optgroup.
type optItem struct{ Group, Value, Label string }

func newOptionList(items []optItem) *optionList {
	l := &optionList{items: items, known: map[string]bool{}}
	for _, it := range items {
		if it.Group == "" {
			l.known[it.Value] = true
		}
	}
	return l
}

// Label returns the label of value: its option's, or for a value not in
// the list what unknown names it (the value itself without one); "" for "".
func (l *optionList) Label(value string) string {
	if value == "" {
		return ""
	}
	for _, it := range l.items {
		if it.Group == "" && it.Value == value {
			return it.Label
		}
	}
	if l.unknown != nil {
		return cmpOr(l.unknown(value), value)
	}
	return value
}

// HTML returns the options with selected marked.
func (l *optionList) HTML(selected string) template.HTML {
	if v, ok := l.cache.Load(selected); ok {
		return v.(template.HTML)
	}
	var b strings.Builder
	group := false
	for _, it := range l.items {
		if it.Group != "" {
			if group {
				b.WriteString("</optgroup>")
			}
			b.WriteString(`<optgroup label="` + html.EscapeString(it.Group) + `">`)
			group = true
			continue
		}
		b.WriteString(`<option value="` + html.EscapeString(it.Value) + `"`)
		if it.Value == selected {
			b.WriteString(" selected")
		}
		b.WriteString(">" + html.EscapeString(it.Label) + "</option>")
	}
	if group {
		b.WriteString("</optgroup>")
	}
	if selected != "" && !l.known[selected] {
		label := selected
		if l.unknown != nil {
			label = cmpOr(l.unknown(selected), selected)
		}
		b.WriteString(`<option value="` + html.EscapeString(selected) + `" selected>` + html.EscapeString(label) + "</option>")
		return template.HTML(b.String())
	}
	out := template.HTML(b.String())
	l.cache.Store(selected, out)
	return out
}

type streetGroup struct {
	District codes.Code
	Streets  []codes.Code
}

type occGroup struct {
	Major codes.Code
	Mids  []codes.Code
}

type opt struct{ Value, Label string }

func newJobsUI(t *codes.Tables) *jobsUI {
	u := &jobsUI{places: map[string]string{}}
	for _, d := range t.Regions.Children(WuhanCode) {
		u.Districts = append(u.Districts, d)
		u.places[d.Code] = d.Name
		g := streetGroup{District: d}
		for _, s := range t.Regions.Children(d.Code) {
			g.Streets = append(g.Streets, s)
			u.places[s.Code] = d.Name + " · " + s.Name
		}
		u.Streets = append(u.Streets, g)
	}
	for _, m := range t.Occupations.Children("") {
		g := occGroup{Major: m, Mids: t.Occupations.Children(m.Code)}
		u.OccGroups = append(u.OccGroups, g)
	}
	u.SalaryOpts = []opt{{"3000", "3000元以上"}, {"5000", "5000元以上"}, {"8000", "8000元以上"}, {"10000", "1万以上"}, {"15000", "1.5万以上"}}
	u.SortOpts = []opt{{"", "综合排序"}, {"newest", "最新发布"}, {"salary", "薪资最高"}}
	for _, y := range jobs.Experiences {
		u.ExpOpts = append(u.ExpOpts, opt{strconv.Itoa(y), jobs.ExperienceLabel(y)})
	}
	var regions, occs, salaries, edus, streets []optItem
	for _, d := range u.Districts {
		regions = append(regions, optItem{Value: d.Code, Label: d.Name})
	}
	for _, g := range u.Streets {
		streets = append(streets, optItem{Group: g.District.Name})
		for _, st := range g.Streets {
			streets = append(streets, optItem{Value: st.Code, Label: st.Name})
		}
	}
	for _, g := range u.OccGroups {
		occs = append(occs, optItem{Group: g.Major.Name})
		if len(g.Mids) == 0 {
			occs = append(occs, optItem{Value: g.Major.Code, Label: g.Major.Name})
		}
		for _, c := range g.Mids {
			occs = append(occs, optItem{Value: c.Code, Label: c.Name})
		}
	}
	for _, o := range u.SalaryOpts {
		salaries = append(salaries, optItem{Value: o.Value, Label: o.Label})
	}
	for _, e := range jobs.Educations[1:] { // 不限 is the empty choice
		edus = append(edus, optItem{Value: e, Label: e})
	}
	u.RegionList, u.OccList, u.SalaryList = newOptionList(regions), newOptionList(occs), newOptionList(salaries)
	u.EduList, u.StreetList = newOptionList(edus), newOptionList(streets)
	return u
}

// place names a region for a card: "东西湖区 · 吴家山街" in Wuhan, else the full path.
func (h *site) place(code string) string {
	if s, ok := h.jobsUI.places[code]; ok {
		return s
	}
	return h.regionName(code)
}

// jobCard is a search result as the card shows it. Tags and Snippet are
// built here, escaped, because twenty cards of small loops are most of the
// page's template work.
type jobCard struct {
	ID         int64
	Title      string
	Salary     string
	Tags       template.HTML // <span class="tag">…</span> …
	Enterprise string
	Place      string
	Distance   string
	Posted     string
	Snippet    template.HTML // escaped text, query characters in <mark>
}

func (h *site) cardOf(hit app.JobHit, now time.Time) jobCard {
	c := jobCard{ID: hit.ID, Title: hit.Title, Salary: jobs.SalaryText(hit.SalaryMin, hit.SalaryMax),
		Enterprise: hit.EnterpriseName, Place: h.place(hit.RegionCode), Posted: postedText(hit.PublishedAt, now),
		Snippet: snippetHTML(hit.Snippet)}
	var b strings.Builder
	tag := func(s string) { b.WriteString(`<span class="tag">` + html.EscapeString(s) + "</span> ") }
	if hit.Internship {
		b.WriteString(`<span class="tag brand" title="就业见习岗位">见习</span> `)
	}
	tag(educationTag(hit.Education))
	tag(jobs.ExperienceLabel(hit.ExperienceYears))
	for i, x := range hit.Benefits {
		if i == 3 {
			break
		}
		tag(x)
	}
	c.Tags = template.HTML(b.String())
	if hit.DistanceKm >= 0 {
		c.Distance = distanceText(hit.DistanceKm)
	}
	return c
}

// snippetHTML renders snippet segments escaped, with the matches in <mark>.
func snippetHTML(segs []search.Segment) template.HTML {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return template.HTML(b.String())
}

func educationTag(e string) string {
	if e == "" || e == "不限" {
		return "学历不限"
	}
	return e + "及以上"
}

// distanceText is "距您 2.3 公里" (or metres under 1 km).
func distanceText(km float64) string {
	if km < 1 {
		return "距您 " + strconv.Itoa(int(km*1000+0.5)/10*10) + " 米"
	}
	return "距您 " + strconv.FormatFloat(km, 'f', 1, 64) + " 公里"
}

// postedText says when a post went live: 今天, 昨天, 3天前, or the date.
func postedText(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	days := int(jobs.Today(now).Sub(jobs.Today(t)).Hours() / 24)
	switch {
	case days <= 0:
		return "今天发布"
	case days == 1:
		return "昨天发布"
	case days < 7:
		return strconv.Itoa(days) + "天前发布"
	}
	return t.In(chinatime.Zone).Format("01-02") + " 发布"
}

type pageLink struct {
	N    int
	Href string
	On   bool
}

type jobsPageData struct {
	UI         *jobsUI
	Educs      []string
	Cards      []jobCard
	Total      int
	Page       int
	Pages      int
	PageLinks  []pageLink
	PrevHref   string
	NextHref   string
	Searched   bool // some filter or text given
	Empty      bool // no post at all in the index
	Near       bool
	AsWord     string // the occupation name a pinyin query was read as
	CardQuery  string // added to the cards' links: "?near=…" so the post's map shows the distance
	Employer   bool
	Person     bool          // a logged-in person: link to 为您推荐
	SaveQuery  string        // the search's query string, for 保存搜索并订阅新岗位
	ExportHref string        // the same search as .xlsx, for logged-in visitors
	Recs       []recCard     // a person's top recommendations, on the unfiltered first page
	List       template.HTML // count, cards and pager, see jobListHTML
	SearchForm template.HTML // see jobSearchFormHTML
}

var jobQueryKeys = []string{"q", "region", "occupation", "education", "experience", "salary_min", "posted_within",
	"near", "radius_km", "sort", "page", "page_size", "internship"}

// The search page as rendered for anonymous visitors is kept for a few
// seconds (Handler.jobsPages): the board's first pages and common searches
// are most of its traffic, and an anonymous page depends only on the URL
// and the large-font setting. Entries die when the job index changes.
// Logged-in visitors (whose pages show their name) always get a fresh
// page. A page is kept only when it is asked for a second time: one-off
// searches (the long tail) are written straight to the visitor, without a
// copy for the cache.
const (
	pageTTL       = 5 * time.Second
	pageCacheSize = 256 // pages are ~25 KB; the head of the query distribution fits
	pageKeyMax    = 512 // longer query strings are not cached
	pageSeenMax   = 8192
)

type cachedPage struct {
	status int
	body   []byte
}

func newPageCache() *cache.Gen[cachedPage] {
	return &cache.Gen[cachedPage]{TTL: pageTTL, Size: pageCacheSize, Doorkeeper: pageSeenMax}
}

// captureWriter keeps a rendered page's status and body; headers go
// straight to the real response.
type captureWriter struct {
	h      http.Header
	status int
	buf    []byte
}

func (c *captureWriter) Header() http.Header { return c.h }

func (c *captureWriter) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *captureWriter) Write(b []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	c.buf = append(c.buf, b...)
	return len(b), nil
}

func (h *jobPages) jobsPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportJobSearch(w, r)
		return
	}
	if httpx.User(r.Context()) != nil || len(r.URL.RawQuery) > pageKeyMax {
		h.renderJobsPage(w, r)
		return
	}
	key := r.URL.RawQuery
	if largeText(r) {
		key = "large\x00" + key
	}
	gen, now := h.jobs.JobIndexGen(), h.now()
	if p, ok := h.jobsPages.Get(key, gen, now); ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(p.status)
		w.Write(p.body)
		return
	}
	if !h.jobsPages.Admit(key) {
		h.renderJobsPage(w, r)
		return
	}
	cw := &captureWriter{h: w.Header()} // render writes the page once: buf is allocated at its size
	h.renderJobsPage(cw, r)
	if cw.status == http.StatusOK {
		h.jobsPages.Put(key, gen, now, cachedPage{status: cw.status, body: cw.buf})
	}
	w.WriteHeader(cw.status)
	w.Write(cw.buf)
}

// renderJobsPage searches and renders. At most twice GOMAXPROCS pages are
// worked on at once and the rest wait in arrival order (a channel's
// senders are served FIFO): under a burst the CPU-bound work is not
// interleaved across dozens of goroutines, which cut the p99 of distinct
// searches under wrk -c64 from 44 to 39 ms on two cores.
func (h *jobPages) renderJobsPage(w http.ResponseWriter, r *http.Request) {
	h.searchSlots <- struct{}{}
	defer func() { <-h.searchSlots }()
	q := r.URL.Query()
	form := map[string]string{}
	searched := false
	for _, k := range jobQueryKeys {
		form[k] = strings.TrimSpace(q.Get(k))
		if form[k] != "" && k != "page" && k != "sort" && k != "page_size" {
			searched = true
		}
	}
	u := httpx.User(r.Context())
	d := &jobsPageData{UI: h.jobsUI, Educs: jobs.Educations, Searched: searched, Employer: account.IsEmployer(u),
		Person: account.IsPerson(u), SaveQuery: r.URL.RawQuery}
	page := &Page{Title: "网谷智聘 · 找工作", Nav: "jobs", Form: form, Data: d}
	res, err := h.jobs.SearchJobs(r.Context(), app.JobQueryFrom(q))
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			e := apperr.As(err)
			page.Message, page.Errors = "筛选条件有误，请检查后重新搜索", e.Fields
			d.SearchForm = jobSearchFormHTML(page, h.jobsUI, h.occOptions(r))
			h.render(w, r, http.StatusUnprocessableEntity, "jobs", page)
			return
		}
		h.fail(w, r, err)
		return
	}
	now := h.now()
	d.Total, d.Page, d.Pages, d.Near, d.AsWord = res.Total, res.Page, res.Pages(), res.Near != nil, res.AsWord
	if res.Near != nil {
		d.CardQuery = "?near=" + url.QueryEscape(form["near"])
	}
	d.Cards = make([]jobCard, 0, len(res.Hits))
	for _, hit := range res.Hits {
		d.Cards = append(d.Cards, h.cardOf(hit, now))
	}
	if res.Total == 0 && !searched {
		d.Empty = true
	}
	link := func(n int) string {
		v := url.Values{}
		for _, k := range jobQueryKeys {
			if form[k] != "" && k != "page" {
				v.Set(k, form[k])
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return "/jobs"
		}
		return "/jobs?" + v.Encode()
	}
	last := min(d.Pages, 1000/max(res.PageSize, 1))
	if d.Page > 1 {
		d.PrevHref = link(d.Page - 1)
	}
	if d.Page < last {
		d.NextHref = link(d.Page + 1)
	}
	for n := max(1, d.Page-2); n <= min(last, d.Page+2); n++ {
		d.PageLinks = append(d.PageLinks, pageLink{N: n, Href: link(n), On: n == d.Page})
	}
	d.List = jobListHTML(d)
	if u != nil && res.Total > 0 {
		v := url.Values{}
		for _, k := range jobQueryKeys {
			if form[k] != "" && k != "page" && k != "page_size" {
				v.Set(k, form[k])
			}
		}
		v.Set("format", "xlsx")
		d.ExportHref = "/jobs?" + v.Encode()
	}
	if d.Person && !searched && d.Page == 1 {
		d.Recs = h.topRecommendations(r, 3)
	}
	d.SearchForm = jobSearchFormHTML(page, h.jobsUI, h.occOptions(r))
	h.render(w, r, http.StatusOK, "jobs", page)
}

// exportJobSearch sends the search as .xlsx (logged-in visitors; others
// are sent to log in).
func (h *jobPages) exportJobSearch(w http.ResponseWriter, r *http.Request) {
	data, _, err := h.jobs.ExportJobSearch(r.Context(), httpx.Actor(r), app.JobQueryFrom(r.URL.Query()))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "岗位搜索结果", data)
}

// jobDetailData is the post page.
type jobDetailData struct {
	V          *app.PostView
	Status     jobs.Status
	Salary     string
	Occupation string
	Place      string
	Education  string
	Experience string
	Posted     string
	LoginHref  string
	Views      []dayBar
	Open       bool              // published and open: persons may apply
	Person     bool              // the viewer is a logged-in person
	Mine       *jobs.Application // the person's application to this post, if any
	MaxNote    int
	Saved      bool          // the person saved it (收藏)
	CanReport  bool          // a logged-in person or employer may report it (举报)
	Reported   bool          // and already did
	Reasons    []string      // 举报 reasons
	ShareURL   string        // the post's own link, absolute
	QR         template.HTML // ShareURL as a QR image
	Map        *placeMap     // the workplace drawn on a small map, when the post has a position
}

type dayBar struct {
	Day string
	N   int64
}

func (h *jobPages) jobDetail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "岗位不存在"))
		return
	}
	page, err := h.jobDetailPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		page.Flash = "已提交，等待审核。审核结果会发到企业的站内消息。"
	case "applied":
		page.Flash = "申请已提交。企业处理后会通过站内消息告诉您，也可在“我的求职”查看进度。"
	case "saved_job":
		page.Flash = "已收藏。可在“我的收藏”中找到该岗位。"
	case "unsaved":
		page.Flash = "已取消收藏。"
	case "reported":
		page.Flash = "举报已提交，审核人员会核实处理。感谢您的监督。"
	}
	h.render(w, r, http.StatusOK, "jobs_detail", page)
}

// jobDetailPage builds the post page, with the person's own application
// to it (or the apply form) for logged-in persons.
func (h *jobPages) jobDetailPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.jobs.ViewPost(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	p := v.Post
	now := h.now()
	d := jobDetailData{V: v, Status: p.Effective(now), Salary: jobs.SalaryText(p.SalaryMin, p.SalaryMax), Place: h.place(p.RegionCode),
		Education: educationTag(p.Education), Experience: jobs.ExperienceLabel(p.ExperienceYears),
		Posted: postedText(p.PublishedAt, now), LoginHref: "/login?next=" + url.QueryEscape("/jobs/"+strconv.FormatInt(id, 10)),
		Open: p.Searchable(now), MaxNote: jobs.MaxCoverNote}
	if u := httpx.User(r.Context()); account.IsPerson(u) {
		d.Person = true
		if d.Mine, err = h.apps.MyJobApplication(r.Context(), httpx.Actor(r), id); err != nil {
			return nil, err
		}
	}
	if c, ok := h.codes.Occupations.Get(p.OccupationCode); ok {
		d.Occupation = c.Name
	}
	a := httpx.Actor(r)
	if d.Saved, err = h.saved.IsJobSaved(r.Context(), a, id); err != nil {
		return nil, err
	}
	if d.Open && account.CanReportPost(a.User) {
		d.CanReport, d.Reasons = true, jobs.ReportReasons
		if d.Reported, err = h.reports.HasReported(r.Context(), a, id); err != nil {
			return nil, err
		}
	}
	if d.Open {
		d.ShareURL, d.QR = h.shareQR(r, p)
	}
	if p.HasGeo {
		// the point of a 附近的岗位 search, else the person's resume place
		var ref *[2]float64
		refName := "您的位置"
		if la, ln, ok := app.ParsePoint(r.URL.Query().Get("near")); ok {
			ref = &[2]float64{la, ln}
		} else if ref, err = h.jobs.MyPlace(r.Context(), a); err != nil {
			return nil, err
		} else if ref != nil {
			refName = "简历中的地点"
		}
		m := workplaceMap(p.Lat, p.Lng, ref, refName)
		d.Map = &m
	}
	for _, dc := range v.Views {
		d.Views = append(d.Views, dayBar{Day: dc.Day.Format("01-02"), N: dc.N})
	}
	return &Page{Title: p.Title, Nav: "jobs", Data: d}, nil
}

// parseForm reads a posted form. A body over the server's limit (the
// middleware refuses a declared length over 1 MiB; this catches a streamed
// one) gets a 413 page instead of a form that silently lost its fields.
func (h *site) parseForm(w http.ResponseWriter, r *http.Request) bool {
	err := r.ParseForm()
	if err == nil {
		return true
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		h.render(w, r, http.StatusRequestEntityTooLarge, "error", &Page{Title: "提交内容过大",
			Message: "提交的内容超过 1 MiB，请精简岗位描述（最多 5000 字）后再提交。", Data: http.StatusRequestEntityTooLarge})
		return false
	}
	h.fail(w, r, apperr.New(apperr.BadRequest, "无法读取提交的表单"))
	return false
}
