package demo

// 心理咨询 demo data: the printed counsellor account's weekly hours over
// the past two months (most sessions done, with sealed notes; a few
// no-shows and cancellations) and the coming three weeks (some booked,
// the rest open), so the desk, the person's list and the supervisors'
// counts have something to show.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/counsel"
	"github.com/jiuye/jiuye/internal/store"
)

const streamCounsel = streamPosts + 47

// generateCounselling writes the counsellor's slots and bookings; it
// returns the number of bookings.
func generateCounselling(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (int, error) {
	us, _, err := db.Accounts().ListUsers(ctx, account.UserFilter{Role: string(account.RoleCounsel), Limit: 10})
	if err != nil || len(us) == 0 {
		return 0, err
	}
	young, err := youngPersons(ctx, db, opt.Now)
	if err != nil || len(young) == 0 {
		return 0, err
	}
	r := rand.New(rand.NewPCG(opt.Seed, streamCounsel))
	concerns := []string{"找工作一直没有回音，有点自我怀疑", "刚毕业，不知道该选哪个方向", "和父母对工作的想法不一样，经常吵架", "工作压力大，晚上睡不好", ""}
	today := chinatime.Today(opt.Now)
	n := 0
	var rows []store.CounselHistory
	for week := -8; week < 3; week++ {
		for _, wd := range []int{2, 4} { // Tuesdays and Thursdays, 14:00 and 15:30
			for _, hm := range [][2]int{{14, 0}, {15, 30}} {
				d := today.AddDate(0, 0, 7*week+wd-int(today.Weekday()))
				start := time.Date(d.Year(), d.Month(), d.Day(), hm[0], hm[1], 0, 0, chinatime.Zone)
				s := counsel.Slot{CounsellorID: us[0].ID, Start: start, End: start.Add(time.Hour), Mode: counsel.Modes[r.IntN(len(counsel.Modes))]}
				if s.Mode == counsel.InPerson {
					s.Place = "东西湖区青年之家 2 楼咨询室"
				}
				person, status, notes := int64(0), counsel.Booked, ""
				switch past := start.Before(opt.Now); {
				case past && r.IntN(10) < 8:
					person, status, notes = young[r.IntN(len(young))], counsel.Done, "来访者自述求职受挫后情绪低落；评估为一般心理困扰，低风险。约定两周后复谈，建议预约职业指导。"
					if r.IntN(10) == 0 {
						status, notes = counsel.NoShow, ""
					}
				case !past && r.IntN(10) < 4:
					person = young[r.IntN(len(young))]
				}
				concern := ""
				if person != 0 {
					concern = concerns[r.IntN(len(concerns))]
					n++
				}
				rows = append(rows, store.CounselHistory{Slot: s, PersonID: person, Status: status, Concern: concern, Notes: notes, At: start.Add(-72 * time.Hour)})
			}
		}
	}
	if err := db.Counsel().InsertHistory(ctx, rows); err != nil {
		return 0, fmt.Errorf("demo: counselling: %w", err)
	}
	fmt.Fprintf(progress, "心理咨询：%d 次预约\n", n)
	return n, nil
}
