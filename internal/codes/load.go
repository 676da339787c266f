package codes

import (
	"bufio"
	"cmp"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// data holds the embedded CSV sources; it is read-only.
//
//go:embed data/*.csv
var data embed.FS

// Load parses the embedded CSV files into fresh tables. Call it once at
// start-up and share the result: the tables are immutable.
//
// Beyond the files themselves (see data/README.md): occupation parents are
// derived from the code structure, climbing to the nearest code present;
// occupation rows listed twice under the same name are merged; industry
// 中类 that are missing from the file but named as the parent of a single
// 小类 are added with that 小类's name, as GB/T 4754 lists them.
func Load() (*Tables, error) {
	regions, err := loadRegions()
	if err != nil {
		return nil, fmt.Errorf("codes: regions: %w", err)
	}
	occupations, err := loadOccupations()
	if err != nil {
		return nil, fmt.Errorf("codes: occupations: %w", err)
	}
	industries, err := loadIndustries()
	if err != nil {
		return nil, fmt.Errorf("codes: industries: %w", err)
	}
	py, err := loadPinyin(occupations)
	if err != nil {
		return nil, fmt.Errorf("codes: occupation pinyin: %w", err)
	}
	return &Tables{Regions: regions, Occupations: occupations, Industries: industries, Pinyin: py}, nil
}

// readCSV reads an embedded CSV file, checks its header is exactly header
// and calls fn for every following record (the slice is reused).
func readCSV(name string, header []string, fn func(line int, rec []string) error) error {
	f, err := data.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	r.FieldsPerRecord = len(header)
	r.ReuseRecord = true
	rec, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	if rec[0] = strings.TrimPrefix(rec[0], "\ufeff"); !slices.Equal(rec, header) {
		return fmt.Errorf("%s: header %q, want %q", name, rec, header)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		if err := fn(line, rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

func loadRegions() (*Table, error) {
	b := newBuilder(48500)
	files := []struct {
		name   string
		header []string
		parent int // column of the parent code, -1 for none
	}{
		{"provinces.csv", []string{"code", "name"}, -1},
		{"cities.csv", []string{"code", "name", "provinceCode"}, 2},
		{"areas.csv", []string{"code", "name", "cityCode", "provinceCode"}, 2},
		{"streets.csv", []string{"code", "name", "areaCode", "provinceCode", "cityCode"}, 2},
		{"villages-4201.csv", []string{"code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"}, 2},
	}
	for level, f := range files {
		wantLen := []int{2, 4, 6, 9, 12}[level]
		err := readCSV(f.name, f.header, func(_ int, rec []string) error {
			c := Code{Code: rec[0], Name: strings.TrimSpace(rec[1]), Level: level + 1}
			if f.parent >= 0 {
				c.Parent = rec[f.parent]
			}
			if len(c.Code) != wantLen || !isDigits(c.Code) || !strings.HasPrefix(c.Code, c.Parent) {
				return fmt.Errorf("bad region code %q (parent %q)", c.Code, c.Parent)
			}
			return b.add(c)
		})
		if err != nil {
			return nil, err
		}
	}
	return b.build()
}

func loadOccupations() (*Table, error) {
	b := newBuilder(2100)
	err := readCSV("csco2022.csv", []string{"level", "code", "name", "aliases"}, func(_ int, rec []string) error {
		level, err := strconv.Atoi(rec[0])
		if err != nil || level < 1 || level > 4 {
			return fmt.Errorf("bad level %q", rec[0])
		}
		if !validOccupationCode(rec[1]) {
			return fmt.Errorf("bad occupation code %q", rec[1])
		}
		name := strings.TrimSpace(rec[2])
		return b.add(Code{Code: rec[1], Name: name, Level: level, Aliases: splitAliases(name, rec[3])})
	})
	if err != nil {
		return nil, err
	}
	// Parent from the code structure: the nearest present ancestor.
	present := make(map[string]bool, len(b.rows))
	for _, c := range b.rows {
		present[c.Code] = true
	}
	for i := range b.rows {
		p := occupationParent(b.rows[i].Code)
		for p != "" && !present[p] {
			p = occupationParent(p)
		}
		b.rows[i].Parent = p
	}
	// Level from the tree, not from the file's level column, which is
	// inconsistent for codes ending in "-00" (see data/README.md): every code
	// without sub-codes below a 大类 is a 职业 (level 4), as the 大典 gives each
	// undivided class a 职业 of the same code and name; the classes above are
	// 大类 1, 中类 2, 小类 3 by their code.
	parents := make(map[string]bool, len(b.rows))
	for _, c := range b.rows {
		parents[c.Parent] = true
	}
	for i := range b.rows {
		c := &b.rows[i]
		switch {
		case c.Code[2:] == "00-00-00":
			c.Level = 1
		case !parents[c.Code]:
			c.Level = 4
		case c.Code[5:] == "00-00":
			c.Level = 2
		default:
			c.Level = 3
		}
	}
	return b.build()
}

// validOccupationCode reports whether s looks like "2-02-10-03".
func validOccupationCode(s string) bool {
	if len(s) != 10 || s[1] != '-' || s[4] != '-' || s[7] != '-' {
		return false
	}
	return isDigits(s[0:1]+s[2:4]+s[5:7]+s[8:10]) && s[0] != '0'
}

// occupationParent returns the code one step up: the last segment that is
// not "00" becomes "00"; "" for a 大类 ("2-00-00-00").
func occupationParent(code string) string {
	for _, at := range []int{8, 5, 2} {
		if code[at:at+2] != "00" {
			return code[:at] + "00" + code[at+2:]
		}
	}
	return ""
}

// splitAliases splits a comma-joined alias list, trimming each entry and
// dropping empties, repeats and the name itself.
func splitAliases(name, list string) []string {
	seen := map[string]bool{normalize(name): true, normalize(stripMarker(name)): true}
	var out []string
	for a := range strings.SplitSeq(list, ",") {
		a = strings.Trim(strings.TrimSpace(a), "\"'“”")
		k := normalize(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func loadIndustries() (*Table, error) {
	b := newBuilder(2000)
	err := readCSV("gbt4754-2017.csv", []string{"level", "section", "code", "parent", "name"}, func(_ int, rec []string) error {
		level, err := strconv.Atoi(rec[0])
		if err != nil || level < 1 || level > 4 {
			return fmt.Errorf("bad level %q", rec[0])
		}
		c := Code{Code: rec[2], Name: strings.TrimSpace(rec[4]), Parent: rec[3], Level: level}
		switch {
		case level == 1 && (c.Code != rec[1] || c.Parent != "" || len(c.Code) != 1 || c.Code[0] < 'A' || c.Code[0] > 'Z'):
			return fmt.Errorf("bad section %q", c.Code)
		case level > 1 && (len(c.Code) != level || !isDigits(c.Code)):
			return fmt.Errorf("bad industry code %q at level %d", c.Code, level)
		case level > 2 && c.Parent != c.Code[:level-1]:
			return fmt.Errorf("industry %q has parent %q", c.Code, c.Parent)
		}
		return b.add(c)
	})
	if err != nil {
		return nil, err
	}
	// Add the 中类 that only appear as the parent of a single 小类.
	present := make(map[string]bool, len(b.rows))
	for _, c := range b.rows {
		present[c.Code] = true
	}
	missing := map[string][]Code{}
	for _, c := range b.rows {
		if c.Parent != "" && !present[c.Parent] {
			missing[c.Parent] = append(missing[c.Parent], c)
		}
	}
	for p, kids := range missing {
		if len(kids) != 1 || kids[0].Level != 4 || !present[p[:2]] {
			return nil, fmt.Errorf("industry parent %q of %d codes is missing", p, len(kids))
		}
		if err := b.add(Code{Code: p, Name: kids[0].Name, Parent: p[:2], Level: 3}); err != nil {
			return nil, err
		}
	}
	return b.build()
}

// builder collects rows and turns them into a Table.
type builder struct {
	rows []Code
	at   map[string]int // code -> index in rows
}

func newBuilder(size int) *builder {
	return &builder{rows: make([]Code, 0, size), at: make(map[string]int, size)}
}

// add appends c. A code seen before with the same name is merged (highest
// level, union of aliases); with a different name it is an error.
func (b *builder) add(c Code) error {
	if c.Code == "" || c.Name == "" {
		return fmt.Errorf("empty code or name in %+v", c)
	}
	i, dup := b.at[c.Code]
	if !dup {
		b.at[c.Code] = len(b.rows)
		b.rows = append(b.rows, c)
		return nil
	}
	old := &b.rows[i]
	if old.Name != c.Name || old.Parent != c.Parent {
		return fmt.Errorf("code %q listed twice: %q and %q", c.Code, old.Name, c.Name)
	}
	old.Level = max(old.Level, c.Level)
	for _, a := range c.Aliases {
		if !slices.Contains(old.Aliases, a) {
			old.Aliases = append(old.Aliases, a)
		}
	}
	return nil
}

// build checks the tree (every parent present and of a lower level) and
// indexes it.
func (b *builder) build() (*Table, error) {
	rows := b.rows
	byCode := func(x, y Code) int { return cmp.Compare(x.Code, y.Code) }
	if !slices.IsSortedFunc(rows, byCode) {
		slices.SortFunc(rows, byCode)
	}
	t := &Table{
		codes:    rows,
		index:    make(map[string]int32, len(rows)),
		children: map[string][]int32{},
		keys:     make([]searchKey, len(rows)),
	}
	for i, c := range rows {
		t.index[c.Code] = int32(i)
	}
	for i, c := range rows {
		if c.Parent != "" {
			p, ok := t.index[c.Parent]
			if !ok {
				return nil, fmt.Errorf("code %q: parent %q missing", c.Code, c.Parent)
			}
			if rows[p].Level >= c.Level {
				return nil, fmt.Errorf("code %q (level %d): parent %q has level %d", c.Code, c.Level, c.Parent, rows[p].Level)
			}
		}
		// rows are sorted, so each child list comes out sorted.
		t.children[c.Parent] = append(t.children[c.Parent], int32(i))
		t.keys[i] = newSearchKey(c)
	}
	return t, nil
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
