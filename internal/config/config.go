// Package config reads the platform's settings from flags and environment
// variables. Flags win over the environment, which wins over defaults.
package config

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is every setting a subcommand may need.
type Config struct {
	Addr          string // listen address
	DB            string // sqlite:PATH or postgres://…
	Data          string // data directory: key file, uploads, backups
	KeyFile       string // master key file; default DATA/jiuye.key
	LogLevel      string // debug, info, warn, error
	TrustProxy    bool   // trust X-Forwarded-For
	SecureCookies bool   // cookies only over HTTPS
	AuthPerMinute int    // per-IP login/registration limit
}

// Var describes one setting for the README's configuration table.
type Var struct{ Flag, Env, Default, Help string }

// Vars lists every setting in the order the README documents them.
func Vars() []Var {
	return []Var{
		{"--addr", "JIUYE_ADDR", "127.0.0.1:8080", "监听地址"},
		{"--db", "JIUYE_DB", "sqlite:DATA/jiuye.db", "数据库：sqlite:路径 或 postgres://… URL"},
		{"--data", "JIUYE_DATA", "./jiuye-data", "数据目录（密钥文件、上传文件、备份）"},
		{"--key-file", "JIUYE_KEY_FILE", "DATA/jiuye.key", "个人信息加密主密钥文件（不存入数据库；不存在时自动生成，权限 0600）"},
		{"--log-level", "JIUYE_LOG_LEVEL", "info", "日志级别 debug/info/warn/error（JSON 输出到 stderr）"},
		{"--trust-proxy", "JIUYE_TRUST_PROXY", "false", "位于反向代理之后时，从 X-Forwarded-For 读取客户端 IP"},
		{"--secure-cookies", "JIUYE_SECURE_COOKIES", "false", "仅通过 HTTPS 发送 Cookie（生产环境应开启）"},
		{"--auth-rate", "JIUYE_AUTH_RATE", "30", "每个 IP 每分钟允许的登录/注册请求数（0 为不限）"},
	}
}

// Register adds the common flags to fs, with defaults from getenv.
func Register(fs *flag.FlagSet, getenv func(string) string) *Config {
	c := &Config{}
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", env("JIUYE_ADDR", "127.0.0.1:8080"), "listen address")
	fs.StringVar(&c.DB, "db", env("JIUYE_DB", ""), "database: sqlite:PATH or postgres://URL (default sqlite:DATA/jiuye.db)")
	fs.StringVar(&c.Data, "data", env("JIUYE_DATA", "./jiuye-data"), "data directory")
	fs.StringVar(&c.KeyFile, "key-file", env("JIUYE_KEY_FILE", ""), "master key file (default DATA/jiuye.key)")
	fs.StringVar(&c.LogLevel, "log-level", env("JIUYE_LOG_LEVEL", "info"), "log level")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool(env("JIUYE_TRUST_PROXY", "")), "trust X-Forwarded-For")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool(env("JIUYE_SECURE_COOKIES", "")), "Secure cookies (HTTPS)")
	fs.IntVar(&c.AuthPerMinute, "auth-rate", envInt(env("JIUYE_AUTH_RATE", ""), 30), "per-IP auth requests per minute (0 = unlimited)")
	return c
}

// Finish fills settings that derive from others; call it after parsing.
func (c *Config) Finish() error {
	if c.Data == "" {
		return fmt.Errorf("config: --data must not be empty")
	}
	if c.DB == "" {
		c.DB = "sqlite:" + filepath.Join(c.Data, "jiuye.db")
	}
	if c.KeyFile == "" {
		c.KeyFile = filepath.Join(c.Data, "jiuye.key")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config: --log-level %q: want debug, info, warn or error", c.LogLevel)
	}
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		return fmt.Errorf("config: --db %q: want sqlite:PATH or postgres://…", c.DB)
	}
	return nil
}

func envBool(s string) bool {
	b, _ := strconv.ParseBool(s)
	return b
}

func envInt(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}
