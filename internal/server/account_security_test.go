package server_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestChangePasswordWrongOldPasswordsLock: wrong old passwords on the
// change-password form count like wrong logins, so a stolen session cannot
// guess the password without limit: the MaxFailures-th locks the account,
// login is then refused with the lockout message, and each is audited.
func TestChangePasswordWrongOldPasswordsLock(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		u := f.users["person"].User
		tok := f.token("person")
		for i := 1; i < account.MaxFailures; i++ {
			rec := f.do("POST", "/api/v1/me/password", tok, map[string]string{"old_password": "guess" + strconv.Itoa(i) + "xyz", "new_password": "Zyxwvuts9876kk"})
			if rec.Code != 422 || errField(t, rec, "old_password") == "" {
				t.Fatalf("wrong old password %d: %d %s", i, rec.Code, rec.Body)
			}
		}
		// The last guess goes through the web form: same counter.
		page := f.form("/me/password", tok, url.Values{"old_password": {"guess-last-1"}, "new_password": {"Zyxwvuts9876kk"}, "new_password2": {"Zyxwvuts9876kk"}})
		if page.Code != 423 || !strings.Contains(page.Body.String(), "锁定") {
			t.Fatalf("wrong old password %d: %d, want 423 with the lockout message", account.MaxFailures, page.Code)
		}
		// Locked: the right old password is refused too, and so is a login.
		rec := f.do("POST", "/api/v1/me/password", tok, map[string]string{"old_password": testPassword, "new_password": "Zyxwvuts9876kk"})
		if rec.Code != 423 {
			t.Fatalf("change with the right password while locked: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": u.Phone, "password": testPassword})
		if rec.Code != 423 || !strings.Contains(rec.Body.String(), "连续登录失败次数过多，账号已锁定") {
			t.Fatalf("login after the lock: %d %s", rec.Code, rec.Body)
		}
		entries, _ := db.ListAudit(context.Background(), audit.Filter{ObjectType: "user", ObjectID: strconv.FormatInt(u.ID, 10)})
		var fails, locks int
		for _, e := range entries {
			switch e.Action {
			case audit.LoginFail:
				if strings.Contains(e.Summary, "修改密码") {
					fails++
				}
			case audit.LoginLocked:
				locks++
			}
		}
		if fails != account.MaxFailures-1 || locks < 1 {
			t.Fatalf("audit: %d change-password failures, %d locks", fails, locks)
		}
		if _, err := db.VerifyAudit(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCommonPasswordsRefusedOverHTTP: sign-up, the web sign-up form and
// change-password refuse a common password or a trivial variant of one
// with a plain Chinese message on the password field; a good passphrase
// is accepted.
func TestCommonPasswordsRefusedOverHTTP(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		for _, pw := range []string{"password1", "Password123!", "ｐａｓｓｗｏｒｄ１", "p@ssw0rd1"} {
			rec := f.do("POST", "/api/v1/auth/register", "", map[string]any{"kind": "person", "name": "赵六",
				"id_number": f.newIDNumber(), "phone": registry.GeneratePhone(f.rng), "password": pw})
			if rec.Code != 422 || !strings.Contains(errField(t, rec, "password"), "太常见") {
				t.Errorf("register with %q: %d %s, want 422 with the common-password message", pw, rec.Code, rec.Body)
			}
		}
		page := f.form("/register", "", url.Values{"kind": {"person"}, "name": {"赵六"}, "id_number": {f.newIDNumber()},
			"phone": {registry.GeneratePhone(f.rng)}, "password": {"p@ssw0rd1"}, "password2": {"p@ssw0rd1"}})
		if page.Code != 422 || !strings.Contains(page.Body.String(), "太常见") {
			t.Errorf("web sign-up with p@ssw0rd1: %d", page.Code)
		}
		tok := f.token("person")
		rec := f.do("POST", "/api/v1/me/password", tok, map[string]string{"old_password": testPassword, "new_password": "Password123!"})
		if rec.Code != 422 || !strings.Contains(errField(t, rec, "password"), "太常见") {
			t.Errorf("change to Password123!: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", "/api/v1/me/password", tok, map[string]string{"old_password": testPassword, "new_password": "river crane paper 58"})
		if rec.Code != 204 {
			t.Errorf("change to a good passphrase: %d %s", rec.Code, rec.Body)
		}
	})
}
