package api

// 网谷智聘 saved searches: a person saves a /jobs query string, lists and
// deletes them; matching new posts arrive in the inbox (app/savedsearch.go).

import (
	"net/http"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// savedSearchAPI serves 网谷智聘 saved searches of the person logged in:
// list, save and delete.
type savedSearchAPI struct {
	base
	searches *app.SavedSearches
}

type savedSearchJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Query     string `json:"query"`
	CreatedAt string `json:"created_at"`
}

func savedSearchJSONOf(s *jobs.SavedSearch) savedSearchJSON {
	return savedSearchJSON{ID: s.ID, Name: s.Name, Query: s.Query, CreatedAt: s.CreatedAt.Format(time.RFC3339)}
}

func (h *savedSearchAPI) mySavedSearches(w http.ResponseWriter, r *http.Request) {
	list, err := h.searches.MySavedSearches(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]savedSearchJSON, 0, len(list))
	for _, s := range list {
		items = append(items, savedSearchJSONOf(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "limit": app.MaxSavedSearches})
}

func (h *savedSearchAPI) saveSearch(w http.ResponseWriter, r *http.Request) {
	var in app.SavedSearchInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.searches.SaveSearch(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, savedSearchJSONOf(s))
}

func (h *savedSearchAPI) deleteSavedSearch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.searches.DeleteSavedSearch(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
