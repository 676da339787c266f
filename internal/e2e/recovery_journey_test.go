package e2e

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestRecoveryJourney: a person who forgot the password gets a code (read
// from the built-in sender's outbox through the app, standing in for the
// phone), sets a new password and logs in; later a staff member resets it
// for them at the counter, and the temporary password leads to choosing a
// new one first; the admin reads the outbox and the terms pages. axe runs
// on every page.
func TestRecoveryJourney(t *testing.T) {
	forEachStore(t, "recovery", runRecoveryJourney)
}

func runRecoveryJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
	staffPhone, adminPhone := registry.GeneratePhone(rng), registry.GeneratePhone(rng)
	for role, phone := range map[string]string{"staff": staffPhone, "admin": adminPhone} {
		if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: "测试" + role, Phone: phone, Password: staffPassword}, true); err != nil {
			t.Fatal(err)
		}
	}
	phone := registry.GeneratePhone(rng)
	person, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘桂兰", Phone: phone, Password: "forgotten 123",
		IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1972, 3, 9, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, exe, ts.URL, shots)

	// 1. 忘记密码 from the login page.
	b.open("/login", 200)
	b.load("忘记密码", 200, "/password/forgot", press(`a[href="/password/forgot"]`))
	b.noHorizontalScroll("/password/forgot")
	b.shot("forgot")
	b.typeInto("f-phone", phone)
	b.submit("/password/forgot", 200, "/password/forgot")
	if f := b.text("p.flash"); !strings.Contains(f, "验证码已发送") {
		t.Errorf("flash after asking a code: %q", f)
	}
	code, ok := a.SMSOutbox().LastCode(phone, "reset", a.Now())
	if !ok {
		t.Fatal("no reset code in the outbox")
	}
	// A wrong code first: the message is next to the field.
	wrong := "000000"
	if code == wrong {
		wrong = "999999"
	}
	b.typeInto("f-code", wrong)
	b.typeInto("f-new_password", "river crane 58")
	b.typeInto("f-new_password2", "river crane 58")
	b.submit("/password/reset", 422, "/password/reset")
	if msg := b.text("#e-code"); !strings.Contains(msg, "还可尝试 4 次") {
		t.Errorf("wrong code message %q", msg)
	}
	b.noHorizontalScroll("/password/reset")
	b.shot("reset-wrong-code")
	b.typeInto("f-code", code)
	b.typeInto("f-new_password", "river crane 58")
	b.typeInto("f-new_password2", "river crane 58")
	b.submit("/password/reset", 200, "/login")
	if f := b.text("p.flash"); !strings.Contains(f, "密码已重置") {
		t.Errorf("flash on the login page: %q", f)
	}
	b.typeInto("f-phone", phone)
	b.typeInto("f-password", "river crane 58")
	b.submit("/login", 200, "/me")
	b.logout()

	// 2. The terms pages, linked from every page's footer.
	b.load("用户协议", 200, "/terms", press(`footer a[href="/terms"]`))
	b.open("/privacy", 200)

	// 3. At the counter: staff check the ID and reset the password.
	b.login(staffPhone, staffPassword, "/console")
	pid := strconv.FormatInt(person.PersonID, 10)
	b.open("/console/persons/"+pid, 200)
	b.load("代为重置密码", 200, "/console/persons/"+pid+"/password-reset", press(`a[href="/console/persons/`+pid+`/password-reset"]`))
	b.submit("/console/persons/"+pid+"/password-reset", 422, "/console/persons/"+pid+"/password-reset")
	b.do("identity checked", chromedp.Click(chromedp.CSS(`input[name="confirm"]`)))
	b.submit("/console/persons/"+pid+"/password-reset", 200, "/console/persons/"+pid+"/password-reset")
	temp := b.text("main h2.mono")
	if len(temp) != 10 {
		t.Fatalf("temporary password %q", temp)
	}
	b.noHorizontalScroll("staff reset")
	b.shot("staff-reset")
	b.logout()

	// 4. The person logs in with it and must choose a new password first.
	b.login(phone, temp, "/me/password")
	b.load("any page leads back", 200, "/me/password", chromedp.Navigate(b.base+"/jobs"))
	b.shot("must-change")
	b.typeInto("f-old_password", temp)
	b.typeInto("f-new_password", "paper lantern 42")
	b.typeInto("f-new_password2", "paper lantern 42")
	b.submit("/me/password", 200, "/login")
	b.login(phone, "paper lantern 42", "/me")
	b.logout()

	// 5. The admin's outbox (the register and reset codes) and terms pages.
	b.login(adminPhone, staffPassword, "/console")
	b.open("/admin/sms", 200)
	if body := b.bodyText(); !strings.Contains(body, "找回密码") {
		t.Errorf("/admin/sms does not list the reset message")
	}
	b.noHorizontalScroll("/admin/sms")
	b.shot("admin-sms")
	b.open("/admin/terms", 200)
	b.noHorizontalScroll("/admin/terms")
	b.shot("admin-terms")
	b.open("/admin/users/"+strconv.FormatInt(person.ID, 10)+"/password-reset", 200)
}
