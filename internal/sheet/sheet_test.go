package sheet

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteRoundTrip(t *testing.T) {
	var b bytes.Buffer
	rows := [][]any{{"张*丰", 1500.5, "已发放"}, {"<script>", 0, "=1+1"}}
	if err := Write(&b, "公示名单:2025/06", []string{"姓名", "金额", "状态"}, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "公示名单_2025_06" {
		t.Fatalf("sheets %v", sheets)
	}
	got, _ := f.GetRows(sheets[0])
	if len(got) != 3 || got[0][0] != "姓名" || got[1][0] != "张*丰" || got[2][2] != "=1+1" {
		t.Fatalf("rows %v", got)
	}
	if formula, _ := f.GetCellFormula(sheets[0], "C3"); formula != "" {
		t.Fatalf("text starting with = became a formula: %q", formula)
	}
}

// TestWriteStripsBidi: a name stored with a right-to-left override before
// the fields refused it still shows as stored order in the export, and the
// caller's rows are not changed.
func TestWriteStripsBidi(t *testing.T) {
	var b bytes.Buffer
	rows := [][]any{{"王\u202Egpj.exe", 3, "电焊工\u2066（包吃住）\u2069"}}
	if err := Write(&b, "名单\u202E", []string{"姓名\u202D", "人数", "岗位"}, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	got, _ := f.GetRows(sheets[0])
	if sheets[0] != "名单" || len(got) != 2 || got[0][0] != "姓名" || got[1][0] != "王gpj.exe" || got[1][2] != "电焊工（包吃住）" {
		t.Fatalf("sheet %q rows %q", sheets[0], got)
	}
	if rows[0][0] != "王\u202Egpj.exe" {
		t.Fatal("Write changed the caller's rows")
	}
}
