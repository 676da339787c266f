package e2e

import (
	"context"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestStartupParkJourney: staff register a 青创园 (a bad total refused
// next to its field, the place picked from the list), record a firm
// moving in by typing part of its name, an event, and last year's
// assessment; a graduate on a phone then finds the park in the public list
// and reads its services, the firm in it and the firm's open post. Every
// page passes axe-core; the public pages do not scroll sideways.
func TestStartupParkJourney(t *testing.T) {
	forEachStore(t, "startup-park-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		a, ts := newSite(t, db)
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 28))
		staffPhone := registry.GeneratePhone(rng)
		staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "创业窗口刘", Phone: staffPhone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		reviewer, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员王", Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: registry.GeneratePhone(rng),
			Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: "武汉青禾电商科技有限公司", USCC: registry.GenerateUSCC(rng, "420112"),
				IndustryCode: "51", RegionCode: "420112"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, emp.EnterpriseID, true); err != nil {
			t.Fatal(err)
		}
		post, err := a.Jobs.CreatePost(ctx, app.Actor{User: emp}, app.PostInput{Title: "仓管员（长白班）", OccupationCode: "4-02-06-01",
			Description: "负责仓库收发货、盘点和库存台账。", Headcount: 2, SalaryMin: 4500, SalaryMax: 6500, RegionCode: "420112001", Address: "东西湖区吴家山"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Jobs.ReviewPost(ctx, app.Actor{User: reviewer}, post.ID, app.ReviewInput{Action: "approve"}); err != nil {
			t.Fatal(err)
		}

		if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "李经理", Phone: registry.GeneratePhone(rng),
			Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: "武汉青禾农业有限公司", USCC: registry.GenerateUSCC(rng, "420112"),
				IndustryCode: "01", RegionCode: "420112"}}); err != nil {
			t.Fatal(err)
		}

		b := newBrowser(t, exe, ts.URL, shots)
		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/startup/parks", 200)
		b.load("new park", 200, "/console/startup/parks/new", press(`a[href="/console/startup/parks/new"]`))
		b.typeInto("f-name", "东西湖区青年创业园")
		b.do("level", chromedp.SetValue(chromedp.CSS("#f-level"), "city"))
		b.do("status", chromedp.SetValue(chromedp.CSS("#f-status"), "recognised"))
		// app.js shows the place as two lists: the district, then its streets.
		if got := eval[string](b, `(() => { const sel = document.querySelector("#f-region_code"), d = sel.previousElementSibling;
			d.value = Array.from(d.options).find(o => o.textContent === "东西湖区").value; d.dispatchEvent(new Event("change"));
			sel.value = "420112001"; return sel.value; })()`); got != "420112001" {
			t.Fatalf("picked street %q", got)
		}
		b.typeInto("f-address", "金山大道 1 号 3 栋")
		b.typeInto("f-operator", "武汉临空港创业服务有限公司")
		b.typeInto("f-contact_name", "刘主任")
		b.typeInto("f-contact_phone", "027-83251234")
		b.typeInto("f-total_space", "五千")
		b.typeInto("f-open_space", "800")
		b.do("services", chromedp.Click(chromedp.CSS(`input[name=services][value=mentor]`)), chromedp.Click(chromedp.CSS(`input[name=services][value=registration]`)))
		b.submit("/console/startup/parks", 422, "/console/startup/parks")
		if msg := b.text("#e-total_space"); !strings.Contains(msg, "整数") {
			t.Fatalf("total error %q", msg)
		}
		if b.value("f-name") != "东西湖区青年创业园" {
			t.Fatal("the form lost the name")
		}
		b.typeInto("f-total_space", "5000")
		b.do("save", press(`form[action="/console/startup/parks"] button[type=submit]`))
		parkPath := b.waitPath(`^/console/startup/parks/\d+$`)
		b.checkAxe(parkPath)
		id := strings.TrimPrefix(parkPath, "/console/startup/parks/")

		b.typeInto("f-enterprise_name", "青禾")
		b.do("move-in date", chromedp.SetValue(chromedp.CSS("#f-move_in"), "2025-03-01"))
		b.typeInto("f-space_used", "600")
		b.typeInto("f-jobs_created", "9")
		b.submit(parkPath+"/tenants", 422, parkPath+"/tenants")
		if msg := b.text("#e-enterprise_name"); !strings.Contains(msg, "有 2 家") {
			t.Fatalf("a name two firms share: %q", msg)
		}
		if b.value("f-space_used") != "600" {
			t.Fatal("the tenant form lost the space")
		}
		b.do("choose the firm", chromedp.SetValue(chromedp.CSS("#f-enterprise_id"), strconv.FormatInt(emp.EnterpriseID, 10)))
		b.submit(parkPath+"/tenants", 200, parkPath)
		if got := b.text(`section[aria-labelledby="tenants-h"] tbody`); !strings.Contains(got, "武汉青禾电商科技有限公司") {
			t.Fatalf("tenants: %s", got)
		}
		b.do("event date", chromedp.SetValue(chromedp.CSS("#f-date"), "2025-06-18"))
		b.typeInto("f-title", "春季项目路演")
		b.typeInto("f-attendees", "45")
		b.submit(parkPath+"/events", 200, parkPath)
		b.shot("console-park")
		for _, kind := range []string{"park-tenants", "park-events"} {
			href := eval[string](b, `document.querySelector('a[href^="/console/startup/`+kind+`/"]').getAttribute("href")`)
			b.load("edit "+kind, 200, href, press(`a[href="`+href+`"]`))
			b.load("back", 200, parkPath, press(`a.btn[href="`+parkPath+`"]`))
		}
		last := time.Now().Year() - 1
		b.do("year", chromedp.SetValue(chromedp.CSS("#f-year"), strconv.Itoa(last)))
		b.load("open the assessment", 200, parkPath+"/assessment", press(`form[action="`+parkPath+`/assessment"] button[type=submit]`))
		b.typeInto("f-score", "88")
		b.do("grade", chromedp.SetValue(chromedp.CSS("#f-grade"), "good"))
		b.typeText("f-comment", "运营规范，入驻企业发展良好。")
		b.load("save the assessment", 200, parkPath+"/assessment", press(`form[method=post][action="`+parkPath+`/assessment"] button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "考核已保存") {
			t.Fatalf("after assessing: %q", f)
		}
		b.open(parkPath+"/edit", 200)
		b.logout()

		b.open("/startup/parks", 200)
		b.noHorizontalScroll("/startup/parks")
		b.load("open the park", 200, "/startup/parks/"+id, press(`a[href="/startup/parks/`+id+`"]`))
		page := b.bodyText()
		for _, want := range []string{"可入驻 800 平方米", "创业导师", "武汉青禾电商科技有限公司", "仓管员（长白班）", "027-83251234"} {
			if !strings.Contains(page, want) {
				t.Errorf("park page lacks %q", want)
			}
		}
		b.noHorizontalScroll("/startup/parks/" + id)
		b.noBrokenLabels("/startup/parks/" + id)
		b.shot("park")
		if !regexp.MustCompile(`在园企业（1）`).MatchString(page) {
			t.Errorf("park page does not count one firm in it")
		}
	})
}
