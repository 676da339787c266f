package web

// 网谷智聘 recommendation pages: 为您推荐 for a person with a resume, and a
// post's recommended candidates (masked) for its employer.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

type recCard struct {
	jobCard
	Score   int
	Reasons []string
}

type recommendationsData struct {
	Cards []recCard
	Hint  string
}

func (h *jobPages) myRecommendations(w http.ResponseWriter, r *http.Request) {
	res, err := h.jobs.Recommend(r.Context(), httpx.Actor(r), app.RecommendLimit(r.URL.Query().Get("limit")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.now()
	d := &recommendationsData{Hint: res.Hint}
	for _, it := range res.Items {
		d.Cards = append(d.Cards, recCard{jobCard: h.cardOf(app.JobHit{JobCard: it.Job, DistanceKm: -1}, now), Score: it.Score, Reasons: it.Reasons})
	}
	h.render(w, r, http.StatusOK, "jobs_recommendations", &Page{Title: "为您推荐", Nav: "jobs", Data: d})
}

// topRecommendations is the person's best few posts for the 为您推荐 block
// of the search page. The block is a convenience: a failure is logged and
// the page shows without it.
func (h *jobPages) topRecommendations(r *http.Request, n int) []recCard {
	res, err := h.jobs.RecommendBrief(r.Context(), httpx.Actor(r), n)
	if err != nil {
		h.log.Warn("web: recommendations for the search page", "err", err)
		return nil
	}
	now := h.now()
	out := make([]recCard, 0, len(res.Items))
	for _, it := range res.Items {
		out = append(out, recCard{jobCard: h.cardOf(app.JobHit{JobCard: it.Job, DistanceKm: -1}, now), Score: it.Score, Reasons: it.Reasons})
	}
	return out
}

type candidatesData struct {
	PostID    int64
	PostTitle string
	Items     []candidateRow
	Pool      int
	CanInvite bool
}

type candidateRow struct {
	app.Candidate
	YearsText string
}

func (h *jobPages) jobCandidates(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	res, err := h.jobs.Candidates(r.Context(), httpx.Actor(r), id, app.RecommendLimit(r.URL.Query().Get("limit")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &candidatesData{PostID: res.Post.ID, PostTitle: res.Post.Title, Pool: res.Pool, CanInvite: res.CanInvite}
	for _, c := range res.Items {
		d.Items = append(d.Items, candidateRow{Candidate: c, YearsText: strconv.FormatFloat(float64(int(c.Years*10+0.5))/10, 'f', -1, 64) + " 年"})
	}
	page := &Page{Title: "推荐人才 · " + res.Post.Title, Nav: "enterprise", Data: d}
	switch r.URL.Query().Get("invited") {
	case "1":
		page.Flash = "已邀请。对方会在站内消息中看到这个岗位，是否申请由对方决定；申请后您才能看到完整姓名和电话。"
	case "again":
		page.Flash = "已邀请过这位求职者，不会重复发送。"
	}
	if r.URL.Query().Get("limit") == "day" {
		page.Message = "今天的邀请已达 " + strconv.Itoa(jobs.MaxInvitationsPerDay) + " 次上限，请明天再邀请。"
	}
	h.render(w, r, http.StatusOK, "jobs_candidates", page)
}

// inviteCandidate sends 邀请投递 and comes back to the list: a repeat is
// answered calmly (已邀请过), the daily limit with a message.
func (h *jobPages) inviteCandidate(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok {
		return
	}
	personID, err := strconv.ParseInt(r.PathValue("person_id"), 10, 64)
	if err != nil || personID <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "求职者不存在"))
		return
	}
	back := "/enterprise/jobs/" + strconv.FormatInt(id, 10) + "/candidates"
	_, err = h.jobs.InviteCandidate(r.Context(), httpx.Actor(r), id, personID)
	switch {
	case err == nil:
		http.Redirect(w, r, back+"?invited=1#c"+strconv.FormatInt(personID, 10), http.StatusSeeOther)
	case apperr.Is(err, apperr.Conflict):
		http.Redirect(w, r, back+"?invited=again#c"+strconv.FormatInt(personID, 10), http.StatusSeeOther)
	case apperr.Is(err, apperr.TooMany):
		http.Redirect(w, r, back+"?limit=day", http.StatusSeeOther)
	default:
		h.fail(w, r, err)
	}
}
