package e2e

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestResumeLocation drives "使用我的位置" on /me/resume in a real browser:
// app.js shows the button (hidden in the page, which works without it),
// a refused permission says so and fills nothing, a position fills both
// inputs to 0.001°, and saving keeps them. The browser's position is
// stubbed over CDP (a headless browser has no location of its own).
func TestResumeLocation(t *testing.T) {
	exe := chromiumOrSkip(t)
	shots := shotsDir(t, "location")
	db := storetest.SQLite(t)
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	phone := registry.GeneratePhone(rng)
	if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "王小明", Phone: phone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1995, 6, 18, 0, 0, 0, 0, time.UTC), true)}); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, exe, ts.URL, filepath.Join(shots, "sqlite"))
	b.login(phone, staffPassword, "/me")
	b.open("/me/resume", 200)
	button := `button[data-geolocate]`
	b.do("app.js shows 使用我的位置", chromedp.WaitVisible(chromedp.CSS(button)))

	// stub: the person refuses
	eval[bool](b, `(() => { Object.defineProperty(navigator, "geolocation", {configurable: true, value: {
		getCurrentPosition: (ok, fail) => setTimeout(() => fail({code: 1}), 10)}}); return true; })()`)
	b.do("press 使用我的位置", press(button))
	run(b, "refusal explained", chromedp.Poll[bool](`document.querySelector("[data-geolocate-status]").textContent.includes("没有获得定位权限")`))
	if lat, lng := b.value("f-lat"), b.value("f-lng"); lat != "" || lng != "" {
		t.Fatalf("a refusal filled %q, %q", lat, lng)
	}

	// stub: a position in 东西湖区
	eval[bool](b, `(() => { Object.defineProperty(navigator, "geolocation", {configurable: true, value: {
		getCurrentPosition: (ok) => setTimeout(() => ok({coords: {latitude: 30.62349, longitude: 114.14051, accuracy: 20}}), 10)}}); return true; })()`)
	b.do("press 使用我的位置 again", press(button))
	run(b, "inputs filled", chromedp.Poll[bool](`document.querySelector("#f-lat").value !== ""`))
	if lat, lng := b.value("f-lat"), b.value("f-lng"); lat != "30.623" || lng != "114.141" {
		t.Fatalf("filled %q, %q; want 30.623, 114.141", lat, lng)
	}
	if msg := b.text("[data-geolocate-status]"); !strings.Contains(msg, "保存简历后生效") {
		t.Errorf("status %q", msg)
	}
	b.noHorizontalScroll("/me/resume")
	b.shot("resume-location")

	// the rest of a valid resume, then save
	occ := chromedp.CSS(`input[name="intentions[0].occupations"]`)
	b.do("type an occupation by name", chromedp.WaitVisible(occ), chromedp.SendKeys(occ, "仓管"))
	b.load("save", 200, "/me/resume", press(`button[name=op][value=save]`))
	if body := b.bodyText(); !strings.Contains(body, "简历已保存") {
		t.Fatalf("not saved: %s", body)
	}
	if lat, lng := b.value("f-lat"), b.value("f-lng"); lat != "30.623" || lng != "114.141" {
		t.Fatalf("after saving: %q, %q", lat, lng)
	}
}
