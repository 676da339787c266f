package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestPolicyJourney drives the 就业政策通 in a real browser: a person whose
// profile qualifies sees the red packet, applies with a file, a reviewer
// approves and pays, and the person sees the money as paid.
func TestPolicyJourney(t *testing.T) {
	forEachStore(t, "policy-journey", runPolicyJourney)
}

func runPolicyJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	// The catalog's personas are dated 2025-06-30; run the platform's clock there.
	db.SetClock(func() time.Time { return time.Date(2025, 6, 30, 2, 0, 0, 0, time.UTC) })
	a, ts := newSite(t, db)
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	reviewer, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员周",
		Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	// A 大龄 woman with a Wuhan hukou in flexible employment paying social insurance (persona P07).
	phone := registry.GeneratePhone(rng)
	u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘秀英", Phone: phone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420102", time.Date(1978, 3, 15, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}
	actor := app.Actor{User: u}
	if _, err := a.Registry.UpdatePerson(ctx, actor, u.PersonID, app.PersonInput{Name: "刘秀英", Phone: phone, Education: "初中",
		HukouRegion: "420102", EmploymentStatus: "灵活就业", RegisteredUnemployed: true, DifficultyCategory: "大龄"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Policies.SaveAnswers(ctx, actor, map[string]any{"hukou_type": "城镇", "flexible_registered": true, "flexible_si_paid": true}); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(t.TempDir(), "社保缴费证明.png")
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"), 0o600)

	b := newBrowser(t, exe, ts.URL, shots)
	b.login(phone, staffPassword, "/me")
	b.open("/me/policies", 200)
	if text := b.bodyText(); !strings.Contains(text, "您可申请") || !strings.Contains(text, "灵活就业") {
		t.Fatalf("/me/policies shows no red packet:\n%.600s", text)
	}
	b.noHorizontalScroll("/me/policies")
	b.shot("my-policies")

	const pid = "wh_lhjy_shebao_kunnan"
	b.open("/policies/"+pid, 200)
	b.do("attach file", chromedp.SetUploadFiles(`#f-materials`, []string{png}))
	b.do("type a note", chromedp.SendKeys(chromedp.CSS("#f-note"), "申请灵活就业社会保险补贴"))
	b.shot("policy-apply")
	b.load("submit application", 200, "/me/applications/1", press(`form[action="/policies/`+pid+`/apply"] button[type=submit]`))
	appPath := b.path()
	if !strings.HasPrefix(appPath, "/me/applications/") || !strings.Contains(b.bodyText(), "审核中") {
		t.Fatalf("after applying: %s\n%.400s", appPath, b.bodyText())
	}
	b.shot("application-submitted")
	b.logout()

	b.login(reviewer.Phone, staffPassword, "/console")
	id := strings.TrimPrefix(appPath, "/me/applications/")
	b.open("/console/applications/"+id, 200)
	b.do("choose approve", chromedp.Click(chromedp.CSS(`input[name=action][value=approve]`)))
	b.typeInto("f-amount_yuan", "3000")
	b.submit("/console/applications/"+id+"/decide", 200, "/console/applications/"+id)
	if !strings.Contains(b.bodyText(), "审核通过") {
		t.Fatalf("after approving:\n%.400s", b.bodyText())
	}
	b.open("/console/applications?status=approved", 200)
	b.do("pick the application", chromedp.Click(chromedp.CSS(`input[name=ids][value="`+id+`"]`)))
	b.typeInto("f-batch", "2025-06-A")
	b.load("record payout", 200, "/console/applications", press(`form[action="/console/payouts"] button[type=submit]`))
	if !strings.Contains(b.bodyText(), "已记录 1 笔发放") {
		t.Fatalf("after payout:\n%.400s", b.bodyText())
	}
	b.shot("payout-recorded")
	b.logout()

	b.login(phone, staffPassword, "/me")
	b.open(appPath, 200)
	if text := b.bodyText(); !strings.Contains(text, "已发放") || !strings.Contains(text, "2025-06-A") {
		t.Fatalf("person's application after payout:\n%.400s", text)
	}
	b.shot("application-paid")
	b.logout()
	b.open("/policies/"+pid+"/publicity", 200)
	if text := b.bodyText(); strings.Contains(text, "刘秀英") || !strings.Contains(text, "刘*英") {
		t.Fatalf("公示 must mask the name:\n%.400s", text)
	}
}
