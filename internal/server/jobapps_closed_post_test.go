package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestApplicantReadsClosedPost: after the employer closes a post, the
// person who applied still reads it (with a notice) on the page and the
// API; anyone else gets 404 as for any offline post.
func TestApplicantReadsClosedPost(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		person, person2 := f.token("person"), f.token("person2")
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/applications", postID), person, nil); rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", postID), f.token("employer"), map[string]any{"action": "close"}); rec.Code != 200 {
			t.Fatalf("close: %d %s", rec.Code, rec.Body)
		}
		f.catchUp()
		path := fmt.Sprintf("/jobs/%d", postID)
		pg := f.page(path, person)
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "该岗位已停止招聘（已下线）") || !strings.Contains(body, "/me/job-applications/") {
			t.Fatalf("applicant: %d", pg.Code)
		}
		if rec := f.do("GET", "/api/v1"+path, person, nil); rec.Code != 200 {
			t.Fatalf("applicant API: %d %s", rec.Code, rec.Body)
		}
		for _, tok := range []string{person2, ""} {
			if pg := f.page(path, tok); pg.Code != 404 {
				t.Errorf("non-applicant %q: %d", tok, pg.Code)
			}
			if rec := f.do("GET", "/api/v1"+path, tok, nil); rec.Code != 404 {
				t.Errorf("non-applicant API %q: %d", tok, rec.Code)
			}
		}
	})
}
