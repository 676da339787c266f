package server_test

import (
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

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

// TestLoginLockoutByPhone: failures are counted per phone, registered or
// not, so an unknown phone and a known one answer alike — same status, same
// body, same timing class (one password hash each) — below the threshold,
// at it and after it; the count is kept in the database, so two instances
// share it; and a successful login clears it.
func TestLoginLockoutByPhone(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		// A hash that costs a few milliseconds, so skipping it would show.
		hp := account.HashParams{Memory: 4 * 1024, Time: 2, Threads: 1}
		f := newFixtureHash(t, db, serverOpts(), hp)
		known := f.users["person"].User.Phone
		unknown := registry.GeneratePhone(f.rng)
		for unknown == known || unknown == f.users["person2"].User.Phone {
			unknown = registry.GeneratePhone(f.rng)
		}

		login := func(phone, pw string) (int, string, time.Duration) {
			start := time.Now()
			rec := f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": phone, "password": pw})
			return rec.Code, rec.Body.String(), time.Since(start)
		}
		for i := 1; i <= account.MaxFailures+1; i++ {
			kc, kb, _ := login(known, "wrong-guess-7")
			uc, ub, _ := login(unknown, "wrong-guess-7")
			want := 401
			if i >= account.MaxFailures {
				want = 423
			}
			if kc != want || uc != kc || ub != kb {
				t.Fatalf("attempt %d: known phone %d %s, unknown phone %d %s; want both %d and the same body", i, kc, kb, uc, ub, want)
			}
		}
		if !strings.Contains(decode(t, f.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": unknown, "password": "x1234567"}))["error"].(map[string]any)["message"].(string), "连续登录失败次数过多，账号已锁定") {
			t.Fatal("unknown phone: no lockout message")
		}
		// Locked: the known phone's right password gets the same answer as any password on the unknown one.
		kc, kb, _ := login(known, testPassword)
		uc, ub, _ := login(unknown, testPassword)
		if kc != 423 || uc != kc || ub != kb {
			t.Fatalf("right password while locked: known %d %s, unknown %d %s", kc, kb, uc, ub)
		}
		// The web form says the same for both.
		wk := f.form("/login", "", url.Values{"phone": {known}, "password": {"wrong-guess-7"}})
		wu := f.form("/login", "", url.Values{"phone": {unknown}, "password": {"wrong-guess-7"}})
		if wk.Code != 423 || wu.Code != 423 || !strings.Contains(wu.Body.String(), "锁定") {
			t.Fatalf("web login while locked: known %d, unknown %d", wk.Code, wu.Code)
		}
		// Timing class: a failure verifies one password hash, known phone
		// or not. Measured in turns (which goes first alternates) with a
		// bare hash check between, medians compared; a right login resets
		// the known phone's count, and each unknown phone is new.
		ref, _ := account.HashPassword("reference-1", hp)
		staff := f.users["staff"].User.Phone
		var tKnown, tUnknown, tHash []time.Duration
		for i := 0; i < 15; i++ {
			if i%(account.MaxFailures-1) == 0 {
				if c, b, _ := login(staff, testPassword); c != 200 {
					t.Fatalf("login: %d %s", c, b)
				}
			}
			fresh := registry.GeneratePhone(f.rng)
			var kd, ud time.Duration
			if i%2 == 0 {
				_, _, kd = login(staff, "wrong-guess-7")
				_, _, ud = login(fresh, "wrong-guess-7")
			} else {
				_, _, ud = login(fresh, "wrong-guess-7")
				_, _, kd = login(staff, "wrong-guess-7")
			}
			start := time.Now()
			account.CheckPassword("wrong", ref)
			tKnown, tUnknown, tHash = append(tKnown, kd), append(tUnknown, ud), append(tHash, time.Since(start))
		}
		mk, mu, oneHash := median(tKnown), median(tUnknown), median(tHash)
		if mk < oneHash/2 || mu < oneHash/2 || mk > 3*mu || mu > 3*mk {
			t.Fatalf("timing: known %v, unknown %v, one hash %v", mk, mu, oneHash)
		}
		t.Logf("timing medians: known %v, unknown %v, one hash %v", mk, mu, oneHash)

		// A second instance on the same database shares the count.
		other := newFixtureHash(t, db, serverOpts(), cheapHash)
		p2 := f.users["person2"].User.Phone
		for i := 1; i <= account.MaxFailures; i++ {
			srv := f
			if i%2 == 0 {
				srv = other
			}
			rec := srv.do("POST", "/api/v1/auth/login", "", map[string]string{"phone": p2, "password": "wrong-guess-7"})
			if want := map[bool]int{true: 423, false: 401}[i == account.MaxFailures]; rec.Code != want {
				t.Fatalf("instance %d, failure %d: %d, want %d", 1+i%2, i, rec.Code, want)
			}
		}

		// A successful login clears the count: MaxFailures-1 failures, a
		// login, and as many failures again do not lock.
		staff = f.users["employer2"].User.Phone
		for round := 0; round < 2; round++ {
			for i := 1; i < account.MaxFailures; i++ {
				if c, b, _ := login(staff, "wrong-guess-7"); c != 401 {
					t.Fatalf("round %d failure %d: %d %s", round, i, c, b)
				}
			}
			if c, b, _ := login(staff, testPassword); c != 200 {
				t.Fatalf("round %d login: %d %s", round, c, b)
			}
		}
	})
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
