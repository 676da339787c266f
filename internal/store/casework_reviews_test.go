package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestReviewSample: a week's sample takes only the team's contacts of that
// Beijing week (not the Sunday-night call just after it, not another
// team's), at most perAgent per agent, never one drawn before; a review's
// comments read back but are ciphertext in the database, like the notes.
func TestReviewSample(t *testing.T) {
	forEachRaw(t, func(t *testing.T, s rawStore) {
		db := s.db
		now := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // Monday 10:00 in Beijing
		db.SetClock(func() time.Time { return now })
		agent := func(name, phone, team string) *account.User {
			u := &account.User{Role: account.RoleStaff, Name: name, Phone: phone, Team: team}
			if err := db.Accounts().CreateUser(ctx, store.Actor{}, u, "h"); err != nil {
				t.Fatal(err)
			}
			return u
		}
		a1, a2, b1 := agent("甲", "13800000001", "一组"), agent("乙", "13800000002", "一组"), agent("丙", "13800000003", "二组")
		ent := &registry.Enterprise{Name: "临空港物流", USCC: "91420112MA4KXXXX0X", IndustryCode: "54", RegionCode: "420112"}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.CreateEnterprise(ctx, ent) }); err != nil {
			t.Fatal(err)
		}
		week := casework.LastWeek(now) // Monday 30 November
		start := time.Date(week.Year(), week.Month(), week.Day(), 9, 0, 0, 0, chinatime.Zone)
		var cs []*casework.Contact
		add := func(u *account.User, at time.Time, notes string) {
			cs = append(cs, &casework.Contact{EnterpriseID: ent.ID, Team: u.Team, AgentID: u.ID, Channel: casework.Phone,
				Direction: casework.Outbound, Topics: []casework.Topic{casework.TopicVacancy}, Result: casework.Reached, Notes: notes, At: at.UTC()})
		}
		for i := range 5 {
			add(a1, start.AddDate(0, 0, i), "王经理说二季度扩产，缺电焊工")
		}
		add(a2, start.AddDate(0, 0, 6), "周日回访")
		add(b1, start.AddDate(0, 0, 2), "二组的记录")
		add(a1, time.Date(week.Year(), week.Month(), week.Day()+7, 0, 30, 0, 0, chinatime.Zone), "下周一凌晨") // after the week
		add(a1, start.Add(-10*time.Hour), "上周日晚上")                                                        // before it
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertContacts(ctx, cs) }); err != nil {
			t.Fatal(err)
		}
		sup := store.Actor{UserID: a2.ID, Role: "staff"}
		n, err := db.Casework().SampleReviews(ctx, sup, "一组", false, week, 3)
		if err != nil || n != 4 { // 3 of a1's 5, a2's one
			t.Fatalf("first draw: %d %v", n, err)
		}
		n, err = db.Casework().SampleReviews(ctx, sup, "一组", false, week, 3)
		if err != nil || n != 2 { // a1's other 2
			t.Fatalf("second draw: %d %v", n, err)
		}
		if n, _ := db.Casework().SampleReviews(ctx, sup, "一组", false, week, 3); n != 0 {
			t.Fatalf("third draw: %d", n)
		}
		rs, err := db.Casework().Reviews(ctx, store.ReviewFilter{Team: "一组", Week: week})
		if err != nil || len(rs) != 6 {
			t.Fatalf("sample: %d %v", len(rs), err)
		}
		seen := map[int64]bool{}
		for _, r := range rs {
			if seen[r.ContactID] || r.Team != "一组" || strings.Contains(r.Contact.Notes, "凌晨") || strings.Contains(r.Contact.Notes, "晚上") {
				t.Fatalf("bad sample row: %+v %q", r, r.Contact.Notes)
			}
			seen[r.ContactID] = true
		}
		comment := "开场白完整，但没有核实企业联系人身份"
		if err := db.Casework().ScoreReview(ctx, sup, rs[0], 4, comment); err != nil {
			t.Fatal(err)
		}
		got, err := db.Casework().ReviewByID(ctx, rs[0].ID)
		if err != nil || got.Score != 4 || got.Comments != comment || got.ReviewerID != a2.ID {
			t.Fatalf("scored: %+v %v", got, err)
		}
		for _, c := range dumpClear(t, s) {
			if strings.Contains(c.text, "核实企业联系人") || strings.Contains(c.text, "二季度扩产") {
				t.Fatalf("%s.%s holds a comment or a note in clear", c.table, c.column)
			}
		}
	})
}
