package e2e

import (
	"context"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
)

// TestTrainingPathJourney walks the whole training path of issue 13 in
// the browser, each step by the user who takes it, on a phone: an
// enterprise designated for in-house training opens an 电工 四级 class; the
// bureau files it; a person finds it by occupation, enrols and answers
// the policy questions; on each session's morning the provider shows the
// sign-in code and the person signs in (typing the code the first time,
// opening the QR link the second); after the class an evaluation body
// registers the whole class for its sitting, records the pass and issues
// the certificate, which the holder finds in 我的证书 and anyone verifies
// from its QR link; the provider claims the subsidy with every check
// passed, and a reviewer approves and pays it. A second provider, whose
// June class the same person attended in full, then checks its claim:
// the person is refused with the reason naming the paid claim, and the
// claim cannot be submitted. Last, the staff's 培训效果 lists the class
// with its trainee, the certificate and the subsidy paid. Every page
// passes axe-core and fits 375 px.
func TestTrainingPathJourney(t *testing.T) {
	forEachStore(t, "training-path-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		// China is UTC+8: at returns the instant of a Chinese wall-clock time.
		at := func(month time.Month, day, hour, min int) func() time.Time {
			return func() time.Time { return time.Date(2025, month, day, hour-8, min, 0, 0, time.UTC) }
		}
		db.SetClock(at(6, 2, 10, 0)) // inside the catalog's 技能提升补贴 validity
		a, ts := newSite(t, db)
		if err := a.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		cast := newTrainingCast(t, a, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 41)))
		_, reviewerPhone := cast.user("reviewer", "审核科陈")
		_, empPhone, pid := cast.provider("enterprise", "武汉临空港电气有限公司", "临空港电气职工培训中心")
		_, evalPhone, evalID := cast.provider("evaluator", "武汉临空港技能评价有限公司", "临空港职业技能等级评价中心")
		emp2, emp2Phone, p2 := cast.provider("enterprise", "武汉金银湖机电有限公司", "金银湖机电职工培训中心")
		person, personPhone, idNumber := cast.person("周学员", time.Date(1995, 3, 8, 0, 0, 0, 0, time.UTC), true)
		me := app.Actor{User: person}

		// Before the journey: the second provider's June class, filed, with
		// 周学员 enrolled (the July class below does not overlap it).
		june, err := a.Training.OpenClass(ctx, app.Actor{User: emp2}, p2, app.ClassInput{Title: "电工（四级）提升班 六月", Type: "upgrade",
			Occupation: "电工", Level: 4, Hours: 16, Capacity: 30, RegionCode: "420112001", Sessions: []app.SessionInput{
				{Date: "2025-06-14", Start: "09:00", End: "17:00", Place: "金银湖实训室"}, {Date: "2025-06-21", Start: "09:00", End: "17:00", Place: "金银湖实训室"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Training.ReviewClass(ctx, app.Actor{User: cast.staff}, june.ID, true, app.StatusInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.TrainingEnrolments.Enrol(ctx, me, june.ID); err != nil {
			t.Fatal(err)
		}

		// Three journeys' pages in one: three journeys' time.
		b := newBrowserWithin(t, exe, ts.URL, shots, 3*journeyTimeout)
		// The provider opens the July class on a phone.
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/training", 200)
		newClass := "/enterprise/training/providers/" + itoa(pid) + "/classes/new"
		b.load("open the class form", 200, newClass, press(`a[href="`+newClass+`"]`))
		const title = "电工（四级）岗位技能提升培训班"
		b.typeInto("f-title", title)
		b.do("type", chromedp.SetValue(chromedp.CSS("#f-type"), "upgrade"))
		b.typeInto("f-occupation", "电工")
		b.do("level", chromedp.SetValue(chromedp.CSS("#f-level"), "4"))
		b.typeInto("f-hours", "16")
		b.typeInto("f-capacity", "30")
		b.typeInto("f-fee_yuan", "0")
		b.pickStreet("f-region_code", "东西湖区", "420112001")
		b.fillSession(0, "2025-07-05", "09:00", "17:00", "实训楼 201")
		b.fillSession(1, "2025-07-12", "09:00", "17:00", "实训楼 201")
		b.noHorizontalScroll(newClass)
		b.do("submit the class", press(`form[action="/enterprise/training/providers/`+itoa(pid)+`/classes"] button[type=submit]`))
		classPath := b.waitPath(`^/training/classes/\d+$`)
		b.checkAxe(classPath)
		if got := b.bodyText(); !strings.Contains(got, "待备案") || !strings.Contains(got, "1500") {
			t.Fatalf("the provider's new class: %s", got)
		}
		classID, _ := strconv.ParseInt(strings.TrimPrefix(classPath, "/training/classes/"), 10, 64)
		b.logout()

		// The bureau files it (开班备案).
		b.login(cast.StaffPhone, staffPassword, "/console")
		b.load("open 开班备案", 200, "/console/training/classes", press(`a[href="/console/training/classes"]`))
		b.load("open the pending class", 200, classPath, press(`a[href="`+classPath+`"]`))
		b.submit("/console"+classPath+"/approve", 200, classPath)
		if f := b.text("p.flash"); !strings.Contains(f, "已备案") {
			t.Fatalf("after filing: %q", f)
		}
		b.logout()

		// The person finds it by occupation, enrols, and answers the policy
		// questions the subsidy's target group depends on.
		b.login(personPhone, staffPassword, "/me")
		b.open("/training/classes", 200)
		b.typeInto("f-occupation", "电工")
		b.load("search", 200, "/training/classes", press(`form[action="/training/classes"] button[type=submit]`))
		b.noHorizontalScroll("/training/classes")
		b.load("open the class", 200, classPath, press(`a[href="`+classPath+`"]`))
		b.submit(classPath+"/enrol", 200, classPath)
		if got := b.bodyText(); !strings.Contains(got, "报名成功") || !strings.Contains(got, "已报名 1 人") {
			t.Fatalf("after enrolling: %s", got)
		}
		b.noHorizontalScroll(classPath)
		b.shot("enrolled")
		b.open("/me/policies", 200)
		b.do("企业在职职工: 是", press(`input[type=radio][name="enterprise_employee"][value="true"]`))
		b.typeInto("q-ui_months", "30")
		b.submit("/me/policies/answers", 200, "/me/policies")
		if f := b.text("p.flash"); !strings.Contains(f, "已保存") {
			t.Fatalf("after the policy answers: %q", f)
		}
		b.logout()

		// The June class's two sessions, signed in on their days.
		for _, s := range june.Sessions {
			d := s.Date
			db.SetClock(at(d.Month(), d.Day(), 8, 30))
			code, err := a.TrainingEnrolments.CheckinCode(ctx, app.Actor{User: emp2}, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.TrainingEnrolments.CheckIn(ctx, me, app.TrainingCheckinInput{Code: code.Code}); err != nil {
				t.Fatal(err)
			}
		}

		// Each July session's morning: the provider shows the code on the
		// roster; the person types it the first time and opens the QR's
		// link the second.
		roster := "/enterprise/training/classes/" + itoa(classID) + "/roster"
		for i, day := range []int{5, 12} {
			db.SetClock(at(7, day, 8, 30))
			b.login(empPhone, staffPassword, "/enterprise")
			b.open("/enterprise/training", 200)
			b.load("open the roster", 200, roster, press(`a[href="`+roster+`"]`))
			if h := b.text("#ss-h"); !strings.HasPrefix(h, "第 "+itoa(int64(i+1))+" 次课") {
				t.Fatalf("the roster on session %d's day shows %q", i+1, h)
			}
			codePath := eval[string](b, `document.querySelector('a[href$="/code"]').getAttribute("href")`)
			b.load("show the code", 200, codePath, press(`a[href="`+codePath+`"]`))
			code := b.checkinCode()
			b.noHorizontalScroll(codePath)
			if i == 0 {
				b.shot("checkin-code")
			}
			b.logout()

			b.login(personPhone, staffPassword, "/me")
			if i == 0 {
				b.open("/me/training", 200)
				b.load("open 培训签到", 200, "/training/checkin", press(`a.btn[href="/training/checkin"]`))
				b.typeInto("f-code", code[:3]+" "+code[3:])
			} else {
				session := strings.TrimSuffix(strings.TrimPrefix(codePath, "/enterprise/training/sessions/"), "/code")
				b.open("/training/checkin?s="+session+"&c="+code, 200)
				if got := b.value("f-code"); got != code {
					t.Fatalf("the QR link filled the code %q, want %q", got, code)
				}
			}
			b.submit("/training/checkin", 200, "/training/checkin")
			if f := b.text("p.flash"); !strings.Contains(f, "签到成功") {
				t.Fatalf("signing in to session %d: %q", i+1, f)
			}
			if i == 1 {
				b.open("/me/training", 200)
				if got := b.bodyText(); !strings.Contains(got, "2/2 次（100%）") {
					t.Fatalf("我的培训 after both sessions: %s", got)
				}
				b.noHorizontalScroll("/me/training")
			}
			b.logout()
		}

		// The day after the class: the evaluation body schedules a sitting
		// and registers the whole class.
		db.SetClock(at(7, 13, 10, 0))
		b.login(evalPhone, staffPassword, "/enterprise")
		b.open("/enterprise/certificates", 200)
		newSitting := "/enterprise/certificates/providers/" + itoa(evalID) + "/sittings/new"
		b.load("open the sitting form", 200, newSitting, press(`a[href="`+newSitting+`"]`))
		b.typeInto("f-occupation", "电工")
		b.do("level", chromedp.SetValue(chromedp.CSS("#f-level"), "4"))
		b.do("date", chromedp.SetValue(chromedp.CSS("#f-held_on"), "2025-07-19"))
		b.typeInto("f-capacity", "30")
		b.typeInto("f-place", "实训楼 301 考场")
		b.do("schedule", press(`form[action="/enterprise/certificates/providers/`+itoa(evalID)+`/sittings"] button[type=submit]`))
		sitting := b.waitPath(`^/enterprise/certificates/sittings/\d+$`)
		b.checkAxe(sitting)
		b.do("pick the class", chromedp.SetValue(chromedp.CSS("#f-class_id"), itoa(classID)))
		b.load("register the class", 200, sitting, press(`form[action="`+sitting+`/candidates"]:has(#f-class_id) button[type=submit]`))
		if got := b.bodyText(); !strings.Contains(got, "考生已登记") || !strings.Contains(got, "周学员") || !strings.Contains(got, "考生 1/30") {
			t.Fatalf("after registering the class: %s", got)
		}
		b.noHorizontalScroll(sitting)
		b.logout()

		// The sitting's day: the pass and the certificate.
		db.SetClock(at(7, 19, 15, 0))
		b.login(evalPhone, staffPassword, "/enterprise")
		b.open(sitting, 200)
		k := itoa(person.PersonID)
		b.do("result", chromedp.SetValue(chromedp.CSS("#f-result_"+k), "pass"))
		b.typeInto("f-score_"+k, "86")
		b.submit(sitting+"/results", 200, sitting)
		if f := b.text("p.flash"); !strings.Contains(f, "成绩已保存") {
			t.Fatalf("after the results: %q", f)
		}
		b.submit(sitting+"/issue", 200, sitting)
		if f := b.text("p.flash"); !strings.Contains(f, "证书已发放") {
			t.Fatalf("after issuing: %q", f)
		}
		number := b.text(`td[data-label="证书"] .mono`)
		b.noHorizontalScroll(sitting)
		b.shot("certificate-issued")
		b.logout()

		// The holder finds it and its QR link; anyone verifies it there.
		b.login(personPhone, staffPassword, "/me")
		b.open("/me/certificates", 200)
		if got := b.bodyText(); !strings.Contains(got, number) || !strings.Contains(got, "已核验") {
			t.Fatalf("我的证书: %s", got)
		}
		certPath := eval[string](b, `document.querySelector('a.btn.primary[href^="/certificates/"]').getAttribute("href")`)
		if res, err := chromedp.RunResponse(b.ctx, press(`a[href="`+certPath+`"]`)); err != nil || res == nil || res.Status != 200 {
			t.Fatalf("open the certificate: %v %v", res, err)
		}
		b.do("certificate shown", chromedp.WaitVisible(chromedp.CSS("article.cert-doc svg")))
		b.checkAxe(certPath)
		b.noHorizontalScroll(certPath)
		link, err := url.Parse(strings.TrimSpace(strings.TrimPrefix(b.text("figure.cert-qr figcaption"), "扫码核验：")))
		if err != nil || link.Path != "/certificates/verify" {
			t.Fatalf("the certificate's QR link %v (%v)", link, err)
		}
		b.open("/me/certificates", 200)
		b.logout()
		b.open(link.Path+"?"+link.RawQuery, 200)
		got := b.bodyText()
		for _, want := range []string{"核验通过", number, "电工", "四级/中级工", "临空港职业技能等级评价中心", "2025-07-19"} {
			if !strings.Contains(got, want) {
				t.Errorf("the public check lacks %q: %s", want, got)
			}
		}
		if strings.Contains(got, idNumber) || strings.Contains(got, idNumber[len(idNumber)-4:]) {
			t.Error("the public check shows the ID number")
		}
		b.noHorizontalScroll("/certificates/verify")
		b.shot("verified")

		// The provider claims: every check passed.
		db.SetClock(at(7, 25, 10, 0))
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/training", 200)
		check := "/enterprise/training/classes/" + itoa(classID) + "/claim"
		// Each action of the class list stays on one line after the long title.
		if split := eval[string](b, `[...document.querySelectorAll(".plinks a")].filter(a => a.getClientRects().length > 1).map(a => a.textContent).join("、")`); split != "" {
			t.Errorf("/enterprise/training: links break across lines at %d px: %s", phoneWidth, split)
		}
		b.shot("provider-classes")
		b.load("open 申领补贴", 200, check, press(`a[href="`+check+`"]`))
		page := b.bodyText()
		for _, want := range []string{"周学员", "出勤 2/2 次（100%）", "已取得本职业四级/中级工职业技能等级证书（2025-07-19 核发）", "符合条件 1 人", "¥1500"} {
			if !strings.Contains(page, want) {
				t.Errorf("the claim check lacks %q: %s", want, page)
			}
		}
		if ok, no := eval[int](b, `document.querySelectorAll("td .tag.ok").length`), eval[int](b, `document.querySelectorAll("td .tag.warn").length`); ok != 5 || no != 0 {
			t.Errorf("the claim check: %d checks passed and %d failed, want 5 and 0", ok, no)
		}
		b.noHorizontalScroll(check)
		b.do("submit the claim", press(`form[action="`+check+`"] button[type=submit]`))
		claimPath := b.waitPath(`^/enterprise/training/claims/\d+$`)
		b.checkAxe(claimPath)
		if f := b.text("p.flash"); !strings.Contains(f, "已提交") {
			t.Fatalf("after claiming: %q", f)
		}
		claimID := strings.TrimPrefix(claimPath, "/enterprise/training/claims/")
		b.logout()

		// A reviewer approves it and records the payout.
		consolePath := "/console/training/claims/" + claimID
		b.login(reviewerPhone, staffPassword, "/console")
		b.load("open 补贴申领", 200, "/console/training/claims", press(`a[href="/console/training/claims"]`))
		b.load("open the claim", 200, consolePath, press(`a[href="`+consolePath+`"]`))
		b.submit(consolePath+"/decide", 200, consolePath)
		if f := b.text("p.flash"); !strings.Contains(f, "审核通过") {
			t.Fatalf("after approving: %q", f)
		}
		b.open("/console/training/claims?status=approved", 200)
		b.do("tick the claim", chromedp.Click(chromedp.CSS(`input[name=ids][value="`+claimID+`"]`)))
		b.typeInto("f-batch", "PX-2025-07")
		b.do("paid on", chromedp.SetValue(chromedp.CSS("#f-paid_on"), "2025-07-25"))
		b.submit("/console/training/claims/pay", 200, "/console/training/claims")
		if got := b.bodyText(); !strings.Contains(got, "已登记发放") {
			t.Fatalf("after paying: %s", got)
		}
		b.noHorizontalScroll("/console/training/claims")
		b.logout()

		// The second provider's claim for the June class: 周学员 attended
		// it in full, holds the certificate, but was paid for 电工 四级.
		b.login(emp2Phone, staffPassword, "/enterprise")
		b.open("/enterprise/training", 200)
		check2 := "/enterprise/training/classes/" + itoa(june.ID) + "/claim"
		b.load("open the second 申领补贴", 200, check2, press(`a[href="`+check2+`"]`))
		page = b.bodyText()
		reason := "临空港电气职工培训中心“" + title + "”的补贴申领 #" + claimID + " 已发放本职业四级/中级工的补贴（2025-07-25），同一职业同一等级只能享受一次"
		for _, want := range []string{"周学员", "不予补贴", reason, "没有符合补贴条件的学员，不能申领"} {
			if !strings.Contains(page, want) {
				t.Errorf("the second claim check lacks %q: %s", want, page)
			}
		}
		if ok, no := eval[int](b, `document.querySelectorAll("td .tag.ok").length`), eval[int](b, `document.querySelectorAll("td .tag.warn").length`); ok != 4 || no != 1 {
			t.Errorf("the second claim check: %d checks passed and %d failed, want 4 and 1 (only 未重复享受)", ok, no)
		}
		if n := eval[int](b, `document.querySelectorAll('form[action="`+check2+`"]').length`); n != 0 {
			t.Error("the second claim can be submitted")
		}
		b.noHorizontalScroll(check2)
		b.noBrokenLabels(check2)
		b.shot("second-claim-refused")
		// Posting the claim anyway (a page kept open from before) is refused with the same reason.
		refused := run(b, "post the second claim", chromedp.Evaluate[string](`fetch(`+jsString(check2)+`, {method: "POST"}).then(r => r.text().then(t => r.status + " " + t))`,
			chromedp.EvalAwaitPromise))
		if !strings.HasPrefix(refused, "409 ") || !strings.Contains(refused, "没有符合补贴条件的学员") {
			t.Errorf("posting the second claim: %.200s", refused)
		}
		b.logout()

		// 培训效果: the class with its trainee, the certificate and the subsidy paid.
		b.login(cast.StaffPhone, staffPassword, "/console")
		b.load("open 培训效果", 200, "/console/training/outcomes", press(`a[href="/console/training/outcomes"]`))
		// A line is a table row: [the class's link or "", the heading cell,
		// 结业人数, the 3/6/12-month placement, 取证率, 已拨付补贴, 每就业一人的补贴].
		rows := eval[[][]string](b, `[...document.querySelectorAll("table.cohorts tr")].filter(r => r.querySelector("th[scope=row]")).map(r => {
			const a = r.querySelector("th a");
			return [a ? a.getAttribute("href") : "", ...[...r.children].map(c => c.innerText.replace(/\s+/g, " ").trim())];
		})`)
		for _, want := range []struct {
			href, head, trainees, cert, paid string
		}{
			{"", "临空港电气职工培训中心", "1", "100.0% 1/1 人", "1,500 元"},
			{classPath, title + " 电工（四级/中级工）· 2025-07-12 结业", "1", "100.0% 1/1 人", "1,500 元"},
			{"", "金银湖机电职工培训中心", "1", "100.0% 1/1 人", "0 元"},
			{"/training/classes/" + itoa(june.ID), "电工（四级）提升班 六月 电工（四级/中级工）· 2025-06-21 结业", "1", "100.0% 1/1 人", "0 元"},
			{"", "合计", "2", "100.0% 2/2 人", "1,500 元"},
		} {
			found := false
			for _, r := range rows {
				if len(r) != 9 || r[0] != want.href || !strings.HasPrefix(r[1], want.head) {
					continue
				}
				found = true
				if r[2] != want.trainees || !strings.Contains(r[3], "未满 3 个月") || r[6] != want.cert || r[7] != want.paid || r[8] != "—" {
					t.Errorf("培训效果's line of %s: %q", want.head, r)
				}
			}
			if !found {
				t.Errorf("培训效果 has no line of %s: %q", want.head, rows)
			}
		}
		b.noHorizontalScroll("/console/training/outcomes")
		b.shot("outcomes")
	})
}
