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
