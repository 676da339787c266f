// Package config reads the platform's settings from flags and environment
// variables. Flags win over the environment, which wins over defaults.
package config

import (
	"flag"
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is every setting a subcommand may need.
type Config struct {
	Addr           string         // listen address
	DB             string         // sqlite:PATH or postgres://…
	Data           string         // data directory: key file, uploads, backups
	KeyFile        string         // master key file; default DATA/jiuye.key
	LogLevel       string         // debug, info, warn, error
	TrustProxy     bool           // the immediate peer is the one proxy in front
	TrustedProxies string         // proxies' addresses or CIDRs, comma separated
	Proxies        []netip.Prefix // TrustedProxies, parsed by Finish
	SecureCookies  bool           // cookies only over HTTPS
	AuthPerMinute  int            // per-IP login/registration limit
	MetricsToken   string         // bearer token for /metrics from other machines
	CrisisHotline  string         // the crisis hotline every counselling page shows
	SMSURL         string         // SMS gateway URL; "" for the built-in outbox (/admin/sms)
	SMSBody        string         // the gateway's JSON body template
	SMSHeaders     string         // the gateway's extra headers, "Name: value; …"
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
		{"--trust-proxy", "JIUYE_TRUST_PROXY", "false", "位于一层反向代理之后：直接连接本服务的一方即代理，客户端 IP 取 X-Forwarded-For 最右一项（代理看到的地址）"},
		{"--trusted-proxies", "JIUYE_TRUSTED_PROXIES", "", "可信代理的地址或网段，逗号分隔（如 10.0.0.0/8,192.168.1.5）：只相信来自这些地址的 X-Forwarded-For，从右向左跳过其中的代理，取第一个不在列表中的地址；设置后无需 --trust-proxy"},
		{"--secure-cookies", "JIUYE_SECURE_COOKIES", "false", "仅通过 HTTPS 发送 Cookie，并发送 HSTS 头（Strict-Transport-Security，一年）；生产环境应开启"},
		{"--auth-rate", "JIUYE_AUTH_RATE", "30", "每个 IP 每分钟允许的登录/注册请求数（0 为不限，此时短信验证码也不按 IP 限频）"},
		{"--metrics-token", "JIUYE_METRICS_TOKEN", "", "/metrics 的访问令牌（至少 16 个字符，采集端发送 Authorization: Bearer 令牌）；不设时 /metrics 只对本机直连开放"},
		{"--crisis-hotline", "JIUYE_CRISIS_HOTLINE", "", "心理咨询各页面显示的心理援助热线；不设时为 12356（全国心理援助热线）"},
		{"--sms-url", "JIUYE_SMS_URL", "", "短信网关地址（http:// 或 https://，POST JSON）；不设时使用内置发件箱：验证码不外发，管理员在 /admin/sms 查看并转告（适用于内网）"},
		{"--sms-body", "JIUYE_SMS_BODY", "", "短信网关请求体模板（Go text/template，可用 .Phone .Text .Code .Purpose，{{json .Text}} 输出 JSON 字符串）；默认 {\"phone\":…,\"text\":…,\"code\":…,\"purpose\":…}"},
		{"--sms-headers", "JIUYE_SMS_HEADERS", "", "短信网关附加请求头，“名称: 值”，多个用分号分隔（如 Authorization: Bearer …）"},
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
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool(env("JIUYE_TRUST_PROXY", "")), "the peer is the one reverse proxy in front: the client is the right-most X-Forwarded-For entry")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("JIUYE_TRUSTED_PROXIES", ""), "reverse proxies' addresses or CIDRs, comma separated: X-Forwarded-For is read from the right past them")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool(env("JIUYE_SECURE_COOKIES", "")), "Secure cookies and HSTS (served over HTTPS)")
	fs.IntVar(&c.AuthPerMinute, "auth-rate", envInt(env("JIUYE_AUTH_RATE", ""), 30), "per-IP auth requests per minute (0 = unlimited)")
	fs.StringVar(&c.MetricsToken, "metrics-token", env("JIUYE_METRICS_TOKEN", ""), "bearer token for /metrics from other machines (without it, loopback only)")
	fs.StringVar(&c.CrisisHotline, "crisis-hotline", env("JIUYE_CRISIS_HOTLINE", ""), "the crisis hotline every counselling page shows (default 12356, the national psychological assistance hotline)")
	fs.StringVar(&c.SMSURL, "sms-url", env("JIUYE_SMS_URL", ""), "SMS gateway URL (JSON POST); empty: the built-in outbox at /admin/sms")
	fs.StringVar(&c.SMSBody, "sms-body", env("JIUYE_SMS_BODY", ""), "SMS gateway body template (text/template over .Phone .Text .Code .Purpose, with json)")
	fs.StringVar(&c.SMSHeaders, "sms-headers", env("JIUYE_SMS_HEADERS", ""), "SMS gateway extra headers, \"Name: value\" separated by ;")
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
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("config: --metrics-token: at least 16 characters")
	}
	if c.SMSURL != "" && !strings.HasPrefix(c.SMSURL, "https://") && !strings.HasPrefix(c.SMSURL, "http://") {
		return fmt.Errorf("config: --sms-url %q: want http:// or https://", c.SMSURL)
	}
	proxies, err := ParseProxies(c.TrustedProxies)
	if err != nil {
		return err
	}
	c.Proxies = proxies
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		return fmt.Errorf("config: --db %q: want sqlite:PATH or postgres://…", c.DB)
	}
	return nil
}

// ParseProxies reads a comma-separated list of addresses and CIDRs
// (192.0.2.10, 10.0.0.0/8, 2001:db8::/32); an address stands for itself.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			p, err := netip.ParsePrefix(item)
			if err != nil {
				return nil, fmt.Errorf("config: --trusted-proxies %q: %w", item, err)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("config: --trusted-proxies %q: %w", item, err)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
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
