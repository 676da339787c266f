package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/store"
)

// TestOutcomeQuestionnaire: three months after a person was served the
// daily run puts one questionnaire in their inbox (not twice); the person
// answers it (bad answers refused field by field), the answer is an
// outcome with the source "self" that staff see, and the check is done.
func TestOutcomeQuestionnaire(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := caseFixture(t, db)
		person, staff := f.users["person"].User, f.token("staff")
		tok := f.token("person")
		served := casework.Day(jobsDay).AddDate(0, -3, -2) // due two days ago: within the week the run still sends it
		if err := db.Casework().MarkServed(ctx, casework.Served{PersonID: person.PersonID, Kind: casework.KindCallCentre, ServedOn: served,
			AgentID: f.users["staff"].User.ID, Topic: casework.TopicJobs}); err != nil {
			t.Fatal(err)
		}
		for i, want := range []int{1, 0} {
			if n, err := f.app.Outcomes.SendQuestionnaires(ctx); err != nil || n != want {
				t.Fatalf("run %d: sent %d %v, want %d", i+1, n, err, want)
			}
		}
		if inboxCount(t, f, tok, "就业情况回访：") != 1 {
			t.Fatal("no questionnaire in the inbox")
		}
		m := decode(t, f.do("GET", "/api/v1/me/employment", tok, nil))
		if due := m["due"].([]any); len(due) != 1 || due[0].(map[string]any)["months"] != 3.0 || m["last"] != nil {
			t.Fatalf("before answering: %v", m)
		}
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"status": "employed"}, "employer"},
			{map[string]any{"status": "unknown"}, "status"},
			{map[string]any{"status": "employed", "employer": "武汉临空港物流有限公司", "since": "2099-01-01"}, "since"},
			{map[string]any{"status": "unemployed", "wage_band": "很多"}, "wage_band"},
		} {
			if rec := f.do("POST", "/api/v1/me/employment", tok, bad.body); rec.Code != 422 || errField(t, rec, bad.field) == "" {
				t.Fatalf("bad answer %v: %d %s", bad.body, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", "/api/v1/me/employment", staff, map[string]any{"status": "employed"}); rec.Code != 403 {
			t.Fatalf("staff answers for the person: %d", rec.Code)
		}
		rec := f.do("POST", "/api/v1/me/employment", tok, map[string]any{"status": "employed", "employer": "武汉临空港物流有限公司", "wage_band": "5000_7999"})
		if rec.Code != 201 || decode(t, rec)["source"] != "self" {
			t.Fatalf("answer: %d %s", rec.Code, rec.Body)
		}
		m = decode(t, f.do("GET", "/api/v1/me/employment", tok, nil))
		if len(m["due"].([]any)) != 0 || m["last"].(map[string]any)["status"] != "employed" {
			t.Fatalf("after answering: %v", m)
		}
		po := f.do("GET", fmt.Sprintf("/api/v1/outcomes/persons/%d", person.PersonID), staff, nil)
		if !strings.Contains(po.Body.String(), `"source":"self"`) || !strings.Contains(po.Body.String(), "武汉临空港物流有限公司") {
			t.Fatalf("staff's view: %s", po.Body)
		}
		// The page: the last answer prefilled; a refused answer keeps what was typed.
		if pg := f.page("/me/employment", tok); pg.Code != 200 || !strings.Contains(pg.Body.String(), `value="武汉临空港物流有限公司"`) {
			t.Fatalf("questionnaire page: %d", pg.Code)
		}
		pg := f.form("/me/employment", tok, url.Values{"status": {"employed"}, "employer": {""}, "since": {"2026-05-01"}})
		if body := pg.Body.String(); pg.Code != 422 || !strings.Contains(body, "已就业请填写工作单位") || !strings.Contains(body, `value="2026-05-01"`) {
			t.Fatalf("refused answer page: %d", pg.Code)
		}
		if pg := f.form("/me/employment", tok, url.Values{"status": {"training"}}); pg.Code != 303 {
			t.Fatalf("answer on the page: %d", pg.Code)
		}
	})
}
