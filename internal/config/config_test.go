package config

import (
	"flag"
	"io"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestDefaultsEnvAndFlags(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env := map[string]string{"JIUYE_DATA": "/srv/jy", "JIUYE_AUTH_RATE": "5", "JIUYE_TRUST_PROXY": "true"}
	c := Register(fs, func(k string) string { return env[k] })
	if err := fs.Parse([]string{"--addr", ":9000"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.DB != "sqlite:/srv/jy/jiuye.db" || c.KeyFile != "/srv/jy/jiuye.key" || c.AuthPerMinute != 5 || !c.TrustProxy {
		t.Fatalf("config = %+v", c)
	}
	c.DB = "mysql://x"
	if c.Finish() == nil {
		t.Fatal("unsupported database accepted")
	}
	c.DB, c.MetricsToken = "sqlite:x.db", "short"
	if c.Finish() == nil {
		t.Fatal("a guessable metrics token accepted")
	}
}

// TestTrustedProxies: addresses and CIDRs are parsed, a bad one is refused
// naming it.
func TestTrustedProxies(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := Register(fs, func(k string) string {
		return map[string]string{"JIUYE_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.5,2001:db8::/32"}[k]
	})
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.5/32"), netip.MustParsePrefix("2001:db8::/32")}
	if !slices.Equal(c.Proxies, want) {
		t.Fatalf("Proxies = %v, want %v", c.Proxies, want)
	}
	c.TrustedProxies = "10.0.0.0/8,proxy.local"
	if err := c.Finish(); err == nil || !strings.Contains(err.Error(), "proxy.local") {
		t.Fatalf("bad entry: %v", err)
	}
}

// TestREADMEDocumentsEverySetting keeps the README's configuration table in
// step with the flags.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, func(string) string { return "" })
	n := 0
	fs.VisitAll(func(f *flag.Flag) { n++ })
	if n != len(Vars()) {
		t.Fatalf("%d flags but %d documented settings", n, len(Vars()))
	}
	for _, v := range Vars() {
		if fs.Lookup(strings.TrimPrefix(v.Flag, "--")) == nil {
			t.Errorf("Vars lists %s, which is not a flag", v.Flag)
		}
		def := "" // an empty default is an empty cell
		if v.Default != "" {
			def = "`" + v.Default + "`"
		}
		row := "| `" + v.Flag + "` | `" + v.Env + "` | " + def + " |"
		if !strings.Contains(readme, row) {
			t.Errorf("README is missing the row %q", row)
		}
	}
}
