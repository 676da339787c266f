package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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
	return encryptClearUploads(ctx, e, stdout)
}

func cmdUserAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("user add", getenv, stderr)
	var in app.NewUserInput
	fs.StringVar(&in.Role, "role", "", "staff, reviewer, admin, bank (a partner bank's user; needs --bank), expert (a review expert), counsellor (心理咨询师) or school (a school's teacher booking 职业启蒙 visits; needs --org)")
	fs.Int64Var(&in.BankID, "bank", 0, "role bank: the partner bank's id (GET /api/v1/startup/banks)")
	fs.StringVar(&in.School, "org", "", "role school: the school's full name, added when new (e.g. 东西湖区实验小学)")
	fs.StringVar(&in.Phone, "phone", "", "mobile phone (login name)")
	fs.StringVar(&in.Password, "password", "", "password (≥ 8 chars, letters and digits, not a common password nor containing the phone or name)")
	fs.StringVar(&in.Name, "name", "", "display name")
	e, err := parseAndOpen(ctx, fs, c, args, stderr)
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
	// Uploads an older version left in clear are sealed first, so the
	// backup holds them sealed.
	if err := encryptClearUploads(ctx, e, stdout); err != nil {
		return err
	}
	m, err := e.db.Backup(ctx, *out, c.Data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "备份完成：%s（上传材料 %s/，已签名清单 %s.json，密钥指纹 %s）\n", *out, store.UploadsDir(*out), *out, m.KeyID)
	tables := make([]string, 0, len(m.Counts))
	for t := range m.Counts {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "  %-24s %d\n", t, m.Counts[t])
	}
	fmt.Fprintf(stdout, "  上传文件 %d 个（加密存储，原样备份）\n", len(m.Uploads))
	if len(m.Missing) > 0 {
		fmt.Fprintf(stdout, "警告：%d 个上传记录的文件在数据目录中不存在，未能备份：%s\n", len(m.Missing), strings.Join(m.Missing, "、"))
	}
	fmt.Fprintf(stdout, "注意：备份不含登录会话，也不含密钥文件 %s（没有它备份无法恢复，也无法解密），请另行安全保存。\n", c.KeyFile)
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
	box := e.box
	e.db.Close()
	m, err := store.Restore(ctx, *in, path, c.Data, box)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已恢复 %s（备份时间 %s，上传文件 %d 个）；清单签名、各表行数和文件哈希校验通过；登录会话已清空，所有用户需重新登录；原数据库保存为 %s.before-restore\n",
		*in, m.TakenAt.Format("2006-01-02 15:04:05"), len(m.Uploads), path)
	if len(m.Missing) > 0 {
		fmt.Fprintf(stdout, "警告：备份时已缺失 %d 个上传文件：%s\n", len(m.Missing), strings.Join(m.Missing, "、"))
	}
	// The restored audit log is shorter than the last checkpoint says, on
	// purpose: that checkpoint is kept aside and serve starts a new one.
	cp := filepath.Join(c.Data, store.AuditCheckpointFile)
	if _, err := os.Stat(cp); err == nil {
		if err := os.Rename(cp, cp+".before-restore"); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		fmt.Fprintf(stdout, "审计检查点 %s 已移为 %s.before-restore（它记录的是恢复前的记录）\n", cp, cp)
	}
	return nil
}

// encryptClearUploads seals the uploads an older version stored in clear
// and says what it did.
func encryptClearUploads(ctx context.Context, e *env, stdout io.Writer) error {
	res, err := e.app.PolicyApps.EncryptClearUploads(ctx)
	if err != nil {
		return err
	}
	if res.Sealed > 0 || res.Removed > 0 {
		fmt.Fprintf(stdout, "上传材料加密：新加密 %d 个明文文件，清理 %d 个无记录的明文文件\n", res.Sealed, res.Removed)
	}
	if res.Failed > 0 {
		fmt.Fprintf(stdout, "警告：%d 条上传记录的明文文件缺失或与记录的哈希不符，仍未加密（详见日志）\n", res.Failed)
	}
	return nil
}
