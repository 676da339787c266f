package api

// 网谷智聘 recommendations: posts for the person logged in, and
// discoverable persons for an employer's post (masked contact only). They
// are app.Jobs use cases, so jobsAPI serves them.

import (
	"math"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

type recommendationItem struct {
	Job     jobItem  `json:"job"`
	Score   int      `json:"score"`
	Reasons []string `json:"reasons"`
}

func (h *jobsAPI) myRecommendations(w http.ResponseWriter, r *http.Request) {
	res, err := h.jobs.Recommend(r.Context(), httpx.Actor(r), app.RecommendLimit(r.URL.Query().Get("limit")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]recommendationItem, 0, len(res.Items))
	for _, it := range res.Items {
		c := it.Job
		items = append(items, recommendationItem{Job: jobItem{ID: c.ID, Title: c.Title, Enterprise: enterpriseRef{c.EnterpriseID, c.EnterpriseName},
			SalaryMin: c.SalaryMin, SalaryMax: c.SalaryMax, RegionCode: c.RegionCode, OccupationCode: c.OccupationCode,
			Education: c.Education, PublishedAt: ts(c.PublishedAt)}, Score: it.Score, Reasons: nonNil(it.Reasons)})
	}
	out := map[string]any{"items": items}
	if res.Hint != "" {
		out["hint"] = res.Hint
	}
	writeJSON(w, http.StatusOK, out)
}

type candidateItem struct {
	PersonID  int64    `json:"person_id"`
	Name      string   `json:"name"`
	Phone     string   `json:"phone"`
	Education string   `json:"education"`
	Years     float64  `json:"years"`
	Score     int      `json:"score"`
	Reasons   []string `json:"reasons"`
	Invited   bool     `json:"invited"` // invited to apply to this post (邀请投递)
	Applied   bool     `json:"applied"` // applied to this post
}

func (h *jobsAPI) jobCandidates(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.jobs.Candidates(r.Context(), httpx.Actor(r), id, app.RecommendLimit(r.URL.Query().Get("limit")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]candidateItem, 0, len(res.Items))
	for _, c := range res.Items {
		items = append(items, candidateItem{PersonID: c.PersonID, Name: c.NameMasked, Phone: c.PhoneMasked, Education: c.Education,
			Years: math.Round(c.Years*10) / 10, Score: c.Score, Reasons: nonNil(c.Reasons),
			Invited: c.Invited, Applied: c.Applied})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "can_invite": res.CanInvite})
}

// inviteCandidate sends 邀请投递: 201 with the invitation; a repeat is 409,
// over the daily limit 429, a person not in the candidate pool 404.
func (h *jobsAPI) inviteCandidate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	personID, err := strconv.ParseInt(r.PathValue("person_id"), 10, 64)
	if err != nil || personID <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "求职者不存在"))
		return
	}
	inv, err := h.jobs.InviteCandidate(r.Context(), httpx.Actor(r), id, personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": inv.ID, "post_id": inv.PostID, "person_id": inv.PersonID, "created_at": ts(inv.CreatedAt)})
}
