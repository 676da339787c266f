package server_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// gigForm is a valid gig as the employer's form posts it: three shift
// rows, the last one empty.
func gigForm(edit func(v url.Values)) url.Values {
	v := url.Values{"title": {"超市理货"}, "occupation_code": {"4-01-02-03"}, "description": {"夜间补货理货，按陈列图上架，需要站立工作。"},
		"pay_amount": {"22.5"}, "pay_unit": {"hour"}, "slots": {"4"}, "region_code": {"420112001"}, "address": {"吴家山超市后门"},
		"shift_date": {gigDay, "2026-05-13", ""}, "shift_start": {"08:00", "08:00", ""}, "shift_end": {"12:00", "12:00", ""},
		"provided": {"包餐"}, "cancel_hours": {"12"}, "instant_accept": {"1"}, "op": {"save"}}
	if edit != nil {
		edit(v)
	}
	return v
}

// TestGigPagesJourney: the whole path through the HTML faces without
// JavaScript: the employer's form keeps what was typed on an error and
// names the bad shift row, "检查内容" shows the screening result without
// saving, a saved gig waits in the review queue, the reviewer approves it,
// a worker finds it on 附近的零工 by street with "已报名 0/4", signs up for
// one shift, sees it under 我的零工 and cancels it.
func TestGigPagesJourney(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		emp := f.token("employer")
		if rec := f.page("/gig-posts/new", emp); rec.Code != 200 || !strings.Contains(rec.Body.String(), "推荐工种") {
			t.Fatalf("new gig form: %d", rec.Code)
		}
		rec := f.form("/gig-posts/new", emp, gigForm(func(v url.Values) { v["shift_end"] = []string{"12:00", "07:00", ""} }))
		body := rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "结束时间必须晚于开始时间") || !strings.Contains(body, "夜间补货理货") {
			t.Fatalf("bad shift row: %d %s", rec.Code, excerpt(body))
		}
		before, _ := db.Count(context.Background(), "gig_posts")
		rec = f.form("/gig-posts/new", emp, gigForm(func(v url.Values) {
			v.Set("op", "screen")
			v.Set("description", "夜间补货，入职先交押金 100 元，联系微信 abc123456")
		}))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "内容筛查结果") || !strings.Contains(rec.Body.String(), `class="flag block"`) {
			t.Fatalf("screen without saving: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		if after, _ := db.Count(context.Background(), "gig_posts"); after != before {
			t.Fatal("检查内容 saved the gig")
		}
		rec = f.form("/gig-posts/new", emp, gigForm(nil))
		if rec.Code != 303 || rec.Header().Get("Location") != "/gig-posts?done=created" {
			t.Fatalf("save: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		list := f.page("/gig-posts", emp).Body.String()
		if !strings.Contains(list, "超市理货") || !strings.Contains(list, "22.5 元/小时") || !strings.Contains(list, "待审核") {
			t.Fatalf("employer list: %s", excerpt(list))
		}
		gigs, _ := db.Gigs().GigsOfEnterprise(context.Background(), f.users["employer"].User.EnterpriseID, 1)
		id := strconv.FormatInt(gigs[0].ID, 10)
		rev := f.token("reviewer")
		if q := f.page("/console/gigs/review", rev).Body.String(); !strings.Contains(q, "超市理货") {
			t.Fatalf("review queue: %s", excerpt(q))
		}
		if rec := f.form("/console/gigs/"+id+"/review", rev, url.Values{"action": {"approve"}}); rec.Code != 303 {
			t.Fatalf("approve: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		page := f.page("/gigs?street=420112001", "").Body.String()
		if !strings.Contains(page, "超市理货") || !strings.Contains(page, "已报名 0/4") || !strings.Contains(page, "明天") {
			t.Fatalf("附近的零工: %s", excerpt(page))
		}
		if p := f.page("/gigs?street=420112002", "").Body.String(); strings.Contains(p, "超市理货") {
			t.Fatal("found in another street")
		}
		person := f.token("person")
		detail := f.page("/gigs/"+id, person).Body.String()
		if !strings.Contains(detail, "报名全部班次") || !strings.Contains(detail, "包餐") {
			t.Fatalf("detail: %s", excerpt(detail))
		}
		shift := strconv.FormatInt(f.gigShift(gigs[0].ID, 0), 10)
		rec = f.form("/gigs/"+id+"/signup", person, url.Values{"shift_id": {shift}})
		if rec.Code != 303 || !strings.HasSuffix(rec.Header().Get("Location"), "done=signed") {
			t.Fatalf("sign up: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		rec = f.form("/gigs/"+id+"/signup", person, url.Values{"shift_id": {shift}})
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "不能重复报名") {
			t.Fatalf("second sign-up: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		if p := f.page("/gigs?street=420112001", "").Body.String(); !strings.Contains(p, "已报名 1/4") {
			t.Fatalf("fill after sign-up: %s", excerpt(p))
		}
		mine := f.page("/me/gigs", person).Body.String()
		if !strings.Contains(mine, "超市理货") || !strings.Contains(mine, "已录用") {
			t.Fatalf("我的零工: %s", excerpt(mine))
		}
		signups, _ := db.Gigs().SignupsOfPerson(context.Background(), f.users["person"].User.PersonID, 5)
		if rec := f.form("/me/gig-signups/"+strconv.FormatInt(signups[0].ID, 10)+"/cancel", f.token("person2"), nil); rec.Code != 404 {
			t.Fatalf("someone else cancels: %d", rec.Code)
		}
		rec = f.form("/me/gig-signups/"+strconv.FormatInt(signups[0].ID, 10)+"/cancel", person, nil)
		if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "done=cancelled") {
			t.Fatalf("cancel: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		names := f.page("/gig-posts/"+id+"/signups", emp).Body.String()
		if !strings.Contains(names, "王小明") || !strings.Contains(names, "已取消") {
			t.Fatalf("sign-up list: %s", excerpt(names))
		}
	})
}

// TestGigProfilePage: the gig profile form saves skills, days, hours, a
// street and a home point rounded to about a kilometre, and refuses hours
// that end before they start while keeping what was typed.
func TestGigProfilePage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		tok := f.token("person")
		rec := f.form("/me/gig-profile", tok, url.Values{"skills": {"搬运、保洁"}, "days": {"6", "0"}, "hour_from": {"18"}, "hour_to": {"8"},
			"home_region": {"420112001"}, "radius_km": {"5"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "结束晚于开始") || !strings.Contains(rec.Body.String(), "搬运、保洁") {
			t.Fatalf("bad hours: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		rec = f.form("/me/gig-profile", tok, url.Values{"skills": {"搬运、保洁"}, "days": {"6", "0"}, "hour_from": {"8"}, "hour_to": {"18"},
			"home_region": {"420112001"}, "home_lat": {"30.6347"}, "home_lng": {"114.1333"}, "radius_km": {"5"}})
		if rec.Code != 303 {
			t.Fatalf("save profile: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		p, ok, err := db.Gigs().GigProfile(context.Background(), f.users["person"].User.PersonID)
		if err != nil || !ok || p.HomeLat != 30.63 || p.HomeLng != 114.13 || len(p.Days) != 2 || p.RadiusKm != 5 || len(p.Skills) != 2 {
			t.Fatalf("stored profile: %+v %v", p, err)
		}
	})
}

// TestGigStation: a 零工驿站 clerk signs a worker up from the gig page by
// the phone the worker gives (audited on the person), an unknown or
// malformed number is refused on the page, the day's list shows the
// worker and exports to Excel, and the employer exports the sign-ups.
func TestGigStation(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.publishedGig("employer", nil)
		path := "/gigs/" + strconv.FormatInt(id, 10)
		staff := f.token("staff")
		if p := f.page(path, staff).Body.String(); !strings.Contains(p, "零工驿站代为报名") {
			t.Fatalf("no station form for staff: %s", excerpt(p))
		}
		shift := strconv.FormatInt(f.gigShift(id, 0), 10)
		rec := f.form(path+"/signup-for", staff, url.Values{"lookup": {"12345"}, "shift_id": {shift}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "11 位手机号或 18 位身份证号") {
			t.Fatalf("malformed lookup: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		rec = f.form(path+"/signup-for", staff, url.Values{"lookup": {"13800000000"}, "shift_id": {shift}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "没有找到") {
			t.Fatalf("unknown phone: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		phone := f.users["person"].User.Phone
		rec = f.form(path+"/signup-for", staff, url.Values{"lookup": {phone}, "shift_id": {shift}})
		if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "done=station") {
			t.Fatalf("station sign-up: %d %s", rec.Code, excerpt(rec.Body.String()))
		}
		if n := auditFor(t, db, "gig.signup_for", "person", f.users["person"].User.PersonID, "ok"); n != 1 {
			t.Fatalf("station sign-up audited %d times", n)
		}
		if rec := f.form(path+"/signup-for", f.token("person"), url.Values{"lookup": {phone}, "shift_id": {shift}}); rec.Code != 403 {
			t.Fatalf("a person uses the station form: %d", rec.Code)
		}
		day := f.page("/console/gigs/station?date="+gigDay+"&district=420112", staff).Body.String()
		if !strings.Contains(day, "仓库搬运") || !strings.Contains(day, "王小明（已录用）") {
			t.Fatalf("station day list: %s", excerpt(day))
		}
		x := f.page("/console/gigs/station?format=xlsx&date="+gigDay, staff)
		if rows := openXLSX(t, x); len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "王小明") {
			t.Fatalf("station export: %v", rows)
		}
		x = f.page("/gig-posts/"+strconv.FormatInt(id, 10)+"/signups?format=xlsx", f.token("employer"))
		if rows := openXLSX(t, x); len(rows) != 2 || rows[1][1] != "王小明" || rows[1][2] != "已录用" {
			t.Fatalf("sign-up export: %v", rows)
		}
	})
}

// TestGigsNearHome: a person with a gig profile opens 附近的零工 around
// the home and distance it gives, and can ask for all gigs instead.
func TestGigsNearHome(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		f.publishedGig("employer", nil) // at 30.63,114.13
		f.publishedGig("employer2", func(m map[string]any) { m["title"], m["lat"], m["lng"] = "远处的零工", 30.95, 114.40 })
		tok := f.token("person")
		if p := f.page("/gigs", tok).Body.String(); !strings.Contains(p, "远处的零工") {
			t.Fatalf("without a profile every gig shows: %s", excerpt(p))
		}
		if rec := f.do("PUT", "/api/v1/me/gig-profile", tok, map[string]any{"home_lat": 30.635, "home_lng": 114.135, "radius_km": 5,
			"hour_from": 0, "hour_to": 24}); rec.Code != 200 {
			t.Fatalf("profile: %d %s", rec.Code, rec.Body)
		}
		p := f.page("/gigs", tok).Body.String()
		if !strings.Contains(p, "仓库搬运") || strings.Contains(p, "远处的零工") || !strings.Contains(p, "常在位置") {
			t.Fatalf("around home: %s", excerpt(p))
		}
		if p := f.page("/gigs?any=1", tok).Body.String(); !strings.Contains(p, "远处的零工") {
			t.Fatalf("查看全部: %s", excerpt(p))
		}
	})
}
