package api

// 网谷智聘 收藏 and 举报 over the API: a person's saved posts (closed or
// expired ones listed with open=false), and a user's report of a post.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

type savedJobView struct {
	Post    postView `json:"post"`
	Open    bool     `json:"open"` // false once closed, paused, taken down or expired
	SavedAt string   `json:"saved_at"`
}

func postIDParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("post_id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "岗位不存在")
	}
	return id, nil
}

func (h *jobsAPI) mySavedJobs(w http.ResponseWriter, r *http.Request) {
	list, err := h.saved.MySavedJobs(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]savedJobView, 0, len(list))
	for _, s := range list {
		v := h.postJSON(s.Post, s.Status)
		v.ReviewReason = ""
		items = append(items, savedJobView{Post: v, Open: s.Open, SavedAt: ts(s.SavedAt)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "limit": app.MaxSavedJobs})
}

func (h *jobsAPI) saveJob(w http.ResponseWriter, r *http.Request) {
	id, err := postIDParam(r)
	if err == nil {
		err = h.saved.SaveJob(r.Context(), httpx.Actor(r), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"post_id": id, "saved": true})
}

func (h *jobsAPI) unsaveJob(w http.ResponseWriter, r *http.Request) {
	id, err := postIDParam(r)
	if err == nil {
		err = h.saved.UnsaveJob(r.Context(), httpx.Actor(r), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"post_id": id, "saved": false})
}

func (h *jobsAPI) reportJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.ReportInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.reports.ReportPost(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": rep.ID, "post_id": id, "reason": rep.Reason, "status": rep.Status})
}
