package gigs

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/tags"
)

// Profile is what a worker tells the broker about themselves: skills, the
// weekdays and hours they are free, a home point and how far they travel.
// The home point is kept rounded to about a kilometre (RoundHome): enough
// for distance, not an address.
type Profile struct {
	PersonID   int64
	Skills     []string
	Days       []int // weekdays free, 0 = Sunday … 6 = Saturday; empty = any day
	HourFrom   int   // free from this hour (0–23) …
	HourTo     int   // … until this hour (1–24)
	HomeRegion string
	HomeLat    float64
	HomeLng    float64
	HasHome    bool
	RadiusKm   int
	UpdatedAt  time.Time
}

// Profile limits.
const (
	MaxRadiusKm = 50
	HomeGrain   = 0.01 // degrees: a home point is rounded to this
)

// WeekdayNames are the weekday names in Days order (0 = Sunday).
var WeekdayNames = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// RoundHome rounds a coordinate to HomeGrain, so the stored point says the
// neighbourhood, not the door.
func RoundHome(v float64) float64 { return math.Round(v/HomeGrain) * HomeGrain }

// Normalize tidies the lists and rounds the home point.
func (p *Profile) Normalize() {
	p.Skills = tags.Tidy(p.Skills)
	slices.Sort(p.Days)
	p.Days = slices.Compact(p.Days)
	if p.HasHome {
		p.HomeLat, p.HomeLng = RoundHome(p.HomeLat), RoundHome(p.HomeLng)
	}
	if p.RadiusKm == 0 {
		p.RadiusKm = DefaultRadiusKm
	}
}

// Validate checks a profile; regions may be nil to skip the code check.
func (p *Profile) Validate(regions *codes.Table) error {
	var f apperr.Fields
	if len(p.Skills) > MaxSkills*2 {
		f.Add("skills", "技能最多 "+strconv.Itoa(MaxSkills*2)+" 个")
	}
	for _, s := range p.Skills {
		registry.CheckText(&f, "skills", s, MaxSkill)
	}
	for _, d := range p.Days {
		if d < 0 || d > 6 {
			f.Add("days", "请选择周日到周六中的日子")
			break
		}
	}
	if p.HourFrom < 0 || p.HourFrom > 23 || p.HourTo < 1 || p.HourTo > 24 || p.HourTo <= p.HourFrom {
		f.Add("hour_to", "空闲时段应为 0–24 点，且结束晚于开始")
	}
	if p.HomeRegion != "" && regions != nil {
		registry.CheckRegion(&f, regions, "home_region", p.HomeRegion)
	}
	if p.HasHome && !InChina(p.HomeLat, p.HomeLng) {
		f.Add("home_lat", "位置不在中国境内，请重新定位或只选街道")
	}
	if p.RadiusKm < 1 || p.RadiusKm > MaxRadiusKm {
		f.Add("radius_km", "愿意前往的距离应为 1–"+strconv.Itoa(MaxRadiusKm)+" 公里")
	}
	return f.Err()
}

// Free reports whether the worker is free for a shift: its weekday is one
// of Days (or Days is empty) and it lies within the hours.
func (p *Profile) Free(s Shift) bool {
	a, b := s.StartsAt.In(chinatime.Zone), s.EndsAt.In(chinatime.Zone)
	if len(p.Days) > 0 && !slices.Contains(p.Days, int(a.Weekday())) {
		return false
	}
	end := b.Hour()
	if b.Minute() > 0 {
		end++
	}
	return a.Hour() >= p.HourFrom && end <= p.HourTo
}
