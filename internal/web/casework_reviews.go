package web

// 话务中心 quality page: a supervisor draws the week's random sample of the
// team's contact records and scores each; every agent reads the reviews of
// their own records.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

type caseReviewsData struct {
	V        *app.ReviewsView
	Prev     string // the week before, as a date
	Next     string // the week after, or "" when it has not started
	Scores   []int
	FormFor  int64 // the review whose form holds the errors
	WeekName string
}

// reviewsPage builds the quality page of the week asked for.
func (h *caseworkPages) reviewsPage(r *http.Request, week string) (*Page, error) {
	v, err := h.cases.Reviews(r.Context(), httpx.Actor(r), week)
	if err != nil {
		return nil, err
	}
	d := &caseReviewsData{V: v, Prev: v.Week.AddDate(0, 0, -7).Format(time.DateOnly), Scores: []int{5, 4, 3, 2, 1},
		WeekName: casework.WeekLabel(v.Week)}
	if next := v.Week.AddDate(0, 0, 7); !next.After(casework.WeekOf(h.now())) {
		d.Next = next.Format(time.DateOnly)
	}
	form := map[string]string{"week": v.Week.Format(time.DateOnly), "per_agent": strconv.Itoa(casework.DefaultPerAgent)}
	return &Page{Title: "联系记录质检", Nav: "casework", Form: form, Data: d}, nil
}

// reviews is the quality page.
func (h *caseworkPages) reviews(w http.ResponseWriter, r *http.Request) {
	page, err := h.reviewsPage(r, r.URL.Query().Get("week"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "sampled":
		page.Flash = "已随机抽取 " + r.URL.Query().Get("n") + " 条联系记录，请逐条评分。"
	case "scored":
		page.Flash = "评分已保存，话务员可在本页看到。"
	}
	h.render(w, r, http.StatusOK, "casework_reviews", page)
}

// sampleReviews draws the week's sample.
func (h *caseworkPages) sampleReviews(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "week", "per_agent")
	in := app.SampleInput{Week: form["week"]}
	if form["per_agent"] != "" {
		n, err := strconv.Atoi(form["per_agent"])
		if err != nil {
			n = -1
		}
		in.PerAgent = n
	}
	n, err := h.cases.SampleReviews(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.failOnPage(w, r, "casework_reviews", err, form, func() (*Page, error) { return h.reviewsPage(r, "") })
		return
	}
	http.Redirect(w, r, "/console/casework/reviews?week="+form["week"]+"&done=sampled&n="+strconv.Itoa(n), http.StatusSeeOther)
}

// scoreReview saves a supervisor's score and comments on one record.
func (h *caseworkPages) scoreReview(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "质检记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "score", "comments", "week")
	score, _ := strconv.Atoi(form["score"])
	if _, err := h.cases.ScoreReview(r.Context(), httpx.Actor(r), id, app.ScoreInput{Score: score, Comments: r.PostFormValue("comments")}); err != nil {
		h.failOnPage(w, r, "casework_reviews", err, nil, func() (*Page, error) {
			page, err := h.reviewsPage(r, form["week"])
			if err == nil {
				page.Form["score"], page.Form["comments"] = form["score"], form["comments"]
				page.Data.(*caseReviewsData).FormFor = id
			}
			return page, err
		})
		return
	}
	http.Redirect(w, r, "/console/casework/reviews?week="+form["week"]+"&done=scored", http.StatusSeeOther)
}
