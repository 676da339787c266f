package casework

// The social-insurance contribution file (社保缴费记录): one row per person
// and employer, with the first and last month contributed. It is the
// strongest outcome source; staff import it as .xlsx or .csv. This file
// reads the header and checks a row on its own; whether the person and the
// employer are registered is the import's question (package app).

import (
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// The insurance file's columns, in template order.
const (
	ColIDNumber = "身份证号"
	ColUSCC     = "单位统一社会信用代码"
	ColFirst    = "首次缴费月份"
	ColLast     = "最后缴费月份"
)

// InsuranceColumns is the header of the insurance template.
var InsuranceColumns = []string{ColIDNumber, ColUSCC, ColFirst, ColLast}

// insuranceAliases are the other names the columns go by in the files the
// social-insurance agency exports.
var insuranceAliases = map[string]string{
	"身份证号": ColIDNumber, "身份证号码": ColIDNumber, "公民身份号码": ColIDNumber, "证件号码": ColIDNumber, "社会保障号码": ColIDNumber,
	"单位统一社会信用代码": ColUSCC, "统一社会信用代码": ColUSCC, "单位信用代码": ColUSCC, "信用代码": ColUSCC,
	"首次缴费月份": ColFirst, "首次缴费年月": ColFirst, "开始缴费月份": ColFirst, "起始月份": ColFirst, "开始月份": ColFirst, "参保月份": ColFirst,
	"最后缴费月份": ColLast, "最后缴费年月": ColLast, "末次缴费月份": ColLast, "截止月份": ColLast, "结束月份": ColLast,
}

// InsuranceHeader finds the four columns in a header row (by their names
// or the agency's usual names; other columns are ignored) and returns
// their indexes in InsuranceColumns order. A header without one of them,
// or with one twice, refuses the whole file.
func InsuranceHeader(head []string) ([4]int, error) {
	idx := [4]int{-1, -1, -1, -1}
	for i, h := range head {
		name := insuranceAliases[strings.Join(strings.Fields(h), "")]
		for c, col := range InsuranceColumns {
			if name != col {
				continue
			}
			if idx[c] >= 0 {
				return idx, apperr.New(apperr.Invalid, "表头中“"+col+"”出现了两次，请只保留一列，未导入任何记录")
			}
			idx[c] = i
		}
	}
	var missing []string
	for c, i := range idx {
		if i < 0 {
			missing = append(missing, "“"+InsuranceColumns[c]+"”")
		}
	}
	switch {
	case len(missing) == len(idx):
		return idx, apperr.New(apperr.Invalid, "文件第一行不是表头：请在第一行填写列名（"+strings.Join(InsuranceColumns, "、")+"），未导入任何记录")
	case len(missing) > 0:
		return idx, apperr.New(apperr.Invalid, "表头缺少必需的列："+strings.Join(missing, "、")+"，未导入任何记录")
	}
	return idx, nil
}

// InsuranceRow is a checked row: the person's ID number (normalised, for
// the blind index only; it is never stored), the employer's credit code,
// and the first and last month contributed (first days of the months).
type InsuranceRow struct {
	Row      int
	IDNumber string
	USCC     string
	First    time.Time
	Last     time.Time
}

// RowIssue is a refused cell of an import row: the column's header and why.
type RowIssue struct {
	Column string
	Reason string
}

// CheckInsuranceRow reads a data row with the header's indexes: the row,
// or the reasons it is refused, one per bad cell. The last month may be
// the current month (still contributing) but no later.
func CheckInsuranceRow(n int, cells []string, idx [4]int, now time.Time) (InsuranceRow, []RowIssue) {
	cell := func(c int) string {
		if idx[c] < len(cells) {
			return strings.TrimSpace(cells[idx[c]])
		}
		return ""
	}
	r := InsuranceRow{Row: n}
	var issues []RowIssue
	refuse := func(c int, reason string) {
		issues = append(issues, RowIssue{Column: InsuranceColumns[c], Reason: reason})
	}
	if info, err := registry.ParseIDNumber(cell(0), now); err != nil {
		refuse(0, err.Error())
	} else {
		r.IDNumber = info.Number
	}
	if s := cell(1); s == "" {
		refuse(1, "请填写单位统一社会信用代码")
	} else if info, err := registry.ParseUSCC(s); err != nil {
		refuse(1, err.Error())
	} else {
		r.USCC = info.Code
	}
	thisMonth := MonthOf(now)
	var okFirst, okLast bool
	r.First, okFirst = ParseMonth(cell(2))
	switch {
	case cell(2) == "":
		refuse(2, "请填写首次缴费月份")
	case !okFirst:
		refuse(2, "月份格式不正确，应为 YYYY-MM 或 YYYYMM，如 2024-03")
	case r.First.After(thisMonth):
		refuse(2, "首次缴费月份不能晚于本月")
		okFirst = false
	}
	r.Last, okLast = ParseMonth(cell(3))
	switch {
	case cell(3) == "":
		refuse(3, "请填写最后缴费月份")
	case !okLast:
		refuse(3, "月份格式不正确，应为 YYYY-MM 或 YYYYMM，如 2024-03")
	case r.Last.After(thisMonth):
		refuse(3, "最后缴费月份不能晚于本月")
	case okFirst && r.Last.Before(r.First):
		refuse(3, "最后缴费月份早于首次缴费月份，请核对两列是否填反")
	}
	return r, issues
}

// Outcome is the row as an outcome: employed at the employer from the
// first day of the first month to the last day of the last month, or open
// when the last month is the current one (contributions continue).
func (r InsuranceRow) Outcome(personID int64, employer string, now time.Time) Outcome {
	o := Outcome{PersonID: personID, Status: Employed, Employer: employer, EmployerUSCC: r.USCC,
		Since: r.First, Source: SourceInsurance}
	if r.Last.Before(MonthOf(now)) {
		o.Until = r.Last.AddDate(0, 1, -1)
	}
	return o
}

// MonthOf is the first day of t's month (UTC).
func MonthOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// ParseMonth reads a month as an insurance file writes it: 2024-03,
// 2024-3, 2024/03, 2024.03, 202403, 2024年3月, a full date of that month,
// or an Excel date serial number. It returns the month's first day.
func ParseMonth(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if len(s) == 6 && digits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:])
		return month(y, m)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 20000 && f < 100000 {
		// An Excel date serial: days since 1899-12-30.
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f))
		return MonthOf(d), true
	}
	for _, layout := range []string{"2006-01", "2006-1", "2006/01", "2006/1", "2006.01", "2006.1", "2006年1月", "2006年01月",
		"2006-01-02", "2006/1/2", "2006-1-2", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return month(t.Year(), int(t.Month()))
		}
	}
	return time.Time{}, false
}

func month(y, m int) (time.Time, bool) {
	if y < 1950 || y > 2200 || m < 1 || m > 12 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ImportError is a refused cell of an import: the spreadsheet row (the
// header is row 1), the column and why.
type ImportError struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// InsuranceImport is one run of the insurance import: the file, who ran
// it, the counts and the refused rows (the report staff download).
type InsuranceImport struct {
	ID        int64
	Filename  string
	CreatedBy int64
	CreatedAt time.Time
	Total     int // data rows read
	Saved     int // outcomes written (new or updated)
	Failed    int // rows refused
	Errors    []ImportError
}
