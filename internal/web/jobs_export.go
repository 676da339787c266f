package web

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// exportEnterpriseJobs is /enterprise/jobs?format=xlsx: every post of the
// enterprise under the list's status filter.
func (h *jobPages) exportEnterpriseJobs(w http.ResponseWriter, r *http.Request, status string) {
	rows, err := h.imports.ExportMyPosts(r.Context(), httpx.Actor(r), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = append(postSheetRow(row.Post, row.Effective), row.Views, row.Views7Days)
	}
	title := "本企业岗位"
	if status != "" {
		title += "-" + jobs.Status(status).Label()
	}
	h.writeSheet(w, title, append(append([]string{}, postSheetHeader...), "浏览次数", "近7天浏览"), out)
}

// exportReviewQueue is /console/jobs/review?format=xlsx.
func (h *jobPages) exportReviewQueue(w http.ResponseWriter, r *http.Request) {
	posts, err := h.imports.ExportReviewQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([][]any, len(posts))
	for i, p := range posts {
		out[i] = append([]any{p.EnterpriseName}, append(postSheetRow(p, p.Status), p.UpdatedAt.In(chinatime.Zone).Format("2006-01-02 15:04"))...)
	}
	h.writeSheet(w, "待审核岗位", append(append([]string{"企业"}, postSheetHeader...), "提交时间"), out)
}
