package policy

import (
	"fmt"
	"time"
)

// MinHourlyWage returns the hourly minimum wage (非全日制小时最低工资) in
// force on day for a Wuhan district, from the catalog's min_wage
// parameter and its district tiers, with a Chinese note naming the tier and
// the date it took effect. The gig broker warns when a gig pays less.
// ok is false before the first table, for a district outside the tier
// table, or when the table gives no hourly figure for the tier.
func (c *Catalog) MinHourlyWage(day time.Time, district string) (yuan float64, note string, ok bool) {
	at := civilOf(day)
	i := -1
	for j, mw := range c.params.MinWage {
		if d, err := parseCivil(mw.EffectiveFrom); err == nil && d <= at {
			i = j
		}
	}
	if i < 0 || district == "" {
		return 0, "", false
	}
	tier := c.tiers[i][district]
	v, found := c.params.MinWage[i].Hourly[tier]
	if tier == "" || !found {
		return 0, "", false
	}
	return v, fmt.Sprintf("%s%s小时最低工资 %s 元（%s 起执行）", district, tier, fmtNum(v), c.params.MinWage[i].EffectiveFrom), true
}
