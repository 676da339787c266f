// Package chinatime is China Standard Time, defined once for every module:
// dates a person sees (expiry days, application dates, the policy
// evaluation day) are Beijing dates whatever the server's zone, and the
// zone needs no tzdata on the host.
package chinatime

import "time"

// Zone is China Standard Time: UTC+8, no daylight saving.
var Zone = time.FixedZone("CST", 8*3600)

// Today is the date in China at now, as UTC midnight (how dates are stored
// and compared).
func Today(now time.Time) time.Time {
	t := now.In(Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
