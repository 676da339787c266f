package web

// What 识别职业 learned from use, for bureau staff: the (title, code) pairs
// employers and staff chose over the first suggestion, how often, and
// what the platform now suggests first; a pair can be removed (the
// classifier forgets it at once) and the list exported as .xlsx.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
)

type classifierPages struct {
	*site
	jobs *app.Jobs
}

type classifierData struct {
	Items []app.CorrectionView
	Total int
}

// classifierPageRows is how many pairs the page lists; the export has all.
const classifierPageRows = 500

func (h *classifierPages) classifierPage(w http.ResponseWriter, r *http.Request) {
	limit := classifierPageRows
	if r.URL.Query().Get("format") == "xlsx" {
		limit = 0
	}
	items, total, err := h.jobs.Corrections(r.Context(), httpx.Actor(r), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		rows := make([][]any, len(items))
		for i, c := range items {
			rows[i] = []any{c.Title, c.Code, c.Name, c.Count, c.Suggested, c.SuggestedName, c.FirstNow,
				c.UpdatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")}
		}
		h.writeSheet(w, "识别职业学到的对应", []string{"岗位名称", "选用的职业代码", "职业名称", "选用次数", "原首选代码", "原首选名称", "现在的首选", "最近选用"}, rows)
		return
	}
	page := &Page{Title: "识别职业学到的对应", Nav: "console", Data: &classifierData{Items: items, Total: total}}
	if r.URL.Query().Get("done") == "removed" {
		page.Flash = "已删除，识别职业不再使用这条对应。"
	}
	h.render(w, r, http.StatusOK, "jobs_classifier", page)
}

func (h *classifierPages) removeCorrection(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "对象不存在"))
		return
	}
	if _, err := h.jobs.DeleteCorrection(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/classifier?done=removed", http.StatusSeeOther)
}
