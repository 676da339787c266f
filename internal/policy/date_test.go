package policy

import "testing"

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"}, // leap year clamp
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-08-31", 6, "2025-02-28"},
		{"2024-12-15", 1, "2025-01-15"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2024-02-29", 12, "2025-02-28"}, // +1 year from 29 Feb
		{"2023-06-30", 24, "2025-06-30"},
		{"2020-05-31", 0, "2020-05-31"},
	}
	for _, c := range cases {
		d, _ := parseCivil(c.from)
		if got := addMonths(d, c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestMonthsBetween(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2024-01-31", "2024-02-29", 1}, // clamped anniversary counts
		{"2024-01-31", "2024-02-28", 0},
		{"2024-12-01", "2025-06-30", 6},
		{"2024-12-01", "2025-06-01", 6},
		{"2024-12-02", "2025-06-01", 5},
		{"2025-03-01", "2025-06-30", 3},
		{"2025-06-30", "2025-06-30", 0},
		{"2025-07-01", "2025-06-30", -1},
	}
	for _, c := range cases {
		a, _ := parseCivil(c.a)
		b, _ := parseCivil(c.b)
		if got := monthsBetween(a, b); got != c.want {
			t.Errorf("monthsBetween(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestEpochDaysRoundTrip(t *testing.T) {
	d := mkCivil(1899, 12, 25)
	for i := 0; i < 80000; i++ {
		n := epochDay(d)
		if back := fromEpochDay(n); back != d {
			t.Fatalf("round trip %s → %d → %s", d, n, back)
		}
		next := addDays(d, 1)
		if epochDay(next) != n+1 || next <= d {
			t.Fatalf("addDays(%s, 1) = %s", d, next)
		}
		d = next
	}
	if got := addDays(mkCivil(2024, 2, 28), 1).String(); got != "2024-02-29" {
		t.Errorf("leap day: %s", got)
	}
	if got := addDays(mkCivil(2025, 7, 1), -1).String(); got != "2025-06-30" {
		t.Errorf("minus one day: %s", got)
	}
}

func TestParseDates(t *testing.T) {
	for _, bad := range []string{"2025-02-30", "2023-02-29", "2025-13-01", "2025-6-1", "20250601", "abcd-ef-gh", ""} {
		if _, err := parseCivil(bad); err == nil {
			t.Errorf("parseCivil(%q) accepted", bad)
		}
	}
	if _, err := parseCivil("2024-02-29"); err != nil {
		t.Error(err)
	}
	partial := []struct {
		s         string
		end       bool
		want      string
		wantError bool
	}{
		{"2022", false, "2022-01-01", false},
		{"2022", true, "2022-12-31", false},
		{"2019-12", false, "2019-12-01", false},
		{"2024-02", true, "2024-02-29", false},
		{"2025-12-31", true, "2025-12-31", false},
		{"2025-13", false, "", true},
		{"25", false, "", true},
	}
	for _, p := range partial {
		d, err := parsePartial(p.s, p.end)
		if (err != nil) != p.wantError || (err == nil && d.String() != p.want) {
			t.Errorf("parsePartial(%q, %v) = %s, %v", p.s, p.end, d, err)
		}
	}
}
