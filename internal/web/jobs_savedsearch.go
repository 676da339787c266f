package web

// 网谷智聘 saved searches: the person saves the current /jobs search from
// the search page, lists and deletes them here; matching new posts arrive
// in the inbox.

import (
	"html/template"
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// savedSearchPages are a person's saved searches.
type savedSearchPages struct {
	*site
	saved *app.SavedSearches
}

type savedSearchesData struct {
	Items []savedRow
	Limit int
}

type savedRow struct {
	*jobs.SavedSearch
	Href  template.URL // the search page for the saved query (canonical, already encoded)
	Words string       // the query in words: "关键词 焊工 · 东西湖区 · 6000 元以上"
}

func (h *savedSearchPages) mySavedSearches(w http.ResponseWriter, r *http.Request) {
	list, err := h.saved.MySavedSearches(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := savedSearchesData{Limit: app.MaxSavedSearches}
	for _, s := range list {
		href := "/jobs"
		if s.Query != "" {
			href += "?" + s.Query
		}
		d.Items = append(d.Items, savedRow{SavedSearch: s, Href: template.URL(href), Words: h.saved.DescribeQuery(s.Query)})
	}
	page := &Page{Title: "我保存的搜索", Nav: "jobs", Data: d}
	switch r.URL.Query().Get("done") {
	case "saved":
		page.Flash = "已保存。有符合条件的新岗位时，我们会发到您的消息中。"
	case "deleted":
		page.Flash = "已删除该搜索，不再提醒。"
	}
	h.render(w, r, http.StatusOK, "jobs_saved_searches", page)
}

func (h *savedSearchPages) saveSearch(w http.ResponseWriter, r *http.Request) {
	in := app.SavedSearchInput{Name: r.PostFormValue("name"), Query: r.PostFormValue("query")}
	if _, err := h.saved.SaveSearch(r.Context(), httpx.Actor(r), in); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/saved-searches?done=saved", http.StatusSeeOther)
}

func (h *savedSearchPages) deleteSavedSearch(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.saved.DeleteSavedSearch(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/saved-searches?done=deleted", http.StatusSeeOther)
}
