package policy

import (
	"testing"
	"time"
)

// TestMinHourlyWage: the hourly figure follows the date and the district's
// tier; unknown districts and days before the first table say so.
func TestMinHourlyWage(t *testing.T) {
	cat := defaultCatalog(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		day, district string
		want          float64
		ok            bool
	}{
		{"2025-06-01", "东西湖区", 22, true},
		{"2025-06-01", "蔡甸区", 19.5, true},
		{"2023-06-01", "东西湖区", 19.5, true},
		{"2020-06-01", "东西湖区", 0, false},
		{"2025-06-01", "朝阳区", 0, false},
		{"2025-06-01", "", 0, false},
	} {
		got, note, ok := cat.MinHourlyWage(day(c.day), c.district)
		if got != c.want || ok != c.ok || (ok && note == "") {
			t.Errorf("%s %s: %v %q %v, want %v %v", c.day, c.district, got, note, ok, c.want, c.ok)
		}
	}
}
