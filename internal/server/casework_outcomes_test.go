package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
)

// TestOutcomeTracking follows two people served by the call centre eight
// months ago: their checks fall due, an insurance file marks one employed
// (a bad row is reported, a malformed file writes nothing), a hire in the
// job board marks the other, an agent records an outcome, and the cohort
// report counts them, as JSON, as a page and as Excel.
func TestOutcomeTracking(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		ctx := context.Background()
		staff := f.token("staff")
		now := f.app.Now()
		served := casework.Day(now).AddDate(0, -8, 0)
		p1, p2 := f.users["person"].User.PersonID, f.users["person2"].User.PersonID
		agent := f.users["staff"].User.ID
		for _, s := range []casework.Served{
			{PersonID: p1, Kind: casework.KindCallCentre, ServedOn: served.AddDate(0, 0, 5), AgentID: agent, Topic: casework.TopicResume},
			{PersonID: p1, Kind: casework.KindCallCentre, ServedOn: served, AgentID: agent, Topic: casework.TopicResume}, // earlier: moves back
			{PersonID: p1, Kind: casework.KindCallCentre, ServedOn: served.AddDate(0, 1, 0), AgentID: agent, Topic: casework.TopicOther},
			{PersonID: p2, Kind: casework.KindCallCentre, ServedOn: served, AgentID: agent, Topic: casework.TopicJobs},
		} {
			if err := db.Casework().MarkServed(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		path1 := fmt.Sprintf("/api/v1/outcomes/persons/%d", p1)
		rec := f.do("GET", path1, staff, nil)
		if rec.Code != 200 {
			t.Fatalf("person outcomes: %d %s", rec.Code, rec.Body)
		}
		m := decode(t, rec)
		if due := m["due"].([]any); len(due) != 2 {
			t.Fatalf("due checks at 8 months: %v", m["due"])
		}
		sv := m["served"].([]any)[0].(map[string]any)
		if sv["served_on"] != served.Format(time.DateOnly) || sv["topic"] != "resume" {
			t.Fatalf("served keeps the first day and its topic: %v", sv)
		}
		if rec := f.do("GET", path1, f.token("person"), nil); rec.Code != 403 {
			t.Fatalf("the person reads their own tracking: %d", rec.Code)
		}
		views, err := db.ListAudit(ctx, audit.Filter{Action: "casework.outcome.view", ObjectID: strconv.FormatInt(p1, 10), Limit: 5})
		if err != nil || len(views) != 1 || views[0].ActorID != agent {
			t.Fatalf("the view is audited: %+v %v", views, err)
		}

		// The insurance file: person2 contributing since a month after
		// being served; person's row names an unregistered employer.
		entID := f.users["employer"].User.EnterpriseID
		ent, err := db.Registry().EnterpriseByID(ctx, entID)
		if err != nil {
			t.Fatal(err)
		}
		id1, _ := db.Registry().PersonByID(ctx, p1)
		id2, _ := db.Registry().PersonByID(ctx, p2)
		first := casework.MonthOf(served.AddDate(0, 1, 0)).Format("200601")
		this := casework.MonthOf(now).Format("2006-01")
		csv := "身份证号,单位统一社会信用代码,首次缴费月份,最后缴费月份\n" + id2.IDNumber + "," + ent.USCC + "," + first + "," + this + "\n" +
			id1.IDNumber + ",91420112MA4K00000X," + first + "," + this + "\n"
		before, _ := db.Count(ctx, "casework_outcomes")
		bad := f.multipart("/api/v1/outcomes/insurance", "staff", true, "社保.xlsx", []byte("PK\x03\x04 broken"))
		if bad.Code != 422 {
			t.Fatalf("malformed file: %d %s", bad.Code, bad.Body)
		}
		if n, _ := db.Count(ctx, "casework_outcomes"); n != before {
			t.Fatal("a malformed file wrote outcomes")
		}
		rec = f.do("POST", "/api/v1/outcomes/insurance?filename=社保.csv", staff, csv)
		if rec.Code != 201 {
			t.Fatalf("import: %d %s", rec.Code, rec.Body)
		}
		m = decode(t, rec)
		errs := m["errors"].([]any)
		if m["saved"].(float64) != 1 || m["failed"].(float64) != 1 || len(errs) != 1 || errs[0].(map[string]any)["column"] != casework.ColUSCC {
			t.Fatalf("import result: %v", m)
		}
		if rec := f.do("POST", "/api/v1/outcomes/insurance?filename=社保.csv", staff, csv); rec.Code != 201 {
			t.Fatalf("re-import: %d", rec.Code)
		}
		if n, _ := db.Count(ctx, "casework_outcomes"); n != before+1 {
			t.Fatalf("re-import added rows: %d", n-before)
		}
		m = decode(t, f.do("GET", fmt.Sprintf("/api/v1/outcomes/persons/%d", p2), staff, nil))
		cur, _ := m["current"].(map[string]any)
		if cur == nil || cur["source"] != "insurance" || cur["employer"] != ent.Name || len(m["due"].([]any)) != 0 {
			t.Fatalf("person2 after the import: %v", m)
		}

		// A hire in the job board for person, and an agent's record.
		appPath := "/api/v1/job-applications/" + f.matrixJobApp()
		emp := f.token("employer")
		for _, st := range []string{"interview", "hired"} {
			if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": st}); rec.Code != 200 {
				t.Fatalf("%s: %d %s", st, rec.Code, rec.Body)
			}
		}
		m = decode(t, f.do("GET", path1, staff, nil))
		if cur, _ := m["current"].(map[string]any); cur == nil || cur["source"] != "jobboard" || len(m["due"].([]any)) != 0 {
			t.Fatalf("person after the hire: %v", m)
		}
		for field, body := range map[string]map[string]any{
			"source": {"status": "employed", "employer": "甲", "since": "2025-01-01", "source": "insurance"},
			"since":  {"status": "unemployed", "since": casework.Day(now).AddDate(0, 0, 2).Format(time.DateOnly)},
			"status": {"status": "retired", "since": "2025-01-01"},
		} {
			if rec := f.do("POST", path1, staff, body); rec.Code != 422 || errField(t, rec, field) == "" {
				t.Fatalf("%s: %d %s", field, rec.Code, rec.Body)
			}
		}
		rec = f.do("POST", path1, staff, map[string]any{"status": "employed", "employer": "武汉某公司", "wage_band": "5000_7999",
			"since": casework.Day(now).AddDate(0, 0, -3).Format(time.DateOnly)})
		if rec.Code != 201 || decode(t, rec)["source"] != "agent" {
			t.Fatalf("record: %d %s", rec.Code, rec.Body)
		}

		// The cohort report by topic.
		q := "?kind=callcentre&group_by=topic&from=" + served.AddDate(0, 0, -1).Format(time.DateOnly) + "&to=" + casework.Day(now).Format(time.DateOnly)
		rec = f.do("GET", "/api/v1/outcomes/cohorts"+q, staff, nil)
		if rec.Code != 200 {
			t.Fatalf("cohorts: %d %s", rec.Code, rec.Body)
		}
		m = decode(t, rec)
		rows := m["rows"].([]any)
		total := m["total"].(map[string]any)
		h3 := total["placement"].([]any)[0].(map[string]any)
		if len(rows) != 2 || total["n"].(float64) != 2 || total["employed"].(float64) != 2 || h3["eligible"].(float64) != 2 ||
			h3["placed"].(float64) != 1 || h3["rate"].(float64) != 0.5 || !total["small_sample"].(bool) {
			t.Fatalf("cohort total: %v", m)
		}
		if h12 := total["placement"].([]any)[2].(map[string]any); h12["eligible"].(float64) != 0 {
			t.Fatalf("12 months have not passed: %v", h12)
		}
		jobs := rows[0].(map[string]any)
		if jobs["key"] != "jobs" || jobs["label"] != "岗位推荐" || jobs["placement"].([]any)[0].(map[string]any)["placed"].(float64) != 1 {
			t.Fatalf("jobs row: %v", jobs)
		}
		if rec := f.do("GET", "/api/v1/outcomes/cohorts?group_by=colour", staff, nil); rec.Code != 422 || errField(t, rec, "group_by") == "" {
			t.Fatalf("bad group_by: %d %s", rec.Code, rec.Body)
		}

		// The pages: the report, its export, the person's page and form,
		// an upload with its error report.
		page := f.page("/console/casework/outcomes"+q, staff)
		body := page.Body.String()
		if page.Code != 200 || !strings.Contains(body, "样本较少，仅供参考") || !strings.Contains(body, "50.0%") || !strings.Contains(body, "1/2 人") {
			t.Fatalf("report page: %d %s", page.Code, body)
		}
		if x := f.page("/console/casework/outcomes"+q+"&format=xlsx", staff); x.Code != 200 || x.Header().Get("Content-Type") != sheet.ContentType {
			t.Fatalf("export: %d %s", x.Code, x.Header())
		}
		pp := f.page(fmt.Sprintf("/console/casework/persons/%d/outcomes", p2), staff)
		if pp.Code != 200 || !strings.Contains(pp.Body.String(), "社保缴费记录") || !strings.Contains(pp.Body.String(), ent.Name) ||
			!strings.Contains(pp.Body.String(), served.Format(time.DateOnly)) || !strings.Contains(pp.Body.String(), "话务服务 6 个月回访") {
			t.Fatalf("person page: %d", pp.Code)
		}
		form := f.form(fmt.Sprintf("/console/casework/persons/%d/outcomes", p2), staff, map[string][]string{
			"status": {"employed"}, "source": {"agent"}, "since": {"2025-01-01"}, "employer": {""}, "occupation": {"没有这种职业的名字"}})
		if form.Code != 422 || !strings.Contains(form.Body.String(), "没有这种职业的名字") {
			t.Fatalf("refused form keeps what was typed: %d", form.Code)
		}
		up := f.multipart("/console/casework/outcomes/insurance", "staff", false, "社保.csv", []byte(csv))
		if up.Code != 200 || !strings.Contains(up.Body.String(), "1 行有误未导入") || !strings.Contains(up.Body.String(), "未登记的单位") {
			t.Fatalf("upload page: %d %s", up.Code, up.Body)
		}
		runs, _ := db.Casework().RecentInsuranceImports(ctx, 1)
		rep := f.page(fmt.Sprintf("/console/casework/outcomes/imports/%d/errors.xlsx", runs[0].ID), staff)
		if rep.Code != 200 || rep.Header().Get("Content-Type") != sheet.ContentType {
			t.Fatalf("error report: %d", rep.Code)
		}
		if up := f.multipart("/console/casework/outcomes/insurance", "staff", false, "x.csv", []byte("姓名,电话\n张三,1\n")); up.Code != 422 || !strings.Contains(up.Body.String(), "不是表头") {
			t.Fatalf("upload without the columns: %d %s", up.Code, up.Body)
		}
	})
}
