package jobs

import (
	"strings"
	"sync"
	"testing"

	"github.com/jiuye/jiuye/internal/codes"
)

var loadTables = sync.OnceValues(codes.Load)

func tables(t *testing.T) *codes.Tables {
	t.Helper()
	ts, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestParseSalary(t *testing.T) {
	cases := []struct {
		in     string
		lo, hi int
		note   bool // a note explains how it was read
		fix    string
	}{
		{"6000-8000", 6000, 8000, false, ""},
		{"6000-8000元/月", 6000, 8000, false, ""},
		{"６０００～８０００元", 6000, 8000, false, ""},
		{"1-1.5万/月", 10000, 15000, false, ""},
		{"1-1.5万", 10000, 15000, false, ""},
		{"6-8千/月", 6000, 8000, false, ""},
		{"4.5-6千", 4500, 6000, false, ""},
		{"8千-1.2万/月", 8000, 12000, false, ""},
		{"8K-12K", 8000, 12000, false, ""},
		{"8-12k·13薪", 8000, 12000, false, ""},
		{"15-25K·14薪", 15000, 25000, false, ""},
		{"1.2万-1.8万", 12000, 18000, false, ""},
		{"5000至7000", 5000, 7000, false, ""},
		{"5000到7000元", 5000, 7000, false, ""},
		{"6,000 - 8,000", 6000, 8000, false, ""},
		{"4500", 4500, 4500, false, ""},
		{"4500元/月", 4500, 4500, false, ""},
		{"6000以上", 6000, 6000, true, ""},
		{"3500元/月起", 3500, 3500, true, ""},
		{"底薪3000+提成", 3000, 3000, true, ""},
		{"5000-8000/面议", 5000, 8000, false, ""},
		{"150-200元/天", 3263, 4350, true, ""},
		{"200元/天", 4350, 4350, true, ""},
		{"日结180", 3915, 3915, true, ""},
		{"20-25元/时", 3480, 4350, true, ""},
		{"时薪22元", 3828, 3828, true, ""},
		{"10-15万/年", 8333, 12500, true, ""},
		{"年薪12-18万", 10000, 15000, true, ""},
		{"6-8", 6000, 8000, true, ""},
		{"五千到八千", 5000, 8000, false, ""},
		{"1.2W-1.5W", 12000, 15000, false, ""},
		{"5000-1万", 5000, 10000, false, ""},
		{"6000-8000元/月+提成", 6000, 8000, false, ""},
		{"按件计酬", 0, 0, false, "看不懂"},
		{"面议", 0, 0, false, "面议"},
		{"薪资面议", 0, 0, false, "面议"},
		{"", 0, 0, false, "请填写"},
		{"3000以下", 0, 0, false, "上限"},
		{"很高", 0, 0, false, "看不懂"},
	}
	for _, c := range cases {
		lo, hi, note, fix := ParseSalary(c.in)
		if c.fix != "" {
			if !strings.Contains(fix, c.fix) {
				t.Errorf("%q: fix %q, want one with %q", c.in, fix, c.fix)
			}
			continue
		}
		if fix != "" || lo != c.lo || hi != c.hi || (note != "") != c.note {
			t.Errorf("%q: %d-%d note %q fix %q, want %d-%d note %v", c.in, lo, hi, note, fix, c.lo, c.hi, c.note)
		}
	}
	// Both ways: what the platform writes reads back the same.
	for _, r := range [][2]int{{6000, 8000}, {4500, 4500}, {12000, 30000}} {
		if lo, hi, note, fix := ParseSalary(SalaryText(r[0], r[1])); lo != r[0] || hi != r[1] || note != "" || fix != "" {
			t.Errorf("SalaryText(%v) reads back as %d-%d %q %q", r, lo, hi, note, fix)
		}
	}
}

func TestParseHeadcount(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		note bool
		bad  bool
	}{
		{"2", 2, false, false}, {"招2人", 2, false, false}, {"招 12 人", 12, false, false}, {"3名", 3, false, false},
		{"两名", 2, false, false}, {"十人", 10, false, false}, {"招十二人", 12, false, false}, {"2-3人", 3, true, false},
		{"10人以上", 10, false, false}, {"5.0", 5, false, false}, {"１０", 10, false, false},
		{"若干", DefaultImportHeadcount, true, false}, {"若干人", DefaultImportHeadcount, true, false},
		{"不限", DefaultImportHeadcount, true, false}, {"", DefaultImportHeadcount, true, false},
		{"2.5", 0, false, true}, {"很多很多", 0, false, true},
	}
	for _, c := range cases {
		n, note, fix := ParseHeadcount(c.in)
		if c.bad {
			if fix == "" {
				t.Errorf("%q: read as %d, want a refusal", c.in, n)
			}
			continue
		}
		if fix != "" || n != c.n || (note != "") != c.note {
			t.Errorf("%q: %d note %q fix %q, want %d note %v", c.in, n, note, fix, c.n, c.note)
		}
	}
}

func TestParseExperience(t *testing.T) {
	cases := []struct {
		in  string
		n   int
		bad bool
	}{
		{"3-4年工作经验", 3, false}, {"3-5年", 3, false}, {"1年以上", 1, false}, {"一年以上", 1, false}, {"两年", 2, false},
		{"10年以上经验", 10, false}, {"3", 3, false}, {"无工作经验", 0, false}, {"经验不限", 0, false}, {"不限", 0, false},
		{"应届生", 0, false}, {"在校/应届", 0, false}, {"1年以下", 0, false}, {"半年", 0, false}, {"6个月以上", 0, false},
		{"", 0, false}, {"不要求", 0, false}, {"无", 0, false}, {"40年", 0, true}, {"资深", 0, true},
	}
	for _, c := range cases {
		n, fix := ParseExperience(c.in)
		if (fix != "") != c.bad || !c.bad && n != c.n {
			t.Errorf("%q: %d %q, want %d bad %v", c.in, n, fix, c.n, c.bad)
		}
	}
	// Both ways: the platform's own labels.
	for _, y := range Experiences {
		if n, fix := ParseExperience(ExperienceLabel(y)); n != y || fix != "" {
			t.Errorf("%q reads back as %d %q", ExperienceLabel(y), n, fix)
		}
	}
}

func TestParseEducation(t *testing.T) {
	cases := map[string]string{
		"本科及以上": "本科", "本科": "本科", "统招本科": "本科", "大专以上": "大专", "大专及以上学历": "大专", "专科": "大专",
		"高中/中专": "高中", "中专/中技": "中专", "技校": "中专", "初中及以下": "不限", "学历不限": "不限", "": "不限",
		"硕士研究生": "硕士", "研究生及以上": "硕士", "博士": "博士", "高中以上": "高中", "大学本科": "本科", "大学专科": "大专",
		"MBA": "硕士", "初中": "初中", "不要求": "不限", "大专/本科": "大专",
	}
	for in, want := range cases {
		if got, fix := ParseEducation(in); got != want || fix != "" {
			t.Errorf("%q: %q %q, want %q", in, got, fix, want)
		}
	}
	for _, e := range Educations { // both ways
		if got, _ := ParseEducation(e); got != e {
			t.Errorf("%q reads back as %q", e, got)
		}
	}
	if _, fix := ParseEducation("看能力"); fix == "" {
		t.Error("an unknown education is accepted")
	}
}

func TestParseBenefits(t *testing.T) {
	b, other := ParseBenefits("五险一金,周末双休/交通补助、年底双薪，带薪年假 弹性工作")
	if strings.Join(b, " ") != "五险一金 双休 交通补贴 年终奖 带薪年假" || strings.Join(other, " ") != "弹性工作" {
		t.Fatalf("benefits %q, other %q", b, other)
	}
	for _, x := range Benefits { // both ways
		if b, other := ParseBenefits(x); len(b) != 1 || b[0] != x || len(other) != 0 {
			t.Errorf("%q reads as %q %q", x, b, other)
		}
	}
}

func TestResolvePlace(t *testing.T) {
	regions := tables(t).Regions
	cases := []struct {
		place, address string
		code           string
		note           bool
		fix            string
	}{
		{"420112001", "", "420112001", false, ""},
		{"420112001001", "", "420112001", false, ""},
		{"武汉-洪山区-关山街道", "", "420111002", false, ""},
		{"湖北省武汉市东西湖区吴家山街道", "", "420112001", false, ""},
		{"武汉-东西湖区", "东西湖区金银湖街道金山大道 18 号", "420112015", false, ""},
		{"武汉-洪山区", "洪山区关山大道 1 号", "420111002", false, ""},
		{"洪山区", "", "420111001", true, ""},
		{"武汉-洪山区", "珞喻路 1037 号", "420111001", true, ""},
		{"武汉", "武汉市江汉区新华街街道建设大道 568 号", "420103007", false, ""},
		{"武汉-东湖高新区", "高新大道 666 号", "420111080", true, ""},
		{"光谷", "", "420111080", true, ""},
		{"武汉-蔡甸区", "沌口经济开发区", "420114070", false, ""},
		{"420112", "走马岭街道汇通大道", "420112006", false, ""},
		{"", "武汉市黄陂区前川街道黄陂大道 1 号", "420116001", false, ""},
		{"武汉-洪山区", "武汉市东西湖区金银湖街道", "420111001", true, ""}, // the place cell wins over the address
		{"武汉·江夏区", "", "420115001", true, ""},
		{"武汉", "", "", false, "只有城市"},
		{"", "", "", false, "请填写工作地点"},
		{"12345", "", "", false, "9 位"},
	}
	for _, c := range cases {
		r, fix := ResolvePlace(regions, "420112", c.place, c.address)
		if c.fix != "" {
			if !strings.Contains(fix, c.fix) {
				t.Errorf("%q %q: %+v fix %q, want %q", c.place, c.address, r, fix, c.fix)
			}
			continue
		}
		if fix != "" || r.Code != c.code || (r.Note != "") != c.note {
			t.Errorf("%q %q: %+v %q, want %s note %v", c.place, c.address, r, fix, c.code, c.note)
		}
	}
	// A district name without a city is found in the employer's city.
	if r, _ := ResolvePlace(regions, "420112", "东西湖区", ""); r.Code != "420112001" {
		t.Errorf("东西湖区 alone: %+v", r)
	}
	// Both ways: a street's full name reads back as its code.
	for _, s := range regions.Children("420112") {
		if s.Code[6:] >= "400" {
			continue
		}
		if r, fix := ResolvePlace(regions, "", regions.FullName(s.Code), ""); r.Code != s.Code || fix != "" {
			t.Errorf("%s: %+v %q", regions.FullName(s.Code), r, fix)
		}
	}
}

func TestCompleteDescription(t *testing.T) {
	out, note, fix := CompleteDescription("负责焊接", "电焊工", "中专", 2, 3, []string{"二保焊"})
	if fix != "" || note == "" || !strings.HasPrefix(out, "负责焊接。岗位：电焊工") || !strings.Contains(out, "中专及以上学历") {
		t.Fatalf("short: %q %q %q", out, note, fix)
	}
	long := "负责钢结构件焊接，能看懂图纸。"
	if out, note, _ := CompleteDescription(long, "电焊工", "", 0, 1, nil); out != long || note != "" {
		t.Fatalf("long: %q %q", out, note)
	}
	if _, _, fix := CompleteDescription("  ", "电焊工", "", 0, 1, nil); fix == "" {
		t.Fatal("empty description accepted")
	}
}

func TestGuessImportField(t *testing.T) {
	cases := map[string]string{
		"职位": "title", "职位名称": "title", "岗位名称": "title", "薪资": "salary", "薪资范围": "salary", "薪资(元/月)": "salary",
		"工作地点": "place", "人数": "headcount", "招聘人数": "headcount", "岗位信息": "description", "职位描述": "description",
		"公司地址": "address", "最低月薪": "salary_min", "经验要求(年)": "experience", "经验要求（年）": "experience",
		"学历": "education", "工作地点代码": "place", "*岗位名称": "title", "公司名称": "",
	}
	for h, want := range cases {
		if got, known := GuessImportField(h); got != want || !known {
			t.Errorf("%q: %q %v, want %q", h, got, known, want)
		}
	}
	if _, known := GuessImportField("备注二"); known {
		t.Error("an unknown header is known")
	}
}

func TestCutTitleAndExpiry(t *testing.T) {
	long := strings.Repeat("普工", 25)
	if got, note := CutTitle(long); len([]rune(got)) != MaxTitle || note == "" {
		t.Errorf("long title: %q %q", got, note)
	}
	if got, note := CutTitle(" 电焊工 "); got != "电焊工" || note != "" {
		t.Errorf("title: %q %q", got, note)
	}
	if got, note := ImportExpiry("长期"); got != "" || note == "" {
		t.Errorf("长期: %q %q", got, note)
	}
	if got, note := ImportExpiry("2026-06-30"); got != "2026-06-30" || note != "" {
		t.Errorf("date: %q %q", got, note)
	}
	if out, note, _ := CompleteDescription(strings.Repeat("负", MaxDescription+5), "x", "", 0, 1, nil); len([]rune(out)) != MaxDescription || note == "" {
		t.Errorf("long description: %d %q", len([]rune(out)), note)
	}
}

func BenchmarkResolvePlace(b *testing.B) {
	ts, err := loadTables()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ResolvePlace(ts.Regions, "420112", "武汉-洪山区", "洪山区珞喻路 1037 号")
	}
}
