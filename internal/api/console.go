package api

// The staff console's numbers: the to-do counts of the console home and the
// policy trend of the statistics page, for clients other than the pages.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
)

type consoleAPI struct {
	base
	console *app.Console
}

func (h *consoleAPI) todo(w http.ResponseWriter, r *http.Request) {
	items, err := h.console.ToDo(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *consoleAPI) policyTrend(w http.ResponseWriter, r *http.Request) {
	months, err := h.console.PolicyTrend(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"months": months})
}
