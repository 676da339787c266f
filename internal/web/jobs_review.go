package web

// 网谷智聘, the reviewer's side: the queue of posts waiting for review,
// oldest first, each with its full content and approve / reject (with a
// reason the enterprise sees) buttons.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

type reviewItem struct {
	P          *jobs.Post
	Occupation string
	Place      string
	Expired    bool
	Flags      []jobs.Flag // what to check before approving
}

type reviewJobsData struct {
	jobHelpers
	Items    []reviewItem
	Total    int
	Reported []app.ReportedPost // posts with open 举报, first
}

func (h *jobPages) reviewJobsData(r *http.Request) (*reviewJobsData, error) {
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	posts, total, err := h.jobs.ReviewQueue(r.Context(), httpx.Actor(r), pageNo)
	if err != nil {
		return nil, err
	}
	reported, err := h.reports.ReportedPosts(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	now := h.now()
	d := &reviewJobsData{Total: total, Reported: reported}
	for _, p := range posts {
		it := reviewItem{P: p, Place: h.regionName(p.RegionCode), Expired: p.IsExpired(now), Flags: h.jobs.ScreenPost(p)}
		if c, ok := h.codes.Occupations.Get(p.OccupationCode); ok {
			it.Occupation = c.Name
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

func (h *jobPages) reviewJobsPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportReviewQueue(w, r)
		return
	}
	d, err := h.reviewJobsData(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "岗位审核", Nav: "jobs-review", Data: d}
	switch r.URL.Query().Get("done") {
	case jobs.ActApprove:
		page.Flash = "已通过，岗位已上线，企业会收到站内通知。"
	case jobs.ActReject:
		page.Flash = "已退回，企业会在站内消息中看到不通过的原因。"
	case "report_dismiss":
		page.Flash = "已处理：举报不成立，岗位保持在线。"
	case "report_take_down":
		page.Flash = "已下架该岗位，企业会在站内消息中看到原因。"
	}
	h.render(w, r, http.StatusOK, "jobs_review", page)
}

func (h *jobPages) reviewJob(w http.ResponseWriter, r *http.Request) {
	id, ok := h.jobID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "action", "reason")
	_, err := h.jobs.ReviewPost(r.Context(), httpx.Actor(r), id, app.ReviewInput{Action: form["action"], Reason: form["reason"]})
	if err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		d, derr := h.reviewJobsData(r)
		if derr != nil {
			h.fail(w, r, derr)
			return
		}
		form["post_id"] = strconv.FormatInt(id, 10) // the card the message belongs to
		h.formFail(w, r, "jobs_review", &Page{Title: "岗位审核", Nav: "jobs-review", Form: form, Data: d}, err)
		return
	}
	http.Redirect(w, r, "/console/jobs/review?done="+form["action"], http.StatusSeeOther)
}
