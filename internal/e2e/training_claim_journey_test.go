package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestTrainingClaimJourney: after an 电工 四级 class has ended, its
// provider opens 申领补贴 from 职业培训 on a phone and sees every trainee
// with the five checks (周学员 passes all; 吴学员 attended 1 of 2 sessions,
// said in words) and submits the claim; a reviewer opens it from the
// console, approves it and records the payout in a batch; then a second
// provider whose class 周学员 also attended claims it, and 周学员 is left
// out with the reason — already paid for 电工 四级 at the first provider —
// while 吴学员, who attended it in full, is paid.
// Every page passes axe-core and fits 375 px.
func TestTrainingClaimJourney(t *testing.T) {
	forEachStore(t, "training-claim-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		db.SetClock(func() time.Time { return time.Date(2025, 6, 2, 2, 0, 0, 0, time.UTC) })
		a, ts := newSite(t, db)
		if err := a.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 37))
		user := func(role, name string) (*account.User, string) {
			phone := registry.GeneratePhone(rng)
			u, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword}, true)
			if err != nil {
				t.Fatal(err)
			}
			return u, phone
		}
		staff, _ := user("staff", "培训科刘")
		_, reviewerPhone := user("reviewer", "审核科陈")
		employer := func(firm, centre string) (*account.User, string, int64) {
			phone := registry.GeneratePhone(rng)
			u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: phone, Password: staffPassword,
				Enterprise: &app.EnterpriseInput{Name: firm, USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "38", RegionCode: "420112"}})
			if err != nil {
				t.Fatal(err)
			}
			p, err := a.Training.ApplyProvider(ctx, app.Actor{User: u}, app.ProviderInput{Name: centre, Kind: "enterprise", RegionCode: "420112001",
				Address: "临空港大道 66 号", ContactName: "王老师", ContactPhone: "027-83250000", Scope: []app.ScopeInput{{Occupation: "电工", Level: 4}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Training.DesignateProvider(ctx, app.Actor{User: staff}, p.ID, app.StatusInput{}); err != nil {
				t.Fatal(err)
			}
			return u, phone, p.ID
		}
		emp1, emp1Phone, p1 := employer("武汉临空港电气有限公司", "临空港电气职工培训中心")
		emp2, emp2Phone, p2 := employer("武汉金银湖机电有限公司", "金银湖机电职工培训中心")
		class := func(u *account.User, pid int64, title string, days ...string) (int64, []int64) {
			var ss []app.SessionInput
			for _, d := range days {
				ss = append(ss, app.SessionInput{Date: d, Start: "09:00", End: "17:00", Place: "实训楼 201"})
			}
			c, err := a.Training.OpenClass(ctx, app.Actor{User: u}, pid, app.ClassInput{Title: title, Type: "upgrade", Occupation: "电工", Level: 4,
				Hours: 16, Capacity: 30, RegionCode: "420112001", Sessions: ss})
			if err != nil {
				t.Fatal(err)
			}
			if c, err = a.Training.ReviewClass(ctx, app.Actor{User: staff}, c.ID, true, app.StatusInput{}); err != nil {
				t.Fatal(err)
			}
			return c.ID, []int64{c.Sessions[0].ID, c.Sessions[1].ID}
		}
		c1, s1 := class(emp1, p1, "电工（四级）提升班 七月", "2025-07-05", "2025-07-12")
		c2, s2 := class(emp2, p2, "电工（四级）提升班 八月", "2025-08-02", "2025-08-09")
		person := func(name string) int64 {
			u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: name, Phone: registry.GeneratePhone(rng),
				Password: staffPassword, IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1990, 3, 8, 0, 0, 0, 0, time.UTC), rng.IntN(2) == 0)})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Policies().SaveAnswers(ctx, store.Actor{}, "person", u.PersonID, `{"enterprise_employee":true,"ui_months":30}`); err != nil {
				t.Fatal(err)
			}
			for _, c := range []int64{c1, c2} {
				if _, err := a.TrainingEnrolments.Enrol(ctx, app.Actor{User: u}, c); err != nil {
					t.Fatal(err)
				}
			}
			return u.PersonID
		}
		zhou, wu := person("周学员"), person("吴学员")
		// Attendance and certificates as the roster and the evaluation body record them.
		err := db.Write(ctx, func(tx *store.Tx) error {
			for _, at := range []struct{ s, p int64 }{{s1[0], zhou}, {s1[1], zhou}, {s1[0], wu}, {s2[0], zhou}, {s2[1], zhou}, {s2[0], wu}, {s2[1], wu}} {
				if _, err := tx.Exec(ctx, "INSERT INTO training_attendance (session_id, person_id, present, method, signed_at) VALUES (?, ?, ?, 'code', ?)",
					at.s, at.p, true, db.Now()); err != nil {
					return err
				}
			}
			for i, p := range []int64{zhou, wu} {
				if _, err := tx.Exec(ctx, `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id, issued_on,
					status, created_at) VALUES (?, ?, '学员', ?, '6-31-01-03', 4, ?, ?, 'valid', ?)`, "DG2025-00"+string(rune('1'+i)), p, db.Box().Seal("x"),
					p1, time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), db.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		db.SetClock(func() time.Time { return time.Date(2025, 8, 25, 2, 0, 0, 0, time.UTC) })

		// The first provider claims its July class.
		b := newBrowser(t, exe, ts.URL, shots)
		b.login(emp1Phone, staffPassword, "/enterprise")
		b.open("/enterprise/training", 200)
		check := "/enterprise/training/classes/" + itoa(c1) + "/claim"
		b.load("open 申领补贴", 200, check, press(`a[href="`+check+`"]`))
		page := b.bodyText()
		for _, want := range []string{"周学员", "吴学员", "出勤 1/2 次（50%），未达到 80% 的要求", "符合条件 1 人", "¥1500", "技能提升补贴"} {
			if !strings.Contains(page, want) {
				t.Errorf("check page lacks %q", want)
			}
		}
		b.noHorizontalScroll(check)
		b.noBrokenLabels(check)
		b.shot("claim-check")
		b.do("submit the claim", press(`form[action="`+check+`"] button[type=submit]`))
		claimPath := b.waitPath(`^/enterprise/training/claims/\d+$`)
		b.checkAxe(claimPath)
		if got := b.text("p.flash"); !strings.Contains(got, "已提交") {
			t.Fatalf("after submitting: %q", got)
		}
		b.noHorizontalScroll(claimPath)
		b.shot("claim-submitted")
		b.logout()

		// The reviewer approves it and records the payout.
		consolePath := strings.Replace(claimPath, "/enterprise/", "/console/", 1)
		b.login(reviewerPhone, staffPassword, "/console")
		b.load("open 补贴申领", 200, "/console/training/claims", press(`a[href="/console/training/claims"]`))
		b.load("open the claim", 200, consolePath, press(`a[href="`+consolePath+`"]`))
		b.noHorizontalScroll(consolePath)
		b.submit(consolePath+"/decide", 200, consolePath)
		if got := b.text("p.flash"); !strings.Contains(got, "审核通过") {
			t.Fatalf("after approving: %q", got)
		}
		b.open("/console/training/claims?status=approved", 200)
		b.do("tick the claim", chromedp.Click(chromedp.CSS(`input[name=ids]`)))
		b.typeInto("f-batch", "PX-2025-08")
		b.do("paid on", chromedp.SetValue(chromedp.CSS("#f-paid_on"), "2025-08-25"))
		b.submit("/console/training/claims/pay", 200, "/console/training/claims")
		if got := b.bodyText(); !strings.Contains(got, "已登记发放") || !strings.Contains(got, "已发放") {
			t.Fatalf("after paying: %s", got)
		}
		b.noHorizontalScroll("/console/training/claims")
		b.load("open the ledger", 200, "/console/training/ledger", press(`a[href="/console/training/ledger"]`))
		if got := b.bodyText(); !strings.Contains(got, "临空港电气职工培训中心") || !strings.Contains(got, "2025-08") || !strings.Contains(got, "¥1500") {
			t.Fatalf("ledger: %s", got)
		}
		b.noHorizontalScroll("/console/training/ledger")
		b.shot("ledger")
		b.logout()

		// The second provider's claim pays 吴学员 and leaves 周学员 out, saying why.
		b.login(emp2Phone, staffPassword, "/enterprise")
		check2 := "/enterprise/training/classes/" + itoa(c2) + "/claim"
		b.open(check2, 200)
		b.do("submit the second claim", press(`form[action="`+check2+`"] button[type=submit]`))
		claim2 := b.waitPath(`^/enterprise/training/claims/\d+$`)
		b.checkAxe(claim2)
		page = b.bodyText()
		for _, want := range []string{"周学员", "不予补贴", "临空港电气职工培训中心“电工（四级）提升班 七月”的补贴申领", "已发放本职业四级/中级工的补贴", "同一职业同一等级只能享受一次",
			"符合条件 1 人"} {
			if !strings.Contains(page, want) {
				t.Errorf("second claim lacks %q: %s", want, page)
			}
		}
		b.noHorizontalScroll(claim2)
		b.shot("second-claim-refused")
	})
}
