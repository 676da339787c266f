// Package layers holds the test that keeps the architecture's dependency
// rules: the faces (web, api) never reach the database, the domain
// packages never reach outward, and the store never calls back into the
// use cases. A new module's domain package is covered without being listed:
// every package that is not one of the outer layers below is a domain
// package.
package layers

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/jiuye/jiuye/internal/"

// outer are the packages that are not domain packages: the use cases, the
// store, the faces, their composition and the tools around them.
var outer = map[string]bool{
	"app": true, "store": true, "web": true, "api": true, "server": true, "httpx": true,
	"worker": true, "demo": true, "e2e": true, "storetest": true, "layers": true, "sms": true,
}

// rule is one forbidden import: packages matching from may not import to.
type rule struct {
	from func(pkg string) bool
	to   string
	why  string
}

func is(name string) func(string) bool { return func(p string) bool { return p == name } }

func isDomain(p string) bool { return !outer[strings.SplitN(p, "/", 2)[0]] }

func rules() []rule {
	return []rule{
		{is("web"), "store", "pages reach the database only through app"},
		{is("api"), "store", "the API reaches the database only through app"},
		{is("store"), "app", "the store does not call back into the use cases"},
		{isDomain, "app", "domain packages hold types and pure rules, no use cases"},
		{isDomain, "store", "domain packages do no I/O"},
		{isDomain, "web", "domain packages know nothing of HTML"},
		{isDomain, "api", "domain packages know nothing of JSON routes"},
		{isDomain, "server", "domain packages know nothing of HTTP"},
		{isDomain, "httpx", "domain packages know nothing of HTTP"},
	}
}

// violations lists "pkg imports dep: why" for every broken rule, given each
// package's (path below internal/) imports of other internal packages.
func violations(imports map[string][]string) []string {
	var out []string
	for pkg, deps := range imports {
		for _, dep := range deps {
			for _, r := range rules() {
				if r.from(pkg) && (dep == r.to || strings.HasPrefix(dep, r.to+"/")) {
					out = append(out, pkg+" imports "+dep+": "+r.why)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// internalImports parses the import clauses of every non-test Go file below
// dir and returns, per package, the internal packages it imports.
func internalImports(t *testing.T, dir string) map[string][]string {
	t.Helper()
	fset := token.NewFileSet()
	seen := map[string]map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if seen[pkg] == nil {
			seen[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if dep, ok := strings.CutPrefix(p, module); ok {
				seen[pkg][dep] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for pkg, deps := range seen {
		for d := range deps {
			out[pkg] = append(out[pkg], d)
		}
	}
	return out
}

// TestLayers fails when an import points the wrong way.
func TestLayers(t *testing.T) {
	imports := internalImports(t, "..")
	for _, must := range []string{"app", "store", "web", "api", "jobs", "policy", "resume", "registry", "account"} {
		if _, ok := imports[must]; !ok {
			t.Fatalf("package %s not found: the walk is broken", must)
		}
	}
	for _, v := range violations(imports) {
		t.Error(v)
	}
}

// TestLayersCatch checks the rules catch what they are for, so TestLayers
// cannot pass by checking nothing.
func TestLayersCatch(t *testing.T) {
	bad := map[string][]string{
		"web":                {"app", "store"},
		"api":                {"store"},
		"store":              {"app", "jobs"},
		"jobs":               {"app"},
		"policy/draft":       {"store"},
		"gigs":               {"web", "codes"}, // a new module is a domain package without being listed
		"app":                {"store", "jobs"},
		"jobs/classify":      {"codes"},
		"search":             {"httpx"},
		"server":             {"app", "web", "api"},
		"resume":             {"api"},
		"match":              {"server"},
		"search/searchbench": {"search", "codes"},
	}
	want := []string{
		"api imports store", "gigs imports web", "jobs imports app", "match imports server",
		"policy/draft imports store", "resume imports api", "search imports httpx", "store imports app", "web imports store",
	}
	got := violations(bad)
	if len(got) != len(want) {
		t.Fatalf("got %d violations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w+":") {
			t.Errorf("violation %d = %q, want %q", i, got[i], w)
		}
	}
	if _, err := os.Stat("../app"); err != nil {
		t.Fatal("run from internal/layers:", err)
	}
}
