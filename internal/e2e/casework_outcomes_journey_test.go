package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestOutcomesJourney drives 跟踪评估 on a phone: staff upload the
// insurance file (one good row, one refused), read the result and its
// errors, open the person's tracking page and record what a call learned,
// and read the cohort report that now counts the person as placed. Every
// page passes axe-core and fits the phone's width.
func TestOutcomesJourney(t *testing.T) {
	forEachStore(t, "outcomes-journey", runOutcomesJourney)
}

func runOutcomesJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 21))
	staffPhone := registry.GeneratePhone(rng)
	staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "话务员李", Phone: staffPhone, Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	idNumber := registry.GenerateIDNumber(rng, "420112", time.Date(1995, 4, 5, 0, 0, 0, 0, time.UTC), false)
	pu, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "陈晓梅", IDNumber: idNumber,
		Phone: registry.GeneratePhone(rng), Password: staffPassword})
	if err != nil {
		t.Fatal(err)
	}
	uscc := registry.GenerateUSCC(rng, "420112")
	if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: registry.GeneratePhone(rng),
		Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: "武汉临空港物流有限公司", USCC: uscc, IndustryCode: "54", RegionCode: "420112"}}); err != nil {
		t.Fatal(err)
	}
	now := a.Now()
	served := casework.Day(now).AddDate(0, -7, 0)
	if err := db.Casework().MarkServed(ctx, casework.Served{PersonID: pu.PersonID, Kind: casework.KindCallCentre, ServedOn: served,
		AgentID: staff.ID, Topic: casework.TopicResume}); err != nil {
		t.Fatal(err)
	}
	csv := "身份证号,单位统一社会信用代码,首次缴费月份,最后缴费月份\n" +
		idNumber + "," + uscc + "," + casework.MonthOf(served.AddDate(0, 1, 0)).Format("2006-01") + "," + casework.MonthOf(now).Format("2006-01") + "\n" +
		idNumber + "," + uscc + ",2025-06,2025-01\n"
	file := filepath.Join(t.TempDir(), "社保缴费.csv")
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, exe, ts.URL, shots)
	b.login(staffPhone, staffPassword, "/console")
	b.open("/console/casework/outcomes", 200)
	b.noHorizontalScroll("outcomes")
	b.do("attach the file", chromedp.SetUploadFiles(`#f-file`, []string{file}))
	b.submit("/console/casework/outcomes/insurance", 200, "/console/casework/outcomes/insurance")
	body := b.bodyText()
	for _, want := range []string{"读取 2 行，写入 1 条就业记录，1 行有误未导入", "最后缴费月份早于首次缴费月份", "下载错误报告"} {
		if !strings.Contains(body, want) {
			t.Fatalf("upload result lacks %q:\n%.800s", want, body)
		}
	}
	b.noHorizontalScroll("upload result")
	b.shot("insurance-result")

	person := fmt.Sprintf("/console/casework/persons/%d/outcomes", pu.PersonID)
	b.open(person, 200)
	if body := b.bodyText(); !strings.Contains(body, "社保缴费记录") || !strings.Contains(body, "武汉临空港物流有限公司") {
		t.Fatalf("person page:\n%.800s", body)
	}
	b.do("status", chromedp.SetValue(chromedp.CSS("#f-status"), "employed"))
	b.typeInto("f-employer", "武汉临空港物流有限公司")
	b.typeInto("f-occupation", "仓储管理员")
	b.do("wage band", chromedp.SetValue(chromedp.CSS("#f-wage_band"), string(casework.Wage5000)))
	b.submit(person, 200, person)
	if body := b.bodyText(); !strings.Contains(body, "已登记就业情况") || !strings.Contains(body, "话务员回访") {
		t.Fatalf("after recording:\n%.800s", body)
	}
	b.noHorizontalScroll("person")
	b.shot("person-outcomes")

	b.open("/console/casework/outcomes?group_by=topic", 200)
	body = b.bodyText()
	for _, want := range []string{"简历诊断", "100.0%", "1/1 人", "样本较少，仅供参考", "5000–7999 元"} {
		if !strings.Contains(body, want) {
			t.Fatalf("report lacks %q:\n%.1200s", want, body)
		}
	}
	b.noHorizontalScroll("report")
	b.shot("cohort-report")
}
