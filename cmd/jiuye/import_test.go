package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportJobs: `jiuye import jobs FILE --enterprise USCC` draws a
// progress bar, saves the good rows, writes FILE.errors.xlsx for the bad
// ones and records the run for the enterprise's import page, and exits
// non-zero with nothing saved for a malformed file.
func TestImportJobs(t *testing.T) {
	data := t.TempDir()
	if out, err := runCLI(t, data, "demo", "--scale", "0.001"); err != nil {
		t.Fatalf("demo: %v %s", err, out)
	}
	getenv := func(k string) string {
		if k == "JIUYE_DATA" {
			return data
		}
		return ""
	}
	fs, c := flags("test", getenv, io.Discard)
	if err := parse(fs, c, nil); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e, err := open(ctx, c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := e.db.Jobs().VerifiedEnterprises(ctx)
	if err != nil || len(refs) == 0 {
		t.Fatalf("verified enterprises: %v %d", err, len(refs))
	}
	ent, err := e.db.Registry().EnterpriseByID(ctx, refs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	seq0, _ := e.db.Jobs().JobSeq(ctx)
	e.db.Close()

	var b strings.Builder
	b.WriteString("\ufeff岗位名称,职业代码,岗位描述,招聘人数,最低月薪,最高月薪,工作地点代码,详细地址\n")
	for i := range 45 {
		lo := "5000"
		if i == 7 {
			lo = "9000" // above the maximum
		}
		fmt.Fprintf(&b, "电焊工%d,6-18-02-04,负责钢结构件的焊接，能看懂图纸。,3,%s,8000,420112001,东西湖区吴家山街道 %d 号\n", i, lo, i)
	}
	file := filepath.Join(data, "岗位.csv")
	os.WriteFile(file, []byte(b.String()), 0o600)
	out, err := runCLI(t, data, "import", "jobs", file, "--enterprise", ent.USCC)
	if err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	for _, want := range []string{"] 20/45", "[" + strings.Repeat("#", 30) + "] 45/45", "已导入 44 个岗位", "1 行有误", "第 9 行 最高月薪", "岗位.errors.xlsx"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(data, "岗位.errors.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	x.Close()
	if len(rows) != 2 || rows[1][0] != "9" || rows[1][1] != "最高月薪" || rows[1][2] == "" {
		t.Fatalf("error report %v", rows)
	}

	bad := filepath.Join(data, "坏.xlsx")
	os.WriteFile(bad, []byte("PK\x03\x04 not really"), 0o600)
	if out, err := runCLI(t, data, "import", "jobs", "--enterprise", ent.USCC, bad); err == nil || !strings.Contains(err.Error(), "无法读取 Excel 文件") {
		t.Fatalf("malformed file: %v %s", err, out)
	}
	if _, err := runCLI(t, data, "import", "jobs", file, "--enterprise", "91420100MA4KXXXX0X"); err == nil {
		t.Fatal("unknown enterprise accepted")
	}
	if _, err := runCLI(t, data, "import", "jobs", file); err == nil {
		t.Fatal("missing --enterprise accepted")
	}
	e, err = open(ctx, c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer e.db.Close()
	if seq, _ := e.db.Jobs().JobSeq(ctx); seq != seq0+44 {
		t.Fatalf("job sequence moved %d, want 44 new posts", seq-seq0)
	}
	// The run is recorded for the enterprise (the malformed file is not).
	runs, err := e.db.Jobs().JobImportsOf(ctx, ent.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Source != "cli" || runs[0].Status != "done" || runs[0].Filename != "岗位.csv" ||
		runs[0].Total != 45 || runs[0].Checked != 45 || runs[0].Saved != 44 || runs[0].Failed != 1 || runs[0].UserID != 0 {
		t.Fatalf("recorded runs %+v", runs)
	}
	if errs, err := e.db.Jobs().JobImportErrors(ctx, runs[0].ID); err != nil || len(errs) != 1 || errs[0].Row != 9 || errs[0].Column != "最高月薪" {
		t.Fatalf("recorded errors %+v %v", errs, err)
	}
}
