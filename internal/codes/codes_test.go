package codes

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
)

// tables loads once for all tests (Load itself is tested in TestLoad).
var tables = sync.OnceValues(Load)

func mustTables(t testing.TB) *Tables {
	t.Helper()
	ts, err := tables()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func levelCounts(tb *Table) map[int]int {
	m := map[int]int{}
	for _, c := range tb.codes {
		m[c.Level]++
	}
	return m
}

func codesOf(cs []Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

func TestLoad(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if a.Regions == b.Regions || a.Regions.Len() != b.Regions.Len() {
		t.Error("Load should build fresh, equal tables")
	}
}

func TestCounts(t *testing.T) {
	ts := mustTables(t)
	cases := []struct {
		name  string
		table *Table
		want  map[int]int
	}{
		// NBS 2023 as documented in data/README.md, villages for Wuhan only.
		{"regions", ts.Regions, map[int]int{1: 31, 2: 342, 3: 2978, 4: 41352, 5: 3495}},
		// The file's rows are 8/73/336/1634 by its level column (checked in
		// TestOccupationFileRows). Four codes are listed twice and merged
		// (2047 codes), and levels come from the tree: every code without
		// sub-codes is a 职业 (see TestOccupationLevels).
		{"occupations", ts.Occupations, map[int]int{1: 8, 2: 69, 3: 277, 4: 1693}},
		// 20 门类, 97 大类, 473 中类 (274 rows + 199 added), 1381 小类 (with 3741).
		{"industries", ts.Industries, map[int]int{1: 20, 2: 97, 3: 473, 4: 1381}},
	}
	for _, c := range cases {
		got := levelCounts(c.table)
		total := 0
		for _, n := range c.want {
			total += n
		}
		if !maps(got, c.want) || c.table.Len() != total {
			t.Errorf("%s: levels %v, Len %d; want %v, %d", c.name, got, c.table.Len(), c.want, total)
		}
	}
	if n := len(ts.Regions.Children("")); n != 31 {
		t.Errorf("%d provinces at the top", n)
	}
	if n := len(ts.Occupations.Children("")); n != 8 {
		t.Errorf("%d occupation 大类 at the top", n)
	}
	if n := len(ts.Industries.Children("")); n != 20 {
		t.Errorf("%d industry 门类 at the top", n)
	}
}

func maps(a, b map[int]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestOccupationFileRows checks the data README's 8/73/336/1634 against the
// embedded file's level column.
func TestOccupationFileRows(t *testing.T) {
	got := map[int]int{}
	err := readCSV("csco2022.csv", []string{"level", "code", "name", "aliases"}, func(_ int, rec []string) error {
		got[int(rec[0][0]-'0')]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]int{1: 8, 2: 73, 3: 336, 4: 1634}; !maps(got, want) {
		t.Errorf("rows per level %v, want %v", got, want)
	}
}

// TestTreeInvariants walks every table: parents exist with a lower level,
// Path ends at the code and starts at the top, Children are sorted and
// cover every code once.
func TestTreeInvariants(t *testing.T) {
	ts := mustTables(t)
	for name, tb := range map[string]*Table{"regions": ts.Regions, "occupations": ts.Occupations, "industries": ts.Industries} {
		seen := 0
		var walk func(parent string, level int)
		walk = func(parent string, level int) {
			kids := tb.Children(parent)
			if !slices.IsSortedFunc(kids, func(a, b Code) int { return strings.Compare(a.Code, b.Code) }) {
				t.Errorf("%s: Children(%q) not sorted", name, parent)
			}
			for _, c := range kids {
				seen++
				if c.Parent != parent || c.Level <= level {
					t.Fatalf("%s: %+v under %q (level %d)", name, c, parent, level)
				}
				p := tb.Path(c.Code)
				if len(p) == 0 || p[len(p)-1].Code != c.Code || p[0].Parent != "" {
					t.Fatalf("%s: Path(%q) = %v", name, c.Code, codesOf(p))
				}
				for i := 1; i < len(p); i++ {
					if p[i].Parent != p[i-1].Code {
						t.Fatalf("%s: Path(%q) broken at %d: %v", name, c.Code, i, codesOf(p))
					}
				}
				for _, a := range p {
					if !tb.Within(c.Code, a.Code) {
						t.Fatalf("%s: Within(%q, %q) = false", name, c.Code, a.Code)
					}
				}
				if g, ok := tb.Get(c.Code); !ok || g.Code != c.Code || g.Name == "" {
					t.Fatalf("%s: Get(%q) = %+v, %v", name, c.Code, g, ok)
				}
				walk(c.Code, c.Level)
			}
		}
		walk("", 0)
		if seen != tb.Len() {
			t.Errorf("%s: %d codes reachable from the top, Len %d", name, seen, tb.Len())
		}
	}
}

func TestRegions(t *testing.T) {
	r := mustTables(t).Regions
	kids := r.Children("4201")
	if len(kids) != 13 {
		t.Errorf("Wuhan has %d districts, want 13", len(kids))
	}
	i := slices.IndexFunc(kids, func(c Code) bool { return c.Code == "420112" })
	if i < 0 || kids[i].Name != "东西湖区" || kids[i].Level != 3 || kids[i].Parent != "4201" {
		t.Errorf("Children(4201) lacks 420112 东西湖区: %v", kids)
	}
	path := r.Path("420112001")
	want := []Code{
		{Code: "42", Name: "湖北省", Level: 1},
		{Code: "4201", Name: "武汉市", Parent: "42", Level: 2},
		{Code: "420112", Name: "东西湖区", Parent: "4201", Level: 3},
		{Code: "420112001", Name: "吴家山街", Parent: "420112", Level: 4},
	}
	if !slices.EqualFunc(path, want, func(a, b Code) bool {
		return a.Code == b.Code && a.Name == b.Name && a.Parent == b.Parent && a.Level == b.Level
	}) {
		t.Errorf("Path(420112001) = %+v", path)
	}
	villages := 0
	for _, s := range r.Children("420112") {
		villages += len(r.Children(s.Code))
	}
	if villages != 140 {
		t.Errorf("东西湖区 has %d villages/communities, want 140", villages)
	}
	if p := r.Path("420102002003"); len(p) != 5 || p[4].Name != "保成社区" || p[4].Level != 5 {
		t.Errorf("Path(420102002003) = %+v", p)
	}
	// Municipalities keep their 市辖区 city level.
	if c, ok := r.Get("1101"); !ok || c.Name != "市辖区" || c.Parent != "11" {
		t.Errorf("Get(1101) = %+v, %v", c, ok)
	}
	if !r.Within("420112001", "42") || !r.Within("420112", "420112") || r.Within("420112", "420112001") ||
		r.Within("110101", "42") || r.Within("4201", "420112") {
		t.Error("Within wrong for regions")
	}
	if got := codesOf(r.Search("东西湖", 3)); !slices.Equal(got, []string{"420112"}) {
		t.Errorf("Search(东西湖) = %v", got)
	}
	// Exact names first, then shorter names.
	res := r.Search("武汉市", 0)
	if len(res) == 0 || res[0].Code != "4201" {
		t.Errorf("Search(武汉市) = %v", codesOf(res))
	}
}

func TestOccupations(t *testing.T) {
	o := mustTables(t).Occupations
	p := codesOf(o.Path("2-02-10-03"))
	if want := []string{"2-00-00-00", "2-02-00-00", "2-02-10-00", "2-02-10-03"}; !slices.Equal(p, want) {
		t.Errorf("Path(2-02-10-03) = %v, want %v", p, want)
	}
	c, _ := o.Get("2-02-10-03")
	if c.Name != "计算机软件工程技术人员S" || c.Level != 4 || c.Parent != "2-02-10-00" {
		t.Errorf("Get(2-02-10-03) = %+v", c)
	}
	if slices.Contains(c.Aliases, c.Name) || !slices.Contains(c.Aliases, "Java") || slices.Contains(c.Aliases, "java") {
		t.Errorf("aliases not de-duplicated: %q", c.Aliases)
	}
	// Shapes the file really has.
	for code, parent := range map[string]string{
		"1-01-00-01": "1-01-00-00", // 中类 without 小类
		"1-02-01-00": "1-02-00-00", // 小类 listed only as its single 职业
		"1-06-01-01": "1-06-00-00", // 小类 1-06-01 missing from the file
		"2-03-01-00": "2-03-00-00", // listed as level 3 and 4, merged
		"1-00-00-00": "",
	} {
		if c, ok := o.Get(code); !ok || c.Parent != parent {
			t.Errorf("Get(%q) = %+v, %v; want parent %q", code, c, ok, parent)
		}
	}
	if !o.Within("2-02-10-03", "2-00-00-00") || !o.Within("2-02-10-03", "2-02-10-00") ||
		!o.Within("2-02-10-03", "2-02-10-03") || o.Within("2-02-10-03", "2-02-11-00") ||
		o.Within("2-02-10-03", "6-00-00-00") || o.Within("2-02-10-00", "2-02-10-03") ||
		!o.Within("1-06-01-01", "1-00-00-00") {
		t.Error("Within wrong for occupations")
	}
	kids := codesOf(o.Children("2-02-10-00"))
	if len(kids) != 8 || kids[0] != "2-02-10-01" {
		t.Errorf("Children(2-02-10-00) = %v", kids)
	}
}

// TestOccupationLevels checks the levels Load derives where the file's
// level column is inconsistent.
func TestOccupationLevels(t *testing.T) {
	o := mustTables(t).Occupations
	for code, want := range map[string]struct {
		level  int
		parent string
		leaf   bool
	}{
		"2-00-00-00": {1, "", false},
		"2-02-00-00": {2, "2-00-00-00", false},
		"2-99-00-00": {4, "2-00-00-00", true},  // 中类 其他专业技术人员, undivided
		"2-02-10-00": {3, "2-02-00-00", false}, // 小类
		"6-20-03-00": {3, "6-20-00-00", false}, // file says 4, but has 3 职业
		"1-02-01-00": {4, "1-02-00-00", true},  // file says 4: undivided 小类
		"2-01-99-00": {4, "2-01-00-00", true},  // file says 3: undivided 小类
		"2-03-01-00": {4, "2-03-00-00", true},  // file says 3 and 4
		"1-01-00-01": {4, "1-01-00-00", true},  // 中类 without 小类
		"2-02-10-03": {4, "2-02-10-00", true},
	} {
		c, ok := o.Get(code)
		if !ok || c.Level != want.level || c.Parent != want.parent || (len(o.Children(code)) == 0) != want.leaf {
			t.Errorf("Get(%q) = %+v, %v (leaf %v); want %+v", code, c, ok, len(o.Children(code)) == 0, want)
		}
	}
	// Level 4 is exactly the leaves below the 大类 (7 军队人员 and 8 不便分类的
	// 其他从业人员 are 大类 without sub-codes).
	for _, c := range o.codes {
		if c.Level == 1 {
			if leaf := len(o.Children(c.Code)) == 0; leaf != (c.Code[0] == '7' || c.Code[0] == '8') {
				t.Errorf("大类 %s %s: leaf %v", c.Code, c.Name, leaf)
			}
			continue
		}
		if (c.Level == 4) != (len(o.Children(c.Code)) == 0) {
			t.Errorf("%s %s: level %d, %d children", c.Code, c.Name, c.Level, len(o.Children(c.Code)))
		}
	}
}

func TestSearchOccupations(t *testing.T) {
	o := mustTables(t).Occupations
	res := o.Search("焊工", 0)
	got := codesOf(res)
	// 焊工 (exact), 喷涂喷焊工 (name contains). The file has no 电焊工: its
	// welder is 6-18-02-04 焊工 with alias 氩弧焊工.
	if len(res) < 2 || res[0].Code != "6-18-02-04" || res[0].Name != "焊工" || !slices.Contains(got, "6-18-03-04") {
		t.Errorf("Search(焊工) = %v", res)
	}
	for _, c := range res {
		if !strings.Contains(c.Name, "焊工") && !slices.ContainsFunc(c.Aliases, func(a string) bool { return strings.Contains(a, "焊工") }) {
			t.Errorf("Search(焊工) returned %+v", c)
		}
	}
	if got := codesOf(o.Search("焊", 0)); len(got) < 6 {
		t.Errorf("Search(焊) = %v", got)
	}
	// Alias match, case-insensitive and width-insensitive.
	for _, q := range []string{"氩弧焊工", "CTO", "cto", " Ｃ Ｔ Ｏ "} {
		if res := o.Search(q, 5); len(res) == 0 || res[0].Code != map[bool]string{true: "6-18-02-04", false: "1-06-01-02"}[q == "氩弧焊工"] {
			t.Errorf("Search(%q) = %v", q, codesOf(res))
		}
	}
	// Names match without the L/S markers, and exactly with them.
	for _, q := range []string{"大地测量工程技术人员", "大地测量工程技术人员L/S", "大地测量工程技术人员l/s"} {
		if res := o.Search(q, 1); len(res) != 1 || res[0].Code != "2-02-02-01" {
			t.Errorf("Search(%q) = %v", q, res)
		}
	}
	// Space-insensitive: the file has "气体生产、 处理和输送人员".
	if res := o.Search("气体生产、处理和输送人员", 1); len(res) != 1 || res[0].Code != "6-28-02-00" {
		t.Errorf("Search without the stray space = %v", res)
	}
	// Ranking: exact, prefix, contains, alias; shorter first.
	res = o.Search("工程技术人员", 0)
	for i := 1; i < len(res); i++ {
		a, b := o.keys[o.index[res[i-1].Code]], o.keys[o.index[res[i].Code]]
		ra, rb := a.rank("工程技术人员"), b.rank("工程技术人员")
		if ra > rb || (ra == rb && a.length > b.length) {
			t.Fatalf("Search order broken at %d: %s (%d,%d) before %s (%d,%d)", i, res[i-1].Name, ra, a.length, res[i].Name, rb, b.length)
		}
	}
	if len(o.Search("工程技术人员", 3)) != 3 {
		t.Error("limit not applied")
	}
	for _, q := range []string{"", "   ", "\u3000"} {
		if res := o.Search(q, 10); res != nil {
			t.Errorf("Search(%q) = %v, want nil", q, res)
		}
	}
	if res := o.Search("没有这个职业名称", 10); len(res) != 0 {
		t.Errorf("Search(nonsense) = %v", res)
	}
}

func TestIndustries(t *testing.T) {
	in := mustTables(t).Industries
	var want []string
	for n := 13; n <= 43; n++ {
		want = append(want, string(rune('0'+n/10))+string(rune('0'+n%10)))
	}
	if got := codesOf(in.Children("C")); !slices.Equal(got, want) {
		t.Errorf("Children(C) = %v, want %v", got, want)
	}
	if c, _ := in.Get("16"); c.Name != "烟草制品业" {
		t.Errorf("Get(16).Name = %q (trailing space kept?)", c.Name)
	}
	// 中类 added by the loader.
	if got := codesOf(in.Path("0190")); !slices.Equal(got, []string{"A", "01", "019", "0190"}) {
		t.Errorf("Path(0190) = %v", got)
	}
	if c, ok := in.Get("019"); !ok || c.Name != "其他农业" || c.Level != 3 || c.Parent != "01" {
		t.Errorf("Get(019) = %+v, %v", c, ok)
	}
	// The corrected 3741 line.
	if got := codesOf(in.Children("374")); !slices.Equal(got, []string{"3741", "3742", "3743", "3744", "3749"}) {
		t.Errorf("Children(374) = %v", got)
	}
	if c, _ := in.Get("374"); c.Name != "航空、航天器及设备制造" {
		t.Errorf("Get(374) = %+v", c)
	}
	if !in.Within("3741", "C") || in.Within("3741", "A") || !in.Within("0111", "01") {
		t.Error("Within wrong for industries")
	}
	if got := codesOf(in.Search("软件开发", 4)); !slices.Equal(got, []string{"651", "6511", "6512", "6513"}) {
		t.Errorf("Search(软件开发) = %v", got)
	}
}

func TestUnknownCodes(t *testing.T) {
	ts := mustTables(t)
	for _, tb := range []*Table{ts.Regions, ts.Occupations, ts.Industries} {
		for _, code := range []string{"nope", "99", "9-99-99-99", "Z", " 42", "c"} {
			if _, ok := tb.Get(code); ok {
				t.Errorf("Get(%q) found", code)
			}
			if tb.Children(code) != nil || tb.Path(code) != nil {
				t.Errorf("Children/Path(%q) not nil", code)
			}
			if tb.Within(code, code) {
				t.Errorf("Within(%q, %q) = true", code, code)
			}
		}
	}
	if ts.Regions.Within("420112", "nope") {
		t.Error("Within(known, unknown) = true")
	}
}

func TestReturnedValuesAreCopies(t *testing.T) {
	o := mustTables(t).Occupations
	c, _ := o.Get("6-18-02-04")
	c.Aliases[0] = "changed"
	for _, got := range [][]Code{o.Search("焊工", 1), o.Path("6-18-02-04"), o.Children("6-18-02-00")} {
		for _, g := range got {
			if g.Code == "6-18-02-04" && g.Aliases[0] == "changed" {
				t.Fatal("table changed through a returned Code")
			}
		}
	}
	c2, _ := o.Get("6-18-02-04")
	if c2.Aliases[0] == "changed" {
		t.Fatal("table changed through Get")
	}
}

func TestJSON(t *testing.T) {
	r := mustTables(t).Regions
	c, _ := r.Get("420112")
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"code":"420112","name":"东西湖区","parent":"4201","level":3}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}

func TestConcurrentUse(t *testing.T) {
	ts := mustTables(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				ts.Occupations.Search("工", 10)
				ts.Regions.Path("420112001")
				ts.Industries.Children("C")
			}
		})
	}
	wg.Wait()
}

func TestStripMarker(t *testing.T) {
	for in, want := range map[string]string{
		"大地测量工程技术人员L/S": "大地测量工程技术人员",
		"水工环地质工程技术人员L":  "水工环地质工程技术人员",
		"工程测量工程技术人员S":   "工程测量工程技术人员",
		"通信工程技术人员(S)":   "通信工程技术人员",
		"通信工程技术人员（L）":   "通信工程技术人员",
		"焊工":            "焊工",
		"CTO":           "CTO",
		"S":             "S",
		"":              "",
		"管理（工业）工程技术人员":  "管理（工业）工程技术人员",
	} {
		if got := stripMarker(in); got != want {
			t.Errorf("stripMarker(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchRegions(b *testing.B) {
	ts, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ts.Regions.Search("街道", 20)
	}
}

func BenchmarkSearchOccupations(b *testing.B) {
	ts, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ts.Occupations.Search("工程师", 20)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"张三":            "张三",
		"  Ｃ Ｔ Ｏ\u3000": "cto",
		"A\tB\nC":       "abc",
		"气体生产、 处理":      "气体生产、处理",
		"Java开发":        "java开发",
		"\xff":          "\ufffd",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
