package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
)

// cmdPolicy runs `jiuye policy import|test|push`.
func cmdPolicy(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "import":
		return cmdPolicyImport(ctx, args[1:], getenv, stdout, stderr)
	case "test":
		return cmdPolicyTest(args[1:], stdout, stderr)
	case "push":
		return cmdPolicyPush(ctx, args[1:], getenv, stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}

func cmdPolicyImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("policy import", getenv, stderr)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("%w: policy import FILE.yaml", errUsage)
	}
	if err := c.Finish(); err != nil {
		return err
	}
	raw, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	rep, err := e.app.Policies.ImportCatalog(ctx, app.Actor{IP: "cli"}, raw, true)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "政策目录已导入：新增 %d，更新 %d，未变 %d（已排队推送匹配）\n", rep.Added, rep.Updated, rep.Unchanged)
	return nil
}

// cmdPolicyTest runs a personas file against a catalog and prints one line
// per failing persona and a last line "N passed, M failed".
func cmdPolicyTest(args []string, stdout, stderr io.Writer) error {
	fs, _ := flags("policy test", func(string) string { return "" }, stderr)
	catalogFile := fs.String("catalog", "", "catalog YAML (default: the built-in catalog)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("%w: policy test PERSONAS.yaml [--catalog FILE]", errUsage)
	}
	personas, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	cat, err := policy.DefaultCatalog()
	if *catalogFile != "" {
		raw, rerr := os.ReadFile(*catalogFile)
		if rerr != nil {
			return rerr
		}
		cat, err = policy.ParseCatalog(raw)
	}
	if err != nil {
		return err
	}
	_, failed, err := policy.RunPersonas(cat, personas, stdout)
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d 个画像未通过", failed)
	}
	return nil
}

func cmdPolicyPush(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("policy push", getenv, stderr)
	only := fs.String("policy", "*", "policy id, or * for all")
	e, err := parseAndOpen(ctx, fs, c, args, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	if err := e.app.Policies.EnsureCatalog(ctx); err != nil {
		return err
	}
	st, err := e.app.Policies.PushPolicies(ctx, *only)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "推送完成：比对 %d 个主体，符合 %d 项，新发消息 %d 条，免申即享建议 %d 条，用时 %s\n",
		st.Subjects, st.Eligible, st.Notified, st.Proposed, st.Elapsed.Round(time.Millisecond))
	return nil
}

// cmdBench runs `jiuye bench policy --profiles N`.
func cmdBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "policy" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	fs, _ := flags("bench policy", getenv, stderr)
	n := fs.Int("profiles", 1000000, "number of generated profiles")
	seed := fs.Uint64("seed", 1, "generator seed")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || *n <= 0 {
		return fmt.Errorf("%w: bench policy --profiles N", errUsage)
	}
	fmt.Fprintf(stdout, "profiles=%s GOMAXPROCS=%s\n", strconv.Itoa(*n), getenv("GOMAXPROCS"))
	return policy.BenchProfiles(*n, *seed, stdout)
}
