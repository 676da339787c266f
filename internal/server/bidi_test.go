package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// bidiControls are the bidirectional formatting characters that make text
// show in another order than it is stored (U+202A–U+202E, U+2066–U+2069).
var bidiControls = []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

// TestBidiControlsRefused: every name-like field refuses bidirectional
// controls, through the API and in an import row; nothing is saved.
func TestBidiControlsRefused(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		f.verify("employer")
		ctx := context.Background()
		person, employer, staff, admin := f.token("person"), f.token("employer"), f.token("staff"), f.token("admin")
		pid := f.users["person"].User.PersonID
		doc, err := db.Policies().PolicyVersion(ctx, "wh_lhjy_shebao_kunnan", 0)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range bidiControls {
			evil := "王" + string(r) + "gpj.exe"
			calls := []struct {
				name, method, path, token, field string
				body                             any
			}{
				{"register person", "POST", "/api/v1/auth/register", "", "name", f.signUp(map[string]any{"kind": "person", "name": evil,
					"id_number": f.newIDNumber(), "phone": registry.GeneratePhone(f.rng), "password": testPassword})},
				{"register employer", "POST", "/api/v1/auth/register", "", "name", f.signUp(map[string]any{"kind": "employer", "name": evil,
					"phone": registry.GeneratePhone(f.rng), "password": testPassword, "enterprise": map[string]any{"name": "武汉某某有限公司",
						"uscc": registry.GenerateUSCC(f.rng, "420112"), "industry_code": "54", "region_code": "420112"}})},
				{"register enterprise name", "POST", "/api/v1/auth/register", "", "enterprise.name", f.signUp(map[string]any{"kind": "employer", "name": "张经理",
					"phone": registry.GeneratePhone(f.rng), "password": testPassword, "enterprise": map[string]any{"name": "武汉" + evil + "有限公司",
						"uscc": registry.GenerateUSCC(f.rng, "420112"), "industry_code": "54", "region_code": "420112"}})},
				{"person name", "PUT", fmt.Sprintf("/api/v1/persons/%d", pid), person, "name", map[string]any{"name": evil, "phone": f.users["person"].User.Phone}},
				{"enterprise name", "PUT", "/api/v1/me/enterprise", employer, "enterprise.name", map[string]any{"name": "武汉" + evil + "有限公司", "industry_code": "54", "region_code": "420112"}},
				{"job title", "POST", "/api/v1/jobs", employer, "title", weldPost(func(m map[string]any) { m["title"] = "电焊工" + string(r) + "（包吃住）" })},
				{"job description", "POST", "/api/v1/jobs", employer, "description", weldPost(func(m map[string]any) { m["description"] = "负责焊接" + string(r) + "，能看懂图纸。" })},
				{"saved search name", "POST", "/api/v1/me/saved-searches", person, "name", map[string]any{"name": "焊工" + string(r), "query": "q=焊工"}},
				{"staff user name", "POST", "/api/v1/users", admin, "name", map[string]any{"role": "staff", "name": evil, "phone": registry.GeneratePhone(f.rng), "password": testPassword}},
				{"policy title", "PUT", "/api/v1/policies/" + doc.ID, staff, "yaml", map[string]any{"yaml": strings.Replace(doc.Body, "name: ", "name: "+string(r), 1)}},
			}
			for _, c := range calls {
				rec := f.do(c.method, c.path, c.token, c.body)
				if rec.Code != 422 || !strings.Contains(errField(t, rec, c.field), "方向") {
					t.Errorf("%s with U+%04X: %d %s, want 422 naming %s", c.name, r, rec.Code, rec.Body, c.field)
				}
			}
			if i > 0 {
				continue
			}
			// An import row: refused with the reason on its title, the good row saved.
			rec := f.uploadAPI("employer", "岗位.xlsx", importXLSX(t,
				importRow("电焊工"+string(r)+"exe.pdf", "6-18-02-04", "6000", "9000", "420112001", ""),
				importRow("电焊工", "6-18-02-04", "6000", "9000", "420112001", "")))
			if rec.Code != 202 {
				t.Fatalf("import: %d %s", rec.Code, rec.Body)
			}
			run, _ := f.waitImport("employer", int64(decode(t, rec)["id"].(float64)))
			errs, err := f.app.JobImports.JobImportErrors(ctx, app.Actor{User: f.users["employer"].User}, run.ID)
			if err != nil {
				t.Fatal(err)
			}
			if run.Saved != 1 || run.Failed != 1 || len(errs) != 1 || errs[0].Row != 2 || errs[0].Column != "岗位名称" || !strings.Contains(errs[0].Reason, "方向") {
				t.Fatalf("import with U+%04X in a title: %+v, errors %+v", r, run, errs)
			}
		}
	})
}
