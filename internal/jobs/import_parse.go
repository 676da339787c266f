package jobs

// Reading what job boards and HR systems write: the pure rules that turn
// the cells of an employer's own export ("1-1.5万/月", "招2人", "武汉-洪山区",
// "3-4年工作经验", "本科及以上") into a post's fields, and that guess which
// post field a column header means. Each rule returns a value, an optional
// note (the row is imported, the note says how a cell was read) or a
// refusal that says how to fix the cell. The conversions:
//
//   - Salary in 元/千/K/万 (w), a range ("6-8千", "8千-1.2万", "8K~12K") or
//     one figure ("5000", "6000以上", "6000起"), per month unless the cell
//     says otherwise. Per day × 21.75 and per hour × 174 (the monthly paid
//     days and hours of 劳社部发〔2008〕3号), per year ÷ 12, rounded to the
//     yuan. "·13薪" is dropped (the monthly figure is kept). A lone figure
//     "以上/起" becomes min = max with a note; "以下" and "面议" are refused
//     with a hint to give a range.
//   - Headcount "2", "招2人", "两名", "2-3人" (the larger), "10人以上";
//     "若干", "不限", "多名" and an empty cell become DefaultImportHeadcount
//     with a note.
//   - Experience: the lower bound of "3-4年工作经验", 0 for "无工作经验",
//     "经验不限", "应届生", "1年以下".
//   - Education: the lowest level named ("高中/中专" → 高中, "大专及以上" →
//     大专); a ceiling ("初中及以下") or "不限" is 不限.
//   - Place: see ResolvePlace.
//   - Description: one shorter than MinDescription is completed from the
//     row's own title and requirements, with a note; an empty one is
//     refused.
//   - Benefits: the usual wordings map to the post's benefit list (交通补助 →
//     交通补贴); the others are kept in the description, with a note.

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

// DefaultImportHeadcount is the headcount of "若干", "不限" and empty cells.
const DefaultImportHeadcount = 5

// Monthly conversions of day and hour rates: 21.75 paid days and 174 paid
// hours a month (劳社部发〔2008〕3号).
const (
	PaidDaysPerMonth  = 21.75
	PaidHoursPerMonth = 174
)

// Import target fields: what a column of an employer's file may fill.
// "salary" is a range in one cell; "place" is a place by name or code;
// "experience" is text or a number of years.
var ImportFields = []struct{ Key, Label string }{
	{"title", "岗位名称"},
	{"occupation_code", "职业代码"},
	{"description", "岗位描述"},
	{"headcount", "招聘人数"},
	{"salary", "薪资范围（如 6-8千/月）"},
	{"salary_min", "最低月薪"},
	{"salary_max", "最高月薪"},
	{"education", "学历要求"},
	{"experience", "经验要求"},
	{"skills", "技能"},
	{"benefits", "福利"},
	{"place", "工作地点（名称或代码）"},
	{"address", "详细地址"},
	{"expires_on", "有效期至"},
}

// ImportFieldLabel is a target field's label, "" for an unknown one.
func ImportFieldLabel(key string) string {
	for _, f := range ImportFields {
		if f.Key == key {
			return f.Label
		}
	}
	return ""
}

// headerWords maps the header names boards and HR systems use to a target
// field; "-" marks columns known not to be imported (company name, dates
// of publication, contacts).
var headerWords = map[string]string{
	"岗位名称": "title", "职位": "title", "职位名称": "title", "岗位": "title", "招聘岗位": "title", "招聘职位": "title",
	"职位名": "title", "工种": "title", "岗位名": "title", "职务": "title", "招聘工种": "title",
	"职业代码": "occupation_code", "职业分类代码": "occupation_code", "职业编码": "occupation_code",
	"岗位描述": "description", "职位描述": "description", "岗位信息": "description", "职位信息": "description",
	"岗位职责": "description", "工作内容": "description", "职位详情": "description", "岗位要求": "description",
	"任职要求": "description", "职位要求": "description", "描述": "description", "岗位说明": "description",
	"工作职责": "description", "职责描述": "description", "任职资格": "description", "职位介绍": "description",
	"招聘人数": "headcount", "人数": "headcount", "招聘数量": "headcount", "需求人数": "headcount", "招聘名额": "headcount",
	"薪资": "salary", "薪资范围": "salary", "薪酬": "salary", "月薪": "salary", "工资": "salary", "薪资待遇": "salary",
	"薪水": "salary", "待遇": "salary", "薪酬范围": "salary", "工资待遇": "salary", "月薪范围": "salary", "薪资水平": "salary",
	"最低月薪": "salary_min", "最低薪资": "salary_min", "薪资下限": "salary_min", "月薪下限": "salary_min", "最低工资": "salary_min",
	"最高月薪": "salary_max", "最高薪资": "salary_max", "薪资上限": "salary_max", "月薪上限": "salary_max", "最高工资": "salary_max",
	"学历要求": "education", "学历": "education", "最低学历": "education", "学历要求(最低)": "education",
	"经验要求": "experience", "经验要求(年)": "experience", "经验": "experience", "工作经验": "experience", "工作年限": "experience",
	"经验年限": "experience",
	"技能":   "skills", "技能要求": "skills", "技能标签": "skills", "职位标签": "skills", "岗位标签": "skills", "关键词": "skills",
	"福利": "benefits", "福利待遇": "benefits", "职位福利": "benefits", "岗位福利": "benefits", "公司福利": "benefits",
	"工作地点代码": "place", "工作地点": "place", "工作地区": "place", "工作城市": "place", "地点": "place", "工作区域": "place",
	"城市": "place", "区域": "place", "所在地区": "place", "所在区": "place", "工作区县": "place", "所在街道": "place",
	"详细地址": "address", "公司地址": "address", "工作地址": "address", "上班地址": "address", "地址": "address",
	"企业地址": "address", "单位地址": "address",
	"有效期至": "expires_on", "截止日期": "expires_on", "有效期": "expires_on", "截止时间": "expires_on", "招聘截止": "expires_on",
	"公司名称": "-", "企业名称": "-", "公司": "-", "单位名称": "-", "发布时间": "-", "发布日期": "-", "更新时间": "-",
	"更新日期": "-", "联系人": "-", "联系电话": "-", "联系方式": "-", "职位类别": "-", "职位类型": "-", "行业": "-",
	"公司规模": "-", "公司性质": "-", "职位链接": "-", "链接": "-", "序号": "-", "编号": "-", "来源": "-",
}

// NormHeader compares column names ignoring spaces, a BOM, the required
// marker and full-width brackets.
func NormHeader(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\ufeff")
	return strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "", "*", "", "：", "", ":", "").Replace(s)
}

// GuessImportField guesses the target field of a header cell. known is
// false for a header none of the usual names matches; field is "" for a
// column that is not imported.
func GuessImportField(header string) (field string, known bool) {
	h := NormHeader(header)
	if h == "" {
		return "", false
	}
	try := []string{h}
	if i := strings.IndexByte(h, '('); i > 0 { // "薪资(元/月)"
		try = append(try, h[:i])
	}
	for _, k := range try {
		if f, ok := headerWords[k]; ok {
			if f == "-" {
				return "", true
			}
			return f, true
		}
	}
	return "", false
}

// ---- text helpers ----

// foldText turns full-width letters, digits and punctuation into their
// ASCII forms, lower-cases and drops spaces and thousands separators.
func foldText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～':
			r -= 0xFEE0
		case r == '\u3000':
			continue
		case r == '—', r == '–', r == '－', r == '―', r == '〜', r == '∼':
			r = '-'
		}
		if unicode.IsSpace(r) || r == ',' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '俩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnNumbers replaces runs of Chinese numerals below 1000 ("十二", "两", "三百")
// by their Arabic figures.
func cnNumbers(s string) string {
	isNum := func(r rune) bool { _, ok := cnDigits[r]; return ok || r == '十' || r == '百' }
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !isNum(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isNum(rs[j]) {
			j++
		}
		total, cur := 0, 0
		for _, r := range rs[i:j] {
			switch r {
			case '百':
				total += max(cur, 1) * 100
				cur = 0
			case '十':
				total += max(cur, 1) * 10
				cur = 0
			default:
				cur = cur*10 + cnDigits[r]
			}
		}
		b.WriteString(strconv.Itoa(total + cur))
		i = j
	}
	return b.String()
}

var numRe = regexp.MustCompile(`\d+(?:\.\d+)?`)

// ---- salary ----

var salaryNumRe = regexp.MustCompile(`(\d+(?:\.\d+)?)(万|w|千|k|元|块)?`)

// salaryPeriod reads the period a salary is given in.
func salaryPeriod(s string) (unit string, factor float64) {
	switch {
	case strings.Contains(s, "时薪") || strings.Contains(s, "小时") || strings.Contains(s, "/时") || strings.Contains(s, "/h") ||
		strings.Contains(s, "每时"):
		return "时", PaidHoursPerMonth
	case strings.Contains(s, "日薪") || strings.Contains(s, "日结") || strings.Contains(s, "/天") || strings.Contains(s, "/日") ||
		strings.Contains(s, "每天") || strings.Contains(s, "元天") || strings.HasSuffix(s, "天"):
		return "天", PaidDaysPerMonth
	case strings.Contains(s, "年薪") || strings.Contains(s, "/年") || strings.Contains(s, "每年") || strings.HasSuffix(s, "万年"):
		return "年", 1.0 / 12
	}
	return "月", 1
}

func unitFactor(u string) float64 {
	switch u {
	case "万", "w":
		return 10000
	case "千", "k":
		return 1000
	}
	return 1
}

// ParseSalary reads a salary cell as a monthly range in yuan. note says
// how an unusual cell was read; fix, when not empty, refuses the cell and
// says what to write.
func ParseSalary(cell string) (lo, hi int, note, fix string) {
	raw := strings.TrimSpace(cell)
	s := cnNumbers(foldText(raw))
	if s == "" {
		return 0, 0, "", "请填写月薪范围，如 5000-8000（元/月）或 6-8千/月"
	}
	// "·13薪", "*14薪", "13薪": the monthly figure is what a post shows.
	s = regexp.MustCompile(`[·.*x×]?\d{2}薪`).ReplaceAllString(s, "")
	nums := salaryNumRe.FindAllStringSubmatchIndex(s, -1)
	if len(nums) == 0 {
		if strings.Contains(s, "面议") || strings.Contains(s, "商议") || strings.Contains(s, "协商") {
			return 0, 0, "", "“面议”无法导入：请写出月薪范围，如 5000-8000 元/月（“面议”可写进岗位描述）"
		}
		return 0, 0, "", "看不懂薪资“" + cutRunes(raw, 20) + "”：请写成 5000-8000 或 6-8千/月、200元/天"
	}
	if strings.Contains(s, "以下") || strings.Contains(s, "以内") || strings.Contains(s, "最高") && len(nums) == 1 {
		return 0, 0, "", "只有上限“" + cutRunes(raw, 20) + "”：请写出月薪范围，如 3000-5000"
	}
	type num struct {
		v    float64
		unit string
	}
	var got []num
	for _, m := range nums[:min(len(nums), 2)] {
		v, _ := strconv.ParseFloat(s[m[2]:m[3]], 64)
		u := ""
		if m[4] >= 0 {
			u = s[m[4]:m[5]]
		}
		got = append(got, num{v, u})
	}
	rng := false
	if len(got) == 2 {
		between := s[nums[0][1]:nums[1][0]]
		rng = between == "-" || between == "~" || between == "至" || between == "到" || between == "/" || strings.HasSuffix(between, "-")
		if !rng {
			got = got[:1] // "底薪3000+提成500": the first figure
		}
	}
	// A unit written once applies to both ends ("1-1.5万", "6-8k"), unless
	// that would put the lower end above the upper one ("6000-1万").
	if len(got) == 2 && got[0].unit == "" && got[1].unit != "" && got[0].v*unitFactor(got[1].unit) <= got[1].v*unitFactor(got[1].unit) {
		got[0].unit = got[1].unit
	}
	period, factor := salaryPeriod(s)
	noUnit := true
	for _, g := range got {
		if g.unit != "" && g.unit != "元" && g.unit != "块" {
			noUnit = false
		}
	}
	vals := make([]float64, len(got))
	for i, g := range got {
		vals[i] = g.v * unitFactor(g.unit)
	}
	top := vals[len(vals)-1]
	if period == "月" && noUnit && top < 100 && !strings.Contains(s, "元") {
		for i := range vals {
			vals[i] *= 1000
		}
		note = "薪资“" + cutRunes(raw, 20) + "”没有单位，按千元/月读作"
	}
	for i := range vals {
		vals[i] = math.Round(vals[i] * factor)
	}
	lo, hi = int(vals[0]), int(vals[len(vals)-1])
	if len(vals) == 1 {
		hi = lo
		if strings.Contains(s, "以上") || strings.Contains(s, "起") || strings.Contains(s, "+") {
			note = "薪资“" + cutRunes(raw, 20) + "”只有下限，最高月薪按最低月薪读作"
		}
	}
	switch period {
	case "天":
		note = joinNote(note, "日薪按每月 21.75 个计薪日折算为月薪")
	case "时":
		note = joinNote(note, "时薪按每月 174 个计薪小时折算为月薪")
	case "年":
		note = joinNote(note, "年薪按 12 个月折算为月薪")
	}
	if note != "" {
		note += " " + SalaryText(lo, hi)
	}
	return lo, hi, note, ""
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "，" + b
}

// ParseMonthly reads one end of a salary given in its own column
// ("6000", "6千", "1.2万"): the figure, converted like ParseSalary.
func ParseMonthly(cell string) (v int, note, fix string) {
	lo, _, note, fix := ParseSalary(cell)
	return lo, note, fix
}

// ---- headcount ----

var vagueCounts = []string{"若干", "不限", "多名", "数名", "大量", "多人", "不等", "待定", "数人", "长期", "常年"}

// ParseHeadcount reads "2", "招2人", "两名", "2-3人", "10人以上", "若干".
func ParseHeadcount(cell string) (n int, note, fix string) {
	raw := strings.TrimSpace(cell)
	s := cnNumbers(foldText(raw))
	m := numRe.FindAllString(s, 2)
	if len(m) == 0 {
		if s == "" || slices.ContainsFunc(vagueCounts, func(w string) bool { return strings.Contains(s, w) }) {
			what := "“" + cutRunes(raw, 10) + "”"
			if raw == "" {
				what = "未填写"
			}
			return DefaultImportHeadcount, "招聘人数" + what + "，按 " + strconv.Itoa(DefaultImportHeadcount) + " 人导入，可在岗位中修改", ""
		}
		return 0, "", "看不懂招聘人数“" + cutRunes(raw, 10) + "”：请写数字，如 3 或“招3人”，不确定可写“若干”"
	}
	for _, x := range m {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || v != math.Trunc(v) {
			return 0, "", "招聘人数应为整数，而不是“" + cutRunes(raw, 10) + "”"
		}
		n = max(n, int(v))
	}
	if len(m) == 2 {
		note = "招聘人数“" + cutRunes(raw, 10) + "”按较多的 " + strconv.Itoa(n) + " 人导入"
	}
	return n, note, ""
}

// ---- experience and education ----

var noExperience = []string{"不限", "不要求", "无", "无经验", "无工作经验", "无需经验", "无要求", "应届", "在校", "零经验", "经验不限", "无需", "没有经验", "可无经验", "接受小白"}

// ParseExperience reads the years of experience a post asks for: the lower
// end of a range ("3-4年工作经验" → 3), 0 for none ("无工作经验", "经验不限",
// "1年以下").
func ParseExperience(cell string) (years int, fix string) {
	raw := strings.TrimSpace(cell)
	s := cnNumbers(foldText(raw))
	if s == "" {
		return 0, ""
	}
	m := numRe.FindString(s)
	if m == "" {
		if strings.Contains(s, "半年") || slices.ContainsFunc(noExperience, func(w string) bool { return strings.Contains(s, w) }) {
			return 0, ""
		}
		return 0, "看不懂经验要求“" + cutRunes(raw, 15) + "”：请写年数，如 3 或“3年以上”，不限写“不限”"
	}
	if strings.Contains(s, "个月") || strings.Contains(s, "以下") || strings.Contains(s, "以内") {
		return 0, ""
	}
	v, _ := strconv.ParseFloat(m, 64)
	if v > MaxExperience {
		return 0, "经验要求应为 0–" + strconv.Itoa(MaxExperience) + " 年，而不是“" + cutRunes(raw, 15) + "”"
	}
	return int(v), ""
}

var educationWords = []struct{ word, level string }{
	{"博士", "博士"}, {"硕士", "硕士"}, {"研究生", "硕士"}, {"mba", "硕士"},
	{"本科", "本科"}, {"学士", "本科"}, {"大专", "大专"}, {"专科", "大专"}, {"高职", "大专"}, {"大学", "本科"},
	{"中专", "中专"}, {"中技", "中专"}, {"技校", "中专"}, {"职高", "中专"}, {"中职", "中专"}, {"中等职业", "中专"},
	{"高中", "高中"}, {"初中", "初中"}, {"小学", "不限"},
}

// ParseEducation reads an education requirement as one of Educations: the
// lowest level the cell names.
func ParseEducation(cell string) (edu, fix string) {
	raw := strings.TrimSpace(cell)
	s := foldText(raw)
	if s == "" || s == "无" || strings.Contains(s, "不限") || strings.Contains(s, "无要求") || strings.Contains(s, "不要求") ||
		strings.Contains(s, "无学历") || strings.Contains(s, "以下") {
		return "不限", ""
	}
	if slices.Contains(Educations, s) {
		return s, ""
	}
	best := -1
	for _, w := range educationWords {
		if strings.Contains(s, w.word) {
			if w.word == "大学" && (strings.Contains(s, "大学专科") || strings.Contains(s, "大专")) {
				continue
			}
			if i := slices.Index(Educations, w.level); best < 0 || i < best {
				best = i
			}
		}
	}
	if best < 0 {
		return "", "看不懂学历要求“" + cutRunes(raw, 15) + "”：请写 " + strings.Join(Educations, "、") + " 之一"
	}
	return Educations[best], ""
}

// ---- benefits ----

var benefitWords = map[string]string{
	"五险一金": "五险一金", "六险一金": "五险一金", "五险一金全额": "五险一金", "缴纳五险一金": "五险一金",
	"包吃住": "包吃住", "包吃包住": "包吃住", "包食宿": "包吃住", "提供食宿": "包吃住", "免费食宿": "包吃住", "食宿全包": "包吃住",
	"包住": "包住", "包住宿": "包住", "提供住宿": "包住", "员工宿舍": "包住", "免费住宿": "包住",
	"餐补": "餐补", "餐饮补贴": "餐补", "饭补": "餐补", "餐费补贴": "餐补", "午餐补助": "餐补", "餐补贴": "餐补", "餐费补助": "餐补",
	"交通补贴": "交通补贴", "交通补助": "交通补贴", "车补": "交通补贴", "交通补": "交通补贴",
	"住房补贴": "住房补贴", "房补": "住房补贴", "住房补助": "住房补贴", "租房补贴": "住房补贴",
	"双休": "双休", "周末双休": "双休", "做五休二": "双休", "五天工作制": "双休",
	"带薪年假": "带薪年假", "年假": "带薪年假", "带薪休假": "带薪年假",
	"年终奖": "年终奖", "年终奖金": "年终奖", "年底双薪": "年终奖", "十三薪": "年终奖", "年终分红": "年终奖",
	"绩效奖金": "绩效奖金", "绩效": "绩效奖金", "绩效奖": "绩效奖金", "提成": "绩效奖金",
	"加班补贴": "加班补贴", "加班费": "加班补贴", "加班补助": "加班补贴",
	"节日福利": "节日福利", "节假日福利": "节日福利", "节日礼品": "节日福利", "过节费": "节日福利", "节日礼物": "节日福利",
	"定期体检": "定期体检", "体检": "定期体检", "免费体检": "定期体检", "员工体检": "定期体检", "年度体检": "定期体检",
	"免费班车": "免费班车", "班车": "免费班车", "通勤班车": "免费班车", "班车接送": "免费班车",
}

// ParseBenefits maps the usual wordings to the post's benefits; what does
// not map is returned as other, to be kept in the description.
func ParseBenefits(cell string) (benefits, other []string) {
	for _, b := range SplitSkills(strings.NewReplacer("/", "，", "|", "，", "+", "，").Replace(cell)) {
		k := foldText(b)
		if v, ok := benefitWords[k]; ok {
			if !slices.Contains(benefits, v) {
				benefits = append(benefits, v)
			}
			continue
		}
		if !slices.Contains(other, b) {
			other = append(other, b)
		}
	}
	return benefits, other
}

// ---- place ----

// placeAliases are names boards use for Wuhan's development zones, which
// the NBS table files under the streets (or the district) that govern them.
var placeAliases = []struct{ name, code string }{
	{"东湖新技术开发区", "420111080"}, {"东湖高新区", "420111080"}, {"东湖高新", "420111080"}, {"光谷", "420111080"},
	{"武汉经济技术开发区", "420114070"}, {"武汉经开区", "420114070"}, {"经开区", "420114070"}, {"沌口", "420114070"},
	{"车都", "420114070"}, {"临空港", "420112"}, {"汉口北", "420116404"}, {"阳逻", "420117002"},
}

// regionShort drops the suffix of an administrative name: 洪山区 → 洪山,
// 吴家山街 → 吴家山, 新沟镇街道 → 新沟镇 and 新沟, 柏泉办事处街道 → 柏泉.
func regionShort(name string) []string {
	var out []string
	add := func(s string) {
		if utf8.RuneCountInString(s) >= 2 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if i := strings.IndexAny(name, "（("); i > 0 {
		name = name[:i]
	}
	add(name)
	for _, suf := range []string{"办事处街道", "管理委员会街道", "街道", "管理委员会", "管理处", "办事处"} {
		if s, ok := strings.CutSuffix(name, suf); ok {
			add(s)
			name = s
			break
		}
	}
	for _, suf := range []string{"街", "镇", "乡", "区", "县", "市", "自治县", "自治州", "地区", "盟"} {
		if s, ok := strings.CutSuffix(name, suf); ok {
			add(s)
		}
	}
	return out
}

// placeIndex holds the names of a region table's cities, built once per
// table: ResolvePlace looks for every city in every row.
type placeIndex struct {
	cities []namedRegion
}

type namedRegion struct {
	code  string
	names []string
}

var placeIndexes sync.Map // *codes.Table -> *placeIndex

func placeIndexOf(regions *codes.Table) *placeIndex {
	if ix, ok := placeIndexes.Load(regions); ok {
		return ix.(*placeIndex)
	}
	ix := &placeIndex{}
	for _, prov := range regions.Children("") {
		for _, c := range regions.Children(prov.Code) {
			if c.Name != "市辖区" && c.Name != "县" {
				ix.cities = append(ix.cities, namedRegion{code: c.Code, names: regionShort(c.Name)})
			}
		}
	}
	v, _ := placeIndexes.LoadOrStore(regions, ix)
	return v.(*placeIndex)
}

// PlaceResult is a place read from a row.
type PlaceResult struct {
	Code string // 9-digit street code
	Note string // how it was found, when it was a guess
}

// ResolvePlace finds the street (9-digit region code) of a post from the
// place and address cells of a row, by name at city, district or street
// level ("武汉-洪山区", "湖北省武汉市东西湖区吴家山街道", "洪山区珞喻路 1037 号")
// or by code. home is the employer's own region code: a district name
// without a city is looked for in the employer's city first.
//
// The rule for the street: a street (or 镇/乡) named in the place or the
// address, by its full name or its name without 街道/街/镇 ("关山" in
// "关山大道"), searched within the district; failing that, when only the
// district is known, the district's first street in the code table, with a
// note asking to check it. A place that names no district (only "武汉", or
// nothing) is refused with the fix.
func ResolvePlace(regions *codes.Table, home, place, address string) (PlaceResult, string) {
	p := strings.TrimSpace(place)
	if isDigitString(p) {
		switch len(p) {
		case 9:
			return PlaceResult{Code: p}, ""
		case 12:
			return PlaceResult{Code: p[:9]}, ""
		case 6:
			return streetIn(regions, p, address, "")
		}
		return PlaceResult{}, "工作地点代码“" + cutRunes(p, 12) + "”应为 9 位街道代码，或写地名，如“武汉-洪山区-关山街道”"
	}
	text := foldText(p + " " + address)
	if text == "" {
		return PlaceResult{}, "请填写工作地点，如“武汉-洪山区”，或在详细地址中写明所在区"
	}
	// The city: named in the text, or the employer's.
	city, cityLen := "", 0
	for _, c := range placeIndexOf(regions).cities {
		for _, n := range c.names {
			if len(n) > cityLen && strings.Contains(text, n) {
				city, cityLen = c.code, len(n)
			}
		}
	}
	if city == "" && len(home) >= 4 {
		city = home[:4]
	}
	// The district: named in the place cell, else in the address.
	district := ""
	for _, in := range []string{foldText(p), text} {
		best := 0
		for _, d := range regions.Children(city) {
			for _, n := range regionShort(d.Name) {
				if len(n) > best && strings.Contains(in, n) {
					district, best = d.Code, len(n)
				}
			}
		}
		if district != "" {
			break
		}
	}
	if district == "" && strings.HasPrefix(city, "4201") {
		for _, a := range placeAliases {
			if strings.Contains(text, a.name) {
				if len(a.code) == 9 {
					return PlaceResult{Code: a.code, Note: "工作地点“" + a.name + "”按" + regions.FullName(a.code) + "导入，请核对"}, ""
				}
				district = a.code
				break
			}
		}
	}
	if district == "" {
		// A street named in full anywhere in the city.
		for _, d := range regions.Children(city) {
			for _, s := range regions.Children(d.Code) {
				if utf8.RuneCountInString(s.Name) >= 3 && strings.Contains(text, s.Name) {
					return PlaceResult{Code: s.Code}, ""
				}
			}
		}
		where := "城市"
		if city == "" {
			where = "地名"
		}
		return PlaceResult{}, "工作地点“" + cutRunes(strings.TrimSpace(place), 20) + "”只有" + where + "，请写到区，如“武汉-洪山区”，或在详细地址中写明所在区和街道"
	}
	return streetIn(regions, district, text, place)
}

// streetIn finds the street of district named in text, or falls back to
// the district's first street with a note.
func streetIn(regions *codes.Table, district, text, place string) (PlaceResult, string) {
	text = foldText(text)
	// The names of the district and those above it are not street names
	// ("洪山区" is not 洪山街街道).
	for _, c := range regions.Path(district) {
		for _, n := range regionShort(c.Name) {
			text = strings.ReplaceAll(text, n, "|")
		}
	}
	streets := regions.Children(district)
	if len(streets) == 0 {
		return PlaceResult{}, "找不到“" + regions.FullName(district) + "”下的街道，请写明街道，或填写 9 位街道代码"
	}
	best, bestLen := "", 0
	for _, s := range streets {
		for _, n := range regionShort(s.Name) {
			if len(n) > bestLen && strings.Contains(text, n) {
				best, bestLen = s.Code, len(n)
			}
		}
	}
	if best != "" {
		return PlaceResult{Code: best}, ""
	}
	for _, a := range placeAliases {
		if len(a.code) == 9 && strings.HasPrefix(a.code, district) && strings.Contains(text, a.name) {
			return PlaceResult{Code: a.code, Note: "工作地点“" + a.name + "”按" + regions.FullName(a.code) + "导入，请核对"}, ""
		}
	}
	first := streets[0]
	for _, s := range streets {
		if s.Code[6:] < "400" { // 4xx are development zones and farms
			first = s
			break
		}
	}
	return PlaceResult{Code: first.Code, Note: "地址中没有街道名，按" + regions.FullName(district) + "的第一个街道“" + first.Name +
		"”导入，请在岗位中改为实际街道"}, ""
}

func isDigitString(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ---- description ----

// CompleteDescription applies the short-description rule: a description
// of at least MinDescription runes is kept; a shorter one that is not
// empty is completed with the row's own facts (title, requirements), with
// a note; an empty one is refused.
func CompleteDescription(desc, title, education string, experience, headcount int, skills []string) (out, note, fix string) {
	desc = strings.TrimSpace(desc)
	if desc == "" {
		return "", "", "请填写岗位描述：工作内容和任职要求，至少 " + strconv.Itoa(MinDescription) + " 个字"
	}
	if n := utf8.RuneCountInString(desc); n > MaxDescription {
		return string([]rune(desc)[:MaxDescription]), "岗位描述有 " + strconv.Itoa(n) + " 个字，只导入了前 " + strconv.Itoa(MaxDescription) + " 个字", ""
	} else if n >= MinDescription {
		return desc, "", ""
	}
	var b strings.Builder
	b.WriteString(desc)
	if !strings.ContainsAny(lastRune(desc), "。！!.；;") {
		b.WriteString("。")
	}
	if title != "" {
		b.WriteString("岗位：" + title + "，招聘 " + strconv.Itoa(headcount) + " 人。")
	}
	var req []string
	if education != "" && education != "不限" {
		req = append(req, education+"及以上学历")
	}
	req = append(req, ExperienceLabel(experience))
	if len(skills) > 0 {
		req = append(req, "技能："+strings.Join(skills, "、"))
	}
	b.WriteString("要求：" + strings.Join(req, "，") + "。")
	out = b.String()
	return out, "岗位描述只有 " + strconv.Itoa(utf8.RuneCountInString(desc)) + " 个字，已用本行的岗位名称和要求补足，建议审核前补充工作内容", ""
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// CutTitle shortens a title longer than MaxTitle runes, with a note.
func CutTitle(title string) (string, string) {
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) <= MaxTitle {
		return title, ""
	}
	out := string([]rune(title)[:MaxTitle])
	return out, "岗位名称超过 " + strconv.Itoa(MaxTitle) + " 个字，只导入了“" + out + "”，其余请写进岗位描述"
}

// longTerm are expiry cells that mean no end date: the default applies.
var longTerm = []string{"长期", "不限", "常年", "长期有效", "无"}

// ImportExpiry reads an expiry cell: "" (the default validity) for "长期"
// and the like, with a note; other cells are returned as they are.
func ImportExpiry(cell string) (string, string) {
	s := strings.TrimSpace(cell)
	if slices.Contains(longTerm, s) {
		return "", "有效期“" + s + "”按默认 " + strconv.Itoa(DefaultDays) + " 天导入"
	}
	return s, ""
}
