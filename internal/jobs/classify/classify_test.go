package classify

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

var (
	loadOnce sync.Once
	occTable *codes.Table
	shared   *Classifier
)

// testClassifier returns the occupation table and a classifier built from it
// once per test binary.
func testClassifier(tb testing.TB) (*codes.Table, *Classifier) {
	tb.Helper()
	loadOnce.Do(func() {
		t, err := codes.Load()
		if err != nil {
			panic(err)
		}
		occTable = t.Occupations
		shared = New(occTable)
	})
	return occTable, shared
}

// isLeaf reports whether code is in occ and has no children.
func isLeaf(occ *codes.Table, code string) bool {
	_, ok := occ.Get(code)
	return ok && len(occ.Children(code)) == 0
}

// TestLexiconCodes checks every hand-written code: lexicon targets and
// context-rule targets must be leaves, default-leaf keys must be non-leaf
// codes mapped to leaves inside them (or a stated cross-reference), dropped
// aliases must exist, and no word may appear twice in the lexicon.
func TestLexiconCodes(t *testing.T) {
	occ, _ := testClassifier(t)
	seen := map[string]string{}
	lines := 0
	for line := range strings.SplitSeq(lexicon, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		lines++
		code := f[0]
		if !isLeaf(occ, code) {
			t.Errorf("lexicon: %s is not a leaf occupation", code)
		}
		if name, ok := strings.CutSuffix(f[1], ":"); ok {
			if classID(name) == classNone {
				t.Errorf("lexicon %s: unknown class %q", code, name)
			}
			f = f[1:]
		}
		for _, w := range f[1:] {
			w = strings.TrimPrefix(w, "~")
			key := termKey(w)
			if key == "" {
				t.Errorf("lexicon %s: %q is not a single term", code, w)
				continue
			}
			if utf8.RuneCountInString(key) == 1 && !isASCIIUnit(key) {
				t.Errorf("lexicon %s: single ideograph %q never matches", code, w)
			}
			if prev, dup := seen[key]; dup {
				t.Errorf("lexicon: %q listed under %s and %s", w, prev, code)
			}
			seen[key] = code
		}
	}
	if lines < 300 {
		t.Errorf("lexicon has %d lines; parsing broke?", lines)
	}
	for _, r := range contextRules {
		if !isLeaf(occ, r.code) {
			t.Errorf("context rule %s: %s is not a leaf", r.class, r.code)
		}
		if classID(r.class) == classNone {
			t.Errorf("context rule: unknown class %q", r.class)
		}
	}
	for from, to := range defaultLeaves {
		if _, ok := occ.Get(from); !ok || isLeaf(occ, from) {
			t.Errorf("defaultLeaves: %s is not a non-leaf code", from)
		}
		if !isLeaf(occ, to) {
			t.Errorf("defaultLeaves: %s -> %s is not a leaf", from, to)
		}
	}
	for code, as := range droppedAliases {
		c, ok := occ.Get(code)
		if !ok {
			t.Errorf("droppedAliases: unknown code %s", code)
			continue
		}
		for _, a := range as {
			if !slices.Contains(c.Aliases, a) {
				t.Errorf("droppedAliases: %s has no alias %q", code, a)
			}
		}
	}
}

// TestOnlyLeaves checks that every code the classifier can return is a leaf.
func TestOnlyLeaves(t *testing.T) {
	occ, c := testClassifier(t)
	if len(c.leaves) < 1600 {
		t.Fatalf("%d leaves", len(c.leaves))
	}
	for _, l := range c.leaves {
		if !isLeaf(occ, l.code) {
			t.Errorf("%s is not a leaf", l.code)
		}
	}
}

func TestExamples(t *testing.T) {
	_, c := testClassifier(t)
	for _, tc := range []struct{ title, desc, want string }{
		{"急招普工包吃住", "", "6-31-99-00"},
		{"叉车司机（B证）", "", "6-30-05-01"},
		{"Java开发工程师", "", "2-02-10-03"},
		{"仓库管理员", "", "4-02-06-01"},
		{"收银员", "", "4-01-02-04"},
		{"外卖骑手", "", "4-10-08-01"},
		{"电工（持证）", "", "6-31-01-03"},
		{"会计助理", "", "2-06-03-00"},
		{"销售代表", "", "4-01-02-01"},
		{"幼儿园老师", "", "2-08-03-00"},
		{"厨师/帮厨", "", "4-03-02-01"},
		{"保安", "", "4-07-05-01"},
		{"保洁阿姨", "", "4-09-08-01"},
		{"月嫂", "", "4-10-01-06"},
		{"货车司机A2", "", "4-02-02-02"},
		{"客服专员", "", "4-04-05-03"},
		{"UI设计师", "", "2-09-06-07"},
		// generic words resolved from the rest of the text
		{"电子厂普工", "", "6-25-99-00"},
		{"普工", "本公司为食品厂，负责生产线包装以外的辅助工作", "6-02-99-00"},
		{"小学语文老师", "", "2-08-02-04"},
		{"司机", "负责公司货物配送，C1驾照", "4-02-02-02"},
		// kept whole although they contain boilerplate
		{"招聘专员", "", "4-07-03-08"},
		{"公司司机", "", "4-02-02-01"},
		// official names work without a lexicon entry
		{"铁路车站客运服务员", "", "4-02-01-03"},
		{"大地测量员", "", "4-08-03-01"},
	} {
		got := c.Classify(tc.title, tc.desc, 5)
		if len(got) == 0 || got[0].Code != tc.want {
			t.Errorf("Classify(%q, %q) = %v, want %s first", tc.title, tc.desc, got, tc.want)
		}
	}
}

// TestJobBoardWording covers the ways job boards word titles that the
// classifier reads on purpose: employers' names, brands, plants, role lists
// and English.
func TestJobBoardWording(t *testing.T) {
	_, c := testClassifier(t)
	for _, tc := range []struct{ title, want string }{
		// an employer's name says where, not what
		{"物业公司招聘保安、保洁", "4-07-05-01"},
		{"东西湖某物流公司招聘仓管", "4-02-06-01"},
		{"武汉美好生活科技有限公司 客服", "4-04-05-03"},
		{"分公司经理", "1-06-01-02"},
		// a brand names the plant or the shop
		{"郑州富士康普工", "6-25-99-00"},
		{"合肥京东方操作工", "6-25-02-03"},
		{"麦当劳兼职", "4-03-02-05"},
		// a plant names the trade of a generic worker
		{"空调厂总装操作工", "6-24-05-02"},
		{"电梯厂装配工", "6-20-04-00"},
		{"吹膜机长", "6-14-02-00"},
		{"操作员（CNC车间）", "6-18-01-07"},
		// the first role of a list leads
		{"普工/叉车工", "6-31-99-00"},
		// a trade before 运维 or 学徒 is the job
		{"配电运维", "6-28-01-14"},
		{"汽车美容学徒", "4-12-01-01"},
		// drivers by what they drive
		{"4.2米厢货司机 C证", "4-02-02-02"},
		{"危化品驾驶员", "4-02-05-04"},
		// English
		{"Security Guard", "4-07-05-01"},
		{"Cashier", "4-01-02-04"},
	} {
		got := c.Classify(tc.title, "", 5)
		if len(got) == 0 || got[0].Code != tc.want {
			t.Errorf("Classify(%q) = %v, want %s first", tc.title, got, tc.want)
		}
	}
}

func TestResultShape(t *testing.T) {
	occ, c := testClassifier(t)
	got := c.Classify("焊工", "", 5)
	if len(got) == 0 || len(got) > 5 {
		t.Fatalf("got %d candidates", len(got))
	}
	seen := map[string]bool{}
	for i, g := range got {
		if seen[g.Code] {
			t.Errorf("duplicate %s", g.Code)
		}
		seen[g.Code] = true
		if g.Score <= 0 || g.Score > 1 {
			t.Errorf("%s score %v", g.Code, g.Score)
		}
		if i > 0 && g.Score > got[i-1].Score {
			t.Errorf("not sorted: %v", got)
		}
		want, _ := occ.Get(g.Code)
		if g.Name != want.Name {
			t.Errorf("%s name %q, want %q", g.Code, g.Name, want.Name)
		}
	}
	if n := len(c.Classify("焊工", "", 1)); n != 1 {
		t.Errorf("k=1 gave %d", n)
	}
}

func TestEdgeCases(t *testing.T) {
	_, c := testClassifier(t)
	long := strings.Repeat("啊哦嗯呃", 50) // 200 runes of nonsense
	for _, tc := range []struct {
		name, title, desc string
		k                 int
		wantEmpty         bool
	}{
		{"empty", "", "", 5, true},
		{"blank", "   \t\n", "", 5, true},
		{"only decorations", "急招！高薪 包吃住 双休 五险一金 8000-12000元", "", 5, true},
		{"only brackets of decorations", "【急招】（包吃住）", "", 5, true},
		{"english only", "Senior Java Developer", "", 5, false},
		{"english garbage", "lorem ipsum dolor", "", 5, false},
		{"numbers", "1234567890 5k-8k", "", 5, true},
		{"200 runes garbage", long, "", 5, false},
		{"huge title", strings.Repeat("普工", 100000), "", 5, false},
		{"huge description", "普工", strings.Repeat("负责仓库货物收发", 200000), 5, false},
		{"invalid utf8", "\xff\xfe普\xc3工\x80", "\xff", 5, false},
		{"lone surrogate bytes", "\xed\xa0\x80司机", "", 5, false},
		{"emoji", "🔥🔥急招司机🔥", "", 5, false},
		{"unclosed bracket", "叉车司机（B证", "", 5, false},
		{"stray closing bracket", "）保安（", "", 5, false},
		{"k zero", "保安", "", 0, true},
		{"k negative", "保安", "", -3, true},
		{"k huge", "保安", "", 1 << 30, false},
		{"control chars", "\x00\x01保安\x7f", "", 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Classify(tc.title, tc.desc, tc.k)
			if tc.wantEmpty && len(got) != 0 {
				t.Errorf("got %v, want nothing", got)
			}
			for _, g := range got {
				if !utf8.ValidString(g.Code) || g.Score <= 0 || g.Score > 1 {
					t.Errorf("bad candidate %+v", g)
				}
			}
			if tc.k > 0 && len(got) > tc.k {
				t.Errorf("%d candidates for k=%d", len(got), tc.k)
			}
		})
	}
	if got := New(nil).Classify("保安", "", 5); got != nil {
		t.Errorf("nil table: %v", got)
	}
}

func TestConcurrent(t *testing.T) {
	_, c := testClassifier(t)
	want := c.Classify("叉车司机", "", 5)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got := c.Classify("叉车司机", "", 5)
				if !slices.Equal(got, want) {
					t.Error("result changed under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkClassify(b *testing.B) {
	_, c := testClassifier(b)
	rows := loadTitles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Classify(rows[i%len(rows)].title, "", 5)
	}
}

func BenchmarkClassifyWithDescription(b *testing.B) {
	_, c := testClassifier(b)
	desc := "岗位职责：1、负责车间生产线的操作，按工艺要求完成产品加工；2、遵守安全规范，做好设备日常保养。任职要求：初中以上学历，能吃苦耐劳，适应两班倒。"
	b.ReportAllocs()
	for b.Loop() {
		c.Classify("操作工", desc, 5)
	}
}

func BenchmarkNew(b *testing.B) {
	occ, _ := testClassifier(b)
	for b.Loop() {
		New(occ)
	}
}

// FuzzClassify checks that no input panics and every result is well formed.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"", "普工", "叉车司机（B证", "\xff\xfe", "【】（）", "Java/Go 8k-12k", "兼兼兼", strings.Repeat("工", 300)} {
		f.Add(s, "", 5)
	}
	occ, c := testClassifier(f)
	f.Fuzz(func(t *testing.T, title, desc string, k int) {
		k %= 50
		got := c.Classify(title, desc, k)
		if len(got) > max(k, 0) {
			t.Fatalf("%d results for k=%d", len(got), k)
		}
		for _, g := range got {
			if g.Score <= 0 || g.Score > 1 || !isLeaf(occ, g.Code) {
				t.Fatalf("bad candidate %+v", g)
			}
		}
	})
}
