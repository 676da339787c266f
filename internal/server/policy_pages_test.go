package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/worker"
)

// tinyPNG is a valid 1×1 PNG; tinyPNGn is n pixels wide, so its bytes differ.
func tinyPNG(t *testing.T) []byte { return tinyPNGn(t, 1) }

func tinyPNGn(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, n, 1))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type formFile struct {
	Name string
	Data []byte
}

// multipartForm posts a multipart form as a same-origin browser would.
func (f *fixture) multipartForm(path, token string, fields map[string]string, files ...formFile) *httptest.ResponseRecorder {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, fl := range files {
		w, err := mw.CreateFormFile("materials", fl.Name)
		if err != nil {
			f.t.Fatal(err)
		}
		w.Write(fl.Data)
	}
	mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if token != "" {
		req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// graduationThisSchoolYear is the 30 June that ends the school year now in
// progress (Beijing time): a graduate of that date is in the 毕业学年 today.
func graduationThisSchoolYear(now time.Time) string {
	now = now.In(time.FixedZone("CST", 8*3600))
	y := now.Year()
	if now.Month() >= time.July {
		y++
	}
	return fmt.Sprintf("%d-06-30", y)
}

func mustStatus(t *testing.T, what string, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		body := rec.Body.String()
		if len(body) > 3000 {
			body = body[:3000]
		}
		t.Fatalf("%s: status %d, want %d\n%s", what, rec.Code, want, body)
	}
}

func mustContain(t *testing.T, what string, rec *httptest.ResponseRecorder, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(rec.Body.String(), s) {
			t.Errorf("%s: page lacks %q", what, s)
		}
	}
}

// TestPolicyPages walks the 就业政策通 pages end to end: questionnaire, the
// red packet, applying with materials, review, payout, 公示, ownership and
// Excel export.
func TestPolicyPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		w := worker.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		f.app.RegisterTasks(w)
		drain := func() {
			t.Helper()
			if err := w.Drain(ctx); err != nil {
				t.Fatal(err)
			}
		}
		drain()
		const policyID, policyName = "hb_qiuzhi_chuangye", "一次性求职创业补贴"

		// The registry holds education and graduation; the questionnaire the rest.
		for _, role := range []string{"person", "person2"} {
			u := f.users[role].User
			p, err := db.Registry().PersonByID(ctx, u.PersonID)
			if err != nil {
				t.Fatal(err)
			}
			in := app.InputFromPerson(p)
			in.Education, in.GraduationDate, in.EmploymentStatus = "本科", graduationThisSchoolYear(db.Now()), "在校学生"
			if _, err := f.app.Registry.UpdatePerson(ctx, app.Actor{User: u, IP: "test"}, u.PersonID, in); err != nil {
				t.Fatal(err)
			}
		}
		tok, tok2 := f.token("person"), f.token("person2")
		answers := url.Values{"full_time": {"true"}, "student_status": {"在校"}, "school_type": {"普通高校"},
			"school_province": {"湖北省"}, "school_city": {"武汉市"}, "family_hardship": {"低保家庭"}}

		// A bad answer keeps every value and names the field.
		bad := url.Values{"unemployed_months": {"三个月"}}
		for k, v := range answers {
			bad[k] = v
		}
		rec := f.form("/me/policies/answers", tok, bad)
		mustStatus(t, "bad answers", rec, 422)
		mustContain(t, "bad answers", rec, "请填写数字", `value="三个月"`, `<option value="普通高校" selected>`, `value="低保家庭" checked`)

		for _, tk := range []string{tok, tok2} {
			rec = f.form("/me/policies/answers", tk, answers)
			mustStatus(t, "answers", rec, 303)
		}
		drain() // the re-match the answers queued
		rec = f.page("/me/policies", tok)
		mustStatus(t, "my policies", rec, 200)
		mustContain(t, "my policies", rec, policyName, "差一点", "不符合", `href="/policies/`+policyID+`#apply"`)
		if !regexp.MustCompile(`您可申请 [1-9]\d* 项补贴，一次性补贴合计约 ¥[1-9][\d,]*`).MatchString(rec.Body.String()) {
			t.Errorf("my policies: no red-packet headline with an amount")
		}

		// The anonymous calculator keeps what was typed on errors.
		calc := url.Values{"gender": {"女"}, "birth_date": {"2003-02-30"}, "education": {"本科"},
			"graduation_date": {graduationThisSchoolYear(db.Now())}, "hukou_city": {"武汉市"}}
		for k, v := range answers {
			calc[k] = v
		}
		rec = f.form("/policies/check", "", calc)
		mustStatus(t, "calculator bad date", rec, 422)
		mustContain(t, "calculator bad date", rec, `value="2003-02-30"`, `id="qe-birth_date"`, `<option value="女" selected>`)
		calc.Set("birth_date", "2003-02-14")
		rec = f.form("/policies/check", "", calc)
		mustStatus(t, "calculator", rec, 200)
		mustContain(t, "calculator", rec, "您可申请", policyName, "登录后申请")

		// Apply: a text file named .pdf is refused by its bytes.
		apply := "/policies/" + policyID + "/apply"
		rec = f.multipartForm(apply, tok, map[string]string{"note": "申请求职补贴"}, formFile{"x.pdf", []byte("just text, not a PDF")})
		mustStatus(t, "fake pdf", rec, 422)
		mustContain(t, "fake pdf", rec, "不是 PDF、JPG 或 PNG 格式", `id="e-materials"`, "申请求职补贴")
		rec = f.multipartForm(apply, tok, map[string]string{"note": "申请求职补贴"}, formFile{"毕业证.png", tinyPNG(t)})
		mustStatus(t, "apply", rec, 303)
		loc := rec.Header().Get("Location")
		m := regexp.MustCompile(`^/me/applications/(\d+)\?new=1$`).FindStringSubmatch(loc)
		if m == nil {
			t.Fatalf("apply redirects to %q", loc)
		}
		appID, _ := strconv.ParseInt(m[1], 10, 64)
		appPath := "/me/applications/" + m[1]
		// Different bytes: uploads are stored by content hash, and a failed
		// application currently deletes the file even when another upload
		// shares it (reported to the app layer).
		rec = f.multipartForm(apply, tok, map[string]string{"note": "再申请一次"}, formFile{"毕业证.png", tinyPNGn(t, 2)})
		mustStatus(t, "second application", rec, 409)
		mustContain(t, "second application", rec, "您已申请过该政策")

		rec = f.page(appPath+"?new=1", tok)
		mustStatus(t, "application page", rec, 200)
		mustContain(t, "application page", rec, "申请已提交", "审核中", "毕业证.png")
		ups, err := db.Policies().UploadsOf(ctx, "policy_application", appID)
		if err != nil || len(ups) != 1 {
			t.Fatalf("uploads: %v %v", ups, err)
		}
		uploadPath := "/uploads/" + strconv.FormatInt(ups[0].ID, 10)

		// Review: staff may look but not decide; a reviewer approves.
		decide := "/console/applications/" + m[1] + "/decide"
		mustStatus(t, "staff decides", f.form(decide, f.token("staff"), url.Values{"action": {"approve"}, "amount_yuan": {"1000"}}), 403)
		rev := f.token("reviewer")
		rec = f.page("/console/applications/"+m[1], rev)
		mustStatus(t, "console application", rec, 200)
		mustContain(t, "console application", rec, "王小明", fmt.Sprintf(`href="/console/persons/%d"`, f.users["person"].User.PersonID), `action="`+decide+`"`)
		rec = f.form(decide, rev, url.Values{"action": {"approve"}, "amount_yuan": {"一千"}})
		mustStatus(t, "bad amount", rec, 422)
		mustContain(t, "bad amount", rec, "核定金额", `value="一千"`)
		mustStatus(t, "approve", f.form(decide, rev, url.Values{"action": {"approve"}, "amount_yuan": {"1,500"}}), 303)

		rec = f.page("/console/applications?status=approved", rev)
		mustStatus(t, "approved list", rec, 200)
		mustContain(t, "approved list", rec, `name="ids" value="`+m[1]+`"`, "登记发放")
		rec = f.form("/console/payouts", rev, url.Values{"batch": {"2025-第1批"}, "paid_on": {"2025-07-01"}})
		mustStatus(t, "payout without ids", rec, 422)
		mustContain(t, "payout without ids", rec, "请选择", `value="2025-第1批"`)
		rec = f.form("/console/payouts", rev, url.Values{"ids": {m[1]}, "batch": {"2025-第1批"}, "paid_on": {"2025-07-01"}})
		mustStatus(t, "payout", rec, 303)
		rec = f.page(rec.Header().Get("Location"), rev)
		mustContain(t, "after payout", rec, "已记录 1 笔发放，合计 ¥1,500")

		// The applicant sees the payout and a message.
		rec = f.page(appPath, tok)
		mustContain(t, "paid application", rec, "已发放", "¥1,500", "2025-第1批")
		rec = f.page("/inbox", tok)
		mustContain(t, "inbox", rec, "补贴已发放："+policyName)
		rec = f.page("/me/applications", tok)
		mustContain(t, "my applications", rec, policyName, "已发放")

		// 公示: masked names only.
		rec = f.page("/policies/"+policyID+"/publicity", "")
		mustStatus(t, "publicity", rec, 200)
		mustContain(t, "publicity", rec, registry.MaskName("王小明"), "¥1,500", "导出 Excel")
		if strings.Contains(rec.Body.String(), "王小明") {
			t.Errorf("publicity shows the full name")
		}

		// Someone else's application and its file are refused as if missing; the owner downloads it.
		mustStatus(t, "other's application", f.page(appPath, tok2), 404)
		mustStatus(t, "other's upload", f.page(uploadPath, tok2), 404)
		rec = f.page(uploadPath, tok)
		mustStatus(t, "own upload", rec, 200)
		if ct, cd := rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"); ct != "image/png" || !strings.HasPrefix(cd, "attachment") {
			t.Errorf("download headers: %q %q", ct, cd)
		}
		mustStatus(t, "staff opens upload", f.page(uploadPath, f.token("staff")), 200)

		// Returned for more material, then resubmitted.
		rec = f.multipartForm(apply, tok2, nil, formFile{"低保证明.png", tinyPNGn(t, 3)})
		mustStatus(t, "apply 2", rec, 303)
		id2 := regexp.MustCompile(`/me/applications/(\d+)`).FindStringSubmatch(rec.Header().Get("Location"))[1]
		rec = f.form("/console/applications/"+id2+"/decide", rev, url.Values{"action": {"return"}})
		mustStatus(t, "return without reason", rec, 422)
		mustStatus(t, "return", f.form("/console/applications/"+id2+"/decide", rev, url.Values{"action": {"return"}, "reason": {"请补充低保证明原件照片"}}), 303)
		rec = f.page("/me/applications/"+id2, tok2)
		mustContain(t, "returned", rec, "退回补充材料", "请补充低保证明原件照片", `action="/me/applications/`+id2+`/resubmit"`)
		rec = f.multipartForm("/me/applications/"+id2+"/resubmit", tok2, map[string]string{"note": "已补充"}, formFile{"原件.png", tinyPNGn(t, 4)})
		mustStatus(t, "resubmit", rec, 303)
		rec = f.page("/me/applications/"+id2, tok2)
		mustContain(t, "resubmitted", rec, "审核中", "原件.png", "曾退回补充材料")

		// 免申即享: a proposal is confirmed and paid in one go by a reviewer only.
		p2 := f.users["person2"].User
		grant := &policy.Application{PolicyID: "wh_kunnan_rending", Version: 1, SubjectType: policy.KindPerson, SubjectID: p2.PersonID,
			Status: policy.Proposed, AmountYuan: 500}
		if err := db.Policies().CreateApplication(ctx, store.Actor{IP: "test"}, grant, nil); err != nil {
			t.Fatal(err)
		}
		gid := strconv.FormatInt(grant.ID, 10)
		rec = f.page("/console/applications?status=proposed", rev)
		mustContain(t, "proposals", rec, `name="ids" value="`+gid+`"`, `formaction="/console/grants"`, "免申即享待确认")
		payGrant := url.Values{"ids": {gid}, "batch": {"免申-001"}, "paid_on": {"2025-07-02"}}
		mustStatus(t, "staff confirms grant", f.form("/console/grants", f.token("staff"), payGrant), 403)
		rec = f.form("/console/grants", rev, payGrant)
		mustStatus(t, "confirm grant", rec, 303)
		rec = f.page("/me/applications/"+gid, tok2)
		mustContain(t, "granted", rec, "系统生成免申即享发放建议", "已发放", "¥500", "免申-001")
		mustStatus(t, "grant twice", f.form("/console/grants", rev, payGrant), 409)

		// Staff pages and Excel exports.
		staff := f.token("staff")
		rec = f.page("/console/policies", staff)
		mustStatus(t, "console policies", rec, 200)
		mustContain(t, "console policies", rec, policyName, "已发放")
		rec = f.page("/policies/"+policyID, staff)
		mustContain(t, "staff detail", rec, "来源与可信度", "版本记录", "经办数据")
		rec = f.page("/policies/"+policyID, tok)
		mustContain(t, "person detail", rec, "您符合条件", "您已申请该政策")
		rec = f.page("/console/applications?policy_id="+policyID+"&format=xlsx", staff)
		mustStatus(t, "xlsx", rec, 200)
		rows := xlsxRows(t, rec)
		if len(rows) != 3 || !strings.Contains(strings.Join(rows[1], "|")+strings.Join(rows[2], "|"), "已发放") {
			t.Errorf("xlsx rows: %v", rows)
		}
		rec = f.page("/policies/"+policyID+"/publicity?format=xlsx", "")
		rows = xlsxRows(t, rec)
		if len(rows) != 2 || rows[1][0] != registry.MaskName("王小明") {
			t.Errorf("publicity xlsx rows: %v", rows)
		}
	})
}

func xlsxRows(t *testing.T, rec *httptest.ResponseRecorder) [][]string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("export content type %q", ct)
	}
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
