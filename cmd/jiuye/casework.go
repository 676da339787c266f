package main

// 跟踪评估 on the command line: `jiuye import insurance FILE.xlsx|.csv`
// imports the social-insurance contribution file the agency sends each
// month (matched to persons through the blind index), and writes the rows
// it refused to FILE.errors.xlsx.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
)

// cmdImportInsurance runs `jiuye import insurance FILE.xlsx|.csv`: the
// good rows become outcomes (source insurance; a re-imported row updates
// its outcome), the refused rows go to FILE.errors.xlsx, and the run is
// audited under the command line's system actor. A file that cannot be
// read, or lacks a column, exits non-zero with nothing written.
func cmdImportInsurance(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("import insurance", getenv, stderr)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	var files []string
	for fs.NArg() > 0 { // the file may come before the flags
		files = append(files, fs.Arg(0))
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return errUsage
		}
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: import insurance FILE.xlsx|.csv", errUsage)
	}
	if err := c.Finish(); err != nil {
		return err
	}
	file := files[0]
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	start := time.Now()
	run, err := e.app.Outcomes.ImportInsurance(ctx, app.Actor{IP: "cli"}, true, file, f)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "社保缴费记录：读取 %d 行，写入 %d 条就业记录，%d 行有误未导入（用时 %s）\n", run.Total, run.Saved, run.Failed,
		time.Since(start).Round(time.Millisecond))
	if len(run.Errors) == 0 {
		return nil
	}
	out := strings.TrimSuffix(file, filepath.Ext(file)) + ".errors.xlsx"
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := app.WriteInsuranceErrors(w, run); err != nil {
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	for _, re := range run.Errors[:min(len(run.Errors), 10)] {
		fmt.Fprintf(stdout, "  第 %d 行 %s：%s\n", re.Row, re.Column, re.Reason)
	}
	if len(run.Errors) > 10 {
		fmt.Fprintf(stdout, "  …… 共 %d 条\n", len(run.Errors))
	}
	fmt.Fprintf(stdout, "错误报告：%s\n", out)
	return nil
}
