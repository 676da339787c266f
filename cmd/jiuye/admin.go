package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/store"
)

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("migrate", getenv, stderr)
	if err := parse(fs, c, args); err != nil {
		return err
	}
	e, err := open(ctx, c, stderr) // open migrates
	if err != nil {
		return err
	}
	defer e.db.Close()
	fmt.Fprintf(stdout, "数据库迁移完成（%s）\n", e.db.Dialect())
	return nil
}

func cmdUserAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("user add", getenv, stderr)
	var in app.NewUserInput
	fs.StringVar(&in.Role, "role", "", "staff, reviewer or admin")
	fs.StringVar(&in.Phone, "phone", "", "mobile phone (login name)")
	fs.StringVar(&in.Password, "password", "", "password (≥ 8 chars, letters and digits, not a common password nor containing the phone or name)")
	fs.StringVar(&in.Name, "name", "", "display name")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	u, err := e.app.Accounts.CreateUser(ctx, app.Actor{IP: "cli"}, in, true)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "已创建用户 #%d（%s，%s）\n", u.ID, u.Name, u.Role.Label())
	return nil
}

// describe turns an application error into one readable line for the terminal.
func describe(err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || len(ae.Fields) == 0 {
		return err
	}
	var parts []string
	for k, v := range ae.Fields {
		parts = append(parts, k+": "+v)
	}
	return fmt.Errorf("%s（%s）", ae.Message, strings.Join(parts, "；"))
}

func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("backup", getenv, stderr)
	out := fs.String("out", "", "backup file to write")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: backup needs --out FILE", errUsage)
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	m, err := e.db.Backup(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "备份完成：%s（清单 %s.json，密钥指纹 %s）\n", *out, *out, m.KeyID)
	for _, t := range store.BackupTables {
		fmt.Fprintf(stdout, "  %-12s %d\n", t, m.Counts[t])
	}
	fmt.Fprintf(stdout, "注意：备份不含密钥文件 %s，请另行安全保存。\n", c.KeyFile)
	return nil
}

func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("restore", getenv, stderr)
	in := fs.String("in", "", "backup file to restore")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	if *in == "" {
		return fmt.Errorf("%w: restore needs --in FILE", errUsage)
	}
	path, ok := strings.CutPrefix(c.DB, "sqlite:")
	if !ok {
		return errors.New("restore: PostgreSQL is restored with pg_restore (see README)")
	}
	e, err := open(ctx, c, stderr) // loads the key; closed before the file is replaced
	if err != nil {
		return err
	}
	keyID := e.box.KeyID()
	e.db.Close()
	m, err := store.Restore(ctx, *in, path, keyID)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已恢复 %s（备份时间 %s）；原数据库保存为 %s.before-restore\n", *in, m.TakenAt.Format("2006-01-02 15:04:05"), path)
	return nil
}

func cmdAuditVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("audit verify", getenv, stderr)
	if err := parse(fs, c, args); err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	n, err := e.db.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("审计日志校验失败（已通过 %d 条）：%w", n, err)
	}
	fmt.Fprintf(stdout, "审计日志完整：%d 条记录，哈希链校验通过\n", n)
	return nil
}
