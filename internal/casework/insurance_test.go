package casework

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

func TestParseMonth(t *testing.T) {
	for in, want := range map[string]string{"2024-03": "2024-03-01", "202403": "2024-03-01", "2024/3": "2024-03-01",
		"2024年3月": "2024-03-01", "2024-03-17": "2024-03-01", "45366": "2024-03-15"[:8] + "01", " 2024.12 ": "2024-12-01"} {
		got, ok := ParseMonth(in)
		if !ok || got.Format(time.DateOnly) != want {
			t.Errorf("ParseMonth(%q) = %s %v, want %s", in, got.Format(time.DateOnly), ok, want)
		}
	}
	for _, in := range []string{"", "2024-13", "202413", "March", "24-03", "1900-01"} {
		if _, ok := ParseMonth(in); ok {
			t.Errorf("ParseMonth(%q) accepted", in)
		}
	}
}

func TestInsuranceHeader(t *testing.T) {
	idx, err := InsuranceHeader([]string{"姓名", "公民身份号码", "统一社会信用代码", "首次缴费年月", "最后缴费年月"})
	if err != nil || idx != [4]int{1, 2, 3, 4} {
		t.Fatalf("aliases: %v %v", idx, err)
	}
	for _, head := range [][]string{
		{"身份证号", "单位统一社会信用代码", "首次缴费月份"},                                   // missing a column
		{"420112199001011234", "91420112MA4K123456", "2024-01", "2024-03"}, // no header
		{"身份证号", "身份证号码", "单位统一社会信用代码", "首次缴费月份", "最后缴费月份"},                // twice
	} {
		if _, err := InsuranceHeader(head); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("header %v: want Invalid, got %v", head, err)
		}
	}
}

func TestCheckInsuranceRow(t *testing.T) {
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	id := registry.GenerateIDNumber(rng, "420112", d("1990-05-06"), true)
	uscc := registry.GenerateUSCC(rng, "420112")
	idx := [4]int{0, 1, 2, 3}
	r, issues := CheckInsuranceRow(2, []string{id, strings.ToLower(uscc), "2025-03", "202607"}, idx, now)
	if len(issues) > 0 || r.IDNumber != id || r.USCC != uscc || !r.First.Equal(d("2025-03-01")) || !r.Last.Equal(d("2026-07-01")) {
		t.Fatalf("good row: %+v %v", r, issues)
	}
	o := r.Outcome(9, "甲公司", now)
	if o.Status != Employed || o.Source != SourceInsurance || !o.Until.IsZero() || o.EmployerUSCC != uscc {
		t.Errorf("current month is open-ended: %+v", o)
	}
	r.Last = d("2026-02-01")
	if o := r.Outcome(9, "甲公司", now); !o.Until.Equal(d("2026-02-28")) {
		t.Errorf("until = last day of the last month: %s", o.Until)
	}
	badID := id[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11])
	for name, c := range map[string]struct {
		cells  []string
		column string
	}{
		"bad check digit":   {[]string{badID, uscc, "2025-03", "2025-06"}, ColIDNumber},
		"bad credit code":   {[]string{id, "ABC", "2025-03", "2025-06"}, ColUSCC},
		"months reversed":   {[]string{id, uscc, "2025-06", "2025-03"}, ColLast},
		"future month":      {[]string{id, uscc, "2026-08", "2026-09"}, ColFirst},
		"last month future": {[]string{id, uscc, "2026-01", "2026-08"}, ColLast},
		"bad month":         {[]string{id, uscc, "soon", "2026-01"}, ColFirst},
		"short row":         {[]string{id, uscc}, ColFirst},
	} {
		_, issues := CheckInsuranceRow(3, c.cells, idx, now)
		found := false
		for _, is := range issues {
			found = found || is.Column == c.column
		}
		if !found {
			t.Errorf("%s: want an issue in %s, got %+v", name, c.column, issues)
		}
	}
}
