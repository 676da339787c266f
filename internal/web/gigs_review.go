package web

// 零工经纪人, the reviewers' side: the queue of gigs waiting for review,
// oldest first, each with its screening result; approving a gig that
// screening blocked needs a written reason (audited), rejecting needs one
// the employer reads.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
)

type gigReviewData struct {
	Rows  []gigReviewRow
	Rules []gigs.RuleInfo
}

type gigReviewRow struct {
	Card    gigCard
	Gig     *gigs.Gig
	Blocked bool
	Shifts  []string
	Occ     string
	Failed  bool // this row's form failed: show its errors
}

func (h *gigOfficePages) reviewPage(r *http.Request, failedID int64) (*Page, error) {
	list, err := h.gigs.ReviewQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	now := h.now()
	d := gigReviewData{Rules: h.gigs.ScreenRules()}
	for _, g := range list {
		next, _ := g.NextShift(now)
		row := gigReviewRow{Card: h.gigCardOf(g, next, -1, now), Gig: g, Blocked: gigs.Blocked(g.Flags), Failed: g.ID == failedID}
		for _, s := range g.Shifts {
			row.Shifts = append(row.Shifts, s.Text())
		}
		if c, ok := h.codes.Occupations.Get(g.OccupationCode); ok {
			row.Occ = c.Name
		}
		d.Rows = append(d.Rows, row)
	}
	return &Page{Title: "零工审核", Nav: "gigs-review", Data: d}, nil
}

// reviewGigsPage is the review queue.
func (h *gigOfficePages) reviewGigsPage(w http.ResponseWriter, r *http.Request) {
	page, err := h.reviewPage(r, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case gigs.ActApprove:
		page.Flash = "已通过，零工已上线，雇主已收到通知。"
	case gigs.ActReject:
		page.Flash = "已退回，雇主已收到原因。"
	}
	h.render(w, r, http.StatusOK, "gigs_review", page)
}

// reviewGig is one decision from the queue.
func (h *gigOfficePages) reviewGig(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.GigReview{Action: r.PostFormValue("action"), Reason: r.PostFormValue("reason"), Override: r.PostFormValue("override_reason")}
	if _, err := h.gigs.ReviewGig(r.Context(), httpx.Actor(r), id, in); err != nil {
		form := map[string]string{"reason": in.Reason, "override_reason": in.Override, "id": strconv.FormatInt(id, 10)}
		h.failOnPage(w, r, "gigs_review", err, form, func() (*Page, error) { return h.reviewPage(r, id) })
		return
	}
	http.Redirect(w, r, "/console/gigs/review?done="+in.Action, http.StatusSeeOther)
}
