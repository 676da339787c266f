package server_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLimitMessagesTellTheTruth: each refusal names the limit that was
// actually passed, in plain Chinese: a multipart body over the 26 MiB cap
// says 26 MiB (not the JSON limit of 1 MiB); an import file over 5 MB (here
// one with more than 5,000 rows) says 5 MB and 5000 行 (not the policy
// materials' "最多 5 个"); a zip bomb is called what it is, not a damaged file.
func TestLimitMessagesTellTheTruth(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))

	// A multipart body declared over the cap, on the API and the page.
	for _, path := range []string{"/api/v1/me/job-imports", "/enterprise/jobs/import"} {
		req := httptest.NewRequest("POST", path, strings.NewReader("--x--\r\n"))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Authorization", "Bearer "+f.token("employer"))
		req.ContentLength = 27 << 20
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if body := rec.Body.String(); rec.Code != 413 || !strings.Contains(body, "26 MiB") || strings.Contains(body, "1 MiB") {
			t.Errorf("%s, 27 MiB multipart: %d %s", path, rec.Code, body)
		}
	}

	// An import of 60,000 rows, about 7 MB: over the file limit.
	var csv bytes.Buffer
	csv.WriteString("岗位名称,职业代码,岗位描述,招聘人数,最低月薪,最高月薪,学历要求,经验要求(年),技能,福利,工作地点代码,详细地址,有效期至\n")
	for i := 0; csv.Len() < 7<<20; i++ {
		fmt.Fprintf(&csv, "电焊工%d,6-18-02-04,负责钢结构件的焊接，能看懂图纸，持证优先。,5,6000,9000,不限,1,二保焊,包吃住,420112001,东西湖区吴家山街道临空港大道 88 号,\n", i)
	}
	for _, rec := range []*httptest.ResponseRecorder{f.uploadAPI("employer", "六万行.csv", csv.Bytes()), f.upload("employer", "六万行.csv", csv.Bytes())} {
		msg := refusal(rec)
		if rec.Code != 422 || !strings.Contains(msg, "5 MB") || !strings.Contains(msg, "5000 行") || strings.Contains(msg, "最多 5 个") {
			t.Errorf("7 MB import: %d %q", rec.Code, msg)
		}
	}

	// A zip bomb posing as .xlsx: 100 KB that unpack to 200 MB.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for range 200 {
		w.Write(zeros)
	}
	zw.Close()
	if bomb.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes", bomb.Len())
	}
	for _, rec := range []*httptest.ResponseRecorder{f.uploadAPI("employer", "岗位.xlsx", bomb.Bytes()), f.upload("employer", "岗位.xlsx", bomb.Bytes())} {
		msg := refusal(rec)
		if rec.Code != 422 || !strings.Contains(msg, "解压") || strings.Contains(msg, "损坏") {
			t.Errorf("zip bomb: %d %q", rec.Code, msg)
		}
	}
}

// refusal is what an upload's refusal says: the API error document, or on
// the import page the message above the form and the file field's error.
func refusal(rec *httptest.ResponseRecorder) string {
	body := rec.Body.String()
	if strings.HasPrefix(body, "{") {
		return body
	}
	var out []string
	for _, marker := range []string{`<p class="alert" role="alert">`, `<p class="error" id="e-file">`} {
		if _, rest, ok := strings.Cut(body, marker); ok {
			msg, _, _ := strings.Cut(rest, "</p>")
			out = append(out, msg)
		}
	}
	return strings.Join(out, " | ")
}
