// Package codes holds the platform's built-in reference code tables:
// administrative regions (统计用区划代码, NBS 2023, villages for Wuhan only),
// occupations (职业分类大典 2022) and industries (GB/T 4754-2017). The CSV
// sources are embedded (see data/README.md); Load parses them. There is no
// package-level mutable state and no init work.
package codes

import (
	"slices"
	"strings"
)

// Code is one entry of a code table.
//
// Region codes are the short codes of the source files: province "42", city
// "4201", county "420112", street "420112001", village/community
// "420112001001" (levels 1-5). Occupation codes look like "2-02-10-03"
// (levels 1-4: 大类, 中类, 小类, 职业). Industry codes are a section letter
// "C" (门类, level 1) then "13", "131", "1311" (大类, 中类, 小类, levels 2-4).
type Code struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Parent  string   `json:"parent"` // "" at the top level
	Level   int      `json:"level"`
	Aliases []string `json:"aliases,omitempty"`
}

// clone returns c with its own copy of Aliases, so callers cannot change a
// table through a returned value.
func (c Code) clone() Code {
	c.Aliases = slices.Clone(c.Aliases)
	return c
}

// Tables are the built-in code tables.
type Tables struct {
	Regions, Occupations, Industries *Table
	Pinyin                           *Pinyin // occupation names by pinyin and initials
}

// Table is a tree of codes. It is immutable after Load and safe for
// concurrent use; every method returns copies.
type Table struct {
	codes    []Code             // sorted by Code
	index    map[string]int32   // code -> position in codes
	children map[string][]int32 // parent code ("" = top) -> children, sorted by code
	keys     []searchKey        // parallel to codes
}

// Len returns the number of codes in the table.
func (t *Table) Len() int { return len(t.codes) }

// Get returns the entry for code. Codes are matched exactly.
func (t *Table) Get(code string) (Code, bool) {
	i, ok := t.index[code]
	if !ok {
		return Code{}, false
	}
	return t.codes[i].clone(), true
}

// Children returns the direct children of parent sorted by code; parent ""
// returns the top level. An unknown or leaf code has no children.
func (t *Table) Children(parent string) []Code {
	idx := t.children[parent]
	if len(idx) == 0 {
		return nil
	}
	out := make([]Code, len(idx))
	for j, i := range idx {
		out[j] = t.codes[i].clone()
	}
	return out
}

// Path returns the chain from the top level down to code, both included, or
// nil for an unknown code.
func (t *Table) Path(code string) []Code {
	i, ok := t.index[code]
	if !ok {
		return nil
	}
	var out []Code
	for {
		c := t.codes[i]
		out = append(out, c.clone())
		if c.Parent == "" {
			break
		}
		i = t.index[c.Parent] // Load guarantees parents exist
	}
	slices.Reverse(out)
	return out
}

// FullName joins the names along a code's path, skipping the "市辖区" level
// of municipalities ("湖北省武汉市东西湖区吴家山街道"); "" for an unknown code.
func (t *Table) FullName(code string) string {
	var b strings.Builder
	for _, c := range t.Path(code) {
		if c.Name != "市辖区" {
			b.WriteString(c.Name)
		}
	}
	return b.String()
}

// Within reports whether code is ancestor or one of its descendants. Both
// must be codes of the table.
func (t *Table) Within(code, ancestor string) bool {
	i, ok := t.index[code]
	if !ok {
		return false
	}
	if _, ok := t.index[ancestor]; !ok {
		return false
	}
	for {
		c := &t.codes[i]
		if c.Code == ancestor {
			return true
		}
		if c.Parent == "" {
			return false
		}
		i = t.index[c.Parent]
	}
}
