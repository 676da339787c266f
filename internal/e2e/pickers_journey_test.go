package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestResumeByNameJourney: a person builds a resume without typing a
// code, first without app.js (the occupation typed by
// name, "司机" answered with a "did you mean" list, the place from the one
// district → street list), then with app.js (occupation names suggested
// as they are typed, the place picked in two lists).
func TestResumeByNameJourney(t *testing.T) {
	forEachStore(t, "pickers", runResumeByNameJourney)
}

func runResumeByNameJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 29))
	phone := registry.GeneratePhone(rng)
	if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "李春华", Phone: phone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1978, 3, 9, 0, 0, 0, 0, time.UTC), false)}); err != nil {
		t.Fatal(err)
	}
	occ0 := `input[name="intentions[0].occupations"]`

	// Without JavaScript.
	b := newBrowser(t, exe, ts.URL, shots+"-nojs")
	// app.js is blocked rather than scripts switched off, so axe still runs on every page.
	b.do("block app.js", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if err := tg.Call(ctx, "Network.enable", map[string]any{}, nil); err != nil {
			return err
		}
		return tg.Call(ctx, "Network.setBlockedURLs", map[string]any{"urlPatterns": []map[string]any{{"urlPattern": "*://*:*/static/app.js", "block": true}}}, nil)
	}))
	b.login(phone, staffPassword, "/me")
	b.open("/me/resume", 200)
	if body := b.bodyText(); strings.Contains(body, "代码") || strings.Contains(body, "纬度") {
		t.Fatalf("the resume form asks for a code: %s", body)
	}
	if n := eval[int](b, `document.querySelectorAll(".place-district").length`); n != 0 {
		t.Fatalf("app.js ran although blocked")
	}
	b.do("type 司机", chromedp.WaitVisible(chromedp.CSS(occ0)), chromedp.SendKeys(chromedp.CSS(occ0), "司机"))
	b.do("pick 东西湖区 吴家山街", chromedp.SetValue(chromedp.CSS(`select[name="intentions[0].region_codes"]`), "420112001"))
	b.load("save", 422, "/me/resume", press(`button[name=op][value=save]`))
	if msg := b.text(`[id="f-intentions[0].occ-0-e"]`); !strings.Contains(msg, "可能是下面几种职业") {
		t.Fatalf("no did-you-mean: %q", msg)
	}
	b.shot("resume-did-you-mean")
	b.do("choose 客运车辆驾驶员", chromedp.SetValue(chromedp.CSS(`select[name="intentions[0].occupations"]`), "4-02-02-01"))
	b.load("save the choice", 200, "/me/resume", press(`button[name=op][value=save]`))
	if body := b.bodyText(); !strings.Contains(body, "简历已保存") {
		t.Fatalf("not saved: %s", body)
	}
	if got := b.valueByID("f-intentions[0].occ-0"); got != "客运车辆驾驶员" {
		t.Fatalf("occupation shown as %q", got)
	}
	if got := b.valueByID("f-intentions[0].reg-0"); got != "420112001" {
		t.Fatalf("place %q", got)
	}

	// With app.js: a second occupation by an everyday title, a second place in two lists.
	b = newBrowser(t, exe, ts.URL, shots+"-js")
	b.login(phone, staffPassword, "/me")
	b.open("/me/resume", 200)
	b.do("two place lists", chromedp.WaitVisible(chromedp.CSS(".place-district")))
	occ1 := `[id="f-intentions[0].occ-1"]`
	b.do("type 焊", chromedp.WaitVisible(chromedp.CSS(occ1)), chromedp.SendKeys(chromedp.CSS(occ1), "焊"))
	b.waitJS("occupation names suggested", 10*time.Second, `Array.from(document.querySelectorAll("#occ-names option")).some(o => o.value === "焊工")`)
	eval[bool](b, `(() => { document.querySelector('`+occ1+`').value = ""; return true; })()`)
	b.do("type 电焊工", chromedp.SendKeys(chromedp.CSS(occ1), "电焊工"))
	if got := b.valueByID("f-intentions[0].occ-1"); got != "电焊工" {
		t.Fatalf("typed %q", got)
	}
	reg1 := `[id="f-intentions[0].reg-1"]`
	if !eval[bool](b, `document.querySelector('`+reg1+`').hidden`) {
		t.Fatalf("the empty slot shows streets before a district is chosen")
	}
	eval[bool](b, `(() => { const d = document.querySelector('`+reg1+`').previousElementSibling;
		d.value = Array.from(d.options).find(o => o.textContent === "江岸区").value; d.dispatchEvent(new Event("change")); return true; })()`)
	if got := b.valueByID("f-intentions[0].reg-1"); got != "420102" {
		t.Fatalf("after choosing 江岸区 the street list holds %q, want the whole district", got)
	}
	b.noHorizontalScroll("/me/resume")
	b.shot("resume-pickers-js")
	b.load("save", 200, "/me/resume", press(`button[name=op][value=save]`))
	if body := b.bodyText(); !strings.Contains(body, "简历已保存") {
		t.Fatalf("not saved: %s", body)
	}
	if got := b.valueByID("f-intentions[0].occ-1"); got != "焊工" {
		t.Fatalf("电焊工 shown as %q, want 焊工", got)
	}
	if got := b.valueByID("f-intentions[0].reg-1"); got != "420102" {
		t.Fatalf("the second place saved as %q", got)
	}
}

// valueByID is the value of the element with this id, for ids such as
// "f-intentions[0].occ-0" that are not CSS identifiers.
func (b *browser) valueByID(id string) string {
	b.t.Helper()
	return run(b, "value of "+id, chromedp.Value(chromedp.CSS(`[id="`+id+`"]`)))
}
