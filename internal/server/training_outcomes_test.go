package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
)

// TestTrainingOutcomes: six people finish a class; the daily task adds
// them to the outcome tracking (once, however often it runs); placement
// at 3 and 6 months counts who was working by then (a job that began
// after the 3-month mark counts only at 6), the certificate rate counts a
// valid certificate of the class's occupation and level, a revoked one
// and one of another level do not; the 12-month horizon has not passed.
// The provider's public page shows the figures once five trainees have
// finished; staff get the report as a page, JSON and .xlsx; others are
// refused.
func TestTrainingOutcomes(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		ctx := context.Background()
		pid := f.trainingProvider()
		cid, _ := f.filedClass(pid, "电工提升一班", 40, [3]string{"2025-07-05", "09:00", "12:00"}, [3]string{"2025-07-12", "09:00", "17:00"})
		occ := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/classes/%d", cid), "", nil))["occupation_code"].(string)
		var persons []int64
		for i := range 6 {
			role := fmt.Sprintf("trainee%d", i)
			f.users[role] = f.registerPerson(fmt.Sprintf("学员%d", i))
			if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", cid), f.token(role), nil); rec.Code != 201 {
				t.Fatalf("enrol %d: %d %s", i, rec.Code, rec.Body)
			}
			persons = append(persons, f.users[role].User.PersonID)
		}
		// Certificates: trainee0 of the class's occupation and level; trainee1
		// revoked; trainee2 of another level.
		for i, c := range []struct {
			level  int
			status string
		}{{4, "valid"}, {4, "revoked"}, {3, "valid"}} {
			err := db.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id,
					issued_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, fmt.Sprintf("Y%015d", i), persons[i], "学员",
					db.Box().Seal("x"), occ, c.level, pid, "2025-07-20", c.status, trainingDay)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// The class's claim, paid: 4,500 yuan.
		err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO training_claims (class_id, provider_id, status, trainees, total_yuan, submitted_by, submitted_at,
				created_at, updated_at) VALUES (?, ?, 'paid', 3, 4500, 0, ?, ?, ?)`, cid, pid, trainingDay, trainingDay, trainingDay)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// 2026-02-01: 6 months after the class ended on 2025-07-12.
		db.SetClock(func() time.Time { return time.Date(2026, 2, 1, 2, 0, 0, 0, time.UTC) })
		staff := f.token("staff")
		for i, since := range []string{"2025-08-01", "2025-09-01", "2025-11-20"} { // 3 months after the end: 2025-10-12
			rec := f.do("POST", fmt.Sprintf("/api/v1/outcomes/persons/%d", persons[i]), staff, map[string]any{"status": "employed",
				"employer": "武汉临空港电气有限公司", "since": since, "source": "agent"})
			if rec.Code != 201 && rec.Code != 200 {
				t.Fatalf("outcome %d: %d %s", i, rec.Code, rec.Body)
			}
		}
		for range 2 {
			if err := f.app.RunTask(ctx, app.TaskCaseReminders, ""); err != nil {
				t.Fatal(err)
			}
		}
		m := decode(t, f.do("GET", "/api/v1/outcomes/cohorts?kind=training&group_by=provider&from=2025-01-01&to=2026-01-31", staff, nil))
		if tot := m["total"].(map[string]any); tot["n"].(float64) != 6 {
			t.Fatalf("trainees in the outcome tracking: %v", tot["n"])
		}

		rec := f.do("GET", "/api/v1/training/outcomes", staff, nil)
		if rec.Code != 200 {
			t.Fatalf("report: %d %s", rec.Code, rec.Body)
		}
		m = decode(t, rec)
		tot := m["total"].(map[string]any)
		pl := tot["placement"].([]any)
		h3, h6, h12 := pl[0].(map[string]any), pl[1].(map[string]any), pl[2].(map[string]any)
		if tot["trainees"].(float64) != 6 || h3["placed"].(float64) != 2 || h3["eligible"].(float64) != 6 || h6["placed"].(float64) != 3 ||
			h12["eligible"].(float64) != 0 || tot["certified"].(float64) != 1 || tot["employed_since_end"].(float64) != 3 ||
			tot["subsidy_paid_yuan"].(float64) != 4500 || tot["subsidy_per_placement_yuan"].(float64) != 1500 {
			t.Fatalf("report total: %v", tot)
		}
		provs := m["providers"].([]any)
		if len(provs) != 1 || len(provs[0].(map[string]any)["classes"].([]any)) != 1 {
			t.Fatalf("providers: %v", provs)
		}
		if rec := f.do("GET", "/api/v1/training/outcomes?from=2026-13-01", staff, nil); rec.Code != 422 || !strings.Contains(rec.Body.String(), "from") {
			t.Fatalf("a bad date: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/training/outcomes", f.token("employer"), nil); rec.Code != 403 {
			t.Fatalf("the report to an employer: %d", rec.Code)
		}

		body := f.page("/console/training/outcomes", staff).Body.String()
		for _, want := range []string{"电工提升一班", "33.3%", "2/6 人", "3/6 人", "未满 12 个月", "1/6 人", "4,500 元", "1,500 元", "导出 Excel"} {
			if !strings.Contains(body, want) {
				t.Fatalf("report page lacks %q", want)
			}
		}
		if rec := f.page("/console/training/outcomes?to=昨天", staff); rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-to"`) {
			t.Fatalf("a bad date on the page: %d", rec.Code)
		}
		rec = f.page("/console/training/outcomes.xlsx", staff)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Fatalf("export: %d", rec.Code)
		}

		res := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/providers/%d/results", pid), "", nil))
		if res["shown"] != true || res["results"].(map[string]any)["trainees"].(float64) != 6 {
			t.Fatalf("public results: %v", res)
		}
		body = f.page(fmt.Sprintf("/training/providers/%d", pid), "").Body.String()
		if !strings.Contains(body, "培训效果（近三年）") || !strings.Contains(body, "50.0%（3/6 人）") {
			t.Fatalf("the provider's page lacks its results")
		}
	})
}

// TestTrainingOutcomesFewTrainees: under five trainees a provider's page
// and the API give no rates.
func TestTrainingOutcomesFewTrainees(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		pid := f.trainingProvider()
		cid, _ := f.filedClass(pid, "电工小班", 10, [3]string{"2025-07-05", "09:00", "12:00"})
		if rec := f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/enrolments", cid), f.token("person"), nil); rec.Code != 201 {
			t.Fatalf("enrol: %d %s", rec.Code, rec.Body)
		}
		db.SetClock(func() time.Time { return time.Date(2026, 2, 1, 2, 0, 0, 0, time.UTC) })
		res := decode(t, f.do("GET", fmt.Sprintf("/api/v1/training/providers/%d/results", pid), "", nil))
		if res["shown"] != false || res["results"] != nil || res["classes"].(float64) != 1 {
			t.Fatalf("public results of one trainee: %v", res)
		}
		body := f.page(fmt.Sprintf("/training/providers/%d", pid), "").Body.String()
		if !strings.Contains(body, "暂不公布") || strings.Contains(body, "取证率") {
			t.Fatalf("the provider's page shows a one-person rate")
		}
	})
}
