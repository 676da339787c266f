package config

import (
	"flag"
	"io"
	"os"
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
		row := "| `" + v.Flag + "` | `" + v.Env + "` | `" + v.Default + "` |"
		if !strings.Contains(readme, row) {
			t.Errorf("README is missing the row %q", row)
		}
	}
}
