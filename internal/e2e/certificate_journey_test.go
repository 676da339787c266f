package e2e

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/store"
)

// TestCertificateJourney: an evaluation body designated for 电工 四级
// schedules a sitting on a phone (a level outside its scope refused next
// to the level, what was typed kept), registers a candidate by ID number
// and name, and on the sitting's day records a pass and issues the
// certificate. A visitor checks it on the public page by number and name
// and reads the occupation, level, issuer and date; the holder finds it
// in 我的证书, prints it with its QR image and sees it on the resume with
// the 已核验 badge. Every page passes axe-core at 375 px.
func TestCertificateJourney(t *testing.T) {
	forEachStore(t, "certificate-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		db.SetClock(func() time.Time { return time.Date(2025, 6, 2, 2, 0, 0, 0, time.UTC) })
		a, ts := newSite(t, db)
		cast := newTrainingCast(t, a, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 37)))
		_, empPhone, bodyID := cast.provider("evaluator", "武汉临空港技能评价有限公司", "临空港职业技能等级评价中心")
		holder, personPhone, idNumber := cast.person("吴技工", time.Date(1996, 4, 9, 0, 0, 0, 0, time.UTC), true)

		b := newBrowser(t, exe, ts.URL, shots)
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/certificates", 200)
		newSitting := "/enterprise/certificates/providers/" + itoa(bodyID) + "/sittings/new"
		b.load("open the sitting form", 200, newSitting, press(`a[href="`+newSitting+`"]`))
		b.typeInto("f-occupation", "电工")
		b.do("level outside the scope", chromedp.SetValue(chromedp.CSS("#f-level"), "3"))
		b.do("date", chromedp.SetValue(chromedp.CSS("#f-held_on"), "2025-06-20"))
		b.typeInto("f-capacity", "30")
		b.typeInto("f-place", "实训楼 301 考场")
		action := "/enterprise/certificates/providers/" + itoa(bodyID) + "/sittings"
		b.submit(action, 422, action)
		if msg := b.text("#e-level"); !strings.Contains(msg, "不在本机构的评价认定范围内") {
			t.Fatalf("the level's error: %q", msg)
		}
		if b.value("f-place") != "实训楼 301 考场" {
			t.Fatal("the form lost the place")
		}
		b.noHorizontalScroll(action)
		b.do("level within the scope", chromedp.SetValue(chromedp.CSS("#f-level"), "4"))
		b.do("submit", press(`form[action="`+action+`"] button[type=submit]`))
		sitting := b.waitPath(`^/enterprise/certificates/sittings/\d+$`)
		b.checkAxe(sitting)
		b.typeInto("f-id_number", idNumber)
		b.typeInto("f-name", "吴技工")
		b.submit(sitting+"/candidates", 200, sitting)
		if got := b.bodyText(); !strings.Contains(got, "考生已登记") || !strings.Contains(got, "吴技工") {
			t.Fatalf("after registering: %s", got)
		}
		b.noHorizontalScroll(sitting)
		b.logout()

		// The sitting's day: a pass, and the certificate.
		db.SetClock(func() time.Time { return time.Date(2025, 6, 20, 7, 0, 0, 0, time.UTC) })
		b.login(empPhone, staffPassword, "/enterprise")
		b.open(sitting, 200)
		pid := itoa(holder.PersonID)
		b.do("result", chromedp.SetValue(chromedp.CSS("#f-result_"+pid), "pass"))
		b.typeInto("f-score_"+pid, "86")
		b.submit(sitting+"/results", 200, sitting)
		if f := b.text("p.flash"); !strings.Contains(f, "成绩已保存") {
			t.Fatalf("after the results: %q", f)
		}
		b.submit(sitting+"/issue", 200, sitting)
		if f := b.text("p.flash"); !strings.Contains(f, "证书已发放") {
			t.Fatalf("after issuing: %q", f)
		}
		number := b.text(`td[data-label="证书"] .mono`)
		if !strings.HasPrefix(number, "S420112254") {
			t.Fatalf("certificate number %q", number)
		}
		b.noHorizontalScroll(sitting)
		b.noBrokenLabels(sitting)
		b.shot("sitting")
		b.logout()

		// Anyone checks it by number and name.
		b.open("/certificates/verify", 200)
		b.typeInto("f-number", strings.ToLower(number))
		b.typeInto("f-name", "吴技工")
		b.submit("/certificates/verify", 200, "/certificates/verify")
		got := b.bodyText()
		for _, want := range []string{"核验通过", "电工", "四级/中级工", "临空港职业技能等级评价中心", "2025-06-20", number} {
			if !strings.Contains(got, want) {
				t.Errorf("the check lacks %q: %s", want, got)
			}
		}
		if strings.Contains(got, idNumber) || strings.Contains(got, idNumber[len(idNumber)-4:]) {
			t.Errorf("the check shows the ID number")
		}
		b.noHorizontalScroll("/certificates/verify")
		b.noBrokenLabels("/certificates/verify")
		b.shot("verify")
		b.typeInto("f-name", "吴技")
		b.submit("/certificates/verify", 404, "/certificates/verify")
		if got := b.bodyText(); !strings.Contains(got, "未查到") || strings.Contains(got, "核验通过") {
			t.Errorf("a wrong name: %s", got)
		}

		// The holder: 我的证书, the printable certificate, the resume.
		b.login(personPhone, staffPassword, "/me")
		b.open("/me/certificates", 200)
		if got := b.bodyText(); !strings.Contains(got, number) || !strings.Contains(got, "已核验") {
			t.Fatalf("我的证书: %s", got)
		}
		b.noHorizontalScroll("/me/certificates")
		certPath := eval[string](b, `document.querySelector('a.btn.primary[href^="/certificates/"]').getAttribute("href")`)
		if res, err := chromedp.RunResponse(b.ctx, press(`a[href="`+certPath+`"]`)); err != nil || res == nil || res.Status != 200 {
			t.Fatalf("open the certificate: %v %v", res, err)
		}
		b.do("certificate shown", chromedp.WaitVisible(chromedp.CSS("article.cert-doc svg")))
		b.checkAxe(certPath)
		if got := b.bodyText(); !strings.Contains(got, idNumber) || !strings.Contains(got, "/certificates/verify?") {
			t.Errorf("the printable certificate: %s", got)
		}
		b.noHorizontalScroll(certPath)
		b.shot("certificate")
		b.open("/me/resume", 200)
		if got := b.bodyText(); !strings.Contains(got, "已核验") || !strings.Contains(got, number) {
			t.Errorf("the resume lacks the verified certificate: %s", got)
		}
		b.noHorizontalScroll("/me/resume")
	})
}
