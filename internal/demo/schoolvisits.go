package demo

// 职业启蒙 school visits: the district vocational school (武汉市东西湖职业
// 技术学校) opens five rooms to the district's primary and middle schools
// for career-enlightenment lectures and hands-on days; classes of a dozen
// schools have visited over the past six weeks and have booked about half
// the slots of the next three. The printed school account teaches at the
// first school.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/schoolvisit"
	"github.com/jiuye/jiuye/internal/store"
)

const streamSchoolVisits = streamPosts + 50

// demoRooms are the vocational school's rooms with their weekly slots.
var demoRooms = []struct {
	name, description, slots string
	capacity                 int
}{
	{"电子电器物联网", "认识家里的电器和智能家居：拆装一台小风扇，用手机点亮一盏物联网台灯。", "周二 09:00-11:00\n周四 14:00-16:00", 40},
	{"工业机器人", "看六轴机器人搬运、码垛和写字，学生用示教器让机器人走一段路线。", "周三 09:00-11:00\n周三 14:00-16:00\n周五 09:00-11:00", 40},
	{"护理应急救护", "在模拟病房认识护士的一天，学心肺复苏、海姆立克急救和伤口包扎。", "周二 14:00-16:00\n周四 09:00-11:00", 36},
	{"3D 打印", "从一张草图到一件作品：建模、切片，每人打印一个钥匙扣带回家。", "周一 14:00-16:00\n周三 14:00-16:00", 30},
	{"西点烘焙", "在烘焙实训室跟老师做蛋挞和曲奇，了解西点师的工作。", "周二 09:00-11:00\n周五 14:00-16:00", 30},
}

// demoSchools are the district's primary and middle schools that book.
var demoSchools = []string{"东西湖区吴家山第一小学", "东西湖区实验小学", "东西湖区吴家山第二小学", "东西湖区新沟镇小学",
	"东西湖区将军路第一小学", "东西湖区金银湖小学", "东西湖区吴家山第一中学", "东西湖区吴家山第三中学", "东西湖区吴家山第四中学",
	"东西湖区走马岭中学", "东西湖区慈惠中学", "东西湖区柏泉中学"}

var demoTeachers = []string{"李", "王", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"}

// SchoolVisitCounts is what the school-visits step wrote.
type SchoolVisitCounts struct {
	Rooms, Schools, Bookings int
}

// generateSchoolVisits writes the rooms, the schools and their bookings.
func generateSchoolVisits(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (SchoolVisitCounts, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamSchoolVisits))
	var c SchoolVisitCounts
	sys := store.Actor{Role: "system"}
	sv := db.SchoolVisits()
	var rooms []*schoolvisit.Room
	for _, dr := range demoRooms {
		slots, bad := schoolvisit.ParseSlots(dr.slots)
		if bad != "" {
			return c, fmt.Errorf("demo: room %s: %s", dr.name, bad)
		}
		rm := &schoolvisit.Room{Name: dr.name, Description: dr.description, Capacity: dr.capacity, Slots: slots, Active: true}
		if err := rm.Validate(); err != nil {
			return c, validationError("school room", dr.name, err)
		}
		if err := sv.SaveRoom(ctx, sys, rm); err != nil {
			return c, fmt.Errorf("demo: room %s: %w", dr.name, err)
		}
		rooms = append(rooms, rm)
		c.Rooms++
	}
	var schools []int64
	for _, name := range demoSchools {
		id, err := sv.EnsureSchool(ctx, sys, name)
		if err != nil {
			return c, fmt.Errorf("demo: school %s: %w", name, err)
		}
		schools = append(schools, id)
		c.Schools++
	}
	if err := db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET school_id = ? WHERE role = ? AND school_id IS NULL", schools[0], "school")
		return err
	}); err != nil {
		return c, fmt.Errorf("demo: school account: %w", err)
	}
	today := chinatime.Today(opt.Now)
	for d := today.AddDate(0, 0, -42); !d.After(today.AddDate(0, 0, 21)); d = d.AddDate(0, 0, 1) {
		share := 70 // of 100 slots: most past slots were used
		if d.After(today) {
			share = 45
		}
		for _, rm := range rooms {
			for _, s := range rm.SlotsOn(d) {
				if d.Equal(today) || r.IntN(100) >= share {
					continue
				}
				si := r.IntN(len(schools))
				// The primary schools bring 三年级 to 六年级, the middle schools 七年级 to 九年级.
				grade := schoolvisit.Grade(3 + r.IntN(4))
				if si >= 6 {
					grade = schoolvisit.Grade(7 + r.IntN(3))
				}
				b := &schoolvisit.Booking{RoomID: rm.ID, Date: d, Start: s.Start, End: s.End, SchoolID: schools[si], Grade: grade,
					ClassName: fmt.Sprintf("%d班", 1+r.IntN(8)), HeadCount: rm.Capacity - r.IntN(12),
					TeacherName: demoTeachers[r.IntN(len(demoTeachers))] + "老师", TeacherPhone: fmt.Sprintf("139%08d", r.IntN(100_000_000))}
				if err := sv.Book(ctx, sys, b, "", func(*schoolvisit.Room, []*schoolvisit.Booking) error { return nil }); err != nil {
					return c, fmt.Errorf("demo: booking %s %s: %w", rm.Name, d.Format(time.DateOnly), err)
				}
				c.Bookings++
			}
		}
	}
	fmt.Fprintf(progress, "职业启蒙：实训室 %d 间，学校 %d 所，参观预约 %d 个\n", c.Rooms, c.Schools, c.Bookings)
	return c, nil
}
