package server_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// missingID is an id no object of any kind has in the tests.
const missingID = 987654321

// hiddenObjects creates one object of every kind that has pages by id,
// owned by "person" or "employer", and returns their ids by kind.
func hiddenObjects(t *testing.T, f *fixture) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	f.verify("employer")
	f.verify("employer2")
	ids := map[string]int64{}
	ids["job_application"], _ = strconv.ParseInt(f.matrixJobApp(), 10, 64)
	ids["job_import"], _ = strconv.ParseInt(f.matrixJobImport(), 10, 64)
	emp := app.Actor{User: f.users["employer"].User}
	pending, err := f.app.Jobs.CreatePost(ctx, emp, app.PostInput{Title: "夜班仓管员", OccupationCode: "4-02-06-01",
		Description: "负责仓库夜间收发货和盘点。", Headcount: 1, SalaryMin: 4000, SalaryMax: 5000, RegionCode: "420112001", Address: "吴家山"})
	if err != nil {
		t.Fatal(err)
	}
	ids["pending_post"] = pending.ID
	person := f.users["person"].User
	s, err := f.app.SavedSearches.SaveSearch(ctx, app.Actor{User: person}, app.SavedSearchInput{Name: "焊工", Query: "q=焊工"})
	if err != nil {
		t.Fatal(err)
	}
	ids["saved_search"] = s.ID
	ap := &policy.Application{PolicyID: "wh_lhjy_shebao_kunnan", Version: 1, SubjectType: policy.KindPerson, SubjectID: person.PersonID,
		ApplicantID: person.ID, Status: policy.Submitted, Note: "申请"}
	up := []policy.Upload{{Filename: "证明.png", ContentType: "image/png", Size: 1, SHA256: "x", Path: "none.png"}}
	if err := f.db.Policies().CreateApplication(ctx, store.Actor{UserID: person.ID}, ap, up); err != nil {
		t.Fatal(err)
	}
	ids["policy_application"], ids["upload"] = ap.ID, up[0].ID
	ids["person"], ids["enterprise"] = person.PersonID, f.users["employer"].User.EnterpriseID
	return ids
}

// TestRefusedObjectsLookMissing: for every kind of object, a caller who may
// not see it gets exactly what an id that does not exist gets, the same
// status and the same body (pages differ only by their own address), so
// ids cannot be probed to count applications, uploads, imports, saved
// searches, persons, enterprises or unpublished posts. The refusal is still
// audited as a denied access (an unpublished post shown to the public is
// not a refusal and is not audited).
func TestRefusedObjectsLookMissing(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		ids := hiddenObjects(t, f)
		for _, tc := range []struct {
			role, method, path, kind string
			audited                  string // the access.denied object type, "" when not audited
		}{
			{"person2", "GET", "/api/v1/job-applications/{id}", "job_application", "job_application"},
			{"employer2", "GET", "/api/v1/job-applications/{id}", "job_application", "job_application"},
			{"person2", "GET", "/api/v1/me/job-applications/{id}", "job_application", "job_application"},
			{"person2", "POST", "/api/v1/job-applications/{id}/withdraw", "job_application", "job_application"},
			{"employer2", "POST", "/api/v1/job-applications/{id}/status", "job_application", "job_application"},
			{"person2", "GET", "/me/job-applications/{id}", "job_application", "job_application"},
			{"person2", "POST", "/me/job-applications/{id}/withdraw", "job_application", "job_application"},
			{"employer2", "GET", "/enterprise/job-applications/{id}", "job_application", "job_application"},
			{"employer2", "POST", "/enterprise/job-applications/{id}/status", "job_application", "job_application"},

			{"person2", "GET", "/api/v1/applications/{id}", "policy_application", "policy_application"},
			{"employer", "GET", "/api/v1/applications/{id}", "policy_application", "policy_application"},
			{"person2", "GET", "/me/applications/{id}", "policy_application", "policy_application"},
			{"person2", "POST", "/me/applications/{id}/resubmit", "policy_application", "policy_application"},

			{"person2", "GET", "/api/v1/uploads/{id}", "upload", "upload"},
			{"employer2", "GET", "/api/v1/uploads/{id}", "upload", "upload"},
			{"person2", "GET", "/uploads/{id}", "upload", "upload"},

			{"employer2", "GET", "/api/v1/me/job-imports/{id}", "job_import", "job_import"},
			{"employer2", "GET", "/api/v1/me/job-imports/{id}/errors.xlsx", "job_import", "job_import"},
			{"employer2", "GET", "/enterprise/job-imports/{id}", "job_import", "job_import"},
			{"employer2", "GET", "/enterprise/job-imports/{id}/errors.xlsx", "job_import", "job_import"},

			{"person2", "DELETE", "/api/v1/me/saved-searches/{id}", "saved_search", "saved_search"},
			{"person2", "POST", "/me/saved-searches/{id}/delete", "saved_search", "saved_search"},

			{"person2", "GET", "/api/v1/persons/{id}", "person", "person"},
			{"employer", "GET", "/api/v1/persons/{id}", "person", "person"},
			{"person2", "PUT", "/api/v1/persons/{id}", "person", "person"},
			{"person2", "GET", "/api/v1/persons/{id}/resume", "person", "resume"},
			{"employer", "GET", "/api/v1/persons/{id}/resume/diagnosis", "person", "resume"},
			{"person2", "PUT", "/api/v1/persons/{id}/resume", "person", "resume"},

			{"employer2", "GET", "/api/v1/enterprises/{id}", "enterprise", "enterprise"},
			{"person", "GET", "/api/v1/enterprises/{id}", "enterprise", "enterprise"},
			{"employer2", "PUT", "/api/v1/enterprises/{id}", "enterprise", "enterprise"},

			{"anon", "GET", "/api/v1/jobs/{id}", "pending_post", ""},
			{"person", "GET", "/api/v1/jobs/{id}", "pending_post", ""},
			{"anon", "GET", "/jobs/{id}", "pending_post", ""},
			{"person", "GET", "/jobs/{id}", "pending_post", ""},
			{"person", "POST", "/api/v1/jobs/{id}/applications", "pending_post", ""},
			{"person", "POST", "/jobs/{id}/apply", "pending_post", ""},
			{"employer2", "PUT", "/api/v1/jobs/{id}", "pending_post", "job_post"},
			{"employer2", "POST", "/api/v1/jobs/{id}/status", "pending_post", "job_post"},
			{"employer2", "GET", "/api/v1/jobs/{id}/applicants", "pending_post", "job_post"},
			{"employer2", "GET", "/api/v1/jobs/{id}/candidates", "pending_post", "job_post"},
			{"employer2", "GET", "/enterprise/jobs/{id}/edit", "pending_post", "job_post"},
			{"employer2", "POST", "/enterprise/jobs/{id}/edit", "pending_post", "job_post"},
			{"employer2", "POST", "/enterprise/jobs/{id}/status", "pending_post", "job_post"},
			{"employer2", "GET", "/enterprise/jobs/{id}/applicants", "pending_post", "job_post"},
			{"employer2", "GET", "/enterprise/jobs/{id}/candidates", "pending_post", "job_post"},
		} {
			id := ids[tc.kind]
			name := tc.role + " " + tc.method + " " + tc.path
			token := ""
			if tc.role != "anon" {
				token = f.token(tc.role)
			}
			hidden := f.objectCall(tc.method, tc.path, id, token)
			missing := f.objectCall(tc.method, tc.path, missingID, token)
			if hidden.Code != 404 || missing.Code != 404 {
				t.Errorf("%s: existing %d, missing %d; want 404 for both", name, hidden.Code, missing.Code)
				continue
			}
			if hidden.body != missing.body {
				t.Errorf("%s: bodies differ:\nexisting: %s\nmissing:  %s", name, excerpt(hidden.body), excerpt(missing.body))
			}
			if tc.audited == "" {
				continue
			}
			entries, err := db.ListAudit(context.Background(), audit.Filter{Action: audit.AccessDenied, ObjectType: tc.audited, ObjectID: strconv.FormatInt(id, 10)})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) == 0 {
				t.Errorf("%s: refusal not audited as %s %d", name, tc.audited, id)
			}
		}
	})
}

type objectResponse struct {
	Code int
	body string // the body with the request's own path taken out
}

// objectCall requests path with {id} filled: a JSON call for the API, a
// page or a same-origin form for the pages.
func (f *fixture) objectCall(method, pattern string, id int64, token string) objectResponse {
	path := strings.ReplaceAll(pattern, "{id}", strconv.FormatInt(id, 10))
	var rec *httptest.ResponseRecorder
	switch {
	case strings.HasPrefix(path, "/api/"):
		var body any
		if method != "GET" && method != "DELETE" {
			body = map[string]any{}
		}
		rec = f.do(method, path, token, body)
	case method == "GET":
		rec = f.page(path, token)
	default:
		rec = f.form(path, token, url.Values{"status": {"interview"}, "action": {"close"}})
	}
	return objectResponse{Code: rec.Code, body: strings.ReplaceAll(rec.Body.String(), path, "{path}")}
}

func excerpt(s string) string {
	if i := strings.Index(s, `<main id="main">`); i >= 0 {
		s = s[i:]
	}
	return s[:min(len(s), 400)]
}
