package gigs

import (
	"math/bits"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// testAddress keeps the no_address warning out of tests about other rules.
const testAddress = "江汉区新华路218号"

// flagCodes returns the codes of flags in order.
func flagCodes(flags []Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, f.Code)
	}
	return out
}

// has reports whether flags hold the code.
func has(flags []Flag, code string) bool {
	for _, f := range flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

// TestRuleExamples screens every example in the rule table: each Catches
// example must raise its rule and each Passes example must not, so adding
// an example to the data adds a test.
func TestRuleExamples(t *testing.T) {
	s := NewScreener()
	for _, r := range screenRules {
		t.Run(r.Code, func(t *testing.T) {
			if r.Kind == kindText && (len(r.Catches) < 4 || len(r.Passes) < 4) {
				t.Errorf("%s: want at least 4 Catches and 4 Passes, have %d and %d", r.Code, len(r.Catches), len(r.Passes))
			}
			if r.Kind != kindText && (len(r.CatchCases) < 4 || len(r.PassCases) < 4) {
				t.Errorf("%s: want at least 4 catch and 4 pass cases, have %d and %d", r.Code, len(r.CatchCases), len(r.PassCases))
			}
			for _, ad := range r.Catches {
				flags := s.Screen(ScreenInput{Description: ad, Address: testAddress})
				if !has(flags, r.Code) {
					t.Errorf("%s should catch %q; got %v", r.Code, ad, flagCodes(flags))
				}
			}
			for _, ad := range r.Passes {
				for _, f := range s.Screen(ScreenInput{Description: ad, Address: testAddress}) {
					if f.Code == r.Code {
						t.Errorf("%s should pass %q; flagged %q", r.Code, ad, f.Phrase)
					}
				}
			}
			for _, c := range r.CatchCases {
				if flags := s.Screen(c.In); !has(flags, r.Code) {
					t.Errorf("%s should catch %s; got %v", r.Code, c.Say, flagCodes(flags))
				}
			}
			for _, c := range r.PassCases {
				if flags := s.Screen(c.In); has(flags, r.Code) {
					t.Errorf("%s should pass %s; got %v", r.Code, c.Say, flags)
				}
			}
		})
	}
}

// TestTextFlagPhrase checks that a text flag quotes the words as written,
// including full-width letters and the amount after a fee word.
func TestTextFlagPhrase(t *testing.T) {
	s := NewScreener()
	for _, c := range []struct{ ad, code, phrase string }{
		{"入职交押金２００元，干满退", "fee", "押金２００元"},
		{"需交200元服装费", "fee", "需交200元"},
		{"押 金 两百元", "fee", "押 金 两百元"},
		{"加ＶＸ详聊", "off_platform", "加ＶＸ"},
		{"电话 138-1234-5678", "off_platform", "电话 138-1234-5678"},
		{"王师傅13812345678", "off_platform", "13812345678"},
		{"身份证押在公司", "id_card", "身份证押在"},
		{"淘宝刷单，佣金秒返", "scam_task", "刷单"},
	} {
		var got *Flag
		for _, f := range s.Screen(ScreenInput{Description: c.ad, Address: testAddress}) {
			if f.Code == c.code {
				got = &f
			}
		}
		if got == nil || got.Phrase != c.phrase {
			t.Errorf("%q: want %s flag with phrase %q, got %+v", c.ad, c.code, c.phrase, got)
		}
	}
}

// TestFullAds screens whole realistic ads: clean ones raise nothing at
// all, a bad one raises every problem it has, blocking flags first.
func TestFullAds(t *testing.T) {
	s := NewScreener()
	clean := []ScreenInput{
		{
			Title:       "快递分拣临时工（夜班）",
			Description: "双十二期间快递中转场包裹分拣、扫码、装车。晚8点到早6点，中间休息1小时，工资日结，当天结算到微信或银行卡。不收任何费用，无押金，工作服免费提供，公司承担体检费。需站立作业，能适应夜班。",
			Skills:      []string{"分拣", "扫码枪"},
			Provided:    []string{"包夜宵", "工作服", "班车"},
			PayFen:      2800, PayUnit: "hour", Address: "东西湖区走马岭物流园2号仓",
			MinHourlyFen: 2200, MarketHourlyFen: 2600,
		},
		{
			Title:       "家政保洁（开荒）",
			Description: "新房开荒保洁，三室两厅约120平，擦玻璃、清理地面水泥渍、厨卫除垢。工具和清洁剂由我们提供，体检费公司报销，免费培训半天。面试请带身份证原件，核对后当场归还。请在平台内沟通，勿私下加微信。",
			Provided:    []string{"工具", "清洁剂", "包午餐"},
			PayFen:      30000, PayUnit: "day", HoursPerDay: 8, Address: "武昌区中北路幸福里小区3栋1单元",
			MinHourlyFen: 2200, MarketHourlyFen: 3000,
		},
		{
			Title:       "展会协助",
			Description: "国际车展现场观众引导、资料发放和签到台协助，着白衬衫黑裤，普通话流利。包工作服，不收取押金，免费培训，工资日结。",
			PayFen:      20000, PayUnit: "day", HoursPerDay: 8, Address: "国际博览中心A馆",
			MinHourlyFen: 2200,
		},
		{
			Title:       "装修小工",
			Description: "跟师傅搬运材料、清理垃圾、打下手，能吃苦。本项目已缴纳农民工工资保证金，工资按天结，每天8小时，中午管饭。",
			PayFen:      250, PayUnit: "piece", Address: "汉阳区四新大道88号工地",
			MinHourlyFen: 2200,
		},
	}
	for _, in := range clean {
		if flags := s.Screen(in); len(flags) != 0 {
			t.Errorf("%s: clean ad flagged %+v", in.Title, flags)
		}
	}

	bad := ScreenInput{
		Title:       "日结高薪 轻松简单",
		Description: "轻松简单，无需经验，日结300！入职先交服装费200元，身份证押在公司。有意者加微信jy2024888详聊。",
		PayFen:      30000, PayUnit: "day", HoursPerDay: 3,
		MinHourlyFen: 2200, MarketHourlyFen: 2500,
	}
	flags := s.Screen(bad)
	want := []string{"fee", "id_card", "off_platform", "above_market", "no_address"}
	if got := flagCodes(flags); !reflect.DeepEqual(got, want) {
		t.Errorf("bad ad: codes %v, want %v", got, want)
	}
	if !Blocked(flags) {
		t.Error("bad ad should be blocked")
	}
	for _, f := range flags {
		if f.Message == "" {
			t.Errorf("flag %s has no message", f.Code)
		}
	}
}

// TestAdsFile screens the whole ads in testdata/screen_ads.txt and checks
// each raises exactly the text-rule codes written above it.
func TestAdsFile(t *testing.T) {
	data, err := os.ReadFile("testdata/screen_ads.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := NewScreener()
	n := 0
	for _, block := range strings.Split(string(data), "\n\n") {
		want, ad, ok := strings.Cut(block, "\n")
		want, isAd := strings.CutPrefix(want, "want:")
		if !isAd || !ok {
			continue
		}
		n++
		title, desc, _ := strings.Cut(ad, "\n")
		got := strings.Join(flagCodes(s.Screen(ScreenInput{Title: title, Description: desc, Address: testAddress})), ",")
		if got != strings.TrimSpace(want) {
			t.Errorf("%s: codes %q, want %q", title, got, strings.TrimSpace(want))
		}
	}
	if n < 10 {
		t.Errorf("only %d ads read", n)
	}
}

// TestMinWage checks the minimum-wage warning both ways and its message.
func TestMinWage(t *testing.T) {
	s := NewScreener()
	for _, c := range []struct {
		name string
		in   ScreenInput
		want string // message, "" for no flag
	}{
		{"below", ScreenInput{PayFen: 1400, PayUnit: "hour", MinHourlyFen: 2200},
			"时薪约 14.00 元，低于本区最低小时工资 22.00 元"},
		{"at minimum", ScreenInput{PayFen: 2200, PayUnit: "hour", MinHourlyFen: 2200}, ""},
		{"one fen below", ScreenInput{PayFen: 2199, PayUnit: "hour", MinHourlyFen: 2200},
			"时薪约 21.99 元，低于本区最低小时工资 22.00 元"},
		{"day rate below", ScreenInput{PayFen: 15000, PayUnit: "day", HoursPerDay: 10, MinHourlyFen: 2200},
			"时薪约 15.00 元"},
		{"day rate fine", ScreenInput{PayFen: 18000, PayUnit: "day", HoursPerDay: 8, MinHourlyFen: 2200}, ""},
		{"day rate rounded", ScreenInput{PayFen: 10000, PayUnit: "day", HoursPerDay: 7.5, MinHourlyFen: 2200},
			"时薪约 13.33 元"},
		{"day rate no hours", ScreenInput{PayFen: 5000, PayUnit: "day", MinHourlyFen: 2200}, ""},
		{"piece skips", ScreenInput{PayFen: 30, PayUnit: "piece", MinHourlyFen: 2200}, ""},
		{"unknown minimum", ScreenInput{PayFen: 100, PayUnit: "hour"}, ""},
		{"no pay", ScreenInput{PayUnit: "hour", MinHourlyFen: 2200}, ""},
	} {
		var msg string
		for _, f := range s.Screen(c.in) {
			if f.Code == "below_min_wage" {
				msg = f.Message
				if f.Severity != SevWarn || f.Phrase != "" {
					t.Errorf("%s: bad flag %+v", c.name, f)
				}
			}
		}
		if (c.want == "") != (msg == "") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q, want one containing %q", c.name, msg, c.want)
		}
		if msg != "" && !strings.Contains(msg, "《劳动合同法》") {
			t.Errorf("%s: message %q does not name the law", c.name, msg)
		}
	}
}

// TestAboveMarket checks that high pay is flagged only with vague duties.
func TestAboveMarket(t *testing.T) {
	s := NewScreener()
	vague := ScreenInput{Title: "急招", Description: "轻松简单，日结高薪，无需经验，在家可做",
		PayFen: 8000, PayUnit: "hour", MarketHourlyFen: 2500, Address: testAddress}
	flags := s.Screen(vague)
	if !has(flags, "above_market") {
		t.Fatalf("vague high pay not flagged: %v", flagCodes(flags))
	}
	for _, f := range flags {
		if f.Code == "above_market" && !strings.Contains(f.Message, "时薪约 80.00 元") || f.Code == "above_market" && !strings.Contains(f.Message, "3.2 倍") {
			t.Errorf("message %q", f.Message)
		}
	}
	detailed := vague
	detailed.Description = "负责写字楼外墙玻璃清洗，吊篮作业，需持高处作业证，公司提供安全带、头盔和意外险"
	if has(s.Screen(detailed), "above_market") {
		t.Error("detailed duties flagged as vague")
	}
	fair := vague
	fair.PayFen = 6000 // 2.4×
	if has(s.Screen(fair), "above_market") {
		t.Error("2.4× market flagged")
	}
	day := vague
	day.PayFen, day.PayUnit, day.HoursPerDay = 60000, "day", 8 // 75/h = 3×
	if !has(s.Screen(day), "above_market") {
		t.Error("day rate 3× market not flagged")
	}
}

// TestNoAddress checks blank and placeholder addresses.
func TestNoAddress(t *testing.T) {
	s := NewScreener()
	for addr, want := range map[string]bool{
		"": true, " ": true, "　": true, "待定": true, "面议/详聊": true, "（电话告知）": true,
		"新华路218号": false, "A馆": false, "幸福里小区": false,
	} {
		if got := has(s.Screen(ScreenInput{Title: "搬运", Address: addr}), "no_address"); got != want {
			t.Errorf("address %q: flagged %v, want %v", addr, got, want)
		}
	}
}

// TestScreenIdempotent checks that screening twice, or from many
// goroutines at once, gives the same flags: the Screener keeps no state.
func TestScreenIdempotent(t *testing.T) {
	s := NewScreener()
	in := ScreenInput{Title: "保洁", Description: "押金200元，加微信abc12345，刷单返利", PayFen: 1000, PayUnit: "hour", MinHourlyFen: 2200}
	first := s.Screen(in)
	if len(first) == 0 {
		t.Fatal("no flags")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := s.Screen(in); !reflect.DeepEqual(got, first) {
					t.Errorf("second screening differs: %v vs %v", got, first)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestRulesInfo checks the staff-page listing and that it is a copy.
func TestRulesInfo(t *testing.T) {
	s := NewScreener()
	infos := s.Rules()
	if len(infos) != len(screenRules) {
		t.Fatalf("%d rules listed, table has %d", len(infos), len(screenRules))
	}
	seen := map[string]bool{}
	for _, r := range infos {
		if r.Code == "" || r.Message == "" || seen[r.Code] || len(r.Catches) < 4 || len(r.Passes) < 4 {
			t.Errorf("bad rule info %+v", r)
		}
		seen[r.Code] = true
	}
	infos[0].Catches[0] = "changed"
	if s.Rules()[0].Catches[0] == "changed" {
		t.Error("Rules returns the table's own slices")
	}
	if Blocked(nil) || Blocked([]Flag{{Code: "x", Severity: SevWarn}}) || !Blocked([]Flag{{Severity: SevBlock}}) {
		t.Error("Blocked")
	}
}

// indexMisses returns the first place where a pattern of a text rule
// matches the normalized text but the first-two-rune index did not offer
// it, or "" when the index missed nothing.
func indexMisses(s *Screener, in ScreenInput) string {
	t := normalize(adText(in))
	cands := s.candidates(t.s)
	offered := map[[3]int]bool{}
	for n, at := range cands.at {
		for ri := range s.rules {
			for mask := cands.masks[n*cands.rules+ri]; mask != 0; mask &= mask - 1 {
				offered[[3]int{at, ri, bits.TrailingZeros64(mask)}] = true
			}
		}
	}
	for ri, r := range s.rules {
		for k, expr := range r.spec.Patterns {
			for _, loc := range regexp.MustCompile(expr).FindAllStringIndex(t.s, -1) {
				if loc[1] > loc[0] && !offered[[3]int{loc[0], ri, k}] {
					return r.spec.Code + " pattern " + expr + " at " + t.s[loc[0]:loc[1]]
				}
			}
		}
	}
	return ""
}

// TestIndexMissesNothing checks on every example that the index offers
// every place a pattern matches, so indexing never loses a finding.
func TestIndexMissesNothing(t *testing.T) {
	s := NewScreener()
	for _, r := range screenRules {
		for _, ad := range append(append([]string{}, r.Catches...), r.Passes...) {
			if miss := indexMisses(s, ScreenInput{Description: ad}); miss != "" {
				t.Errorf("%q: index missed %s", ad, miss)
			}
		}
	}
}

// FuzzScreen checks that screening never panics, flags only known codes
// once each with blocking first, and quotes phrases found in the input.
func FuzzScreen(f *testing.F) {
	for _, r := range screenRules {
		for _, ad := range append(append([]string{}, r.Catches...), r.Passes...) {
			f.Add(ad, "", int64(20000), 8.0)
		}
	}
	f.Add("押金", "待定", int64(-5), -1.0)
	f.Add("\xff押\xfe金\x00", "\u200b", int64(1)<<62, 1e-300)
	s := NewScreener()
	known := map[string]bool{}
	for _, r := range screenRules {
		known[r.Code] = true
	}
	f.Fuzz(func(t *testing.T, desc, addr string, pay int64, hours float64) {
		in := ScreenInput{Title: desc, Description: desc, Skills: []string{desc}, Address: addr,
			PayFen: pay, PayUnit: "day", HoursPerDay: hours, MinHourlyFen: 2200, MarketHourlyFen: 2500}
		flags := s.Screen(in)
		text := adText(in)
		seen := map[string]bool{}
		for i, fl := range flags {
			if !known[fl.Code] || seen[fl.Code] || fl.Message == "" {
				t.Fatalf("bad flag %+v in %v", fl, flags)
			}
			seen[fl.Code] = true
			if i > 0 && fl.Severity == SevBlock && flags[i-1].Severity != SevBlock {
				t.Fatalf("blocking flag after a warning: %v", flags)
			}
			if !strings.Contains(text, fl.Phrase) {
				t.Fatalf("phrase %q not in input", fl.Phrase)
			}
			if utf8.ValidString(text) && !utf8.ValidString(fl.Phrase) {
				t.Fatalf("phrase %q cut a character", fl.Phrase)
			}
		}
		if miss := indexMisses(s, in); miss != "" {
			t.Fatalf("index missed %s", miss)
		}
	})
}

// BenchmarkScreen screens a realistic ad of about 300 characters.
func BenchmarkScreen(b *testing.B) {
	s := NewScreener()
	in := ScreenInput{
		Title: "快递分拣临时工（夜班）日结",
		Description: "双十二期间快递中转场包裹分拣、扫码、装车，晚8点到早6点，中间休息1小时。工资日结，当天结算到微信或银行卡，" +
			"不收任何费用，无押金，工作服免费提供，公司承担体检费。需站立作业，能适应夜班，男女不限，18-55岁身体健康。" +
			"现场有组长带班，第一天有老员工带教，免费培训半小时。提供夜宵和班车，班车在地铁站B口等候，末班车不等人请准时到。" +
			"面试请带身份证原件，核对后当场归还。请在平台内报名和沟通，勿私下加微信，谨防刷单等诈骗。旺季结束后表现好的可转长期，" +
			"长期工另有全勤奖和餐补，详情到岗后由现场主管说明。仓库内禁止吸烟，禁止携带打火机，进出需过安检。",
		Skills:   []string{"分拣", "扫码枪", "装车"},
		Provided: []string{"包夜宵", "工作服", "班车"},
		PayFen:   25000, PayUnit: "day", HoursPerDay: 9, Address: "东西湖区走马岭物流园2号仓",
		MinHourlyFen: 2200, MarketHourlyFen: 2600,
	}
	if n := utf8.RuneCountInString(adText(in)); n < 280 {
		b.Fatalf("ad has %d characters", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.Screen(in)
	}
}
