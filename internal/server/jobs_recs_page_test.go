package server_test

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestJobsPageRecommendations: a person with a resume sees their top three
// posts (with reasons) above the unfiltered search page; without a resume,
// with a search, or anonymously, the block is not there.
func TestJobsPageRecommendations(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		marketPosts(t, f, 12)
		f.catchUp()
		body := f.page("/jobs", person).Body.String()
		if strings.Contains(body, `id="recs-h"`) || !strings.Contains(body, "为您推荐：按您的简历匹配的岗位") {
			t.Fatalf("no resume: block shown or link missing")
		}
		if rec := f.do("PUT", "/api/v1/me/resume", person, warehouseResume(true)); rec.Code != 200 {
			t.Fatalf("save resume: %d %s", rec.Code, rec.Body)
		}
		pg := f.page("/jobs", person)
		body = pg.Body.String()
		block, _, _ := strings.Cut(body[strings.Index(body, `id="recs-h"`)+1:], "</section>")
		if pg.Code != 200 || !strings.Contains(block, "意向职业一致") || strings.Count(block, "<li>") != 3 || !strings.Contains(block, `href="/me/recommendations"`) {
			t.Fatalf("with resume: %d\n%s", pg.Code, block)
		}
		if strings.Contains(f.page("/jobs?q=%E4%BB%93%E7%AE%A1", person).Body.String(), `id="recs-h"`) {
			t.Error("block shown on a search")
		}
		if strings.Contains(f.page("/jobs?page=2", person).Body.String(), `id="recs-h"`) {
			t.Error("block shown on page 2")
		}
		if strings.Contains(f.page("/jobs", "").Body.String(), `id="recs-h"`) {
			t.Error("block shown to an anonymous visitor")
		}
	})
}
