package api

// 网谷智聘 endpoints: search, type-ahead and post pages for everyone;
// posting, editing, pausing and closing for employers; the review queue
// for reviewers; title → occupation suggestions.

import (
	"html"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/search"
)

// jobsAPI serves 网谷智聘 posts: search, type-ahead and post pages for
// everyone; posting, editing, pausing and closing for employers; the review
// queue; title → occupation suggestions; and recommendations (posts for a
// person, candidates for a post).
type jobsAPI struct {
	base
	jobs        *app.Jobs
	saved       *app.SavedJobs   // 收藏
	reports     *app.JobReports  // 举报
	occupations *codes.Table     // names the occupation of a post
	now         func() time.Time // the store's clock: whether a post is still open
}

type enterpriseRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// jobItem is one search result. Snippet is HTML: the text escaped, the
// characters that matched the query wrapped in <mark>.
type jobItem struct {
	ID             int64         `json:"id"`
	Title          string        `json:"title"`
	Enterprise     enterpriseRef `json:"enterprise"`
	SalaryMin      int           `json:"salary_min"`
	SalaryMax      int           `json:"salary_max"`
	RegionCode     string        `json:"region_code"`
	OccupationCode string        `json:"occupation_code"`
	Education      string        `json:"education"`
	PublishedAt    string        `json:"published_at"`
	Snippet        string        `json:"snippet"`
	DistanceKm     *float64      `json:"distance_km"`
	Internship     bool          `json:"internship"` // a 就业见习 place (见习)
}

// snippetHTML renders snippet segments as escaped HTML with <mark>ed matches.
func snippetHTML(segs []search.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

func (h *jobsAPI) searchJobs(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("format") == "xlsx" {
		data, _, err := h.jobs.ExportJobSearch(r.Context(), httpx.Actor(r), app.JobQueryFrom(r.URL.Query()))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		httpx.SendXLSX(w, "岗位搜索结果", data)
		return
	}
	res, err := h.jobs.SearchJobs(r.Context(), app.JobQueryFrom(r.URL.Query()))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]jobItem, 0, len(res.Hits))
	for _, hit := range res.Hits {
		it := jobItem{ID: hit.ID, Title: hit.Title, Enterprise: enterpriseRef{hit.EnterpriseID, hit.EnterpriseName},
			SalaryMin: hit.SalaryMin, SalaryMax: hit.SalaryMax, RegionCode: hit.RegionCode, OccupationCode: hit.OccupationCode,
			Education: hit.Education, PublishedAt: ts(hit.PublishedAt), Snippet: snippetHTML(hit.Snippet), Internship: hit.Internship}
		if hit.DistanceKm >= 0 {
			d := math.Round(hit.DistanceKm*10) / 10
			it.DistanceKm = &d
		}
		items = append(items, it)
	}
	out := map[string]any{"total": res.Total, "page": res.Page, "page_size": res.PageSize, "items": items}
	if res.AsWord != "" {
		out["as_word"] = res.AsWord // a pinyin query ("hg") was searched as this occupation name
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *jobsAPI) suggestJobs(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	items, err := h.jobs.SuggestJobs(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

type postView struct {
	ID              int64          `json:"id"`
	Title           string         `json:"title"`
	Enterprise      enterpriseRef  `json:"enterprise"`
	Status          string         `json:"status"`
	StatusLabel     string         `json:"status_label"`
	OccupationCode  string         `json:"occupation_code"`
	OccupationName  string         `json:"occupation_name"`
	Description     string         `json:"description"`
	Headcount       int            `json:"headcount"`
	SalaryMin       int            `json:"salary_min"`
	SalaryMax       int            `json:"salary_max"`
	Education       string         `json:"education"`
	ExperienceYears int            `json:"experience_years"`
	Skills          []string       `json:"skills"`
	Benefits        []string       `json:"benefits"`
	RegionCode      string         `json:"region_code"`
	Address         string         `json:"address"`
	Lat             *float64       `json:"lat"`
	Lng             *float64       `json:"lng"`
	ExpiresOn       string         `json:"expires_on"`
	PublishedAt     string         `json:"published_at,omitempty"`
	ReviewReason    string         `json:"review_reason,omitempty"`
	UpdatedAt       string         `json:"updated_at"`
	ViewsTotal      *int64         `json:"views_total,omitempty"`
	Views           []dayCountView `json:"views,omitempty"`
	Internship      bool           `json:"internship"`
}

type dayCountView struct {
	Day string `json:"day"`
	N   int64  `json:"n"`
}

func (h *jobsAPI) postJSON(p *jobs.Post, status jobs.Status) postView {
	v := postView{ID: p.ID, Title: p.Title, Enterprise: enterpriseRef{p.EnterpriseID, p.EnterpriseName}, Status: string(status),
		StatusLabel: status.Label(), OccupationCode: p.OccupationCode, Description: p.Description, Headcount: p.Headcount,
		SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, Education: p.Education, ExperienceYears: p.ExperienceYears,
		Skills: nonNil(p.Skills), Benefits: nonNil(p.Benefits), RegionCode: p.RegionCode, Address: p.Address,
		ExpiresOn: date(p.ExpiresOn), PublishedAt: ts(p.PublishedAt), ReviewReason: p.ReviewReason, UpdatedAt: ts(p.UpdatedAt),
		Internship: p.Internship}
	if c, ok := h.occupations.Get(p.OccupationCode); ok {
		v.OccupationName = c.Name
	}
	if p.HasGeo {
		lat, lng := p.Lat, p.Lng
		v.Lat, v.Lng = &lat, &lng
	}
	return v
}

func (h *jobsAPI) getJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pv, err := h.jobs.ViewPost(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.postJSON(pv.Post, pv.Post.Effective(h.now()))
	if pv.Insider {
		total := pv.ViewTotal
		v.ViewsTotal = &total
		v.Views = []dayCountView{}
		for _, d := range pv.Views {
			v.Views = append(v.Views, dayCountView{Day: date(d.Day), N: d.N})
		}
	}
	if !pv.Insider {
		v.ReviewReason = ""
	}
	writeJSON(w, http.StatusOK, v)
}

func (h *jobsAPI) createJob(w http.ResponseWriter, r *http.Request) {
	var in app.PostInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.jobs.CreatePost(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.postJSON(p, p.Status))
}

func (h *jobsAPI) updateJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.PostInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.jobs.UpdatePost(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.postJSON(p, p.Status))
}

type jobStatusInput struct {
	Action string `json:"action"` // pause | resume | close
}

func (h *jobsAPI) setJobStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in jobStatusInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.jobs.SetPostStatus(r.Context(), httpx.Actor(r), id, in.Action)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.postJSON(p, p.Status))
}

func (h *jobsAPI) reviewJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ReviewInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.jobs.ReviewPost(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.postJSON(p, p.Status))
}

type postRowView struct {
	postView
	Views7Days int64 `json:"views_7_days"`
}

func (h *jobsAPI) myJobs(w http.ResponseWriter, r *http.Request) {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	rows, total, err := h.jobs.MyPosts(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []postRowView{}
	for _, row := range rows {
		v := postRowView{postView: h.postJSON(row.Post, row.Effective), Views7Days: row.Views7Days}
		n := row.Views
		v.ViewsTotal = &n
		items = append(items, v)
	}
	writeJSON(w, http.StatusOK, listView[postRowView]{Total: total, Items: items})
}

func (h *jobsAPI) reviewQueue(w http.ResponseWriter, r *http.Request) {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	posts, total, err := h.jobs.ReviewQueue(r.Context(), httpx.Actor(r), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []reviewView{}
	for _, post := range posts {
		flags := h.jobs.ScreenPost(post)
		if flags == nil {
			flags = []jobs.Flag{}
		}
		items = append(items, reviewView{postView: h.postJSON(post, post.Status), Flags: flags})
	}
	writeJSON(w, http.StatusOK, listView[reviewView]{Total: total, Items: items})
}

// reviewView is a post in the review queue with the screening hints.
type reviewView struct {
	postView
	Flags []jobs.Flag `json:"flags"`
}

func (h *jobsAPI) classifyOccupation(w http.ResponseWriter, r *http.Request) {
	var in app.ClassifyInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	items, err := h.jobs.Classify(in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
