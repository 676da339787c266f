package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCounselling: a counsellor opens slots; a person books one with a
// concern; nobody else gets the slot; the person never sees notes; the
// counsellor's record is theirs alone (others 404, audited); supervisors
// see counts only; an admin opens it by break-glass with a reason, which
// is audited and told to the counsellor.
func TestCounselling(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		f.counsellorUser("counsellor", "心理咨询师周")
		f.counsellorUser("counsellor2", "心理咨询师吴")
		ctx := context.Background()
		c := f.token("counsellor")
		day := chinatime.Today(time.Now()).AddDate(0, 0, 3).Format(time.DateOnly)
		slot := func(body map[string]any) (int, string) {
			rec := f.do("POST", "/api/v1/counsel/slots", c, body)
			return rec.Code, rec.Body.String()
		}
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"date": "2020-01-01", "start": "14:00", "end": "15:00", "mode": "phone"}, "start"},
			{map[string]any{"date": day, "start": "14:00", "end": "14:05", "mode": "phone"}, "end"},
			{map[string]any{"date": day, "start": "14:00", "end": "15:00", "mode": "in_person"}, "place"},
			{map[string]any{"date": day, "start": "14:00", "end": "15:00", "mode": "carrier pigeon"}, "mode"},
		} {
			if code, body := slot(bad.body); code != 422 || !strings.Contains(body, `"`+bad.field+`"`) {
				t.Errorf("bad slot %v: %d %s", bad.body, code, body)
			}
		}
		if code, body := slot(map[string]any{"date": day, "start": "14:00", "end": "15:00", "mode": "in_person", "place": "青年之家 2 楼咨询室", "weeks": 2}); code != 201 {
			t.Fatalf("slots: %d %s", code, body)
		}
		if code, body := slot(map[string]any{"date": day, "start": "14:30", "end": "15:30", "mode": "phone"}); code != 422 || !strings.Contains(body, "重叠") {
			t.Fatalf("overlapping slot: %d %s", code, body)
		}
		open := decode(t, f.do("GET", "/api/v1/counselling/slots", "", nil))
		if !strings.Contains(fmt.Sprint(open["crisis_hotline"]), "12356") || len(open["items"].([]any)) != 2 {
			t.Fatalf("open slots: %v", open)
		}
		slotID := int64(open["items"].([]any)[0].(map[string]any)["id"].(float64))

		// Ten people at once for one slot: exactly one gets it.
		var wg sync.WaitGroup
		codes := make([]int, 10)
		tokens := make([]string, 10)
		for i := range tokens {
			f.users["p"+strconv.Itoa(i)] = f.registerPerson("来访者" + strconv.Itoa(i))
			tokens[i] = f.token("p" + strconv.Itoa(i))
		}
		for i := range tokens {
			wg.Go(func() {
				codes[i] = f.do("POST", fmt.Sprintf("/api/v1/counselling/slots/%d/bookings", slotID), tokens[i], map[string]any{"concern": "最近找工作压力很大，睡不好"}).Code
			})
		}
		wg.Wait()
		won, winner := 0, ""
		for i, code := range codes {
			switch code {
			case 201:
				won++
				winner = "p" + strconv.Itoa(i)
			case 409:
			default:
				t.Errorf("booking %d: %d", i, code)
			}
		}
		if won != 1 {
			t.Fatalf("%d people got the one slot", won)
		}
		mine := decode(t, f.do("GET", "/api/v1/me/counselling", f.token(winner), nil))
		item := mine["items"].([]any)[0].(map[string]any)
		if _, has := item["concern"]; has || item["notes"] != nil {
			t.Fatalf("the person's list shows sealed fields: %v", item)
		}
		bookingID := int64(item["id"].(float64))
		path := fmt.Sprintf("/api/v1/counselling/bookings/%d", bookingID)

		// The counsellor reads the concern and writes notes; closing before the start is refused.
		rec := f.do("GET", path, c, nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "找工作压力很大") {
			t.Fatalf("counsellor's record: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", path+"/notes", c, map[string]any{"notes": "初步评估：求职压力，低风险；建议职业指导转介", "outcome": "done"}); rec.Code != 422 {
			t.Fatalf("closing before the start: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", path+"/notes", c, map[string]any{"notes": "初步评估：求职压力，低风险；建议职业指导转介"}); rec.Code != 200 {
			t.Fatalf("notes: %d %s", rec.Code, rec.Body)
		}
		// Nobody else: the person sees no notes; another person, another counsellor, staff and a reviewer get 404, audited.
		if body := f.do("GET", path, f.token(winner), nil).Body.String(); strings.Contains(body, "低风险") || strings.Contains(body, "找工作压力") {
			t.Fatalf("the person sees sealed fields: %s", body)
		}
		for _, role := range []string{"person", "counsellor2", "staff", "reviewer", "admin"} {
			if rec := f.do("GET", path, f.token(role), nil); rec.Code != 404 {
				t.Errorf("%s reads the record: %d", role, rec.Code)
			}
		}
		if rec := f.page(fmt.Sprintf("/counsel/bookings/%d", bookingID), f.token("counsellor2")); rec.Code != 404 {
			t.Errorf("another counsellor's page: %d", rec.Code)
		}
		denied, err := db.ListAudit(ctx, audit.Filter{Action: audit.AccessDenied, ObjectType: "counsel_booking", ObjectID: strconv.FormatInt(bookingID, 10)})
		if err != nil || len(denied) < 5 {
			t.Errorf("refused reads audited: %d %v", len(denied), err)
		}
		// Supervisors: counts, no names or content.
		counts := f.do("GET", "/api/v1/counselling/counts", f.token("staff"), nil).Body.String()
		if !strings.Contains(counts, "心理咨询师周") || strings.Contains(counts, "来访者") || strings.Contains(counts, "压力") {
			t.Fatalf("counts: %s", counts)
		}
		if rec := f.page("/console/counselling.xlsx", f.token("staff")); rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Errorf("counts export: %d", rec.Code)
		}
		// Break-glass: a reason is required; then the record, audited, and the counsellor told.
		bg := path + "/break-glass"
		if rec := f.do("POST", bg, f.token("admin"), map[string]any{"reason": "查看"}); rec.Code != 422 {
			t.Fatalf("break-glass without a reason: %d", rec.Code)
		}
		if rec := f.do("POST", bg, f.token("staff"), map[string]any{"reason": "当事人家属报告失联，需要核实最近一次咨询"}); rec.Code != 403 {
			t.Fatalf("staff break-glass: %d", rec.Code)
		}
		rec = f.do("POST", bg, f.token("admin"), map[string]any{"reason": "当事人家属报告失联，需要核实最近一次咨询"})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "低风险") {
			t.Fatalf("break-glass: %d %s", rec.Code, rec.Body)
		}
		opened, err := db.ListAudit(ctx, audit.Filter{Action: "counsel.breakglass", ObjectType: "counsel_booking", ObjectID: strconv.FormatInt(bookingID, 10)})
		if err != nil || len(opened) != 1 || !strings.Contains(opened[0].Summary, "家属报告失联") {
			t.Fatalf("break-glass audit: %+v %v", opened, err)
		}
		if !strings.Contains(f.page("/inbox", c).Body.String(), "管理员查看了一条咨询记录") {
			t.Error("the counsellor was not told of the break-glass")
		}
		// Pages.
		for _, pc := range []struct{ path, role, want, not string }{
			{"/counselling", "", "12356", ""},
			{"/me/counselling", winner, "心理咨询师周", "压力"},
			{"/counsel", "counsellor", "咨询工作台", ""},
			{fmt.Sprintf("/counsel/bookings/%d", bookingID), "counsellor", "找工作压力很大", ""},
			{"/console/counselling", "admin", "紧急查看", "压力"},
			{"/console/counselling", "staff", "心理咨询师周", "紧急查看一条"},
		} {
			rec := f.page(pc.path, f.token(pc.role))
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), pc.want) || (pc.not != "" && strings.Contains(rec.Body.String(), pc.not)) {
				t.Errorf("%s as %s: %d, want %q without %q", pc.path, pc.role, rec.Code, pc.want, pc.not)
			}
		}
		// The person cancels: the slot is open again and the counsellor told.
		if rec := f.form(fmt.Sprintf("/counselling/bookings/%d/cancel", bookingID), f.token(winner), url.Values{}); rec.Code != 303 {
			t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
		}
		if n := len(decode(t, f.do("GET", "/api/v1/counselling/slots", "", nil))["items"].([]any)); n != 2 {
			t.Fatalf("after the cancel %d open slots", n)
		}
		if !strings.Contains(f.page("/inbox", c).Body.String(), "咨询预约已取消") {
			t.Error("the counsellor was not told of the cancel")
		}
	})
}
