package api

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/codes"
)

// codeList answers a code-table query: ?q= searches names and aliases,
// otherwise ?parent= lists children ("" = top level).
func (h *Handler) codeList(w http.ResponseWriter, r *http.Request, t *codes.Table) {
	q := r.URL.Query()
	var items []codes.Code
	if s := q.Get("q"); s != "" {
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit <= 0 || limit > 50 {
			limit = 20
		}
		items = t.Search(s, limit)
	} else {
		items = t.Children(q.Get("parent"))
	}
	if items == nil {
		items = []codes.Code{}
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *Handler) regions(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.app.Codes.Regions)
}

func (h *Handler) occupations(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.app.Codes.Occupations)
}

func (h *Handler) industries(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.app.Codes.Industries)
}
