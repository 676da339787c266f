package main

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestImportInsurance: `jiuye import insurance FILE` writes the good rows
// as insurance outcomes, lists the bad ones (bad ID, unknown person,
// unregistered credit code, months out of order) in FILE.errors.xlsx, is
// idempotent on a second run, audits each run, and writes nothing for a
// malformed file.
func TestImportInsurance(t *testing.T) {
	data := t.TempDir()
	if out, err := runCLI(t, data, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
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
	rng := rand.New(rand.NewPCG(3, 4))
	var ids []string
	var persons []int64
	ent := &registry.Enterprise{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "54", RegionCode: "420112"}
	err = e.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateEnterprise(ctx, ent); err != nil {
			return err
		}
		for i := range 3 {
			birth := time.Date(1990+i, 3, 4, 0, 0, 0, 0, time.UTC)
			p := &registry.Person{Name: "测试", IDNumber: registry.GenerateIDNumber(rng, "420112", birth, i%2 == 0), Birth: birth}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			ids, persons = append(ids, p.IDNumber), append(persons, p.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.db.Close()
	stranger := registry.GenerateIDNumber(rng, "420112", time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC), true)
	this := time.Now().UTC().Format("2006-01")
	csv := "身份证号,单位统一社会信用代码,首次缴费月份,最后缴费月份\n" +
		ids[0] + "," + ent.USCC + ",2024-03,202406\n" + // row 2: good, ended
		ids[1] + "," + strings.ToLower(ent.USCC) + ",2025-01," + this + "\n" + // row 3: good, still contributing
		ids[2][:17] + "Z," + ent.USCC + ",2025-01,2025-02\n" + // row 4: bad ID
		stranger + "," + ent.USCC + ",2025-01,2025-02\n" + // row 5: nobody registered
		ids[2] + ",91420112MA4K00000X,2025-01,2025-02\n" + // row 6: unregistered employer
		ids[2] + "," + ent.USCC + ",2025-05,2025-02\n" // row 7: months out of order
	file := filepath.Join(data, "社保.csv")
	os.WriteFile(file, []byte(csv), 0o600)
	out, err := runCLI(t, data, "import", "insurance", file)
	if err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	for _, want := range []string{"读取 6 行", "写入 2 条就业记录", "4 行有误", "第 4 行 身份证号", "第 5 行 身份证号", "第 6 行 单位统一社会信用代码：未登记的单位", "第 7 行 最后缴费月份", "社保.errors.xlsx"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, stranger) || strings.Contains(out, ids[2]) {
		t.Fatal("an ID number is printed")
	}
	x, err := excelize.OpenFile(filepath.Join(data, "社保.errors.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	x.Close()
	if len(rows) != 5 || rows[1][0] != "4" || rows[4][0] != "7" {
		t.Fatalf("error report %v", rows)
	}
	if out, err := runCLI(t, data, "import", "insurance", file); err != nil || !strings.Contains(out, "写入 2 条") {
		t.Fatalf("second run: %v %s", err, out)
	}
	bad := filepath.Join(data, "坏.csv")
	os.WriteFile(bad, []byte("身份证号,首次缴费月份\n"+ids[0]+",2024-01\n"), 0o600)
	if out, err := runCLI(t, data, "import", "insurance", bad); err == nil || !strings.Contains(err.Error(), "缺少") {
		t.Fatalf("missing column: %v %s", err, out)
	}
	if _, err := runCLI(t, data, "import", "insurance"); err == nil {
		t.Fatal("no file accepted")
	}

	e, err = open(ctx, c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer e.db.Close()
	if n, _ := e.db.Count(ctx, "casework_outcomes"); n != 2 {
		t.Fatalf("%d outcomes after two runs, want 2 (idempotent)", n)
	}
	if n, _ := e.db.Count(ctx, "casework_insurance_imports"); n != 2 {
		t.Fatalf("%d runs recorded, want 2 (the malformed file none)", n)
	}
	outs, err := e.db.Casework().Outcomes(ctx, persons[0])
	if err != nil || len(outs) != 1 || outs[0].Employer != ent.Name || outs[0].Since.Format(time.DateOnly) != "2024-03-01" ||
		outs[0].Until.Format(time.DateOnly) != "2024-06-30" {
		t.Fatalf("outcome of row 2: %+v %v", outs, err)
	}
	if outs, _ := e.db.Casework().Outcomes(ctx, persons[1]); len(outs) != 1 || !outs[0].Until.IsZero() {
		t.Fatalf("outcome of row 3 (current month): %+v", outs)
	}
	entries, err := e.db.ListAudit(ctx, audit.Filter{Action: "casework.insurance_import", Limit: 10})
	if err != nil || len(entries) != 2 || entries[0].ActorID != 0 || !strings.Contains(entries[0].Summary, "读取 6 行") {
		t.Fatalf("audit: %+v %v", entries, err)
	}
}
