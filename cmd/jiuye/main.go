// Command jiuye runs the public employment service platform: one binary for
// the web portal, the staff console, the JSON API and the admin tasks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/config"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/sms"
	"github.com/jiuye/jiuye/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "jiuye:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `jiuye — 就业公共服务平台

用法:
  jiuye serve [--demo] [--scale N] [flags]   启动服务（--demo：空库时生成演示数据）
  jiuye migrate [flags]                      执行数据库迁移，并加密旧版本留下的明文上传材料
  jiuye health [--addr A]                    检查本机服务是否就绪（请求 /readyz，非 200 时退出码为 1；供容器健康检查）
  jiuye demo [--scale N] [flags]             向空库写入演示数据（含 N×48,000 个岗位）
  jiuye user add --role R --phone P --password W --name N [flags]
  jiuye backup --out FILE [flags]            SQLite 在线一致性备份（含加密的上传材料 FILE.uploads/ 和签名清单 FILE.json，不含会话）
  jiuye restore --in FILE [flags]            从备份恢复（需先停止服务；校验清单签名、各表行数和文件哈希；会话不恢复）
  jiuye audit verify [--checkpoint FILE] [flags]   用密钥校验审计日志哈希链，并与签名检查点比对（发现截断）
  jiuye audit checkpoint [flags]             立即写入审计链检查点（服务运行时每 5 分钟自动写入）
  jiuye key rotate [--prepare | --finish]     轮换个人数据密钥：写入新密钥（旧密钥保留为 previous），分批重新加密全部个人数据，可中断续跑；
                                             服务运行时先用 --prepare 写入新密钥文件并让每个实例加载，再运行本命令；--finish 移除旧密钥
  jiuye policy import FILE.yaml [flags]      导入政策目录（每条变更的政策存为新版本）
  jiuye policy test PERSONAS.yaml [--catalog FILE]   用测试画像校验政策判定，末行 "N passed, M failed"
  jiuye policy push [--policy ID] [flags]    立即比对全部主体并推送政策消息
  jiuye bench policy --profiles N            政策判定基准测试
  jiuye import jobs FILE.xlsx|.csv --enterprise USCC   批量导入岗位（有误的行写入 FILE.errors.xlsx）
  jiuye import insurance FILE.xlsx|.csv      导入社保缴费记录（身份证号、单位统一社会信用代码、首次/最后缴费月份；有误的行写入 FILE.errors.xlsx）
  jiuye export jobs --format jsonl [--out F] 导出可搜索的在招岗位（每行一个 JSON）
  jiuye bench search --scale N               岗位搜索基准测试（库中有岗位时用库中岗位，否则生成 N×48,000 个）
  jiuye bench start [--heap-profile F]       启动基准：载入岗位索引（有快照时从快照）和人才库的用时、常驻堆（每岗位字节）和峰值内存

通用参数（也可用环境变量）: --addr --db --data --key-file --log-level --trust-proxy --trusted-proxies --secure-cookies --auth-rate --metrics-token
`

// run is the whole program; main only wires the process to it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "health":
		return cmdHealth(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, getenv, stdout, stderr)
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			fmt.Fprint(stderr, usage)
			return errUsage
		}
		return cmdUserAdd(ctx, rest[1:], getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, rest, getenv, stdout, stderr)
	case "audit":
		switch {
		case len(rest) > 0 && rest[0] == "verify":
			return cmdAuditVerify(ctx, rest[1:], getenv, stdout, stderr)
		case len(rest) > 0 && rest[0] == "checkpoint":
			return cmdAuditCheckpoint(ctx, rest[1:], getenv, stdout, stderr)
		}
		fmt.Fprint(stderr, usage)
		return errUsage
	case "key":
		return cmdKey(ctx, rest, getenv, stdout, stderr)
	case "policy":
		return cmdPolicy(ctx, rest, getenv, stdout, stderr)
	case "import":
		if len(rest) > 0 && rest[0] == "insurance" {
			return cmdImportInsurance(ctx, rest[1:], getenv, stdout, stderr)
		}
		return cmdImport(ctx, rest, getenv, stdout, stderr)
	case "export":
		return cmdExport(ctx, rest, getenv, stdout, stderr)
	case "bench":
		if len(rest) > 0 && rest[0] == "search" {
			return cmdBenchSearch(ctx, rest[1:], getenv, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "start" {
			return cmdBenchStart(ctx, rest[1:], getenv, stdout, stderr)
		}
		return cmdBench(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "未知命令 %q\n\n%s", cmd, usage)
	return errUsage
}

// flags returns a FlagSet with the common settings registered.
func flags(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *config.Config) {
	fs := flag.NewFlagSet("jiuye "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs, config.Register(fs, getenv)
}

// parse parses args and finishes the config.
func parse(fs *flag.FlagSet, c *config.Config, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %s", errUsage, strings.Join(fs.Args(), " "))
	}
	return c.Finish()
}

// env is what a subcommand needs from the store side.
type env struct {
	cfg    *config.Config
	log    *slog.Logger
	db     *store.DB
	box    *secret.Box
	tables *codes.Tables
	app    *app.App
}

// parseAndOpen parses a subcommand's flags and opens the store: how every
// subcommand that works on the data starts.
func parseAndOpen(ctx context.Context, fs *flag.FlagSet, c *config.Config, args []string, stderr io.Writer) (*env, error) {
	if err := parse(fs, c, args); err != nil {
		return nil, err
	}
	return open(ctx, c, stderr)
}

// open loads the key, opens and migrates the store and loads the code tables.
func open(ctx context.Context, c *config.Config, stderr io.Writer) (*env, error) {
	log := newLogger(c.LogLevel, stderr)
	box, err := secret.LoadBox(c.KeyFile)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, c.DB, box)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	tables, err := codes.Load()
	if err != nil {
		db.Close()
		return nil, err
	}
	var sender sms.Sender // nil: the built-in outbox
	if c.SMSURL != "" {
		headers, err := sms.ParseHeaders(c.SMSHeaders)
		if err != nil {
			db.Close()
			return nil, err
		}
		if sender, err = sms.NewGateway(sms.GatewayConfig{URL: c.SMSURL, Body: c.SMSBody, Headers: headers}, log); err != nil {
			db.Close()
			return nil, err
		}
	}
	smsPerIP := 0 // the default cap
	if c.AuthPerMinute <= 0 {
		smsPerIP = -1 // --auth-rate 0: no per-IP limits at all
	}
	a := app.New(db, tables, log, app.Options{DataDir: c.Data, SMS: sender, SMSPerIP: smsPerIP, CrisisHotline: c.CrisisHotline})
	return &env{cfg: c, log: log, db: db, box: box, tables: tables, app: a}, nil
}

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
