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
	"github.com/jiuye/jiuye/internal/server"
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
			rec := f.do("POST", "/api/v1/auth/register", "", f.signUp(map[string]any{"kind": "person", "name": "赵六",
				"id_number": f.newIDNumber(), "phone": registry.GeneratePhone(f.rng), "password": pw}))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, "password"), "太常见") {
				t.Errorf("register with %q: %d %s, want 422 with the common-password message", pw, rec.Code, rec.Body)
			}
		}
		page := f.form("/register", "", f.signUpForm(url.Values{"kind": {"person"}, "name": {"赵六"}, "id_number": {f.newIDNumber()},
			"phone": {registry.GeneratePhone(f.rng)}, "password": {"p@ssw0rd1"}, "password2": {"p@ssw0rd1"}}))
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

// TestOwnIDAndPhoneMaskedUntilRevealed: the owner's ID number and phone are
// masked on /me, GET /api/v1/me and their record by id; the full values
// come only from an explicit reveal — the password again, or a login less
// than 5 minutes old — on the page (that response only) and the API, which
// is audited as a view of the person's personal data by the owner,
// limited per IP, and counts wrong passwords toward the lockout.
func TestOwnIDAndPhoneMaskedUntilRevealed(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		ctx := context.Background()
		u := f.users["person"].User
		p, err := db.Registry().PersonByID(ctx, u.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		masked := registry.MaskID(p.IDNumber)
		shows := func(body string) (id, phone bool) {
			return strings.Contains(body, p.IDNumber), strings.Contains(body, p.Phone)
		}
		tok := f.token("person")

		// Masked by default, everywhere the owner reads their record.
		me := f.do("GET", "/api/v1/me", tok, nil)
		if id, ph := shows(me.Body.String()); me.Code != 200 || id || ph || !strings.Contains(me.Body.String(), masked) {
			t.Fatalf("GET /api/v1/me: %d full id %v, full phone %v: %s", me.Code, id, ph, me.Body)
		}
		page := f.page("/me", tok)
		body := page.Body.String()
		if id, ph := shows(body); page.Code != 200 || id || ph || !strings.Contains(body, masked) {
			t.Fatalf("GET /me: %d full id %v, full phone %v", page.Code, id, ph)
		}
		if !strings.Contains(body, `action="/me/reveal"`) || !strings.Contains(body, "显示完整信息") || !strings.Contains(body, `type="password"`) {
			t.Fatal("/me has no reveal form asking for the password")
		}
		byID := f.do("GET", "/api/v1/persons/"+strconv.FormatInt(p.ID, 10), tok, nil)
		if id, _ := shows(byID.Body.String()); byID.Code != 200 || id {
			t.Fatalf("GET /api/v1/persons/{own id}: %d full id %v", byID.Code, id)
		}
		upd := f.do("PUT", "/api/v1/me/person", tok, map[string]any{"name": p.Name, "phone": p.Phone, "education": "本科"})
		if id, _ := shows(upd.Body.String()); upd.Code != 200 || id {
			t.Fatalf("PUT /api/v1/me/person: %d full id %v", upd.Code, id)
		}

		// A login less than 5 minutes old reveals without the password.
		rev := f.do("POST", "/api/v1/me/reveal", tok, map[string]string{})
		if rev.Code != 200 {
			t.Fatalf("reveal on a fresh login: %d %s", rev.Code, rev.Body)
		}
		if m := decode(t, rev)["person"].(map[string]any); m["id_number"] != p.IDNumber || m["phone"] != p.Phone {
			t.Fatalf("reveal: %s", rev.Body)
		}
		// Later the password is needed; a wrong one is a login failure.
		db.SetClock(func() time.Time { return time.Now().Add(6 * time.Minute) })
		t.Cleanup(func() { db.SetClock(time.Now) })
		if rec := f.do("POST", "/api/v1/me/reveal", tok, map[string]string{}); rec.Code != 422 || errField(t, rec, "password") == "" {
			t.Fatalf("reveal 6 minutes after login without the password: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/me/reveal", tok, map[string]string{"password": "wrong-guess-7"}); rec.Code != 422 || errField(t, rec, "password") == "" {
			t.Fatalf("reveal with a wrong password: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/me/reveal", tok, map[string]string{"password": testPassword}); rec.Code != 200 || !strings.Contains(rec.Body.String(), p.IDNumber) {
			t.Fatalf("reveal with the password: %d %s", rec.Code, rec.Body)
		}
		// The page: the form posts the password; the full values are in that response only.
		wrong := f.form("/me/reveal", tok, url.Values{"password": {"wrong-guess-7"}})
		if id, _ := shows(wrong.Body.String()); wrong.Code != 422 || id || !strings.Contains(wrong.Body.String(), "密码不正确") {
			t.Fatalf("web reveal with a wrong password: %d full id %v", wrong.Code, id)
		}
		full := f.form("/me/reveal", tok, url.Values{"password": {testPassword}})
		if id, ph := shows(full.Body.String()); full.Code != 200 || !id || !ph || full.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("web reveal: %d full id %v, full phone %v, cache %q", full.Code, id, ph, full.Header().Get("Cache-Control"))
		}
		if id, ph := shows(f.page("/me", tok).Body.String()); id || ph {
			t.Fatal("/me shows the full values again after a reveal")
		}
		if cross := crossSitePost(f, "/me/reveal", tok); cross != 403 {
			t.Fatalf("cross-site reveal: %d, want 403", cross)
		}
		// Audited: each reveal is a view of the person's personal data by the owner; the wrong passwords are login failures.
		views, _ := db.ListAudit(ctx, audit.Filter{Action: audit.ViewPII, ObjectID: strconv.FormatInt(p.ID, 10)})
		if len(views) != 3 {
			t.Fatalf("%d reveals audited, want 3", len(views))
		}
		for _, v := range views {
			if v.ActorID != u.ID || !strings.Contains(v.Summary, "本人") {
				t.Fatalf("reveal audit: %+v", v)
			}
		}
		fails, _ := db.ListAudit(ctx, audit.Filter{Action: audit.LoginFail, ObjectID: strconv.FormatInt(u.ID, 10)})
		if len(fails) != 2 {
			t.Fatalf("%d wrong reveal passwords audited, want 2", len(fails))
		}
		// Not for other roles.
		if rec := f.do("POST", "/api/v1/me/reveal", f.token("employer"), map[string]string{}); rec.Code != 403 {
			t.Fatalf("employer reveal: %d", rec.Code)
		}
	})
}

// TestRevealRateLimited: the reveal shares the per-IP limit of login and sign-up.
func TestRevealRateLimited(t *testing.T) {
	f := newFixture(t, storeSQLite(t), server.Options{AuthPerMinute: 4}) // bursts of 5
	tok := f.token("person")                                             // one of the five
	var codes []int
	for i := 0; i < 5; i++ {
		codes = append(codes, f.do("POST", "/api/v1/me/reveal", tok, map[string]string{}).Code)
	}
	if codes[0] != 200 || codes[4] != 429 {
		t.Fatalf("reveals: %v, want 200 first and 429 last", codes)
	}
	if rec := f.form("/me/reveal", tok, url.Values{}); rec.Code != 429 || !strings.Contains(rec.Body.String(), "频繁") {
		t.Fatalf("web reveal past the limit: %d", rec.Code)
	}
}
