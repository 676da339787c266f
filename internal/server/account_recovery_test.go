package server_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sms"
	"github.com/jiuye/jiuye/internal/store"
)

// outboxCode is the newest valid code the built-in sender holds for phone.
func (f *fixture) outboxCode(phone, purpose string) (string, bool) {
	return f.app.SMSOutbox().LastCode(phone, purpose, f.app.Now())
}

// askCode asks for a code over the API and returns the response.
func (f *fixture) askCode(phone, purpose string) (int, string) {
	rec := f.do("POST", "/api/v1/auth/sms-code", "", map[string]string{"phone": phone, "purpose": purpose})
	return rec.Code, rec.Body.String()
}

// moveClock moves the store's clock (and so the app's) by d from now on.
func moveClock(t *testing.T, db *store.DB, d *time.Duration) {
	db.SetClock(func() time.Time { return time.Now().Add(*d) })
	t.Cleanup(func() { db.SetClock(time.Now) })
}

// queryInt runs a counting query (through a write transaction, which tests may use to read).
func queryInt(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Write(context.Background(), func(tx *store.Tx) error { return tx.QueryRow(context.Background(), q, args...).Scan(&n) }); err != nil {
		t.Fatal(err)
	}
	return n
}

func userAuditCount(t *testing.T, db *store.DB, action string, objID int64) int {
	t.Helper()
	es, err := db.ListAudit(context.Background(), audit.Filter{Action: action, ObjectType: "user", ObjectID: strconv.FormatInt(objID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// TestPasswordResetBySMS: the happy path over the API, then the code is
// spent, the old password and sessions are gone, and it is audited.
func TestPasswordResetBySMS(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		u := f.users["person"].User
		oldTok := f.token("person")
		if st, body := f.askCode(u.Phone, "reset"); st != 202 || !strings.Contains(body, "验证码已发送") {
			t.Fatalf("sms-code: %d %s", st, body)
		}
		code, ok := f.outboxCode(u.Phone, "reset")
		if !ok || len(code) != 6 {
			t.Fatalf("no reset code in the outbox")
		}
		rec := f.do("POST", "/api/v1/auth/reset", "", map[string]string{"phone": u.Phone, "code": code, "new_password": "river crane 58"})
		if rec.Code != 204 {
			t.Fatalf("reset: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/me", oldTok, nil); rec.Code != 401 {
			t.Errorf("a session from before the reset still works: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": testPassword}); rec.Code != 401 {
			t.Errorf("old password still logs in: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": "river crane 58"}); rec.Code != 200 {
			t.Errorf("new password: %d %s", rec.Code, rec.Body)
		}
		// Reused: the same code again is refused.
		rec = f.do("POST", "/api/v1/auth/reset", "", map[string]string{"phone": u.Phone, "code": code, "new_password": "another pass 77"})
		if rec.Code != 422 || !strings.Contains(errField(t, rec, "code"), "过期") {
			t.Errorf("reused code: %d %s", rec.Code, rec.Body)
		}
		if n := userAuditCount(t, db, audit.PasswordBySMS, u.ID); n != 1 {
			t.Errorf("%d audit entries for the reset, want 1", n)
		}
		if n := userAuditCount(t, db, audit.SMSSend, u.ID); n != 1 {
			t.Errorf("%d audit entries for the code, want 1", n)
		}
		// The code is nowhere in the database: not in sms_codes, not in the audit log.
		if n := queryInt(t, db, "SELECT COUNT(*) FROM sms_codes WHERE code_hash = ? OR phone_idx = ?", code, u.Phone); n != 0 {
			t.Errorf("the code or phone is stored in clear")
		}

		// The web pages do the same.
		u2 := f.users["person2"].User
		page := f.form("/password/forgot", "", url.Values{"phone": {u2.Phone}})
		if page.Code != 200 || !strings.Contains(page.Body.String(), `action="/password/reset"`) {
			t.Fatalf("forgot page: %d", page.Code)
		}
		code2, _ := f.outboxCode(u2.Phone, "reset")
		page = f.form("/password/reset", "", url.Values{"phone": {u2.Phone}, "code": {code2}, "new_password": {"river crane 59"}, "new_password2": {"river crane 59"}})
		if page.Code != 303 || page.Header().Get("Location") != "/login?reset=1" {
			t.Fatalf("reset page: %d %s", page.Code, page.Body)
		}
	})
}

// TestResetCodeAttemptsExpiryAndUnknownPhones: five wrong codes spend a
// code; a code dies after 10 minutes; a phone without an account gets the
// same answers (and the same limits) as one with, and no message.
func TestResetCodeAttemptsExpiryAndUnknownPhones(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		var shift time.Duration
		moveClock(t, db, &shift)
		known := f.users["person"].User.Phone
		unknown := registry.GeneratePhone(f.rng)
		reset := func(phone, code string) (int, string) {
			rec := f.do("POST", "/api/v1/auth/reset", "", map[string]string{"phone": phone, "code": code, "new_password": "river crane 58"})
			return rec.Code, errField(t, rec, "code")
		}
		stK, bodyK := f.askCode(known, "reset")
		stU, bodyU := f.askCode(unknown, "reset")
		if stK != stU || bodyK != bodyU {
			t.Errorf("known and unknown phones answered differently: %d %s / %d %s", stK, bodyK, stU, bodyU)
		}
		if _, ok := f.outboxCode(unknown, "reset"); ok {
			t.Errorf("a reset code went to a phone without an account")
		}
		code, _ := f.outboxCode(known, "reset")
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for i := 1; i <= 5; i++ {
			sK, mK := reset(known, wrong)
			sU, mU := reset(unknown, wrong)
			if sK != 422 || sK != sU || mK != mU {
				t.Errorf("wrong code #%d: known %d %q, unknown %d %q", i, sK, mK, sU, mU)
			}
			if i < 5 && !strings.Contains(mK, "还可尝试 "+strconv.Itoa(5-i)+" 次") {
				t.Errorf("wrong code #%d: %q", i, mK)
			}
		}
		if st, msg := reset(known, code); st != 422 || !strings.Contains(msg, "重新获取") {
			t.Errorf("the right code after five wrong ones: %d %q", st, msg)
		}
		// Same limits: a second ask within 60 s is refused for both.
		stK, bodyK = f.askCode(known, "reset")
		stU, bodyU = f.askCode(unknown, "reset")
		if stK != 429 || stK != stU || bodyK != bodyU {
			t.Errorf("resend within 60 s: %d %s / %d %s", stK, bodyK, stU, bodyU)
		}
		// Expiry: a fresh code, 10 minutes and a second later, is refused.
		shift += 61 * time.Second
		f.askCode(known, "reset")
		code, _ = f.outboxCode(known, "reset")
		shift += 10*time.Minute + time.Second
		if st, msg := reset(known, code); st != 422 || !strings.Contains(msg, "过期") {
			t.Errorf("expired code: %d %q", st, msg)
		}
		if _, ok := f.outboxCode(known, "reset"); ok {
			t.Errorf("the outbox still shows an expired code")
		}
	})
}

// TestSMSCodeRateLimits: 60 s between sends and 10 a day per phone, and a
// cap per IP across phones.
func TestSMSCodeRateLimits(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		var shift time.Duration
		moveClock(t, db, &shift)
		phone := registry.GeneratePhone(f.rng)
		for i := 1; i <= 10; i++ {
			if st, body := f.askCode(phone, "register"); st != 202 {
				t.Fatalf("send #%d: %d %s", i, st, body)
			}
			if st, body := f.askCode(phone, "register"); st != 429 || !strings.Contains(body, "秒后") {
				t.Fatalf("send #%d again at once: %d %s", i, st, body)
			}
			shift += 61 * time.Second
		}
		if st, body := f.askCode(phone, "reset"); st != 429 || !strings.Contains(body, "明天") {
			t.Errorf("11th send in a day: %d %s", st, body)
		}
		shift += 24 * time.Hour
		if st, _ := f.askCode(phone, "register"); st != 202 {
			t.Errorf("a day later: %d", st)
		}
		// Per IP: the test client's address asks for many phones.
		shift += 2 * time.Hour
		n := 0
		for ; n < 40; n++ {
			if st, _ := f.askCode(registry.GeneratePhone(f.rng), "register"); st == 429 {
				break
			}
		}
		if n != 30 {
			t.Errorf("per-IP cap after %d sends, want 30", n)
		}
	})
}

var tempRE = regexp.MustCompile(`<h2 class="mono">([a-z0-9]+)</h2>`)

// TestStaffResetForcesNewPassword: staff reset a person's password after
// checking their ID (audited, sessions ended); the temporary password
// logs in only to /me/password until a new one is set; reviewers cannot.
func TestStaffResetForcesNewPassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		person := f.users["person"].User
		oldTok := f.token("person")
		path := "/console/persons/" + strconv.FormatInt(person.PersonID, 10) + "/password-reset"
		staff := f.token("staff")
		if rec := f.page(path, staff); rec.Code != 200 || !strings.Contains(rec.Body.String(), "核对本人有效身份证件") {
			t.Fatalf("confirm page: %d", rec.Code)
		}
		if rec := f.form(path, staff, url.Values{}); rec.Code != 422 {
			t.Errorf("without the identity check: %d", rec.Code)
		}
		if rec := f.form(path, f.token("reviewer"), url.Values{"confirm": {"true"}}); rec.Code != 403 {
			t.Errorf("reviewer reset: %d", rec.Code)
		}
		if rec := f.form("/admin/users/"+strconv.FormatInt(f.users["admin"].User.ID, 10)+"/password-reset", staff, url.Values{"confirm": {"true"}}); rec.Code != 403 {
			t.Errorf("staff on the admin route: %d", rec.Code)
		}
		rec := f.form(path, staff, url.Values{"confirm": {"true"}})
		m := tempRE.FindStringSubmatch(rec.Body.String())
		if rec.Code != 200 || m == nil {
			t.Fatalf("reset: %d", rec.Code)
		}
		temp := m[1]
		es, _ := db.ListAudit(context.Background(), audit.Filter{Action: audit.PasswordReset, ObjectType: "user", ObjectID: strconv.FormatInt(person.ID, 10)})
		if len(es) != 1 || es[0].ActorID != f.users["staff"].User.ID || strings.Contains(es[0].Summary, temp) {
			t.Errorf("audit of the reset: %+v", es)
		}
		if rec := f.do("GET", "/api/v1/me", oldTok, nil); rec.Code != 401 {
			t.Errorf("the person's session survived the reset: %d", rec.Code)
		}
		// Web: the login leads to /me/password, and so does every page until changed.
		login := f.form("/login", "", url.Values{"phone": {person.Phone}, "password": {temp}})
		if login.Code != 303 || login.Header().Get("Location") != "/me/password?must=1" {
			t.Fatalf("login with the temporary password: %d %s", login.Code, login.Header().Get("Location"))
		}
		tok := ""
		for _, c := range login.Result().Cookies() {
			if c.Name == "jiuye_session" {
				tok = c.Value
			}
		}
		for _, p := range []string{"/me", "/jobs", "/me/resume"} {
			if rec := f.page(p, tok); rec.Code != 303 || rec.Header().Get("Location") != "/me/password?must=1" {
				t.Errorf("%s before changing: %d %s", p, rec.Code, rec.Header().Get("Location"))
			}
		}
		if rec := f.page("/me/password", tok); rec.Code != 200 || !strings.Contains(rec.Body.String(), "临时密码") {
			t.Errorf("/me/password: %d", rec.Code)
		}
		// API: the same token is refused elsewhere, allowed to change.
		if rec := f.do("GET", "/api/v1/me/resume", tok, nil); rec.Code != 403 {
			t.Errorf("API before changing: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/me/password", tok, map[string]string{"old_password": temp, "new_password": "river crane 60"}); rec.Code != 204 {
			t.Fatalf("change: %d %s", rec.Code, rec.Body)
		}
		login = f.form("/login", "", url.Values{"phone": {person.Phone}, "password": {"river crane 60"}})
		if login.Code != 303 || login.Header().Get("Location") != "/me" {
			t.Errorf("login after changing: %d %s", login.Code, login.Header().Get("Location"))
		}
		// The API does the same for staff: identity checked or refused.
		apiPath := "/api/v1/persons/" + strconv.FormatInt(person.PersonID, 10) + "/password-reset"
		if rec := f.do("POST", apiPath, staff, map[string]any{}); rec.Code != 422 || errField(t, rec, "identity_checked") == "" {
			t.Errorf("API reset without the identity check: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", apiPath, staff, map[string]any{"identity_checked": true})
		m2 := decode(t, rec)
		temp2, _ := m2["temporary_password"].(string)
		if rec.Code != 200 || len(temp2) != 10 || m2["user"].(map[string]any)["must_change_password"] != true {
			t.Fatalf("API reset: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": person.Phone, "password": temp2}); rec.Code != 200 ||
			decode(t, rec)["user"].(map[string]any)["must_change_password"] != true {
			t.Errorf("API login with the temporary password: %d %s", rec.Code, rec.Body)
		}
		if n := userAuditCount(t, db, audit.PasswordReset, person.ID); n != 2 {
			t.Errorf("%d staff resets audited, want 2", n)
		}
	})
}

// TestSignUpNeedsCodeAndConsent: the API and the page ask for consent to
// the current terms first (nothing else is read without it), then confirm
// the phone by code; the accepted version is recorded.
func TestSignUpNeedsCodeAndConsent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		body := func() map[string]any {
			return map[string]any{"kind": "person", "name": "赵六", "id_number": f.newIDNumber(),
				"phone": registry.GeneratePhone(f.rng), "password": "jiang7river"}
		}
		b := body()
		b["id_number"] = "bad"
		rec := f.do("POST", "/api/v1/auth/register", "", b)
		if rec.Code != 422 || errField(t, rec, "consent") == "" || errField(t, rec, "id_number") != "" {
			t.Errorf("without consent: %d %s", rec.Code, rec.Body)
		}
		b = body()
		b["consent_version"] = f.termsVersion()
		rec = f.do("POST", "/api/v1/auth/register", "", b)
		if rec.Code != 422 || errField(t, rec, "sms_code") == "" {
			t.Errorf("without a code: %d %s", rec.Code, rec.Body)
		}
		b["sms_code"] = "123456"
		if f.smsCode(b["phone"].(string), "register") == "123456" {
			b["sms_code"] = "654321"
		}
		rec = f.do("POST", "/api/v1/auth/register", "", b)
		if rec.Code != 422 || !strings.Contains(errField(t, rec, "sms_code"), "验证码错误") {
			t.Errorf("wrong code: %d %s", rec.Code, rec.Body)
		}
		b["sms_code"] = f.smsCode(b["phone"].(string), "register")
		rec = f.do("POST", "/api/v1/auth/register", "", b)
		if rec.Code != 201 || decode(t, rec)["consent_version"] != float64(1) {
			t.Fatalf("sign-up: %d %s", rec.Code, rec.Body)
		}
		if n := queryInt(t, db, "SELECT COUNT(*) FROM users WHERE consent_version = 1 AND consent_at IS NOT NULL"); n != 1 {
			t.Errorf("consent time not recorded")
		}
		// The code is spent: another sign-up with it fails at the code.
		b2 := body()
		b2["phone"], b2["consent_version"], b2["sms_code"] = b["phone"], 1, b["sms_code"]
		if rec := f.do("POST", "/api/v1/auth/register", "", b2); rec.Code != 422 || errField(t, rec, "sms_code") == "" {
			t.Errorf("reused sign-up code: %d %s", rec.Code, rec.Body)
		}
		// The page: step 1 asks consent and the phone, not the ID number.
		page := f.page("/register", "")
		if !strings.Contains(page.Body.String(), `name="consent"`) || strings.Contains(page.Body.String(), `name="id_number"`) {
			t.Errorf("step 1 of the page")
		}
		phone := registry.GeneratePhone(f.rng)
		page = f.form("/register", "", url.Values{"kind": {"person"}, "op": {"sms"}, "phone": {phone}})
		if page.Code != 422 || !strings.Contains(page.Body.String(), "请先阅读并同意") {
			t.Errorf("code without consent: %d", page.Code)
		}
		if _, ok := f.outboxCode(phone, "register"); ok {
			t.Errorf("a code was sent without consent")
		}
		page = f.form("/register", "", url.Values{"kind": {"person"}, "op": {"sms"}, "phone": {phone}, "consent": {"1"}})
		if page.Code != 200 || !strings.Contains(page.Body.String(), `name="id_number"`) || !strings.Contains(page.Body.String(), `name="sms_code"`) {
			t.Errorf("step 2: %d", page.Code)
		}
	})
}

// TestTermsVersionsAndOutbox: admins publish versions (audited), old ones
// stay readable, a sign-up must accept the newest; the outbox page shows
// codes while valid, audited.
func TestTermsVersionsAndOutbox(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		admin := f.token("admin")
		if rec := f.page("/admin/terms", admin); rec.Code != 200 || !strings.Contains(rec.Body.String(), "第 1 版") {
			t.Fatalf("/admin/terms: %d", rec.Code)
		}
		if rec := f.form("/admin/terms", admin, url.Values{"user_agreement": {"太短"}, "privacy_policy": {"太短"}}); rec.Code != 422 {
			t.Errorf("short terms: %d", rec.Code)
		}
		ua := "第二版用户协议：" + strings.Repeat("请遵守平台规则。", 5)
		rec := f.form("/admin/terms", admin, url.Values{"user_agreement": {ua}, "privacy_policy": {"第二版隐私政策：" + strings.Repeat("我们加密保存您的信息。", 4)}, "note": {"测试修订"}})
		if rec.Code != 303 || rec.Header().Get("Location") != "/admin/terms?published=2" {
			t.Fatalf("publish: %d %s", rec.Code, rec.Body)
		}
		if page := f.page("/terms", ""); !strings.Contains(page.Body.String(), "第二版用户协议") {
			t.Errorf("/terms does not show version 2")
		}
		if page := f.page("/terms?v=1", ""); !strings.Contains(page.Body.String(), "历史版本") || strings.Contains(page.Body.String(), "第二版用户协议") {
			t.Errorf("/terms?v=1")
		}
		if page := f.page("/privacy?v=9", ""); page.Code != 404 {
			t.Errorf("/privacy?v=9: %d", page.Code)
		}
		if m := decode(t, f.do("GET", "/api/v1/terms", "", nil)); m["version"] != float64(2) {
			t.Errorf("API terms: %v", m["version"])
		}
		es, _ := db.ListAudit(context.Background(), audit.Filter{Action: audit.TermsPublish})
		if len(es) != 1 || es[0].ActorID != f.users["admin"].User.ID {
			t.Errorf("publish audit: %+v", es)
		}
		b := map[string]any{"kind": "person", "name": "赵六", "id_number": f.newIDNumber(), "phone": registry.GeneratePhone(f.rng), "password": "jiang7river"}
		b["sms_code"], b["consent_version"] = f.smsCode(b["phone"].(string), "register"), 1
		if rec := f.do("POST", "/api/v1/auth/register", "", b); rec.Code != 422 || !strings.Contains(errField(t, rec, "consent"), "第 2 版") {
			t.Errorf("consent to an old version: %d %s", rec.Code, rec.Body)
		}
		b["consent_version"] = 2
		if rec := f.do("POST", "/api/v1/auth/register", "", b); rec.Code != 201 {
			t.Errorf("consent to version 2: %d %s", rec.Code, rec.Body)
		}
		// The outbox page shows the code while it is valid, and the read is audited.
		phone := f.users["person2"].User.Phone
		f.askCode(phone, "reset")
		code, _ := f.outboxCode(phone, "reset")
		page := f.page("/admin/sms", admin)
		if page.Code != 200 || !strings.Contains(page.Body.String(), code) || !strings.Contains(page.Body.String(), phone) {
			t.Errorf("/admin/sms: %d", page.Code)
		}
		if es, _ := db.ListAudit(context.Background(), audit.Filter{Action: audit.SMSOutbox}); len(es) != 1 {
			t.Errorf("outbox reads audited: %d", len(es))
		}
		msgs := f.app.SMSOutbox().Messages(f.app.Now().Add(11 * time.Minute))
		if len(msgs) == 0 || strings.Contains(msgs[0].Text, code) || !strings.Contains(msgs[0].Text, sms.Hidden) {
			t.Errorf("expired code still in the outbox: %+v", msgs)
		}
	})
}
