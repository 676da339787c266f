package app

// 网谷智聘 saved searches with alerts: a person saves the current /jobs
// search (at most MaxSavedSearches); when a post becomes searchable
// (approval, resume after a pause) the store queues a jobs.alert task in
// the same transaction, and its handler matches that one post against
// every saved search by running the saved query over a throwaway index
// holding only the post. Each (saved search, post) pair is delivered once:
// the inbox message carries the dedupe key saved:<search id>:post:<post id>,
// so a re-approval after an edit, a retried task or a second run sends nothing.

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/store"
)

// SavedSearches is the use cases of a person's saved job searches and the
// daily new-post alerts.
type SavedSearches struct {
	*core
	jobs *Jobs // parses the saved query
}

// TaskJobsAlert matches one newly searchable post against saved searches.
const TaskJobsAlert = store.TaskJobsAlert

// MaxSavedSearches is how many searches one person may save.
const MaxSavedSearches = 20

const maxSavedNameRunes = 30

// SavedSearchInput is a search to save: the /jobs query string (with or
// without a leading "?") and an optional name.
type SavedSearchInput struct {
	Name  string `json:"name,omitempty"`
	Query string `json:"query"`
}

// savedKeys are the query parameters a saved search keeps (not the page,
// page size or sort: an alert is about matching, not order).
var savedKeys = []string{"q", "region", "occupation", "education", "experience", "salary_min", "posted_within", "near", "radius_km"}

// canonicalSavedQuery validates a query string as a search and returns it
// reduced to the parameters that decide a match, in a fixed order.
func (x *SavedSearches) canonicalSavedQuery(raw string) (string, JobQuery, error) {
	raw = strings.TrimPrefix(strings.TrimSpace(raw), "?")
	v, err := url.ParseQuery(raw)
	if err != nil {
		return "", JobQuery{}, apperr.Field("query", "搜索条件格式不正确")
	}
	in := JobQueryFrom(v)
	in.Sort, in.Page, in.PageSize = "", "", ""
	if _, err := x.jobs.ParseJobQuery(in); err != nil {
		return "", JobQuery{}, err
	}
	out := url.Values{}
	for _, k := range savedKeys {
		if s := strings.TrimSpace(v.Get(k)); s != "" {
			out.Set(k, s)
		}
	}
	return out.Encode(), in, nil
}

// savedName is the default name of a search: its words (DescribeQuery),
// cut to the longest name allowed.
func (x *SavedSearches) savedName(in JobQuery) string {
	name := x.describe(in)
	if r := []rune(name); len(r) > maxSavedNameRunes {
		name = string(r[:maxSavedNameRunes-1]) + "…"
	}
	return name
}

// DescribeQuery says a saved search's query in words, as a person would:
// "关键词 焊工 · 东西湖区 · 6000 元以上"; "全部岗位" when it has no condition.
func (x *SavedSearches) DescribeQuery(query string) string {
	v, err := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		return query
	}
	return x.describe(JobQueryFrom(v))
}

func (x *SavedSearches) describe(in JobQuery) string {
	var parts []string
	if in.Q != "" {
		parts = append(parts, "关键词 "+in.Q)
	}
	if in.Region != "" {
		parts = append(parts, cmp.Or(x.placeName(in.Region), in.Region))
	}
	if in.Occupation != "" {
		name := in.Occupation
		if o, ok := x.codes.Occupations.Get(in.Occupation); ok {
			name = strings.TrimRight(o.Name, "LS/")
		}
		parts = append(parts, name)
	}
	if in.SalaryMin != "" && in.SalaryMin != "0" {
		parts = append(parts, in.SalaryMin+" 元以上")
	}
	if in.Education != "" {
		parts = append(parts, "学历 "+in.Education)
	}
	switch in.Experience {
	case "":
	case "0":
		parts = append(parts, "无工作经验")
	default:
		parts = append(parts, "工作经验 "+in.Experience+" 年")
	}
	if in.PostedWithin != "" {
		parts = append(parts, in.PostedWithin+" 天内发布")
	}
	if in.Near != "" {
		if in.RadiusKm != "" {
			parts = append(parts, "附近 "+in.RadiusKm+" 公里内")
		} else {
			parts = append(parts, "离我最近")
		}
	}
	if len(parts) == 0 {
		return "全部岗位"
	}
	return strings.Join(parts, " · ")
}

// placeName names a region as a Wuhan person would: "东西湖区 吴家山街"
// inside Wuhan, the full name elsewhere.
func (x *SavedSearches) placeName(code string) string {
	var names []string
	for _, c := range x.codes.Regions.Path(code) {
		if c.Level <= 2 && x.codes.Regions.Within(code, "4201") {
			continue
		}
		names = append(names, c.Name)
	}
	return strings.Join(names, " ")
}

// SaveSearch saves a search for the person; a bad query is Invalid naming
// its parameter, the 21st search is Invalid.
func (x *SavedSearches) SaveSearch(ctx context.Context, a Actor, in SavedSearchInput) (*jobs.SavedSearch, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanSaveSearches(a.User) {
		return nil, x.deny(ctx, a, "saved_search", 0)
	}
	name := strings.TrimSpace(in.Name)
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxSavedNameRunes {
		return nil, apperr.Field("name", "名称不能超过 30 个字")
	}
	var f apperr.Fields
	registry.CheckText(&f, "name", name, maxSavedNameRunes)
	if err := f.Err(); err != nil {
		return nil, err
	}
	q, jq, err := x.canonicalSavedQuery(in.Query)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = x.savedName(jq)
	}
	s := &jobs.SavedSearch{PersonID: a.User.PersonID, Name: name, Query: q}
	if err := x.db.Jobs().CreateSavedSearch(ctx, a.store(), s, MaxSavedSearches); err != nil {
		return nil, err
	}
	return s, nil
}

// MySavedSearches lists the person's saved searches.
func (x *SavedSearches) MySavedSearches(ctx context.Context, a Actor) ([]*jobs.SavedSearch, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanSaveSearches(a.User) {
		return nil, x.deny(ctx, a, "saved_search", 0)
	}
	out, err := x.db.Jobs().SavedSearchesOf(ctx, a.User.PersonID)
	if out == nil {
		out = []*jobs.SavedSearch{}
	}
	return out, err
}

// DeleteSavedSearch deletes one of the person's saved searches; another
// person's is refused (audited) as if it did not exist.
func (x *SavedSearches) DeleteSavedSearch(ctx context.Context, a Actor, id int64) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	s, err := x.db.Jobs().SavedSearchByID(ctx, id)
	if err != nil {
		return err
	}
	if !account.CanManageSavedSearch(a.User, s.PersonID) {
		return x.conceal(ctx, a, "saved_search", id)
	}
	return x.db.Jobs().DeleteSavedSearch(ctx, a.store(), id)
}

// AlertSavedSearches is the jobs.alert task: it matches post payload (an
// id) against every saved search and puts one message per match in the
// person's inbox (at most once per search and post, see the file comment).
// A post no longer searchable when the task runs alerts nobody.
func (x *SavedSearches) AlertSavedSearches(ctx context.Context, payload string) error {
	postID, err := strconv.ParseInt(payload, 10, 64)
	if err != nil {
		return fmt.Errorf("jobs.alert: bad payload %q", payload)
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !p.Searchable(x.now()) {
		return nil
	}
	ix := search.NewIndex(x.codes.Occupations)
	ix.Upsert(DocOf(p))
	var after int64
	for {
		batch, err := x.db.Jobs().SavedSearchesAfter(ctx, after, 500)
		if err != nil {
			return err
		}
		for _, s := range batch {
			if !x.savedMatches(ix, s) {
				continue
			}
			if _, err := x.db.Notify(ctx, savedSearchMessage(s, p)); err != nil {
				return err
			}
		}
		if len(batch) < 500 {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// savedMatches runs a saved search over ix (which holds one post).
func (x *SavedSearches) savedMatches(ix *search.Index, s *jobs.SavedSearch) bool {
	v, err := url.ParseQuery(s.Query)
	if err != nil {
		return false
	}
	q, err := x.jobs.ParseJobQuery(JobQueryFrom(v))
	if err != nil { // e.g. a code withdrawn from the tables since it was saved
		return false
	}
	q.Page, q.PageSize = 1, 1
	total, _ := ix.Search(q)
	return total > 0
}

func savedSearchMessage(s *jobs.SavedSearch, p *jobs.Post) *notify.Message {
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: s.PersonID, Kind: "saved_search",
		Title: "新岗位符合您订阅的搜索“" + s.Name + "”：" + p.Title,
		Body: fmt.Sprintf("%s 发布的岗位“%s”（%d–%d 元/月）符合您保存的搜索“%s”。", p.EnterpriseName, p.Title,
			p.SalaryMin, p.SalaryMax, s.Name),
		Link:      fmt.Sprintf("/jobs/%d", p.ID),
		DedupeKey: fmt.Sprintf("saved:%d:post:%d", s.ID, p.ID)}
}
