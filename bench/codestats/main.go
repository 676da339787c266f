// Command codestats reports the shape figures of the structure issue: the
// types with the most methods, the longest files, and the distribution of
// function lengths (non-test Go files below a directory, lines from the
// func keyword to the closing brace).
//
//	go run ./bench/codestats internal
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type count struct {
	name string
	n    int
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: codestats DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "codestats:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	fset := token.NewFileSet()
	methods := map[string]int{}
	var files, funcs []count
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, count{p, fset.File(f.Pos()).LineCount()})
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			funcs = append(funcs, count{p + " " + fd.Name.Name, fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1})
			if recv := receiver(fd); recv != "" {
				methods[filepath.Dir(p)+"."+recv]++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var types []count
	for k, v := range methods {
		types = append(types, count{k, v})
	}
	top("types by method count", types, 8)
	top("longest files", files, 8)
	top("longest functions", funcs, 5)
	lens := make([]int, len(funcs))
	for i, f := range funcs {
		lens[i] = f.n
	}
	sort.Ints(lens)
	n := len(lens)
	fmt.Printf("== %d functions: median %d, p90 %d, p99 %d, max %d lines\n", n, lens[n/2], lens[n*9/10], lens[n*99/100], lens[n-1])
	return nil
}

// receiver is the name of a method's receiver type, "" for a function.
func receiver(fd *ast.FuncDecl) string {
	if fd.Recv == nil {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func top(title string, cs []count, k int) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].n > cs[j].n || cs[i].n == cs[j].n && cs[i].name < cs[j].name })
	fmt.Println("==", title)
	for _, c := range cs[:min(k, len(cs))] {
		fmt.Printf("%6d %s\n", c.n, c.name)
	}
}
