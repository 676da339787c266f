package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCounselJourney: a young person books a counselling slot on a phone
// and says what it is about; the counsellor reads it and writes a note;
// the admin's counts page shows numbers only, and the note appears to the
// admin only after a break-glass with a written reason (a short one is
// refused next to its box), of which the counsellor is told. The crisis
// hotline is on every counselling page; every page passes axe-core.
func TestCounselJourney(t *testing.T) {
	forEachStore(t, "counsel-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		a, ts := newSite(t, db)
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
		user := func(role, name string) string {
			phone := registry.GeneratePhone(rng)
			if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword}, true); err != nil {
				t.Fatal(err)
			}
			return phone
		}
		counsellorPhone, adminPhone := user("counsellor", "咨询师周"), user("admin", "管理员郑")
		personPhone := registry.GeneratePhone(rng)
		if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "何小雨", Phone: personPhone, Password: staffPassword,
			IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(2002, 3, 8, 0, 0, 0, 0, time.UTC), false)}); err != nil {
			t.Fatal(err)
		}
		counsellor, _, err := db.Accounts().UserByPhone(ctx, counsellorPhone)
		if err != nil {
			t.Fatal(err)
		}
		day := chinatime.Today(time.Now()).AddDate(0, 0, 2).Format(time.DateOnly)
		if _, err := a.Counselling.AddSlots(ctx, app.Actor{User: counsellor}, app.SlotInput{Date: day, Start: "14:00", End: "15:00", Mode: "in_person",
			Place: "青年之家 2 楼咨询室"}); err != nil {
			t.Fatal(err)
		}

		b := newBrowser(t, exe, ts.URL, shots)
		b.login(personPhone, staffPassword, "/me")
		b.load("counselling from 我的", 200, "/counselling", press(`a[href="/counselling"]`))
		if got := b.bodyText(); !strings.Contains(got, "12356") {
			t.Fatalf("no hotline: %s", got)
		}
		slots, _ := a.Counselling.OpenSlots(ctx)
		slotPath := "/counselling/slots/" + itoa(slots[0].ID)
		b.load("the slot", 200, slotPath, press(`a[href="`+slotPath+`"]`))
		b.typeText("f-concern", "投了很多简历都没回音，最近睡不好")
		b.submit(slotPath+"/book", 200, "/me/counselling")
		if got := b.bodyText(); !strings.Contains(got, "预约成功") || !strings.Contains(got, "已预约") || strings.Contains(got, "睡不好") {
			t.Fatalf("my bookings: %s", got)
		}
		b.noHorizontalScroll("/me/counselling")
		b.logout()

		b.login(counsellorPhone, staffPassword, "/counsel")
		bookings, _ := a.Counselling.Desk(ctx, app.Actor{User: counsellor})
		record := "/counsel/bookings/" + itoa(bookings.Bookings[0].ID)
		b.load("the booking", 200, record, press(`a[href="`+record+`"]`))
		if got := b.bodyText(); !strings.Contains(got, "睡不好") {
			t.Fatalf("the counsellor does not see the concern: %s", got)
		}
		b.typeText("f-notes", "求职受挫后睡眠差；低风险；两周后复谈")
		b.submit(record, 200, record)
		b.shot("record")
		b.logout()

		b.login(adminPhone, staffPassword, "/console")
		b.open("/console/counselling", 200)
		if got := b.bodyText(); strings.Contains(got, "睡眠差") || strings.Contains(got, "何小雨") || !strings.Contains(got, "咨询师周") {
			t.Fatalf("the counts page shows content: %s", got)
		}
		b.typeInto("f-booking_id", itoa(bookings.Bookings[0].ID))
		b.typeText("f-reason", "查看")
		b.submit("/console/counselling/break-glass", 422, "/console/counselling/break-glass")
		if msg := b.text("#e-reason"); !strings.Contains(msg, "请写明查看理由") {
			t.Fatalf("short reason: %q", msg)
		}
		b.typeText("f-reason", "：家属报告当事人失联，需核实最近一次咨询的风险评估")
		b.submit("/console/counselling/break-glass", 200, "/console/counselling/break-glass")
		if got := b.bodyText(); !strings.Contains(got, "睡眠差") || !strings.Contains(got, "已记入审计日志") {
			t.Fatalf("break-glass page: %s", got)
		}
		b.shot("break-glass")
		msgs, _, err := a.Inbox.Inbox(ctx, app.Actor{User: counsellor})
		if err != nil || len(msgs) == 0 || !strings.Contains(msgs[0].Title, "管理员查看了一条咨询记录") {
			t.Fatalf("the counsellor was not told: %v %v", msgs, err)
		}
	})
}
