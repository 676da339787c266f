// Package e2e drives the whole platform in a real headless Chromium: the
// pages a person, a staff member and an administrator see, over a real store.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// EnvChromium names the Chromium binary to use instead of searching for one.
const EnvChromium = "JIUYE_CHROMIUM"

// Phone viewport of the journey, in CSS pixels.
const (
	phoneWidth  = 375
	phoneHeight = 812
)

// phoneViewport: a portrait mobile screen at 2 device pixels per CSS pixel.
var phoneViewport = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateScale(2)}

// journeyTimeout bounds one whole journey (browser start included) on one store.
const journeyTimeout = 180 * time.Second

const staffPassword = "abc12345xyz"

// cheapHash keeps the test fast; production always uses account.DefaultHashParams.
var cheapHash = account.HashParams{Memory: 64, Time: 1, Threads: 1}

// findChromium returns the browser to drive, or "" when there is none.
func findChromium() string {
	if p := os.Getenv(EnvChromium); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return ""
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestJourney is the main user journey in a real browser at a phone
// viewport: a person registers (first with a wrong ID check digit), edits
// the profile and logs out; a staff member finds the person (masked list,
// full record); an admin sees the record view in the audit log.
func TestJourney(t *testing.T) {
	forEachStore(t, "journey", runJourney)
}

// browser is one Chromium tab driven for the journey, failing the test on error.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string // file path prefix for screenshots
	n     int
}

func newBrowser(t *testing.T, exe, base, shots string) *browser {
	t.Helper()
	return newBrowserWithin(t, exe, base, shots, journeyTimeout)
}

// newBrowserWithin is newBrowser for a journey that may take up to
// timeout, browser start included: one walking several modules' paths.
func newBrowserWithin(t *testing.T, exe, base, shots string, timeout time.Duration) *browser {
	t.Helper()
	profile, err := os.MkdirTemp("", "jiuye-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to exit
		cancelTimeout()
		os.RemoveAll(profile)
	})
	b := &browser{t: t, ctx: tabCtx, base: base, shots: shots}
	// The first action starts the browser; the viewport then holds for every page of the tab.
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, phoneViewport...))
	return b
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func run[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// load runs steps that cause a page load (a navigation or a form submit),
// waits for the new page and checks its status and path.
func (b *browser) load(what string, status int, path string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if res == nil {
		b.t.Fatalf("%s: no response", what)
	}
	if int(res.Status) != status {
		b.t.Fatalf("%s: status %d (%s), want %d", what, res.Status, res.URL, status)
	}
	if got := b.path(); got != path {
		b.t.Fatalf("%s: landed on %s, want %s", what, got, path)
	}
	b.do(what+": page ready", chromedp.WaitVisible(chromedp.CSS("footer.foot")))
	b.checkAxe(b.path())
}

// open navigates to a path of the site.
func (b *browser) open(path string, status int) {
	b.t.Helper()
	b.load("open "+path, status, strings.SplitN(path, "?", 2)[0], chromedp.Navigate(b.base+path))
}

// submit clicks the submit button of the form posting to action, as a person would.
func (b *browser) submit(action string, status int, landing string) {
	b.t.Helper()
	b.load("submit "+action, status, landing, press(`form[action="`+action+`"] button[type=submit]`))
}

// press clicks an element as a person would: scrolled to the middle of the
// screen, and only if nothing (such as a fixed bar) covers it there.
// chromedp.Click alone scrolls only "if needed" and clicks whatever lies on
// top at that point, so a covered button would send the click elsewhere.
func press(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := chromedp.WaitVisible(chromedp.CSS(sel))(ctx, tg); err != nil {
			return err
		}
		cover, err := chromedp.Evaluate[string](`(() => {
			const el = document.querySelector(`+jsString(sel)+`);
			el.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
			const r = el.getBoundingClientRect();
			const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			if (top && (top === el || el.contains(top))) return "";
			return top ? top.outerHTML.slice(0, 160) : "nothing (off screen)";
		})()`)(ctx, tg)
		if err != nil {
			return err
		}
		if cover != "" {
			return fmt.Errorf("%s cannot be clicked: covered by %s", sel, cover)
		}
		_, err = chromedp.Click(chromedp.CSS(sel))(ctx, tg)
		return err
	})
}

// path is the current page's path, without the query.
func (b *browser) path() string {
	b.t.Helper()
	loc := run(b, "location", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("location %q: %v", loc, err)
	}
	return u.Path
}

// typeInto replaces a field's value by typing, key by key.
func (b *browser) typeInto(id, value string) {
	b.t.Helper()
	sel := chromedp.CSS("#" + id)
	b.do("type into #"+id, chromedp.WaitVisible(sel), chromedp.Clear(sel), chromedp.SendKeys(sel, value))
}

func (b *browser) value(id string) string {
	b.t.Helper()
	return run(b, "value of #"+id, chromedp.Value(chromedp.CSS("#"+id)))
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(run(b, "text of "+sel, chromedp.Text(chromedp.CSS(sel))))
}

// eval evaluates a JavaScript expression over CDP (not page script, so the CSP does not apply).
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	return run(b, "evaluate "+js, chromedp.Evaluate[T](js))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}

// fact returns the value shown for a label in the profile's fact list.
func (b *browser) fact(label string) string {
	b.t.Helper()
	return eval[string](b, `(() => {
		for (const d of document.querySelectorAll("dl.facts > div")) {
			if (d.querySelector("dt").textContent.trim() === `+jsString(label)+`) return d.querySelector("dd").textContent.trim();
		}
		return "";
	})()`)
}

// focusObscured checks that the element matching sel has the keyboard focus
// and that what lies on top at its centre is that element. It returns "" when
// so, else what is wrong.
func (b *browser) focusObscured(sel string) string {
	b.t.Helper()
	return eval[string](b, `(() => {
		const el = document.querySelector(`+jsString(sel)+`);
		if (document.activeElement !== el) return "focus is on " + (document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : "nothing");
		const r = el.getBoundingClientRect();
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (top && (top === el || el.contains(top))) return "";
		return "button at y=" + Math.round(r.top) + "–" + Math.round(r.bottom) + " of " + innerHeight +
			", covered by " + (top ? top.outerHTML.slice(0, 80) : "nothing (off screen)");
	})()`)
}

// bodyText is the visible text of the page.
func (b *browser) bodyText() string {
	b.t.Helper()
	return eval[string](b, "document.body.innerText")
}

// noHorizontalScroll asserts the page fits the phone's width.
func (b *browser) noHorizontalScroll(page string) {
	b.t.Helper()
	w := eval[int](b, "document.documentElement.scrollWidth")
	if w > phoneWidth {
		b.t.Errorf("%s scrolls sideways at %d px: scrollWidth %d", page, phoneWidth, w)
	}
}

// shot saves a full-page PNG screenshot.
func (b *browser) shot(name string) {
	b.t.Helper()
	b.n++
	// Make the screen as tall as the page for the capture, so the fixed
	// bottom bar is drawn at the end of the page and not across the middle.
	h := eval[int64](b, "Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
	b.do("tall viewport", chromedp.EmulateViewport(phoneWidth, max(h, phoneHeight), phoneViewport...))
	png := run(b, "screenshot "+name, chromedp.FullScreenshot(100))
	b.do("phone viewport", chromedp.EmulateViewport(phoneWidth, phoneHeight, phoneViewport...))
	path := fmt.Sprintf("%s-%02d-%s.png", b.shots, b.n, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
	fmt.Println("screenshot:", path)
}

// login fills the login form and checks where the role lands.
func (b *browser) login(phone, password, landing string) {
	b.t.Helper()
	b.open("/login", 200)
	b.typeInto("f-phone", phone)
	b.typeInto("f-password", password)
	b.submit("/login", 200, landing)
}

// logout clicks 退出 in the header and checks the anonymous home page.
func (b *browser) logout() {
	b.t.Helper()
	b.submit("/logout", 200, "/")
	b.do("login link visible", chromedp.WaitVisible(chromedp.CSS(`header.top a[href="/login"]`)))
	if n := eval[int](b, `document.querySelectorAll('form[action="/logout"]').length`); n != 0 {
		b.t.Fatal("still logged in after 退出: the logout button is on the page")
	}
}

func runJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	newStaff := func(role, name string) *account.User {
		u, err := a.Accounts.CreateUser(ctx, app.Actor{IP: "test"}, app.NewUserInput{Role: role, Name: name,
			Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	staff := newStaff("staff", "经办员张")
	admin := newStaff("admin", "管理员李")

	const (
		name     = "王小明"
		password = "jiang7river"
	)
	idNumber := registry.GenerateIDNumber(rng, "420112", time.Date(1995, 6, 18, 0, 0, 0, 0, time.UTC), true)
	badID := idNumber[:17] + "0"
	if idNumber[17] == '0' {
		badID = idNumber[:17] + "1"
	}
	phone := registry.GeneratePhone(rng)

	b := newBrowser(t, exe, ts.URL, shots)

	// 1. Register: first agree to the terms and confirm the phone (the
	// code is read from the built-in sender's outbox, standing in for the
	// phone); the ID number is asked only after that.
	b.open("/register", 200)
	b.noHorizontalScroll("/register")
	if n := eval[int](b, `document.querySelectorAll("#f-id_number").length`); n != 0 {
		t.Fatal("/register asks the ID number before consent to the terms")
	}
	b.typeInto("f-phone", phone)
	b.submit("/register", 422, "/register") // no consent yet
	if msg := b.text("#e-consent"); !strings.Contains(msg, "同意") {
		t.Fatalf("consent error %q", msg)
	}
	b.do("agree to the terms", chromedp.Click(chromedp.CSS(`input[name="consent"]`)))
	b.submit("/register", 200, "/register")
	code, ok := a.SMSOutbox().LastCode(phone, "register", a.Now())
	if !ok {
		t.Fatal("no register code in the outbox")
	}
	b.shot("register-code")
	b.typeInto("f-sms_code", code)

	// Then with a wrong check digit: 422, the message next to the field, input kept.
	b.typeInto("f-name", name)
	b.typeInto("f-id_number", badID)
	b.typeInto("f-password", password)
	b.typeInto("f-password2", password)
	// A keyboard user tabs from 确认密码 to 注册: the focused button must not
	// be hidden (WCAG 2.2 SC 2.4.11), e.g. under the fixed bottom bar.
	b.do("tab to 注册", chromedp.SendKeys(chromedp.CSS("#f-password2"), kb.Tab))
	if cover := b.focusObscured(`form[action="/register"] button[type=submit]`); cover != "" {
		t.Errorf("/register: after Tab from 确认密码 the focused 注册 button is hidden at %d×%d px: %s",
			phoneWidth, phoneHeight, cover)
	}
	b.submit("/register", 422, "/register")
	b.do("field error shown", chromedp.WaitVisible(chromedp.CSS("#e-id_number")))
	if msg := b.text("#e-id_number"); !strings.Contains(msg, "身份证号校验位错误") {
		t.Fatalf("ID field error %q, want 身份证号校验位错误", msg)
	}
	// "Next to the field": the message sits in the same field block as the input, which points at it.
	next := eval[bool](b, `(() => {
		const input = document.querySelector("#f-id_number");
		const err = input.closest(".field").querySelector(".error");
		return !!err && err.id === "e-id_number" && input.getAttribute("aria-invalid") === "true" &&
			input.getAttribute("aria-errormessage") === "e-id_number" && input.closest(".field").classList.contains("has-error");
	})()`)
	if !next {
		t.Fatal("the ID number error is not tied to its field (same .field block, aria-invalid, aria-errormessage)")
	}
	if v := b.value("f-name"); v != name {
		t.Fatalf("name not kept after the error: %q", v)
	}
	if v := b.value("f-id_number"); v != badID {
		t.Fatalf("ID number not kept after the error: %q", v)
	}
	if v := b.value("f-sms_code"); v != code {
		t.Fatalf("code not kept after the error: %q", v)
	}
	b.noHorizontalScroll("/register with errors")
	b.shot("register-error")

	// 2. Fix the ID number (passwords are not sent back, so type them again): lands on /me.
	b.typeInto("f-id_number", idNumber)
	b.typeInto("f-password", password)
	b.typeInto("f-password2", password)
	b.submit("/register", 200, "/me")
	if h := b.text("main h1"); h != "我的档案" {
		t.Fatalf("after registering: h1 %q, want 我的档案", h)
	}
	if f := b.text("p.flash"); !strings.Contains(f, "注册成功") {
		t.Errorf("welcome flash %q", f)
	}
	// The ID number and phone are masked until the person reveals them
	// with the password; the full values are on that response only.
	if got := b.fact("身份证号"); got != registry.MaskID(idNumber) {
		t.Fatalf("owner's ID number on /me: %q, want it masked %q", got, registry.MaskID(idNumber))
	}
	if got := b.fact("手机号"); got != registry.MaskPhone(phone) {
		t.Fatalf("owner's phone on /me: %q, want it masked", got)
	}
	if got := b.fact("姓名"); got != name {
		t.Fatalf("name on /me: %q", got)
	}
	b.noHorizontalScroll("/me")
	b.shot("me-masked")
	b.typeInto("f-password", password)
	b.submit("/me/reveal", 200, "/me/reveal")
	if got := b.fact("身份证号"); got != idNumber {
		t.Fatalf("owner's ID number after the reveal: %q, want %q", got, idNumber)
	}
	if got := b.fact("手机号"); got != phone {
		t.Fatalf("owner's phone after the reveal: %q, want %q", got, phone)
	}
	b.noHorizontalScroll("/me/reveal")
	b.shot("me-revealed")

	u, _, err := db.Accounts().UserByPhone(ctx, phone)
	if err != nil || u.PersonID == 0 {
		t.Fatalf("registered user: %v %+v", err, u)
	}
	personID := u.PersonID

	// 3. Edit the profile: 本科, 常住地 picked by name in two lists (东西湖区,
	// 吴家山街), 户籍地 outside Wuhan named in the 其他地区 box ("朝阳区" is
	// two places: the choice list answers, and 长春's is picked), 已办理失业登记.
	b.load("open the editor", 200, "/me/edit", press(`main a[href="/me/edit"]`))
	if v := b.value("f-name"); v != name {
		t.Fatalf("editor name %q", v)
	}
	b.do("choose 本科", chromedp.SetValue(chromedp.CSS("#f-education"), "本科"))
	// app.js (loaded under the CSP) makes the place list two lists, and
	// hides the name box until 其他地区 is chosen.
	b.do("two place lists", chromedp.WaitVisible(chromedp.CSS(".place-pair .place-district")))
	if !eval[bool](b, `document.getElementById("o-residence_region").hidden && document.getElementById("f-residence_region_text").disabled`) {
		t.Fatal("the 其他地区 box shows before 其他地区 is chosen")
	}
	pickDistrict := func(field, label string) {
		b.t.Helper()
		eval[bool](b, `(() => { const d = document.getElementById(`+jsString("f-"+field)+`).previousElementSibling;
			d.value = Array.from(d.options).find(o => o.textContent === `+jsString(label)+`).value; d.dispatchEvent(new Event("change")); return true; })()`)
	}
	pickDistrict("residence_region", "东西湖区")
	b.do("choose 吴家山街", chromedp.SetValue(chromedp.CSS("#f-residence_region"), "420112001"))
	pickDistrict("hukou_region", "其他地区（填写名称）")
	b.do("the 其他地区 box shows", chromedp.WaitVisible(chromedp.CSS("#f-hukou_region_text")))
	b.typeInto("f-hukou_region_text", "朝阳区")
	b.do("check 已办理失业登记", press(`input[name="registered_unemployed"]`))
	if !eval[bool](b, `document.querySelector('input[name="registered_unemployed"]').checked`) {
		t.Fatal("clicking 已办理失业登记 did not check it")
	}
	b.submit("/me/edit", 422, "/me/edit")
	if got := b.text(".region.has-error p.error"); !strings.Contains(got, "有 2 个地方叫“朝阳区”") {
		t.Fatalf("ambiguous 户籍地: %q", got)
	}
	if v := b.value("f-residence_region"); v != "420112001" {
		t.Fatalf("常住地 after the choice list: %q, want it kept", v)
	}
	b.shot("me-edit-choices")
	b.do("choose 长春's 朝阳区", chromedp.SetValue(chromedp.CSS("#f-hukou_region_text"), "220104"))
	b.submit("/me/edit", 200, "/me")
	if f := b.text("p.flash"); !strings.Contains(f, "档案已保存") {
		t.Errorf("saved flash %q", f)
	}
	if got := b.fact("学历"); !strings.HasPrefix(got, "本科") {
		t.Fatalf("学历 on /me: %q, want 本科", got)
	}
	if got := b.fact("常住地"); !strings.Contains(got, "吴家山街") {
		t.Fatalf("常住地 on /me: %q, want 吴家山街", got)
	}
	if got := b.fact("户籍地"); !strings.Contains(got, "长春市朝阳区") {
		t.Fatalf("户籍地 on /me: %q, want 长春市朝阳区", got)
	}
	if got := b.fact("就业状态"); !strings.Contains(got, "已办理失业登记") {
		t.Fatalf("就业状态 on /me: %q, want 已办理失业登记", got)
	}
	b.noHorizontalScroll("/me after editing")
	b.shot("me")

	// 4. Log out with the header button: the anonymous home page.
	b.logout()
	if body := b.bodyText(); strings.Contains(body, "我的档案") || strings.Contains(body, idNumber) {
		t.Fatal("home page after logout still shows the profile")
	}

	// 5. Staff: search by name, masked list, open the full record.
	b.login(staff.Phone, staffPassword, "/console")
	// The "仅待核验企业" checkbox must stay checkbox-sized; a wide box squeezes its label into a column.
	if w := eval[float64](b, `document.querySelector('form[action="/console"] input[name="unverified"]').getBoundingClientRect().width`); w > 24 {
		t.Errorf("/console at %d px: the 仅待核验企业 checkbox is %.0f px wide (its label wraps character by character); want ≤ 24 px", phoneWidth, w)
	}
	b.typeInto("q", name)
	b.submit("/console", 200, "/console")
	linkSel := `table.list a[href="/console/persons/` + strconv.FormatInt(personID, 10) + `"]`
	link := chromedp.CSS(linkSel)
	b.do("person in the results", chromedp.WaitVisible(link))
	if got := run(b, "result name", chromedp.Text(link)); strings.TrimSpace(got) != name {
		t.Fatalf("result row name %q", got)
	}
	row := eval[[]string](b, `Array.from(document.querySelector('table.list a[href="/console/persons/`+
		strconv.FormatInt(personID, 10)+`"]').closest("tr").cells, c => c.textContent.trim())`)
	if len(row) < 2 || row[1] != registry.MaskID(idNumber) {
		t.Fatalf("result row %q: want the masked ID %s in the 身份证号 column", row, registry.MaskID(idNumber))
	}
	if body := b.bodyText(); strings.Contains(body, idNumber) || strings.Contains(body, phone) {
		t.Fatal("the console list shows the full ID number or phone")
	}
	if html := eval[string](b, "document.documentElement.outerHTML"); strings.Contains(html, idNumber) {
		t.Fatal("the console list's HTML contains the full ID number")
	}
	b.shot("console-list")
	b.load("open the record", 200, "/console/persons/"+strconv.FormatInt(personID, 10), press(linkSel))
	if h := b.text("main h1"); h != name {
		t.Fatalf("record h1 %q", h)
	}
	if got := b.fact("身份证号"); got != idNumber {
		t.Fatalf("full ID on the record: %q, want %q", got, idNumber)
	}
	if got := b.fact("学历"); !strings.HasPrefix(got, "本科") {
		t.Fatalf("record 学历 %q", got)
	}
	b.shot("person-record")
	b.logout()

	// 6. Admin: the record view is in the audit log, with the staff member as actor.
	b.login(admin.Phone, staffPassword, "/console")
	b.open("/admin/audit?action=person.view_pii", 200)
	// The header marks the page one is on: 审计, not 用户.
	current := eval[[]string](b, `Array.from(document.querySelectorAll('header.top a[aria-current="page"]'), a => a.getAttribute("href"))`)
	if len(current) != 1 || current[0] != "/admin/audit" {
		t.Errorf("/admin/audit: header links with aria-current=page: %q, want only /admin/audit (审计)", current)
	}
	rows := eval[[][]string](b, `Array.from(document.querySelectorAll("table.audit tbody tr"),
		tr => Array.from(tr.cells, c => c.textContent.trim()))`)
	wantObj := "人员档案 " + strconv.FormatInt(personID, 10)
	// The operator is named, then their role and user id (issue 12 item 8).
	wantActor := staff.Name + " "
	found := false
	for _, r := range rows {
		// #, 时间, 操作人, IP, 动作, 对象, 摘要, 结果
		if len(r) == 8 && strings.HasSuffix(r[4], "person.view_pii") && r[5] == wantObj && strings.HasPrefix(r[2], wantActor) &&
			strings.HasSuffix(r[2], " #"+strconv.FormatInt(staff.ID, 10)) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no audit row for %s by %s…: %q", wantObj, wantActor, rows)
	}
	b.shot("audit-log")
	views, err := db.ListAudit(ctx, audit.Filter{Action: "person.view_pii", ObjectID: strconv.FormatInt(personID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	// Two views of the person's full data: the person's own reveal, then staff's.
	if len(views) != 2 || views[0].ActorID != staff.ID || views[1].ActorID != u.ID {
		t.Fatalf("person.view_pii rows in the store: %+v, want the staff #%d view and the owner's #%d reveal", views, staff.ID, u.ID)
	}
	if _, err := db.VerifyAudit(ctx); err != nil {
		t.Fatalf("audit chain: %v", err)
	}
}
