package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

// TestStationsAndStaffActions runs, on one fixture per store (each costs
// a schema), staff's edit of a station, their sign-up of a person on the
// person's behalf, and their schools and bookings for a school.
func TestStationsAndStaffActions(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		t.Run("station edit", func(t *testing.T) { checkStationEditPage(t, db, f) })
		t.Run("sign up for", func(t *testing.T) { checkActivitySignUpFor(t, db, f) })
		t.Run("visits for a school", func(t *testing.T) { checkSchoolVisitsForSchool(t, db, f) })
	})
}

// checkStationEditPage: staff's edit form of a station re-renders what was
// typed with the messages next to the fields (an empty name, a name
// another station has), saves an edit audited, and is refused to others.
func checkStationEditPage(t *testing.T, db *store.DB, f *fixture) {
	ctx := context.Background()
	staff := f.token("staff")
	ids := map[string]int64{}
	for _, name := range []string{"随州市劳务工作站", "恩施市劳务工作站"} {
		rec := f.do("POST", "/api/v1/stations", staff, map[string]any{"name": name, "kind": "station", "region": "湖北省",
			"contact_name": "胡站长", "contact_phone": "0722-3251234"})
		if rec.Code != 201 {
			t.Fatalf("station: %d %s", rec.Code, rec.Body)
		}
		ids[name] = int64(decode(t, rec)["id"].(float64))
	}
	id := ids["随州市劳务工作站"]
	edit := fmt.Sprintf("/console/stations/%d/edit", id)
	if b := f.page(edit, staff).Body.String(); !strings.Contains(b, `value="随州市劳务工作站"`) || !strings.Contains(b, `value="0722-3251234"`) {
		t.Fatalf("edit form: %s", b)
	}
	if rec := f.page(edit, f.token("person")); rec.Code != 403 {
		t.Fatalf("a person opens the edit form: %d", rec.Code)
	}
	save := fmt.Sprintf("/console/stations/%d", id)
	vals := url.Values{"name": {""}, "kind": {"station"}, "region": {"湖北省随州市曾都区"}, "contact_name": {"胡站长"}, "contact_phone": {"12"}}
	rec := f.form(save, staff, vals)
	b := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(b, `id="e-name"`) || !strings.Contains(b, `id="e-contact_phone"`) || !strings.Contains(b, "湖北省随州市曾都区") {
		t.Fatalf("bad edit: %d %s", rec.Code, b)
	}
	vals.Set("name", "恩施市劳务工作站")
	vals.Set("contact_phone", "0722-3251234")
	if rec := f.form(save, staff, vals); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已有同名的工作站") {
		t.Fatalf("another station's name: %d %s", rec.Code, rec.Body)
	}
	vals.Set("name", "随州市人社局劳务工作站")
	if rec := f.form(save, staff, vals); rec.Code != 303 || rec.Header().Get("Location") != fmt.Sprintf("/stations/%d?done=saved", id) {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	if b := f.page(fmt.Sprintf("/stations/%d", id), "").Body.String(); !strings.Contains(b, "随州市人社局劳务工作站") || !strings.Contains(b, "曾都区") {
		t.Error("the station's page does not show the edit")
	}
	es, err := db.ListAudit(ctx, audit.Filter{Action: "station.update", ObjectType: "station", ObjectID: strconv.FormatInt(id, 10)})
	if err != nil || len(es) != 1 || !strings.Contains(es[0].Summary, "随州市劳务工作站 改名为 随州市人社局劳务工作站") {
		t.Fatalf("the edit was not audited: %+v %v", es, err)
	}
	if rec := f.do("PUT", fmt.Sprintf("/api/v1/stations/%d", id), f.token("employer"), map[string]any{"name": "x"}); rec.Code != 403 {
		t.Fatalf("an employer edits a station: %d", rec.Code)
	}
}

// checkActivitySignUpFor: staff find a person by name on an activity's
// roster and sign them up on their behalf (at a fair, with the station
// that brought them): the same rules as the person's own sign-up (twice
// is refused, said to staff), an audit entry on the person, a message to
// them; the API does the same; a station named at a course is refused.
func checkActivitySignUpFor(t *testing.T, db *store.DB, f *fixture) {
	ctx := context.Background()
	staff := f.token("staff")
	now := time.Now()
	rec := f.do("POST", "/api/v1/stations", staff, map[string]any{"name": "咸丰县劳务工作站", "kind": "station", "region": "湖北省恩施州咸丰县",
		"contact_name": "向站长", "contact_phone": "0718-6832100"})
	station := int64(decode(t, rec)["id"].(float64))
	day := chinatime.Today(now).AddDate(0, 0, 3)
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, chinatime.Zone)
	body := activityBody("2026年冬季大型招聘会", "first_come", 100, now.Add(-time.Minute), start.Add(-time.Hour), start)
	body["kind"], body["organiser"], body["org_name"], body["series"] = "fair", "bureau", "区人社局", ""
	body["station_id"] = station // ignored: the bureau's fair names no station
	fair := f.publishActivity(body)
	if got := decode(t, f.do("GET", fmt.Sprintf("/api/v1/activities/%d", fair), "", nil))["activity"].(map[string]any); got["station_id"] != nil {
		t.Fatalf("a bureau's fair names a station: %v", got)
	}
	course := f.publishActivity(activityBody("青年夜校·烘焙", "first_come", 10, now.Add(-time.Minute), start.AddDate(0, 0, 1).Add(-time.Hour), start.AddDate(0, 0, 1)))
	if rec := f.do("POST", fmt.Sprintf("/api/v1/activities/%d/signups", course), f.token("person2"), map[string]any{"station_id": station}); rec.Code != 422 ||
		!strings.Contains(rec.Body.String(), "station_id") {
		t.Fatalf("a station named at a course: %d %s", rec.Code, rec.Body)
	}

	// The roster's search finds the person by name, masked.
	person := f.users["person"].User
	people, err := db.Registry().PersonsByIDs(ctx, []int64{person.PersonID})
	if err != nil {
		t.Fatal(err)
	}
	p := people[person.PersonID]
	roster := fmt.Sprintf("/console/activities/%d/roster", fair)
	b := f.page(roster+"?q="+url.QueryEscape(p.Name), staff).Body.String()
	if !strings.Contains(b, "代为报名") || !strings.Contains(b, fmt.Sprintf(`name="person_id" value="%d"`, person.PersonID)) ||
		!strings.Contains(b, `name="station_id"`) || !strings.Contains(b, p.IDMasked) {
		t.Fatalf("roster search: %s", b)
	}
	if rec := f.page(roster+"?q="+url.QueryEscape(p.Name), f.token("person")); rec.Code != 403 {
		t.Fatalf("a person opens the roster: %d", rec.Code)
	}
	vals := url.Values{"person_id": {strconv.FormatInt(person.PersonID, 10)}, "station_id": {strconv.FormatInt(station, 10)}, "q": {p.Name}}
	if rec := f.form(roster, staff, vals); rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "done=signed_for") {
		t.Fatalf("sign up for: %d %s", rec.Code, rec.Body)
	}
	rec = f.form(roster, staff, vals)
	if b := rec.Body.String(); rec.Code != 409 || !strings.Contains(b, "该人员已报名过这个活动") || !strings.Contains(b, "代为报名") {
		t.Fatalf("signed up twice: %d %s", rec.Code, b)
	}
	if rec := f.form(roster, staff, url.Values{"person_id": {"0"}}); rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-person_id"`) {
		t.Fatalf("no person: %d %s", rec.Code, rec.Body)
	}
	b = f.page(roster, staff).Body.String()
	if !strings.Contains(b, p.Name) || !strings.Contains(b, `<td data-label="组织参会">咸丰县劳务工作站</td>`) {
		t.Fatalf("roster after: %s", b)
	}
	es, err := db.ListAudit(ctx, audit.Filter{Action: "activity.signup.for", ObjectType: "person", ObjectID: strconv.FormatInt(person.PersonID, 10)})
	if err != nil || len(es) != 1 || es[0].ActorID != f.users["staff"].User.ID || !strings.Contains(es[0].Summary, "2026年冬季大型招聘会") {
		t.Fatalf("the sign-up for the person was not audited: %+v %v", es, err)
	}
	msgs, _, err := f.app.Inbox.Inbox(ctx, app.Actor{User: person})
	if err != nil || len(msgs) == 0 || !strings.Contains(msgs[0].Title, "工作人员已为您报名") {
		t.Fatalf("the person was not told: %+v %v", msgs, err)
	}
	if rec := f.do("GET", fmt.Sprintf("/api/v1/activities/%d", fair), f.token("person"), nil); !strings.Contains(rec.Body.String(), `"station_name":"咸丰县劳务工作站"`) {
		t.Errorf("the person's sign-up: %s", rec.Body)
	}

	// The API: person_id, and no station given takes the fair's own (none here).
	api := fmt.Sprintf("/api/v1/activities/%d/roster", fair)
	rec = f.do("POST", api, staff, map[string]any{"person_id": f.users["person2"].User.PersonID})
	if rec.Code != 201 || decode(t, rec)["station_id"] != nil || decode(t, rec)["person"] == "" {
		t.Fatalf("sign up for on the API: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("POST", api, staff, map[string]any{"person_id": 999999}); rec.Code != 422 {
		t.Fatalf("sign up for no such person: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("POST", api, f.token("person"), map[string]any{"person_id": f.users["person2"].User.PersonID}); rec.Code != 403 {
		t.Fatalf("a person signs up another: %d", rec.Code)
	}
}

// checkSchoolVisitsForSchool: staff add and edit schools (the forms
// re-render with the messages, the API PUT does the same, audited) and
// book a visit for a school they pick, on the page (a slot taken is
// refused next to the slot) and on the API; the school sees the booking.
func checkSchoolVisitsForSchool(t *testing.T, db *store.DB, f *fixture) {
	ctx := context.Background()
	f.schoolUser("school", "东西湖区实验小学")
	staff := f.token("staff")
	schoolID := f.users["school"].User.SchoolID

	// Schools: add (a duplicate refused), edit (errors re-rendered), API.
	if rec := f.form("/console/schools", staff, url.Values{"name": {"东西湖区实验小学"}}); rec.Code != 409 || !strings.Contains(rec.Body.String(), `id="e-name"`) {
		t.Fatalf("a school twice: %d %s", rec.Code, rec.Body)
	}
	if rec := f.form("/console/schools", staff, url.Values{"name": {"东西湖区第一初级中学"}, "address": {"吴家山"}}); rec.Code != 303 {
		t.Fatalf("add school: %d %s", rec.Code, rec.Body)
	}
	list := decode(t, f.do("GET", "/api/v1/schools", staff, nil))["items"].([]any)
	if len(list) != 2 {
		t.Fatalf("schools: %v", list)
	}
	edit := fmt.Sprintf("/console/schools/%d", schoolID)
	if b := f.page(edit+"/edit", staff).Body.String(); !strings.Contains(b, `value="东西湖区实验小学"`) {
		t.Fatalf("school form: %s", b)
	}
	rec := f.form(edit, staff, url.Values{"name": {""}, "address": {"金山大道 1 号"}})
	if b := rec.Body.String(); rec.Code != 422 || !strings.Contains(b, `id="e-name"`) || !strings.Contains(b, "金山大道 1 号") {
		t.Fatalf("bad school edit: %d %s", rec.Code, b)
	}
	if rec := f.form(edit, staff, url.Values{"name": {"东西湖区实验小学（金山校区）"}, "address": {"金山大道 1 号"}}); rec.Code != 303 {
		t.Fatalf("school edit: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("PUT", fmt.Sprintf("/api/v1/schools/%d", schoolID), staff, map[string]any{"name": "东西湖区第一初级中学"}); rec.Code != 409 {
		t.Fatalf("rename to another school's name: %d %s", rec.Code, rec.Body)
	}
	if rec := f.do("PUT", fmt.Sprintf("/api/v1/schools/%d", schoolID), f.token("school"), map[string]any{"name": "x"}); rec.Code != 403 {
		t.Fatalf("a school renames itself: %d", rec.Code)
	}
	es, err := db.ListAudit(ctx, audit.Filter{Action: "school.update", ObjectType: "school", ObjectID: strconv.FormatInt(schoolID, 10)})
	if err != nil || len(es) != 1 {
		t.Fatalf("the school's edit was not audited: %+v %v", es, err)
	}

	// Staff book for the school on the page; the slot taken is refused by the slot.
	room := f.visitRoom("工业机器人", 40)
	wed := nextWeekday(f.app.Now(), time.Wednesday, 1)
	book := "/console/school-visits/book?room=" + strconv.FormatInt(room, 10) + "&date=" + wed.Format(time.DateOnly) + "&slot=09:00"
	if b := f.page(book, staff).Body.String(); !strings.Contains(b, `name="school_id"`) || !strings.Contains(b, "东西湖区实验小学（金山校区）") {
		t.Fatalf("staff's booking form: %s", b)
	}
	vals := url.Values{"school_id": {strconv.FormatInt(schoolID, 10)}, "room_id": {strconv.FormatInt(room, 10)}, "date": {wed.Format(time.DateOnly)},
		"slot": {"09:00"}, "grade": {"5"}, "class_name": {"3班"}, "head_count": {"30"}, "teacher_name": {"李老师"}, "teacher_phone": {"13912345678"}}
	noSchool := url.Values{}
	for k, v := range vals {
		noSchool[k] = v
	}
	noSchool.Set("school_id", "")
	if rec := f.form("/console/school-visits/bookings", staff, noSchool); rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-school_id"`) {
		t.Fatalf("staff booked for no school: %d %s", rec.Code, rec.Body)
	}
	if rec := f.form("/console/school-visits/bookings", staff, vals); rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "booked_for") {
		t.Fatalf("staff book for the school: %d %s", rec.Code, rec.Body)
	}
	rec = f.form("/console/school-visits/bookings", staff, vals)
	if b := rec.Body.String(); rec.Code != 409 || !strings.Contains(b, `<p class="error" id="e-slot">该时段已被其他班级预约`) {
		t.Fatalf("the same slot twice: %d %s", rec.Code, b)
	}
	// The school sees it.
	mine := decode(t, f.do("GET", "/api/v1/school-visits/bookings", f.token("school"), nil))
	if mine["total"].(float64) != 1 {
		t.Fatalf("the school's bookings: %v", mine)
	}
	es, err = db.ListAudit(ctx, audit.Filter{Action: "school_visit.book_for"})
	if err != nil || len(es) != 1 || es[0].ActorID != f.users["staff"].User.ID || !strings.Contains(es[0].Summary, "代东西湖区实验小学（金山校区）") {
		t.Fatalf("the booking for the school was not audited: %+v %v", es, err)
	}
	// The API: school_id required from staff.
	api := visitBody(room, wed, "14:00", 20)
	api["school_id"] = schoolID
	if rec := f.do("POST", "/api/v1/school-visits/bookings", staff, api); rec.Code != 201 || int64(decode(t, rec)["school_id"].(float64)) != schoolID {
		t.Fatalf("staff book on the API: %d %s", rec.Code, rec.Body)
	}
	api["school_id"] = 99999
	api["slot"] = "09:00"
	if rec := f.do("POST", "/api/v1/school-visits/bookings", staff, api); rec.Code != 422 || !strings.Contains(rec.Body.String(), "school_id") {
		t.Fatalf("staff book for no such school: %d %s", rec.Code, rec.Body)
	}
}
