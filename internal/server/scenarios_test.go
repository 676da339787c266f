package server_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// wrongCheckDigit returns id with its check character changed.
func wrongCheckDigit(id string) string {
	last := id[17]
	repl := byte('0')
	if last == '0' {
		repl = '1'
	}
	return id[:17] + string(repl)
}

// TestRegisterBadInput: every bad registration gets a 4xx with a Chinese
// field message and writes nothing.
func TestRegisterBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		taken := f.users["person"].User
		takenPerson, _ := db.Registry().PersonByID(context.Background(), taken.PersonID)
		good := func() map[string]any {
			return map[string]any{"kind": "person", "name": "赵六", "id_number": f.newIDNumber(),
				"phone": registry.GeneratePhone(f.rng), "password": "jiang7river"}
		}
		with := func(k string, v any) map[string]any { m := good(); m[k] = v; return f.signUp(m) }
		cases := []struct {
			name   string
			body   any
			status int
			field  string
		}{
			{"wrong check digit", with("id_number", wrongCheckDigit(f.newIDNumber())), 422, "id_number"},
			{"impossible birth date", with("id_number", "42011219900230123X"), 422, "id_number"},
			{"short id", with("id_number", "4201121990"), 422, "id_number"},
			{"bad phone", with("phone", "12345678901"), 422, "phone"},
			{"weak password", with("password", "12345678"), 422, "password"},
			{"empty name", with("name", ""), 422, "name"},
			{"long name", with("name", strings.Repeat("张", 200)), 422, "name"},
			{"control chars", with("name", "张\x00三"), 422, "name"},
			{"duplicate id", with("id_number", takenPerson.IDNumber), 409, "id_number"},
			// A phone with an account gets no register code (its owner is
			// told it is registered), so the sign-up stops at the code.
			{"duplicate phone", with("phone", taken.Phone), 422, "sms_code"},
			{"unknown kind", with("kind", "robot"), 422, "kind"},
			{"unknown field", with("admin", true), 400, "admin"},
			{"wrong type", with("name", 12), 422, "name"},
			{"invalid utf-8", "{\"kind\":\"person\",\"name\":\"\xff\xfe\"}", 400, ""},
			{"not json", "kind=person", 400, ""},
			{"over 1 MiB", `{"kind":"person","name":"` + strings.Repeat("a", 1<<20) + `"}`, 413, ""},
			{"employer without enterprise", f.signUp(map[string]any{"kind": "employer", "name": "张", "phone": registry.GeneratePhone(f.rng), "password": "jiang7river"}), 422, "enterprise.name"},
			{"employer bad uscc", f.signUp(map[string]any{"kind": "employer", "name": "张", "phone": registry.GeneratePhone(f.rng), "password": "jiang7river",
				"enterprise": map[string]any{"name": "某公司", "uscc": "91420112ABC"}}), 422, "enterprise.uscc"},
			{"employer unknown region", f.signUp(map[string]any{"kind": "employer", "name": "张", "phone": registry.GeneratePhone(f.rng), "password": "jiang7river",
				"enterprise": map[string]any{"name": "某公司", "uscc": registry.GenerateUSCC(f.rng, "420112"), "region_code": "999999"}}), 422, "enterprise.region_code"},
		}
		ctx := context.Background()
		persons0, _ := db.Count(ctx, "persons")
		users0, _ := db.Count(ctx, "users")
		ents0, _ := db.Count(ctx, "enterprises")
		for _, c := range cases {
			rec := f.do("POST", "/api/v1/auth/register", "", c.body)
			if rec.Code != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
				continue
			}
			m := decode(t, rec)
			if e, _ := m["error"].(map[string]any); e == nil || e["message"] == "" {
				t.Errorf("%s: no error document: %s", c.name, rec.Body)
			}
			if c.field != "" && !hasHan(errField(t, rec, c.field)) {
				t.Errorf("%s: no Chinese message for %s: %s", c.name, c.field, rec.Body)
			}
		}
		persons1, _ := db.Count(ctx, "persons")
		users1, _ := db.Count(ctx, "users")
		ents1, _ := db.Count(ctx, "enterprises")
		if persons1 != persons0 || users1 != users0 || ents1 != ents0 {
			t.Fatalf("bad input wrote rows: persons %d→%d users %d→%d enterprises %d→%d", persons0, persons1, users0, users1, ents0, ents1)
		}
		// A failing USCC checksum is stored with a warning, not rejected.
		warn := registry.GenerateUSCC(f.rng, "420112")
		warn = warn[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", warn[17])+1)%31])
		rec := f.do("POST", "/api/v1/auth/register", "", f.signUp(map[string]any{"kind": "employer", "name": "张", "phone": registry.GeneratePhone(f.rng),
			"password": "jiang7river", "enterprise": map[string]any{"name": "福建某公司", "uscc": warn}}))
		if rec.Code != 201 {
			t.Fatalf("checksum-failing USCC should be accepted with a warning: %d %s", rec.Code, rec.Body)
		}
		tok := f.token("staff")
		res := decode(t, f.do("GET", "/api/v1/enterprises?q="+warn, tok, nil))
		items := res["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["uscc_warning"] != true {
			t.Fatalf("USCC warning not stored: %v", res)
		}
	})
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestMetacharactersStoredAndEscaped: SQL and HTML metacharacters are data.
func TestMetacharactersStoredAndEscaped(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		tok := f.token("employer")
		rec := f.do("PUT", "/api/v1/me/enterprise", tok, map[string]any{"name": "<script>alert(1)</script>", "industry_code": "54"})
		if rec.Code != 422 || !hasHan(errField(t, rec, "enterprise.name")) {
			t.Fatalf("angle brackets in a name: %d %s", rec.Code, rec.Body)
		}
		evil := `O'Neil & "Sons"'; DROP TABLE persons;--`
		rec = f.do("PUT", "/api/v1/me/enterprise", tok, map[string]any{"name": evil, "industry_code": "54", "region_code": "420112"})
		if rec.Code != 200 {
			t.Fatalf("update: %d %s", rec.Code, rec.Body)
		}
		page := f.page("/enterprise", tok).Body.String()
		if strings.Contains(page, `"Sons"`) || !strings.Contains(page, "O&#39;Neil &amp; &#34;Sons&#34;&#39;; DROP TABLE persons;--") {
			t.Fatal("enterprise name not escaped on the page")
		}
		if n, _ := db.Count(context.Background(), "persons"); n != 2 {
			t.Fatalf("persons table damaged: %d", n)
		}
		// Person names reject angle brackets outright; a form error re-renders with the value kept, escaped.
		ptok := f.token("person")
		res := f.form("/me/edit", ptok, url.Values{"name": {`<b>x</b>`}, "phone": {f.users["person"].User.Phone}})
		body := res.Body.String()
		if res.Code != 422 || !strings.Contains(body, "&lt;b&gt;x&lt;/b&gt;") || strings.Contains(body, "<b>x</b>") {
			t.Fatalf("form error page: %d, value kept escaped? %v", res.Code, strings.Contains(body, "&lt;b&gt;"))
		}
	})
}

// TestLockout: five failures lock the account for 15 minutes (423), even
// for the right password, and each failure is audited.
func TestLockout(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		u := f.users["person"].User
		for i := 1; i <= 4; i++ {
			rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": "wrong1234"})
			if rec.Code != 401 {
				t.Fatalf("failure %d: %d", i, rec.Code)
			}
		}
		rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": "wrong1234"})
		if rec.Code != 423 || !strings.Contains(rec.Body.String(), "锁定") {
			t.Fatalf("5th failure: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": testPassword})
		if rec.Code != 423 {
			t.Fatalf("right password while locked: %d", rec.Code)
		}
		// The web form shows the same message on the login page.
		page := f.form("/login", "", url.Values{"phone": {u.Phone}, "password": {testPassword}})
		if page.Code != 423 || !strings.Contains(page.Body.String(), "锁定") {
			t.Fatalf("web login while locked: %d", page.Code)
		}
		entries, _ := db.ListAudit(context.Background(), audit.Filter{ObjectType: "user", ObjectID: strconv.FormatInt(u.ID, 10)})
		var fails, locks int
		for _, e := range entries {
			switch e.Action {
			case "login.fail":
				fails++
			case "login.locked":
				locks++
			}
		}
		if fails != 4 || locks < 1 {
			t.Fatalf("audit: %d failures, %d locks", fails, locks)
		}
	})
}

// TestAuthRateLimit: the per-IP limit answers 429 in Chinese.
func TestAuthRateLimit(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, server.Options{AuthPerMinute: 6})
	var last int
	for i := 0; i < 10; i++ {
		last = f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": "13800138000", "password": "x"}).Code
	}
	if last != 429 {
		t.Fatalf("after 10 quick logins from one IP: %d, want 429", last)
	}
}

// TestStaffSeesMaskedListAndAuditedRecord: lists are masked; opening a
// record shows it in full and leaves an audit row; persons cannot read others.
func TestStaffSeesMaskedListAndAuditedRecord(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		ctx := context.Background()
		target, _ := db.Registry().PersonByID(ctx, f.users["person"].User.PersonID)
		staff := f.token("staff")
		list := f.do("GET", "/api/v1/persons?q="+url.QueryEscape(target.Name), staff, nil).Body.String()
		if strings.Contains(list, target.IDNumber) || strings.Contains(list, target.Phone) || !strings.Contains(list, registry.MaskID(target.IDNumber)) {
			t.Fatalf("list not masked: %s", list)
		}
		html := f.page("/console?kind=person&q="+url.QueryEscape(target.Name), staff).Body.String()
		if strings.Contains(html, target.IDNumber) || !strings.Contains(html, registry.MaskID(target.IDNumber)) {
			t.Fatal("console list not masked")
		}
		full := f.page("/console/persons/"+strconv.FormatInt(target.ID, 10), staff).Body.String()
		if !strings.Contains(full, target.IDNumber) || !strings.Contains(full, target.Phone) {
			t.Fatal("opened record should show full data")
		}
		views, _ := db.ListAudit(ctx, audit.Filter{Action: "person.view_pii", ObjectID: strconv.FormatInt(target.ID, 10)})
		if len(views) != 1 || views[0].ActorID != f.users["staff"].User.ID {
			t.Fatalf("view not audited: %+v", views)
		}
		// Another person gets 404, as for no person, and the attempt is audited.
		other := f.token("person2")
		if rec := f.do("GET", "/api/v1/persons/"+strconv.FormatInt(target.ID, 10), other, nil); rec.Code != 404 {
			t.Fatalf("other person: %d", rec.Code)
		}
		denied, _ := db.ListAudit(ctx, audit.Filter{Action: "access.denied", ObjectID: strconv.FormatInt(target.ID, 10)})
		if len(denied) != 1 {
			t.Fatalf("denied access not audited: %d", len(denied))
		}
		// The owner sees their own record masked, without an audit entry
		// for the view (the full values need a reveal, which is audited:
		// TestOwnIDAndPhoneMaskedUntilRevealed).
		me := decode(t, f.do("GET", "/api/v1/me", f.token("person"), nil))
		if mp := me["person"].(map[string]any); mp["id_number"] != nil || mp["id_number_masked"] != registry.MaskID(target.IDNumber) {
			t.Fatalf("owner's own record should come masked: %v", mp)
		}
		if views, _ := db.ListAudit(ctx, audit.Filter{Action: "person.view_pii", ObjectID: strconv.FormatInt(target.ID, 10)}); len(views) != 1 {
			t.Fatalf("the owner's masked view was audited: %d entries", len(views))
		}
		// Staff edit (代办) is audited with the staff member as actor and a before/after summary.
		rec := f.do("PUT", "/api/v1/persons/"+strconv.FormatInt(target.ID, 10), staff, map[string]any{"name": target.Name,
			"phone": target.Phone, "education": "硕士", "residence_region": "420112001"})
		if rec.Code != 200 {
			t.Fatalf("staff edit: %d %s", rec.Code, rec.Body)
		}
		upd, _ := db.ListAudit(ctx, audit.Filter{Action: "person.update", ObjectID: strconv.FormatInt(target.ID, 10)})
		if len(upd) != 1 || upd[0].ActorID != f.users["staff"].User.ID || !strings.Contains(upd[0].Summary, "education") {
			t.Fatalf("staff edit audit: %+v", upd)
		}
		if strings.Contains(upd[0].Summary, target.Phone) {
			t.Fatal("audit summary leaks the phone number")
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// TestWebFormsKeepInputAndShowFieldErrors: a registration with a wrong check
// digit re-renders with 422, the message next to the field and typed values kept.
func TestWebFormsKeepInputAndShowFieldErrors(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, serverOpts())
	bad := wrongCheckDigit(f.newIDNumber())
	rec := f.form("/register", "", f.signUpForm(url.Values{"kind": {"person"}, "name": {"孙七"}, "id_number": {bad},
		"phone": {"13912345678"}, "password": {"jiang7river"}, "password2": {"jiang7river"}}))
	body := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(body, "身份证号校验位错误") || !strings.Contains(body, `value="孙七"`) || !strings.Contains(body, bad) {
		t.Fatalf("register form error: %d", rec.Code)
	}
	rec = f.form("/register", "", f.signUpForm(url.Values{"kind": {"person"}, "name": {"孙七"}, "id_number": {f.newIDNumber()},
		"phone": {"13912345678"}, "password": {"jiang7river"}, "password2": {"jiang7river"}}))
	if rec.Code != 303 || rec.Header().Get("Location") != "/me?welcome=1" || !strings.Contains(rec.Header().Get("Set-Cookie"), "HttpOnly") {
		t.Fatalf("register: %d %v", rec.Code, rec.Header())
	}
}

// TestSecurityHeadersAndCSRF: CSP without inline script; cross-site form posts are refused.
func TestSecurityHeadersAndCSRF(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, serverOpts())
	rec := f.page("/", "")
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP: %q", csp)
	}
	if strings.Contains(rec.Body.String(), "<script>") || strings.Contains(rec.Body.String(), "onclick=") {
		t.Fatal("inline script on the home page")
	}
	req := f.form("/logout", f.token("person"), url.Values{})
	if req.Code != 303 {
		t.Fatalf("same-origin logout: %d", req.Code)
	}
	cross := crossSitePost(f, "/me/edit", f.token("person"))
	if cross != 403 {
		t.Fatalf("cross-site POST: %d, want 403", cross)
	}
}

// TestOpenAPIListsEveryRoute: the document is generated from the route table.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, serverOpts())
	doc := decode(t, f.do("GET", "/api/v1/openapi.json", "", nil))
	paths := doc["paths"].(map[string]any)
	n := 0
	for _, rt := range f.srv.API.Routes() {
		ops, ok := paths[rt.Pattern].(map[string]any)
		if !ok || ops[strings.ToLower(rt.Method)] == nil {
			t.Errorf("OpenAPI is missing %s %s", rt.Method, rt.Pattern)
		}
		n++
	}
	if n < 20 || doc["openapi"] != "3.0.3" {
		t.Fatalf("routes=%d openapi=%v", n, doc["openapi"])
	}
}

// TestCodeTables: the reference-data endpoints.
func TestCodeTables(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, serverOpts())
	regions := f.do("GET", "/api/v1/regions?parent=4201", "", nil).Body.String()
	if !strings.Contains(regions, `"420112"`) || !strings.Contains(regions, "东西湖区") {
		t.Fatalf("regions: %.200s", regions)
	}
	occ := f.do("GET", "/api/v1/occupations?q="+url.QueryEscape("焊工"), "", nil).Body.String()
	if !strings.Contains(occ, "焊工") {
		t.Fatalf("occupations: %.200s", occ)
	}
	ind := f.do("GET", "/api/v1/industries?parent=C", "", nil).Body.String()
	if !strings.Contains(ind, `"13"`) {
		t.Fatalf("industries: %.200s", ind)
	}
	if rec := f.do("GET", "/api/v1/nothing", "", nil); rec.Code != 404 || !strings.Contains(rec.Body.String(), `"not_found"`) {
		t.Fatalf("unknown API path: %d %s", rec.Code, rec.Body)
	}
}

// TestHealthAndMetrics: liveness, readiness and Prometheus text (read from
// this machine; see TestMetricsAccess for the others).
func TestHealthAndMetrics(t *testing.T) {
	db := storeSQLite(t)
	f := newFixture(t, db, serverOpts())
	if f.page("/healthz", "").Code != 200 || f.page("/readyz", "").Code != 200 {
		t.Fatal("health endpoints")
	}
	f.page("/login", "")
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = "127.0.0.1:40000"
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	m := rec.Body.String()
	if !strings.Contains(m, `jiuye_http_requests_total{route="GET /login",status="2xx"} 1`) {
		t.Fatalf("metrics: %s", m)
	}
}
