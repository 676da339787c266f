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
// station through the full router: the fair names its station by id (one
// must be picked), booth applications (an unverified enterprise refused),
// approvals at places (a place given twice is a conflict), the booth map,
// seekers pre-registering with the station that brought them (the fair's
// own by default, another, or none), sending their resume at a booth (a
// job application tagged with the fair and that station, which the
// employer sees; twice is a conflict), another employer refused the
// results of a booth not theirs (404, audited), and the results and
// totals counted on the fair's page and export (per station: brought and
// hired) and on the station's page, which keeps its event when renamed.
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
		rec = f.do("POST", "/api/v1/stations", staff, map[string]any{"name": "恩施市劳务工作站", "kind": "station", "region": "湖北省恩施州恩施市",
			"contact_name": "谭站长", "contact_phone": "0718-8221234"})
		enshi := int64(decode(t, rec)["id"].(float64))
		rec = f.do("POST", "/api/v1/stations", staff, map[string]any{"name": "华中农业大学联络站", "kind": "university", "region": "武汉市洪山区",
			"contact_name": "李老师", "contact_phone": "027-87281234"})
		univ := int64(decode(t, rec)["id"].(float64))
		day := chinatime.Today(now).AddDate(0, 0, 2)
		start := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, chinatime.Zone)
		body := activityBody("咸丰县劳务工作站·东西湖区企业专场对接会", "first_come", 200, now.Add(-time.Minute), start.Add(-time.Hour), start)
		body["kind"], body["organiser"], body["org_name"], body["series"] = "labour", "station", "", ""
		// A station's event names its station: none, one not registered, or
		// one of the other kind are field errors.
		for _, c := range []struct {
			id   any
			want string
		}{{nil, "请选择主办的劳务工作站"}, {99999, "请从列表中选择"}, {univ, "高校联络站"}} {
			body["station_id"] = c.id
			if rec := f.do("POST", "/api/v1/activities", staff, body); rec.Code != 422 || !strings.Contains(rec.Body.String(), c.want) {
				t.Fatalf("station_id %v: %d %s", c.id, rec.Code, rec.Body)
			}
		}
		body["station_id"] = stationID
		fair := f.publishActivity(body)
		if got := decode(t, f.do("GET", fmt.Sprintf("/api/v1/activities/%d", fair), "", nil))["activity"].(map[string]any); got["org_name"] != "咸丰县劳务工作站" ||
			int64(got["station_id"].(float64)) != stationID {
			t.Fatalf("the fair's organiser: %v", got)
		}
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

		// Seekers pre-register: one with the fair's own station (the
		// default), one on the page naming another station, one with none.
		signups := fmt.Sprintf("/api/v1/activities/%d/signups", fair)
		if rec := f.do("POST", signups, f.token("person"), nil); rec.Code != 201 || int64(decode(t, rec)["station_id"].(float64)) != stationID {
			t.Fatalf("pre-registration: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", signups, f.token("person2"), map[string]any{"station_id": 99999}); rec.Code != 422 || !strings.Contains(rec.Body.String(), "station_id") {
			t.Fatalf("pre-registration with no such station: %d %s", rec.Code, rec.Body)
		}
		actPage := f.page(fmt.Sprintf("/activities/%d", fair), f.token("person2")).Body.String()
		if !strings.Contains(actPage, `name="station_id"`) || !strings.Contains(actPage, fmt.Sprintf(`<option value="%d" selected>咸丰县劳务工作站`, stationID)) {
			t.Fatalf("the fair's sign-up form has no station picker with the fair's station chosen")
		}
		if rec := f.form(fmt.Sprintf("/activities/%d/signup", fair), f.token("person2"), url.Values{"station_id": {strconv.FormatInt(enshi, 10)}}); rec.Code != 303 {
			t.Fatalf("pre-registration on the page: %d %s", rec.Code, rec.Body)
		}
		f.users["person3"] = f.registerPerson("赵小刚")
		if rec := f.do("POST", signups, f.token("person3"), map[string]any{"station_id": 0}); rec.Code != 201 || decode(t, rec)["station_id"] != nil {
			t.Fatalf("pre-registration with no station: %d %s", rec.Code, rec.Body)
		}
		if b := f.page(fmt.Sprintf("/activities/%d", fair), f.token("person2")).Body.String(); !strings.Contains(b, "由恩施市劳务工作站组织参会") {
			t.Error("the person's sign-up does not say which station brought them")
		}
		// The QR code sends nothing before the fair.
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
		// person2 sends theirs from the page: tagged with the station that brought them.
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
		want := map[string]float64{"booths": 2, "applied": 0, "preregistered": 3, "resumes": 2, "intentions": 8, "hires": 3, "hired_on_board": 1, "recorded": 2}
		for k, v := range want {
			if tot[k] != v {
				t.Errorf("totals[%s] = %v, want %v (%v)", k, tot[k], v, tot)
			}
		}
		// Per station: who it brought, and the hires among them.
		byStation := map[string]string{}
		for _, x := range decode(t, f.do("GET", fairPath, staff, nil))["stations"].([]any) {
			m := x.(map[string]any)
			byStation[m["station_name"].(string)] = fmt.Sprintf("%v/%v/%v", m["brought"], m["resumes"], m["hired"])
		}
		if want := map[string]string{"咸丰县劳务工作站": "1/1/1", "恩施市劳务工作站": "1/1/0"}; fmt.Sprint(byStation) != fmt.Sprint(want) {
			t.Errorf("per station (brought/resumes/hired): %v, want %v", byStation, want)
		}
		if _, ok := decode(t, f.do("GET", fairPath, f.token("employer"), nil))["totals"]; ok {
			t.Error("an employer sees the fair's totals")
		}
		if b := f.page(fmt.Sprintf("/fairs/%d", fair), staff).Body.String(); !strings.Contains(b, "招聘会成效") || !strings.Contains(b, "8 人") ||
			!strings.Contains(b, "各工作站带来与录用") || !strings.Contains(b, `<td data-label="带来">1 人</td><td data-label="现场投递">1 份</td><td data-label="录用">1 人</td>`) {
			t.Error("the staff's fair page has no totals or no per-station results")
		}
		// The booth-by-booth results as a spreadsheet, to staff.
		xlsx := fmt.Sprintf("/console/fairs/%d/results.xlsx", fair)
		if rec := f.page(xlsx, staff); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("results export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		} else if x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes())); err != nil {
			t.Errorf("results export does not open: %v", err)
		} else {
			rows, err := x.GetRows(x.GetSheetList()[0])
			if err != nil || len(rows) != 4 || rows[1][4] != "3" || rows[2][5] != "2" {
				t.Errorf("results export: %v (want the header and the 3 booths, the approved ones with their intentions and hires), %v", rows, err)
			}
			if len(x.GetSheetList()) != 2 {
				t.Errorf("results export sheets: %v", x.GetSheetList())
			} else if rows, err := x.GetRows(x.GetSheetList()[1]); err != nil || len(rows) != 3 ||
				strings.Join(rows[1], ",") != "咸丰县劳务工作站,1,1,1" || strings.Join(rows[2], ",") != "恩施市劳务工作站,1,1,0" {
				t.Errorf("per-station export: %v %v", rows, err)
			}
			x.Close()
		}
		if rec := f.page(xlsx, f.token("employer")); rec.Code != 403 {
			t.Errorf("an employer exports the fair's results: %d", rec.Code)
		}

		// The station's page counts its event's sign-ups, the workers it
		// brought and the hires among them; renamed, it keeps them all.
		checkStation := func(name string) {
			t.Helper()
			st := decode(t, f.do("GET", fmt.Sprintf("/api/v1/stations/%d", stationID), "", nil))
			stats := st["stats"].(map[string]any)
			for k, v := range map[string]float64{"events": 1, "signups": 3, "brought": 1, "resumes": 1, "hired": 1, "booth_intentions": 8, "booth_hires": 3} {
				if stats[k] != v {
					t.Errorf("%s: station stats[%s] = %v, want %v (%v)", name, k, stats[k], v, stats)
				}
			}
			if fairs := st["fairs"].([]any); len(fairs) != 1 || fmt.Sprint(fairs[0].(map[string]any)["brought"], fairs[0].(map[string]any)["hired"]) != "1 1" {
				t.Errorf("%s: the station's fairs: %v", name, fairs)
			}
			b := f.page(fmt.Sprintf("/stations/%d", stationID), "").Body.String()
			for _, want := range []string{name, "东西湖区企业专场对接会", "0718-6832100", "带来 1 人，录用 1 人"} {
				if !strings.Contains(b, want) {
					t.Errorf("the station's page lacks %q", want)
				}
			}
		}
		checkStation("咸丰县劳务工作站")
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/stations/%d", stationID), staff, map[string]any{"name": "恩施市劳务工作站", "kind": "station",
			"region": "湖北省恩施州咸丰县", "contact_name": "向站长", "contact_phone": "0718-6832100"}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "name") {
			t.Fatalf("renamed to another station's name: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/stations/%d", stationID), staff, map[string]any{"name": "咸丰县人社局劳务工作站", "kind": "station",
			"region": "湖北省恩施州咸丰县", "contact_name": "向站长", "contact_phone": "0718-6832100"}); rec.Code != 200 {
			t.Fatalf("rename: %d %s", rec.Code, rec.Body)
		}
		checkStation("咸丰县人社局劳务工作站")
		if b := f.page(fmt.Sprintf("/fairs/%d", fair), "").Body.String(); !strings.Contains(b, "咸丰县人社局劳务工作站") {
			t.Error("the fair's page does not name its station by its new name")
		}
	})
}
