package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

// TestFairBoothsScanAndResults walks a labour-cooperation fair of a labour
// station through the full router: booth applications (an unverified
// enterprise refused), approvals at places (a place given twice is a
// conflict), the booth map, a pre-registered seeker sending their resume
// at a booth (a job application tagged with the fair and the station,
// which the employer sees; twice is a conflict), another employer refused
// the results of a booth not theirs (404, audited), and the results and
// totals counted on the fair's and the station's pages.
func TestFairBoothsScanAndResults(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		var ahead time.Duration
		moveClock(t, db, &ahead)
		ctx := context.Background()
		now := time.Now()
		staff := f.token("staff")

		// The station, and its fair two days on at 09:30 Beijing time.
		rec := f.do("POST", "/api/v1/stations", staff, map[string]any{"name": "咸丰县劳务工作站", "kind": "station", "region": "湖北省恩施州咸丰县",
			"contact_name": "向站长", "contact_phone": "0718-6832100"})
		if rec.Code != 201 {
			t.Fatalf("station: %d %s", rec.Code, rec.Body)
		}
		stationID := int64(decode(t, rec)["id"].(float64))
		if rec := f.do("POST", "/api/v1/stations", staff, map[string]any{"name": "咸丰县劳务工作站", "kind": "station", "region": "咸丰县",
			"contact_name": "向站长", "contact_phone": "0718-6832100"}); rec.Code != 409 {
			t.Fatalf("same station twice: %d %s", rec.Code, rec.Body)
		}
		day := chinatime.Today(now).AddDate(0, 0, 2)
		start := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, chinatime.Zone)
		body := activityBody("咸丰县劳务工作站·东西湖区企业专场对接会", "first_come", 200, now.Add(-time.Minute), start.Add(-time.Hour), start)
		body["kind"], body["organiser"], body["org_name"], body["series"] = "labour", "station", "咸丰县劳务工作站", ""
		fair := f.publishActivity(body)
		fairPath := fmt.Sprintf("/api/v1/fairs/%d", fair)

		// An unverified enterprise is refused; verified ones apply once.
		if rec := f.do("POST", fairPath+"/booths", f.token("employer"), nil); rec.Code != 403 || !strings.Contains(rec.Body.String(), "核验") {
			t.Fatalf("unverified booth application: %d %s", rec.Code, rec.Body)
		}
		f.verify("employer")
		f.verify("employer2")
		booth := map[string]int64{}
		for _, role := range []string{"employer", "employer2"} {
			rec := f.do("POST", fairPath+"/booths", f.token(role), nil)
			if rec.Code != 201 || decode(t, rec)["status"] != "applied" {
				t.Fatalf("%s applies: %d %s", role, rec.Code, rec.Body)
			}
			booth[role] = int64(decode(t, rec)["id"].(float64))
		}
		if rec := f.do("POST", fairPath+"/booths", f.token("employer"), nil); rec.Code != 409 {
			t.Fatalf("second application: %d %s", rec.Code, rec.Body)
		}
		post := f.publishedPost("employer", nil)
		f.publishedPost("employer2", func(m map[string]any) { m["title"] = "食品包装工" })

		// Approvals at places; the same place twice is a conflict.
		decide := func(role string, in map[string]any) (int, string) {
			rec := f.do("POST", fmt.Sprintf("%s/booths/%d/decision", fairPath, booth[role]), staff, in)
			return rec.Code, rec.Body.String()
		}
		if c, b := decide("employer", map[string]any{"action": "approve", "row": 2, "col": 3}); c != 200 || !strings.Contains(b, `"place":"B3"`) {
			t.Fatalf("approve: %d %s", c, b)
		}
		if c, b := decide("employer2", map[string]any{"action": "approve", "row": 2, "col": 3}); c != 409 || !strings.Contains(b, "B3") {
			t.Fatalf("the same place twice: %d %s", c, b)
		}
		if c, b := decide("employer2", map[string]any{"action": "approve", "row": 21, "col": 1}); c != 422 {
			t.Fatalf("a place off the map: %d %s", c, b)
		}
		// The page's form places employer2 at A1.
		if rec := f.form(fmt.Sprintf("/console/fairs/%d/booths/%d/decision", fair, booth["employer2"]), staff,
			url.Values{"action": {"approve"}, "row": {"1"}, "col": {"1"}}); rec.Code != 303 {
			t.Fatalf("approve on the page: %d %s", rec.Code, rec.Body)
		}
		if c, _ := decide("employer", map[string]any{"action": "reject", "reason": "重复"}); c != 409 {
			t.Fatalf("decided twice: %d", c)
		}
		// A third enterprise is rejected with a reason; its booth is not public.
		f.users["employer3"] = f.registerEmployer("武汉东西湖建材有限公司")
		f.verify("employer3")
		rec = f.do("POST", fairPath+"/booths", f.token("employer3"), nil)
		booth["employer3"] = int64(decode(t, rec)["id"].(float64))
		if c, b := decide("employer3", map[string]any{"action": "reject"}); c != 422 || !strings.Contains(b, "reason") {
			t.Fatalf("reject without a reason: %d %s", c, b)
		}
		if c, _ := decide("employer3", map[string]any{"action": "reject", "reason": "本场为制造业专场"}); c != 200 {
			t.Fatalf("reject: %d", c)
		}
		if rec := f.page(fmt.Sprintf("/fairs/%d/booths/%d", fair, booth["employer3"]), f.token("person")); rec.Code != 404 {
			t.Fatalf("a rejected booth in public: %d", rec.Code)
		}

		// The map names the approved booths, for everyone; the booth's page
		// shows its QR code to its employer only.
		page := f.page(fmt.Sprintf("/fairs/%d", fair), "").Body.String()
		for _, want := range []string{"<svg", `role="img"`, "<desc", "B3 武汉临空港物流有限公司", "A1 武汉金银湖食品有限公司", "电焊工（包吃住）", "食品包装工"} {
			if !strings.Contains(page, want) {
				t.Errorf("fair page lacks %q", want)
			}
		}
		if strings.Contains(page, "东西湖建材") || strings.Contains(page, "招聘会成效") {
			t.Error("the public fair page shows a rejected booth or the totals")
		}
		boothPage := fmt.Sprintf("/fairs/%d/booths/%d", fair, booth["employer"])
		if b := f.page(boothPage, f.token("employer")).Body.String(); !strings.Contains(b, "展位二维码") || !strings.Contains(b, "<svg") {
			t.Error("the employer's booth page has no QR code")
		}
		if b := f.page(boothPage, f.token("person")).Body.String(); strings.Contains(b, "展位二维码") {
			t.Error("a person sees the booth's QR code")
		}

		// A seeker pre-registers; the QR code sends nothing before the fair.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", fair), f.token("person"), nil); rec.Code != 201 {
			t.Fatalf("pre-registration: %d %s", rec.Code, rec.Body)
		}
		scan := func(role string, postID int64) (int, map[string]any) {
			rec := f.do("POST", fmt.Sprintf("%s/booths/%d/scan", fairPath, booth["employer"]), f.token(role), map[string]any{"post_id": postID})
			var m map[string]any
			if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				m = decode(t, rec)
			}
			return rec.Code, m
		}
		if c, m := scan("person", post); c != 409 || !strings.Contains(fmt.Sprint(m), "还没开始") {
			t.Fatalf("scan before the fair: %d %v", c, m)
		}
		if rec := f.do("POST", fmt.Sprintf("%s/booths/%d/results", fairPath, booth["employer"]), f.token("employer"),
			map[string]any{"intentions": 1, "hires": 0}); rec.Code != 409 {
			t.Fatalf("results before the fair: %d %s", rec.Code, rec.Body)
		}

		ahead = start.Sub(now) + 30*time.Minute // the fair is on
		if c, m := scan("person", post); c != 409 || !strings.Contains(fmt.Sprint(m), "简历") {
			t.Fatalf("scan without a resume: %d %v", c, m)
		}
		for _, role := range []string{"person", "person2"} {
			if rec := f.do("PUT", "/api/v1/me/resume", f.token(role), warehouseResume(true)); rec.Code != 200 {
				t.Fatalf("resume: %d %s", rec.Code, rec.Body)
			}
		}
		scanPage := f.page(fmt.Sprintf("/fairs/%d/booths/%d/scan", fair, booth["employer"]), f.token("person")).Body.String()
		if !strings.Contains(scanPage, "电焊工（包吃住）") || !strings.Contains(scanPage, "发送简历") {
			t.Fatalf("scan page: %s", scanPage)
		}
		if c, m := scan("person", 999999); c != 422 {
			t.Fatalf("scan to a post not the booth's: %d %v", c, m)
		}
		c, m := scan("person", post)
		if c != 201 || int64(m["fair_id"].(float64)) != fair || int64(m["station_id"].(float64)) != stationID {
			t.Fatalf("scan: %d %v", c, m)
		}
		appID := int64(m["id"].(float64))
		if c, _ := scan("person", post); c != 409 {
			t.Fatalf("scan twice for the same post: %d", c)
		}
		// person2 sends theirs from the page.
		if rec := f.form(fmt.Sprintf("/fairs/%d/booths/%d/scan", fair, booth["employer"]), f.token("person2"),
			url.Values{"post_id": {strconv.FormatInt(post, 10)}}); rec.Code != 303 {
			t.Fatalf("scan on the page: %d %s", rec.Code, rec.Body)
		}
		// The employer sees the application, tagged, and works it as any other.
		if b := f.page(fmt.Sprintf("/enterprise/job-applications/%d", appID), f.token("employer")).Body.String(); !strings.Contains(b, "招聘会现场投递") {
			t.Error("the employer's application page does not say it was sent at the fair")
		}
		for _, to := range []string{"interview", "hired"} {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/job-applications/%d/status", appID), f.token("employer"), map[string]any{"status": to}); rec.Code != 200 {
				t.Fatalf("%s: %d %s", to, rec.Code, rec.Body)
			}
		}

		// Results: not another employer's booth (404, audited); checked; recorded.
		results := func(role string, in map[string]any) (int, string) {
			rec := f.do("POST", fmt.Sprintf("%s/booths/%d/results", fairPath, booth["employer"]), f.token(role), in)
			return rec.Code, rec.Body.String()
		}
		if c, b := results("employer2", map[string]any{"intentions": 9, "hires": 9}); c != 404 {
			t.Fatalf("another employer's results: %d %s", c, b)
		}
		denied, err := db.ListAudit(ctx, audit.Filter{Action: audit.AccessDenied, ObjectType: "fair_booth", ObjectID: strconv.FormatInt(booth["employer"], 10)})
		if err != nil || len(denied) != 1 || denied[0].ActorID != f.users["employer2"].User.ID {
			t.Fatalf("the refusal was not audited: %+v %v", denied, err)
		}
		if c, b := results("employer", map[string]any{"intentions": 1, "hires": 3}); c != 422 || !strings.Contains(b, "hires") {
			t.Fatalf("more hires than intentions: %d %s", c, b)
		}
		if c, b := results("employer", map[string]any{"intentions": 5, "hires": 2}); c != 200 || !strings.Contains(b, `"hires":2`) {
			t.Fatalf("results: %d %s", c, b)
		}
		if rec := f.form(fmt.Sprintf("/fairs/%d/booths/%d/results", fair, booth["employer2"]), f.token("employer2"),
			url.Values{"intentions": {"3"}, "hires": {"1"}}); rec.Code != 303 {
			t.Fatalf("results on the page: %d %s", rec.Code, rec.Body)
		}

		// The totals, to staff only (a new login: the clock moved past the first one's idle limit).
		staff = f.token("staff")
		tot, _ := decode(t, f.do("GET", fairPath, staff, nil))["totals"].(map[string]any)
		want := map[string]float64{"booths": 2, "applied": 0, "preregistered": 1, "resumes": 2, "intentions": 8, "hires": 3, "hired_on_board": 1, "recorded": 2}
		for k, v := range want {
			if tot[k] != v {
				t.Errorf("totals[%s] = %v, want %v (%v)", k, tot[k], v, tot)
			}
		}
		if _, ok := decode(t, f.do("GET", fairPath, f.token("employer"), nil))["totals"]; ok {
			t.Error("an employer sees the fair's totals")
		}
		if b := f.page(fmt.Sprintf("/fairs/%d", fair), staff).Body.String(); !strings.Contains(b, "招聘会成效") || !strings.Contains(b, "8 人") {
			t.Error("the staff's fair page has no totals")
		}
		// The booth-by-booth results as a spreadsheet, to staff.
		xlsx := fmt.Sprintf("/console/fairs/%d/results.xlsx", fair)
		if rec := f.page(xlsx, staff); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("results export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		} else if x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes())); err != nil {
			t.Errorf("results export does not open: %v", err)
		} else {
			rows, err := x.GetRows(x.GetSheetList()[0])
			x.Close()
			if err != nil || len(rows) != 4 || rows[1][4] != "3" || rows[2][5] != "2" {
				t.Errorf("results export: %v (want the header and the 3 booths, the approved ones with their intentions and hires), %v", rows, err)
			}
		}
		if rec := f.page(xlsx, f.token("employer")); rec.Code != 403 {
			t.Errorf("an employer exports the fair's results: %d", rec.Code)
		}

		// The station's page counts its event's sign-ups and hires.
		st := decode(t, f.do("GET", fmt.Sprintf("/api/v1/stations/%d", stationID), "", nil))
		stats := st["stats"].(map[string]any)
		for k, v := range map[string]float64{"events": 1, "signups": 1, "resumes": 2, "hired": 1, "booth_intentions": 8, "booth_hires": 3} {
			if stats[k] != v {
				t.Errorf("station stats[%s] = %v, want %v (%v)", k, stats[k], v, stats)
			}
		}
		if b := f.page(fmt.Sprintf("/stations/%d", stationID), "").Body.String(); !strings.Contains(b, "东西湖区企业专场对接会") || !strings.Contains(b, "0718-6832100") {
			t.Error("the station's page lacks its event or its contact")
		}
	})
}
