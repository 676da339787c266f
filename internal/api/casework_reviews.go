package api

// 话务中心 quality reviews: the supervisor's weekly random sample of contact
// records, its scores and comments, and an agent's own reviews.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

type contactReviewView struct {
	ID           int64       `json:"id"`
	AgentID      int64       `json:"agent_id"`
	AgentName    string      `json:"agent_name,omitempty"`
	Team         string      `json:"team"`
	Week         string      `json:"week"`
	Score        int         `json:"score,omitempty"`
	Comments     string      `json:"comments,omitempty"`
	ReviewerName string      `json:"reviewer_name,omitempty"`
	ReviewedAt   string      `json:"reviewed_at,omitempty"`
	Contact      contactView `json:"contact"`
}

func reviewsJSON(rs []*casework.Review) []contactReviewView {
	out := make([]contactReviewView, 0, len(rs))
	for _, r := range rs {
		out = append(out, contactReviewView{ID: r.ID, AgentID: r.AgentID, AgentName: r.AgentName, Team: r.Team, Week: date(r.Week),
			Score: r.Score, Comments: r.Comments, ReviewerName: r.ReviewerName, ReviewedAt: ts(r.ReviewedAt), Contact: contactJSON(r.Contact)})
	}
	return out
}

func (h *caseworkAPI) reviews(w http.ResponseWriter, r *http.Request) {
	v, err := h.cases.Reviews(r.Context(), httpx.Actor(r), r.URL.Query().Get("week"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"week": date(v.Week), "mine": reviewsJSON(v.Mine), "average": v.Average}
	if v.Supervisor {
		out["sample"] = reviewsJSON(v.Team)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *caseworkAPI) sampleReviews(w http.ResponseWriter, r *http.Request) {
	var in app.SampleInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.cases.SampleReviews(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"drawn": n})
}

func (h *caseworkAPI) scoreReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ScoreInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	rv, err := h.cases.ScoreReview(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, reviewsJSON([]*casework.Review{rv})[0])
}
