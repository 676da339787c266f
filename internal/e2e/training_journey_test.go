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
	"github.com/jiuye/jiuye/internal/store"
)

// TestTrainingJourney: an enterprise designated for in-house training
// opens a class on a phone (a session ending before it starts refused next
// to its field, the occupation typed by name), the bureau files it (开班备案)
// from the pending list, and a visitor finds it in the public search by
// occupation name and district and reads its sessions and subsidy
// standard. On the morning of the first session a person enrols on the
// class's page, signs in with the typed code and sees it in 我的培训, and
// the provider's roster shows it. Every page passes axe-core.
func TestTrainingJourney(t *testing.T) {
	forEachStore(t, "training-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		// Inside the catalog's 技能提升补贴 validity, so the class has a standard.
		db.SetClock(func() time.Time { return time.Date(2025, 6, 2, 2, 0, 0, 0, time.UTC) })
		a, ts := newSite(t, db)
		cast := newTrainingCast(t, a, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 31)))
		staffPhone := cast.StaffPhone
		emp, empPhone, pid := cast.provider("enterprise", "武汉临空港电气有限公司", "武汉临空港电气职工培训中心")

		b := newBrowser(t, exe, ts.URL, shots)
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/training", 200)
		newClass := "/enterprise/training/providers/" + itoa(pid) + "/classes/new"
		b.load("open the class form", 200, newClass, press(`a[href="`+newClass+`"]`))
		b.typeInto("f-title", "电工（四级）岗位技能提升培训班")
		b.do("type", chromedp.SetValue(chromedp.CSS("#f-type"), "upgrade"))
		b.typeInto("f-occupation", "电工")
		b.do("level", chromedp.SetValue(chromedp.CSS("#f-level"), "4"))
		b.typeInto("f-hours", "80")
		b.typeInto("f-capacity", "40")
		b.typeInto("f-fee_yuan", "0")
		b.pickStreet("f-region_code", "东西湖区", "420112001")
		b.do("session date", chromedp.SetValue(chromedp.CSS("#f-s_date_0"), "2025-07-05"))
		b.do("session times", chromedp.SetValue(chromedp.CSS("#f-s_start_0"), "09:00"), chromedp.SetValue(chromedp.CSS("#f-s_end_0"), "08:00"))
		b.typeInto("f-s_place_0", "实训楼 201")
		action := "/enterprise/training/providers/" + itoa(pid) + "/classes"
		b.submit(action, 422, action)
		if msg := b.text("#e-s_end_0"); !strings.Contains(msg, "晚于开始") {
			t.Fatalf("session end error %q", msg)
		}
		if b.value("f-title") != "电工（四级）岗位技能提升培训班" {
			t.Fatal("the form lost the title")
		}
		b.do("fix the end", chromedp.SetValue(chromedp.CSS("#f-s_end_0"), "17:00"))
		b.fillSession(1, "2025-07-12", "09:00", "12:00", "实训楼 201")
		b.do("submit", press(`form[action="`+action+`"] button[type=submit]`))
		classPath := b.waitPath(`^/training/classes/\d+$`)
		b.checkAxe(classPath)
		if got := b.bodyText(); !strings.Contains(got, "待备案") || !strings.Contains(got, "1500") {
			t.Fatalf("the provider's class page: %s", got)
		}
		b.shot("class-pending")
		b.logout()

		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/training/classes", 200)
		b.load("open the pending class", 200, classPath, press(`a[href="`+classPath+`"]`))
		b.submit("/console"+classPath+"/approve", 200, classPath)
		if f := b.text("p.flash"); !strings.Contains(f, "已备案") {
			t.Fatalf("after filing: %q", f)
		}
		b.logout()

		b.open("/training/classes", 200)
		b.typeInto("f-occupation", "电工")
		b.do("district", chromedp.SetValue(chromedp.CSS("#f-region"), "420112"))
		b.do("subsidised", chromedp.Click(chromedp.CSS(`input[name=subsidised]`)))
		b.load("search", 200, "/training/classes", press(`form[action="/training/classes"] button[type=submit]`))
		if got := b.bodyText(); !strings.Contains(got, "共 1 个培训班") || !strings.Contains(got, "可申请补贴 1500 元/人") {
			t.Fatalf("search results: %s", got)
		}
		b.noHorizontalScroll("/training/classes")
		b.load("open the class", 200, classPath, press(`a[href="`+classPath+`"]`))
		page := b.bodyText()
		for _, want := range []string{"武汉临空港电气职工培训中心", "四级/中级工", "2025-07-05", "2025-07-12", "实训楼 201", "每人不超过 1500 元", "免费"} {
			if !strings.Contains(page, want) {
				t.Errorf("class page lacks %q", want)
			}
		}
		b.noHorizontalScroll(classPath)
		b.noBrokenLabels(classPath)
		b.shot("class")
		b.open("/training/providers", 200)
		b.load("open the provider", 200, "/training/providers/"+itoa(pid), press(`a[href="/training/providers/`+itoa(pid)+`"]`))

		// The morning of the first session, before it starts: a person
		// enrols on the class's page and signs in with the typed code.
		db.SetClock(func() time.Time { return time.Date(2025, 7, 5, 0, 30, 0, 0, time.UTC) }) // 08:30 in China
		_, personPhone, _ := cast.person("周学员", time.Date(1995, 3, 8, 0, 0, 0, 0, time.UTC), true)
		classID, _ := strconv.ParseInt(strings.TrimPrefix(classPath, "/training/classes/"), 10, 64)
		c, err := a.Training.Class(ctx, app.Actor{User: emp}, classID)
		if err != nil {
			t.Fatal(err)
		}
		code, err := a.TrainingEnrolments.CheckinCode(ctx, app.Actor{User: emp}, c.Sessions[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		b.login(personPhone, staffPassword, "/me")
		b.open(classPath, 200)
		b.submit(classPath+"/enrol", 200, classPath)
		if got := b.bodyText(); !strings.Contains(got, "报名成功") || !strings.Contains(got, "已报名 1 人") {
			t.Fatalf("after enrolling: %s", got)
		}
		b.open("/training/checkin", 200)
		b.typeInto("f-code", code.Code[:3]+" "+code.Code[3:])
		b.submit("/training/checkin", 200, "/training/checkin")
		if f := b.text("p.flash"); !strings.Contains(f, "签到成功") {
			t.Fatalf("after signing in: %q", f)
		}
		b.open("/me/training", 200)
		if got := b.bodyText(); !strings.Contains(got, "已签到") || !strings.Contains(got, "1/1 次（100%）") {
			t.Fatalf("我的培训: %s", got)
		}
		b.noHorizontalScroll("/me/training")
		b.logout()

		// The provider's roster shows the sign-in.
		b.login(empPhone, staffPassword, "/enterprise")
		roster := "/enterprise/training/classes/" + itoa(classID) + "/roster"
		b.open(roster, 200)
		if got := b.bodyText(); !strings.Contains(got, "周学员") || !strings.Contains(got, "输入签到码") {
			t.Fatalf("roster: %s", got)
		}
		b.noHorizontalScroll(roster)
		b.noBrokenLabels(roster)
		b.shot("roster")
	})
}

func itoa(n int64) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{digits[n%10]}, b...)
	}
	return string(b)
}
