package api

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/codes"
)

// codesAPI serves the reference code tables: administrative regions,
// occupations and industries. It needs no logger: nothing it does fails.
type codesAPI struct {
	codes *codes.Tables
}

// codeList answers a code-table query: ?q= searches names and aliases,
// otherwise ?parent= lists children ("" = top level).
func (h *codesAPI) codeList(w http.ResponseWriter, r *http.Request, t *codes.Table) {
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

func (h *codesAPI) regions(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.codes.Regions)
}

func (h *codesAPI) occupations(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.codes.Occupations)
}

func (h *codesAPI) industries(w http.ResponseWriter, r *http.Request) {
	h.codeList(w, r, h.codes.Industries)
}
