package search

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

var testNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

// tables loads the code tables once for all tests.
var tables = sync.OnceValues(codes.Load)

func mustTables(tb testing.TB) *codes.Tables {
	tb.Helper()
	ts, err := tables()
	if err != nil {
		tb.Fatal(err)
	}
	return ts
}

// post returns a plain post published a day before testNow.
func post(id int64, title string) Doc {
	return Doc{
		ID: id, Title: title, Description: "公司位于东西湖区，工作环境好，待遇从优。",
		Enterprise: "武汉测试有限公司", OccupationCode: "4-07-05-01", RegionCode: "420112001",
		SalaryMin: 4000, SalaryMax: 6000, Education: "不限",
		PublishedAt: testNow.Add(-24 * time.Hour), ExpiresAt: testNow.Add(30 * 24 * time.Hour),
	}
}

func newIndex(tb testing.TB, docs ...Doc) *Index {
	tb.Helper()
	ix := NewIndex(mustTables(tb).Occupations)
	for _, d := range docs {
		ix.Upsert(d)
	}
	return ix
}

func search(ix *Index, q Query) (int, []int64) {
	if q.Now.IsZero() {
		q.Now = testNow
	}
	total, hits := ix.Search(q)
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return total, ids
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func TestRecall(t *testing.T) {
	ix := newIndex(t,
		post(1, "电焊工"), post(2, "氩弧焊工（包吃住）"), post(3, "叉车司机"), post(4, "会计"),
		post(5, "出纳会计"), post(6, "焊接工程师"), post(7, "Java开发工程师"), post(8, "货车司机"),
		post(9, "叉车工/仓库司机"),
	)
	cases := []struct {
		q    string
		want []int64
	}{
		{"焊工", []int64{1, 2}},
		{"焊", []int64{1, 2, 6}},
		{"叉车", []int64{3, 9}},
		{"叉车司机", []int64{3}},
		{"叉车 司机", []int64{3, 9}},
		{"司机　叉车", []int64{3, 9}}, // ideographic space
		{"会计", []int64{4, 5}},
		{"JAVA", []int64{7}},
		{"ｊａｖａ 工程师", []int64{7}}, // full-width
		{"java 开发", []int64{7}},
		{"python", nil},
		{"焊工 python", nil},
		{"厨师", nil},
	}
	for _, c := range cases {
		total, ids := search(ix, Query{Q: c.q})
		if !slices.Equal(sorted(ids), c.want) || total != len(c.want) {
			t.Errorf("Search(%q) = %d %v, want %v", c.q, total, ids, c.want)
		}
	}
}

func TestTitleOutranksDescription(t *testing.T) {
	inTitle := post(1, "仓库管理员")
	inDesc := post(2, "文员")
	inDesc.Description = "负责协助仓库管理员做好出入库登记，仓库管理员休息时代班，配合仓库管理员盘点。" + strings.Repeat("仓库管理员", 5)
	inSkills := post(3, "库房助理")
	inSkills.Skills = []string{"仓库管理员"}
	inFirm := post(4, "理货员")
	inFirm.Enterprise = "武汉仓库管理员服务有限公司"
	// Even a fresh description hit stays below an older title hit.
	inTitle.PublishedAt = testNow.Add(-50 * 24 * time.Hour)
	ix := newIndex(t, inDesc, inFirm, inSkills, inTitle)
	_, ids := search(ix, Query{Q: "仓库管理员"})
	if want := []int64{1, 3, 4, 2}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want title, skills, enterprise, description %v", ids, want)
	}
}

func TestLongDescriptionSaturates(t *testing.T) {
	short := post(1, "普工")
	short.Description = "招聘包装工，包吃住。"
	long := post(2, "普工")
	long.Description = strings.Repeat("包装工包装工工作认真。", 30)
	ix := newIndex(t, short, long)
	total, hits := ix.Search(Query{Q: "包装工", Now: testNow})
	if total != 2 {
		t.Fatalf("total = %d", total)
	}
	if hits[0].Score > 2*hits[1].Score {
		t.Errorf("scores %v vs %v: repetition should saturate", hits[0].Score, hits[1].Score)
	}
}

func TestOccupationBoost(t *testing.T) {
	// Same text; 1 has the code the query names (叉车司机 is an alias of
	// 6-30-05-01), 2 is in the same 小类 6-30-05, 3 elsewhere.
	a, b, c := post(1, "叉车司机"), post(2, "叉车司机"), post(3, "叉车司机")
	a.OccupationCode, b.OccupationCode, c.OccupationCode = "6-30-05-01", "6-30-05-02", "4-02-02-02"
	ix := newIndex(t, c, b, a)
	_, hits := ix.Search(Query{Q: "叉车司机", Now: testNow})
	if ids := []int64{hits[0].ID, hits[1].ID, hits[2].ID}; !slices.Equal(ids, []int64{1, 2, 3}) {
		t.Fatalf("order = %v, want exact code, same 小类, other", ids)
	}
	if !(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score) {
		t.Errorf("scores not strictly decreasing: %v %v %v", hits[0].Score, hits[1].Score, hits[2].Score)
	}
	// A query word naming the occupation boosts too; the name itself as well.
	_, ids := search(ix, Query{Q: "叉车司机 东西湖"})
	if len(ids) != 3 || ids[0] != 1 {
		t.Errorf("word boost: %v", ids)
	}
	n1, n2 := post(4, "起重装卸机械操作工"), post(5, "起重装卸机械操作工")
	n1.OccupationCode = "6-30-05-01"
	ix = newIndex(t, n2, n1)
	if _, ids := search(ix, Query{Q: "起重装卸机械操作工"}); !slices.Equal(ids, []int64{4, 5}) {
		t.Errorf("name boost: %v", ids)
	}
}

func TestFresherFirst(t *testing.T) {
	old, fresh, mid := post(1, "保安"), post(2, "保安"), post(3, "保安")
	old.PublishedAt = testNow.Add(-40 * 24 * time.Hour)
	fresh.PublishedAt = testNow.Add(-2 * time.Hour)
	mid.PublishedAt = testNow.Add(-10 * 24 * time.Hour)
	ix := newIndex(t, old, fresh, mid)
	if _, ids := search(ix, Query{Q: "保安"}); !slices.Equal(ids, []int64{2, 3, 1}) {
		t.Errorf("order = %v, want fresher first", ids)
	}
}

// filterIndex holds posts that differ in one attribute each.
func filterIndex(t *testing.T) *Index {
	t.Helper()
	var docs []Doc
	add := func(id int64, edit func(d *Doc)) {
		d := post(id, "普工")
		edit(&d)
		docs = append(docs, d)
	}
	add(1, func(d *Doc) {}) // baseline: 420112001, 4-07-05-01, 4000-6000, 不限, 0 years, 1 day old
	add(2, func(d *Doc) { d.RegionCode = "420112101" })
	add(3, func(d *Doc) { d.RegionCode = "420113001" })
	add(4, func(d *Doc) { d.RegionCode = "420112" })
	add(5, func(d *Doc) { d.OccupationCode = "6-18-02-04" })
	add(6, func(d *Doc) { d.OccupationCode = "6-18-01-01" })
	add(7, func(d *Doc) { d.OccupationCode = "6-30-05-01" })
	add(8, func(d *Doc) { d.Education = "大专" })
	add(9, func(d *Doc) { d.Education = "本科" })
	add(10, func(d *Doc) { d.Education = "中专" })
	add(11, func(d *Doc) { d.ExperienceYears = 3 })
	add(12, func(d *Doc) { d.ExperienceYears = 5 })
	add(13, func(d *Doc) { d.SalaryMin, d.SalaryMax = 8000, 12000 })
	add(14, func(d *Doc) { d.PublishedAt = testNow.Add(-20 * 24 * time.Hour) })
	add(15, func(d *Doc) { d.ExpiresAt = testNow.Add(-time.Hour) })
	add(16, func(d *Doc) { d.ExpiresAt = time.Time{} })
	add(17, func(d *Doc) { d.HasGeo, d.Lat, d.Lng = true, 30.65, 114.15 })
	add(18, func(d *Doc) { d.HasGeo, d.Lat, d.Lng = true, 30.70, 114.15 }) // ~5.6 km north
	add(19, func(d *Doc) { d.HasGeo, d.Lat, d.Lng = true, 30.65, 114.40 }) // ~24 km east
	add(20, func(d *Doc) { d.ExpiresAt = testNow })                        // expires exactly now
	return newIndex(t, docs...)
}

func TestFilters(t *testing.T) {
	ix := filterIndex(t)
	all := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19}
	without := func(drop ...int64) []int64 {
		return slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return slices.Contains(drop, id) })
	}
	near := &Point{Lat: 30.65, Lng: 114.15}
	cases := []struct {
		name string
		q    Query
		want []int64
	}{
		{"none (expired 15 and 20 excluded)", Query{}, all},
		{"region county", Query{Region: "420112"}, without(3)},
		{"region street", Query{Region: "420112101"}, []int64{2}},
		{"region city", Query{Region: "4201"}, all},
		{"region other county", Query{Region: "420113"}, []int64{3}},
		{"region malformed", Query{Region: "42a"}, nil},
		{"occupation 中类", Query{Occupation: "6-18-00-00"}, []int64{5, 6}},
		{"occupation 小类", Query{Occupation: "6-18-02-00"}, []int64{5}},
		{"occupation 大类", Query{Occupation: "6-00-00-00"}, []int64{5, 6, 7}},
		{"occupation leaf", Query{Occupation: "6-30-05-01"}, []int64{7}},
		{"occupation malformed", Query{Occupation: "6-18"}, nil},
		{"education 大专", Query{Education: "大专"}, without(9)},
		{"education 高中 = 中专", Query{Education: "高中"}, without(8, 9)},
		{"education 不限 = any", Query{Education: "不限"}, all},
		{"experience 3", Query{Experience: 3}, without(12)},
		{"experience none", Query{Experience: NoExperience}, without(11, 12)},
		{"salary", Query{SalaryMin: 7000}, []int64{13}},
		{"salary equal to max", Query{SalaryMin: 6000}, all},
		{"posted within a week", Query{PostedWithin: 7 * 24 * time.Hour}, without(14)},
		{"radius", Query{Near: near, RadiusKm: 10}, []int64{17, 18}},
		{"radius wide", Query{Near: near, RadiusKm: 30}, []int64{17, 18, 19}},
		{"radius without point ignored", Query{RadiusKm: 10}, all},
		{"point without radius: no filter", Query{Near: near}, all},
		{"combined", Query{Q: "普工", Region: "420112", Occupation: "6-18-00-00", Education: "高中"}, []int64{5, 6}},
	}
	for _, c := range cases {
		c.q.PageSize = 100
		total, ids := search(ix, c.q)
		if !slices.Equal(sorted(ids), c.want) || total != len(c.want) {
			t.Errorf("%s: got %d %v, want %v", c.name, total, sorted(ids), c.want)
		}
	}
}

func TestSorts(t *testing.T) {
	ix := filterIndex(t)
	near := &Point{Lat: 30.65, Lng: 114.15}

	_, hits := ix.Search(Query{Near: near, Sort: SortDistance, Now: testNow, PageSize: 100})
	if got := []int64{hits[0].ID, hits[1].ID, hits[2].ID}; !slices.Equal(got, []int64{17, 18, 19}) {
		t.Errorf("distance order starts %v", got)
	}
	if d := hits[0].DistanceKm; d < 0 || d > 0.01 {
		t.Errorf("distance of 17 = %v", d)
	}
	if d := hits[1].DistanceKm; math.Abs(d-5.56) > 0.05 {
		t.Errorf("distance of 18 = %v, want ≈5.56", d)
	}
	for _, h := range hits[3:] {
		if h.DistanceKm != -1 {
			t.Errorf("post %d without position has distance %v", h.ID, h.DistanceKm)
		}
	}

	_, ids := search(ix, Query{Sort: SortSalary})
	if ids[0] != 13 {
		t.Errorf("salary sort starts with %d", ids[0])
	}
	_, ids = search(ix, Query{})
	if ids[len(ids)-1] != 14 {
		t.Errorf("newest (default without text) ends with %d, want the oldest 14", ids[len(ids)-1])
	}
	_, ids = search(ix, Query{Q: "普工", Sort: SortNewest})
	if ids[len(ids)-1] != 14 {
		t.Errorf("newest with text ends with %d", ids[len(ids)-1])
	}
	// distance without a point falls back to the default
	_, ids = search(ix, Query{Sort: SortDistance})
	if ids[len(ids)-1] != 14 {
		t.Errorf("distance without point ends with %d", ids[len(ids)-1])
	}
	// without Near every distance is unknown
	_, hits = ix.Search(Query{Q: "普工", Now: testNow})
	for _, h := range hits {
		if h.DistanceKm != -1 {
			t.Errorf("distance without point: %v", h.DistanceKm)
		}
	}
}

func TestPagination(t *testing.T) {
	var docs []Doc
	for i := range 250 {
		d := post(int64(i+1), "仓管员")
		d.PublishedAt = testNow.Add(-time.Duration(i) * time.Minute)
		docs = append(docs, d)
	}
	ix := newIndex(t, docs...)
	total, ids := search(ix, Query{Q: "仓管", PageSize: 10000})
	if total != 250 || len(ids) != MaxPageSize {
		t.Fatalf("page size 10000: total %d, %d hits", total, len(ids))
	}
	if _, ids := search(ix, Query{Q: "仓管"}); len(ids) != DefaultPageSize {
		t.Errorf("default page: %d hits", len(ids))
	}
	var seen []int64
	for page := 1; page <= 4; page++ {
		total, ids := search(ix, Query{Q: "仓管", Page: page, PageSize: 100})
		if total != 250 {
			t.Errorf("page %d total %d", page, total)
		}
		seen = append(seen, ids...)
	}
	want := make([]int64, 250)
	for i := range want {
		want[i] = int64(i + 1) // same text: newest first
	}
	if !slices.Equal(seen, want) {
		t.Errorf("pages 1-4 = %v…, want 1..250 in order", seen[:10])
	}
	if total, ids := search(ix, Query{Q: "仓管", Page: 1 << 40, PageSize: 100}); total != 250 || len(ids) != 0 {
		t.Errorf("huge page: %d %v", total, ids)
	}
	if _, ids := search(ix, Query{Q: "仓管", Page: -3, PageSize: -1}); len(ids) != DefaultPageSize || ids[0] != 1 {
		t.Errorf("negative page: %v", ids)
	}
}

func TestDeleteAndUpsert(t *testing.T) {
	ix := newIndex(t, post(1, "电焊工"), post(2, "焊工"), post(3, "保安"))
	ix.Delete(2)
	ix.Delete(99)
	if ix.Len() != 2 {
		t.Errorf("Len = %d", ix.Len())
	}
	if _, ids := search(ix, Query{Q: "焊工"}); !slices.Equal(ids, []int64{1}) {
		t.Errorf("after delete: %v", ids)
	}
	up := post(1, "叉车司机")
	ix.Upsert(up)
	if ix.Len() != 2 {
		t.Errorf("Len after replace = %d", ix.Len())
	}
	if _, ids := search(ix, Query{Q: "焊工"}); len(ids) != 0 {
		t.Errorf("old title still matches: %v", ids)
	}
	if _, ids := search(ix, Query{Q: "叉车"}); !slices.Equal(ids, []int64{1}) {
		t.Errorf("new title: %v", ids)
	}
	ix.Upsert(post(2, "焊工"))
	if _, ids := search(ix, Query{Q: "焊工"}); !slices.Equal(ids, []int64{2}) {
		t.Errorf("re-added: %v", ids)
	}
}

func TestCompaction(t *testing.T) {
	ix := newIndex(t)
	for i := range 2000 {
		title := "普工"
		if i%2 == 0 {
			title = "电焊工"
		}
		ix.Upsert(post(int64(i+1), title))
	}
	for i := 0; i < 2000; i += 4 {
		ix.Delete(int64(i + 1)) // 500 welders go
	}
	for i := 1; i < 2000; i += 4 {
		d := post(int64(i+1), "叉车司机") // 500 replaced
		ix.Upsert(d)
	}
	ix.mu.RLock()
	metas, dead := ix.st.n, ix.st.nDead
	ix.mu.RUnlock()
	if dead*4 >= metas && dead >= 256 {
		t.Errorf("not compacted: %d dead of %d", dead, metas)
	}
	if ix.Len() != 1500 {
		t.Errorf("Len = %d", ix.Len())
	}
	for q, want := range map[string]int{"焊工": 500, "普工": 500, "叉车": 500} {
		if total, _ := search(ix, Query{Q: q}); total != want {
			t.Errorf("%s: %d, want %d", q, total, want)
		}
	}
	ix.Compact()
	ix.mu.RLock()
	dead = ix.st.nDead
	ix.mu.RUnlock()
	if dead != 0 {
		t.Errorf("Compact left %d dead", dead)
	}
	_, ids := search(ix, Query{Q: "焊工", PageSize: 100})
	for _, id := range ids {
		if (id-1)%4 != 2 {
			t.Errorf("post %d should not be a welder", id)
		}
	}
}

func TestSnippet(t *testing.T) {
	d := post(1, "电焊工")
	d.Description = strings.Repeat("公司福利好，环境优美。", 6) + "招聘电焊工3名，要求持焊工证上岗。" + strings.Repeat("欢迎来电咨询。", 6)
	ix := newIndex(t, d, post(2, "氩弧焊工"), post(3, "Java工程师"))

	_, hits := ix.Search(Query{Q: "焊工", Now: testNow})
	var h Hit
	for _, x := range hits {
		if x.ID == 1 {
			h = x
		}
	}
	text, marked := joinSegments(h.Snippet)
	if n := utf8.RuneCountInString(text); n > snippetRunes {
		t.Errorf("snippet has %d runes: %q", n, text)
	}
	if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") {
		t.Errorf("cut snippet without ellipses: %q", text)
	}
	if !slices.Equal(marked, []string{"焊工", "焊工"}) {
		t.Errorf("marked %q in %q", marked, text)
	}
	if !strings.Contains(text, "招聘电焊工3名") {
		t.Errorf("snippet %q misses the match context", text)
	}

	// Title-only match: the title, marked.
	_, hits = ix.Search(Query{Q: "氩弧焊", Now: testNow})
	if text, marked := joinSegments(hits[0].Snippet); text != "氩弧焊工" || !slices.Equal(marked, []string{"氩弧焊"}) {
		t.Errorf("title snippet %q %q", text, marked)
	}
	// ASCII words are marked whole and case-insensitively.
	_, hits = ix.Search(Query{Q: "JAVA", Now: testNow})
	if _, marked := joinSegments(hits[0].Snippet); !slices.Equal(marked, []string{"Java"}) {
		t.Errorf("word marks %q", marked)
	}
	// Without text: the start of the description, unmarked.
	_, hits = ix.Search(Query{Now: testNow, PageSize: 5})
	for _, h := range hits {
		if text, marked := joinSegments(h.Snippet); len(marked) != 0 || !strings.HasPrefix(text, "公司") {
			t.Errorf("browse snippet %q %q", text, marked)
		}
	}
}

func TestSnippetEdges(t *testing.T) {
	var p plan
	p.parse("焊工 java", map[string]uint32{"java": 0}, newOccupations(nil))
	long := strings.Repeat("公司福利好。", 20) // 120 runes
	cases := []struct {
		name, title, desc string
		text              string
		marked            []string
	}{
		{"short, spaces collapsed", "x", "  招聘\n\n电焊工，\t会 JAVA  ", "招聘 电焊工， 会 JAVA", []string{"焊工", "JAVA"}},
		{"match at the end", "x", long + "急招焊工", "…" + string([]rune(long)[120-55:]) + "急招焊工", []string{"焊工"}},
		{"match at the start", "x", "焊工" + long, "焊工" + string([]rune(long)[:57]) + "…", []string{"焊工"}},
		{"overlapping and repeated", "x", "焊工焊工工", "焊工焊工工", []string{"焊工焊工"}},
		{"word inside a longer word is not marked", "x", "javascript 工程师", "javascript 工程师", nil},
		{"no match: head of the description", "木工", long, string([]rune(long)[:59]) + "…", nil},
		{"title when the description is blank", "电焊工", "  ", "电焊工", []string{"焊工"}},
		{"nothing at all", "", "", "", nil},
	}
	for _, c := range cases {
		segs, _ := snippet(c.title, c.desc, &p, nil)
		text, marked := joinSegments(segs)
		if text != c.text || !slices.Equal(marked, c.marked) {
			t.Errorf("%s: %q %q, want %q %q", c.name, text, marked, c.text, c.marked)
		}
		if n := utf8.RuneCountInString(text); n > snippetRunes {
			t.Errorf("%s: %d runes", c.name, n)
		}
	}
}

func joinSegments(segs []Segment) (text string, marked []string) {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
		if s.Match {
			marked = append(marked, s.Text)
		}
	}
	return b.String(), marked
}

func TestSuggest(t *testing.T) {
	var docs []Doc
	id := int64(0)
	for title, n := range map[string]int{"电焊工": 5, "氩弧焊工（包吃住）": 3, "焊工": 2, "普工": 9, "叉车司机": 1} {
		for range n {
			id++
			d := post(id, title)
			d.OccupationCode = "4-07-05-01"
			docs = append(docs, d)
		}
	}
	ix := newIndex(t, docs...)
	got := ix.Suggest("焊", 5)
	if len(got) == 0 || got[0] != "焊工" {
		t.Errorf("Suggest(焊) = %v, want 焊工 (prefix) first", got)
	}
	got = ix.Suggest("焊工", 10)
	if i, j := slices.Index(got, "电焊工"), slices.Index(got, "氩弧焊工"); i < 0 || j < 0 || i > j {
		t.Errorf("Suggest(焊工) = %v, want 电焊工 before 氩弧焊工 (more posts)", got)
	}
	if got := ix.Suggest("叉车", 3); len(got) == 0 || got[0] != "叉车司机" {
		t.Errorf("Suggest(叉车) = %v", got)
	}
	// occupation names are suggested even without posts
	if got := ix.Suggest("起重装卸", 3); !slices.Contains(got, "起重装卸机械操作工") {
		t.Errorf("Suggest(起重装卸) = %v", got)
	}
	if got := ix.Suggest("  ", 3); got != nil {
		t.Errorf("blank prefix: %v", got)
	}
	// deleted posts stop counting
	for i := int64(1); i <= id; i++ {
		ix.Delete(i)
	}
	if got := ix.Suggest("电焊", 5); slices.Contains(got, "电焊工") {
		t.Errorf("deleted title still suggested: %v", got)
	}
	if got := ix.Suggest("java", 50); len(got) > 50 {
		t.Errorf("%d suggestions", len(got))
	}
}

func TestAnalysis(t *testing.T) {
	for in, want := range map[string]string{"ＡＢＣ１２３": "abc123", "叉车 司机": "叉车司机", "Ｊava　开发": "java开发"} {
		if got := foldKey(in); got != want {
			t.Errorf("foldKey(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"物流服务师L": "物流服务师", "碳汇计量评估师L/S": "碳汇计量评估师", "SQL": "SQL", "大数据工程技术人员S": "大数据工程技术人员"} {
		if got := StripOccupationMarker(in); got != want {
			t.Errorf("StripOccupationMarker(%q) = %q", in, got)
		}
	}
	if lo, hi, ok := regionRange("420112"); !ok || lo != 420112000000 || hi != 420113000000 {
		t.Errorf("regionRange = %d %d %v", lo, hi, ok)
	}
	if lo, hi, ok := occupationRange("6-18-00-00"); !ok || lo != 6180000 || hi != 6190000 {
		t.Errorf("occupationRange = %d %d %v", lo, hi, ok)
	}
	if lo, hi, ok := occupationRange("6-00-00-00"); !ok || lo != 6000000 || hi != 7000000 {
		t.Errorf("occupationRange 大类 = %d %d %v", lo, hi, ok)
	}
	if _, _, ok := occupationRange("0-18-00-00"); ok {
		t.Error("occupationRange accepts 0-18-00-00")
	}
	if d := haversineKm(30.65, 114.15, 30.70, 114.15); math.Abs(d-5.56) > 0.01 {
		t.Errorf("haversine = %v", d)
	}
}
