package searchbench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/search"
)

// district is 东西湖区, where most synthetic posts are.
const district = "420112"

// sector groups occupations that share duties, skills, employers and pay.
type sector uint8

const (
	secFactory sector = iota
	secLogistics
	secDriving
	secFinance
	secSales
	secService
	secIT
	secOffice
	secHealth
	secEducation
	secEngineering
	secAgri
	numSectors
)

// popularJob is an occupation that is common on the district's job board,
// with the titles employers actually write and its pay.
type popularJob struct {
	code   string
	titles []string
	weight float64
	sec    sector
	pay    [3]int // lowest SalaryMin, highest SalaryMin, typical spread
	cert   string // certificate a post asks for, if any
}

// popularJobs reflects a logistics, food-processing and manufacturing
// district (东西湖: 食品园, 物流港, 临空港). Codes missing from the table are
// skipped.
func popularJobs() []popularJob {
	return []popularJob{
		{"6-22-01-01", []string{"普工", "普工/操作工", "汽车生产线操作工", "流水线操作工", "储备干部"}, 6, secFactory, [3]int{4000, 6500, 2000}, ""},
		{"6-01-04-03", []string{"食品厂普工", "肉制品加工工", "熟食加工员"}, 3, secFactory, [3]int{4000, 6000, 1500}, "健康证"},
		{"6-02-03-02", []string{"冷冻食品制作工", "速冻食品普工", "食品包装工"}, 2, secFactory, [3]int{4000, 5500, 1500}, "健康证"},
		{"6-02-01-01", []string{"面包烘焙师", "糕点师", "烘焙学徒"}, 1, secFactory, [3]int{4000, 6500, 2000}, "健康证"},
		{"6-18-02-04", []string{"焊工", "电焊工", "氩弧焊工", "二保焊工"}, 3, secFactory, [3]int{6000, 9000, 3000}, "焊工证"},
		{"6-18-04-01", []string{"注塑工", "模具工"}, 1.5, secFactory, [3]int{4500, 6500, 2000}, ""},
		{"6-18-01-07", []string{"CNC数控操机", "数控车床操作工", "CNC编程"}, 1.5, secFactory, [3]int{5500, 8000, 3000}, ""},
		{"6-18-01-12", []string{"冲压工", "钣金工", "折弯工"}, 1, secFactory, [3]int{4500, 7000, 2000}, ""},
		{"6-18-03-03", []string{"喷漆工", "喷塑工", "涂装工"}, 1, secFactory, [3]int{5000, 7500, 2500}, ""},
		{"6-20-01-01", []string{"钳工", "装配钳工"}, 1, secFactory, [3]int{5000, 7500, 2500}, ""},
		{"6-31-01-03", []string{"电工", "水电工", "维修电工"}, 3, secFactory, [3]int{5000, 8000, 2500}, "电工证"},
		{"6-31-01-10", []string{"机修工", "设备维修工", "物业维修"}, 2, secFactory, [3]int{5000, 8000, 2500}, ""},
		{"6-30-05-01", []string{"叉车司机", "叉车工", "电动叉车司机"}, 4, secLogistics, [3]int{5000, 7500, 2000}, "叉车证"},
		{"4-02-06-01", []string{"仓管员", "仓库管理员", "仓库文员", "仓库主管"}, 5, secLogistics, [3]int{4000, 6500, 2000}, ""},
		{"4-02-06-02", []string{"分拣员", "理货员", "拣货员"}, 4, secLogistics, [3]int{4000, 6000, 2000}, ""},
		{"4-02-05-01", []string{"装卸工", "搬运工", "装卸搬运工"}, 3, secLogistics, [3]int{5000, 8000, 3000}, ""},
		{"4-02-07-08", []string{"快递员", "快递收派员"}, 3, secLogistics, [3]int{5000, 8000, 3000}, "C1驾照"},
		{"4-02-06-03", []string{"物流专员", "物流主管", "物流调度"}, 1.5, secLogistics, [3]int{4500, 7000, 2500}, ""},
		{"4-10-08-01", []string{"配送员", "送餐员", "外卖骑手"}, 2, secLogistics, [3]int{5000, 8000, 3000}, ""},
		{"4-02-02-02", []string{"货车司机", "货运司机", "物流司机", "厢式货车司机"}, 4, secDriving, [3]int{6000, 9000, 3000}, "B2驾照"},
		{"4-02-02-01", []string{"司机", "商务司机", "班车司机", "网约车司机"}, 3, secDriving, [3]int{5000, 7500, 2500}, "C1驾照"},
		{"2-06-03-00", []string{"会计", "出纳", "出纳会计", "总账会计", "财务专员"}, 3, secFinance, [3]int{4500, 8000, 3000}, "初级会计职称"},
		{"4-01-02-01", []string{"销售专员", "电话销售", "销售代表", "业务员"}, 4, secSales, [3]int{4000, 7000, 4000}, ""},
		{"2-06-07-02", []string{"销售经理", "区域销售主管", "渠道经理"}, 1.5, secSales, [3]int{7000, 12000, 6000}, ""},
		{"4-01-02-03", []string{"营业员", "导购", "门店店员"}, 2.5, secService, [3]int{3500, 5500, 2000}, ""},
		{"4-01-02-04", []string{"收银员", "超市收银员"}, 2, secService, [3]int{3500, 5000, 1000}, ""},
		{"4-04-05-03", []string{"客服专员", "电商客服", "售后客服", "呼叫中心客服"}, 3, secService, [3]int{4000, 6000, 2000}, ""},
		{"4-03-02-01", []string{"厨师", "中餐厨师", "厨师助理/学徒", "厨师长"}, 2.5, secService, [3]int{4500, 8000, 3000}, "健康证"},
		{"4-03-02-05", []string{"餐厅服务员", "服务员", "传菜员", "洗碗工"}, 3, secService, [3]int{3500, 5000, 1000}, "健康证"},
		{"4-07-05-01", []string{"保安", "保安员", "门卫"}, 3, secService, [3]int{3500, 5000, 1000}, "保安员证"},
		{"4-09-08-01", []string{"保洁员", "保洁", "清洁工"}, 2, secService, [3]int{3000, 4200, 800}, ""},
		{"4-10-01-06", []string{"家政服务员", "月嫂", "育婴师"}, 1, secService, [3]int{5000, 9000, 3000}, "健康证"},
		{"4-10-01-05", []string{"养老护理员", "护工"}, 1, secHealth, [3]int{4000, 6000, 1500}, "健康证"},
		{"2-05-08-01", []string{"护士", "内科护士", "护理人员"}, 1, secHealth, [3]int{4500, 7000, 2000}, "护士执业证"},
		{"2-08-03-00", []string{"幼儿园教师", "幼师"}, 1, secEducation, [3]int{3500, 5500, 1500}, "教师资格证"},
		{"4-07-03-05", []string{"职业培训师", "培训讲师"}, 0.5, secEducation, [3]int{5000, 8000, 3000}, ""},
		{"2-02-10-03", []string{"Java开发工程师", "软件工程师", "Golang开发工程师", "算法工程师"}, 1.5, secIT, [3]int{8000, 15000, 8000}, ""},
		{"4-04-05-01", []string{"程序员", "前端开发工程师", "Web前端"}, 1.5, secIT, [3]int{8000, 13000, 7000}, ""},
		{"4-04-05-02", []string{"软件测试", "测试工程师"}, 1, secIT, [3]int{6000, 10000, 5000}, ""},
		{"4-01-06-01", []string{"电商运营", "淘宝运营", "跨境电商运营"}, 1.5, secSales, [3]int{5000, 9000, 4000}, ""},
		{"4-01-06-02", []string{"主播", "直播运营", "带货主播"}, 1, secSales, [3]int{5000, 10000, 8000}, ""},
		{"4-07-03-04", []string{"人事专员", "人事助理", "招聘专员"}, 1.5, secOffice, [3]int{4000, 6500, 2000}, ""},
		{"3-01-02-02", []string{"行政文员", "经理助理", "生产跟单"}, 2, secOffice, [3]int{3500, 5500, 1500}, ""},
		{"4-12-01-01", []string{"汽车维修工", "汽修学徒", "洗车工"}, 1, secFactory, [3]int{4500, 7500, 3000}, ""},
		{"4-08-05-07", []string{"质检员", "品检员", "来料检验员"}, 1.5, secFactory, [3]int{4000, 6000, 1500}, ""},
	}
}

// sectorOf guesses the sector of an occupation code outside popularJobs.
func sectorOf(code string) sector {
	switch {
	case strings.HasPrefix(code, "2-02-10"), strings.HasPrefix(code, "2-02-38"), strings.HasPrefix(code, "4-04"):
		return secIT
	case strings.HasPrefix(code, "2-02"):
		return secEngineering
	case strings.HasPrefix(code, "2-05"), strings.HasPrefix(code, "4-14"):
		return secHealth
	case strings.HasPrefix(code, "2-06-0"), strings.HasPrefix(code, "2-06-1"):
		return secFinance
	case strings.HasPrefix(code, "2-08"), strings.HasPrefix(code, "4-13"):
		return secEducation
	case strings.HasPrefix(code, "3-"):
		return secOffice
	case strings.HasPrefix(code, "4-01"):
		return secSales
	case strings.HasPrefix(code, "4-02-02"):
		return secDriving
	case strings.HasPrefix(code, "4-02"):
		return secLogistics
	case strings.HasPrefix(code, "5-"):
		return secAgri
	case strings.HasPrefix(code, "6-"):
		return secFactory
	case strings.HasPrefix(code, "2-"):
		return secEngineering
	}
	return secService
}

// sectorPay is the pay of a sector: lowest and highest SalaryMin, spread.
func sectorPay(s sector) [3]int {
	switch s {
	case secFactory:
		return [3]int{4000, 6500, 2000}
	case secLogistics, secDriving:
		return [3]int{4500, 7500, 2500}
	case secIT:
		return [3]int{8000, 20000, 8000}
	case secEngineering:
		return [3]int{6000, 12000, 6000}
	case secFinance, secSales:
		return [3]int{4500, 9000, 4000}
	case secHealth, secEducation:
		return [3]int{4000, 7000, 2500}
	case secOffice:
		return [3]int{3500, 5500, 1500}
	case secAgri:
		return [3]int{3000, 5000, 1500}
	}
	return [3]int{3500, 6000, 1500}
}

// sectorEducation returns the education levels a sector asks for, with
// weights.
func sectorEducation(s sector) ([]string, []float64) {
	switch s {
	case secFactory, secLogistics, secAgri:
		return []string{"不限", "初中", "高中", "中专"}, []float64{45, 30, 15, 10}
	case secDriving, secService:
		return []string{"不限", "初中", "高中", "中专", "大专"}, []float64{40, 25, 15, 10, 10}
	case secIT, secEngineering:
		return []string{"大专", "本科", "硕士", "博士"}, []float64{35, 55, 9, 1}
	case secHealth, secEducation:
		return []string{"中专", "大专", "本科"}, []float64{30, 50, 20}
	}
	return []string{"不限", "高中", "中专", "大专", "本科"}, []float64{15, 15, 15, 35, 20}
}

// sectorDuties are duty sentences of a sector ({t} is the title).
func sectorDuties(s sector) []string {
	switch s {
	case secFactory:
		return []string{"按照作业指导书完成本岗位生产任务", "遵守安全操作规程，做好设备日常点检与保养", "配合班组长完成产量和质量目标",
			"做好5S现场管理，保持工位整洁", "对产品进行自检互检，发现异常及时上报", "服从车间安排，可适应倒班", "完成{t}岗位的日常工作"}
	case secLogistics:
		return []string{"负责货物的收发、盘点和出入库登记", "按单拣货、复核、打包与装车", "使用WMS系统录入单据",
			"保证货物安全和配送时效", "配合仓库主管完成月度盘点", "做好库区6S管理"}
	case secDriving:
		return []string{"按公司安排完成车辆驾驶和运输任务", "做好车辆日常检查、清洁和保养", "遵守交通法规，安全文明驾驶",
			"负责武汉市内及周边城市的货物配送", "协助装卸货物，核对签收单据"}
	case secFinance:
		return []string{"负责日常账务处理和凭证录入", "编制月度、季度财务报表", "协助完成纳税申报和发票管理",
			"负责现金、银行存款的收付和登记", "配合年度审计工作"}
	case secSales:
		return []string{"开发新客户并维护老客户关系", "完成公司下达的销售指标", "收集市场信息，反馈客户需求",
			"负责线上店铺的日常运营和推广", "参与产品推广和促销活动"}
	case secService:
		return []string{"为顾客提供热情周到的服务", "保持工作区域干净整洁", "处理顾客咨询和投诉",
			"服从店长和领班的工作安排", "做好交接班记录"}
	case secIT:
		return []string{"参与系统需求分析、设计与开发", "编写技术文档，参与代码评审", "负责线上问题的排查与优化",
			"与产品、测试团队协作完成项目交付", "维护公司内部管理系统"}
	case secOffice:
		return []string{"负责办公室日常行政事务", "负责文件收发、归档和会议记录", "协助部门经理处理日常事务",
			"负责员工考勤和入离职手续办理"}
	case secHealth:
		return []string{"按照护理规范为服务对象提供照护", "做好护理记录和交接班", "协助医生完成日常诊疗工作"}
	case secEducation:
		return []string{"负责班级的日常教学和保育工作", "制定教学计划并组织课程", "与家长保持良好沟通"}
	case secEngineering:
		return []string{"负责项目的技术方案设计和实施", "编制技术文件和工艺文件", "解决现场技术问题", "参与新产品开发和试产"}
	case secAgri:
		return []string{"负责种植、养殖的日常管理", "做好农资和设备的登记", "配合技术员完成田间作业"}
	}
	return []string{"完成{t}岗位的日常工作"}
}

// sectorSkills are skill tags of a sector.
func sectorSkills(s sector) []string {
	switch s {
	case secFactory:
		return []string{"吃苦耐劳", "能看懂图纸", "设备操作", "倒班", "质量意识"}
	case secLogistics:
		return []string{"WMS系统", "盘点", "Excel", "手持终端", "吃苦耐劳"}
	case secDriving:
		return []string{"驾驶经验", "熟悉武汉路况", "安全驾驶"}
	case secFinance:
		return []string{"金蝶", "用友", "Excel", "税务申报", "财务报表"}
	case secSales:
		return []string{"沟通能力", "客户开发", "抖音运营", "谈判能力"}
	case secService:
		return []string{"普通话", "服务意识", "沟通能力"}
	case secIT:
		return []string{"Java", "Go", "MySQL", "Linux", "Vue", "Python", "Redis"}
	case secOffice:
		return []string{"Office", "Excel", "公文写作", "沟通协调"}
	case secEngineering:
		return []string{"AutoCAD", "SolidWorks", "项目管理"}
	}
	return []string{"责任心强", "沟通能力"}
}

// sectorFirms are the words of employer names in a sector.
func sectorFirms(s sector) []string {
	switch s {
	case secFactory:
		return []string{"食品", "机械制造", "汽车零部件", "包装材料", "电子科技", "金属制品", "塑胶制品", "冷链食品"}
	case secLogistics, secDriving:
		return []string{"物流", "供应链管理", "仓储服务", "冷链物流", "快递服务"}
	case secFinance, secOffice:
		return []string{"企业管理", "商务咨询", "财务咨询", "人力资源"}
	case secSales:
		return []string{"商贸", "电子商务", "贸易", "文化传媒"}
	case secService:
		return []string{"餐饮管理", "物业管理", "酒店管理", "家政服务", "商业管理"}
	case secIT:
		return []string{"软件", "信息技术", "网络科技", "数据科技"}
	case secHealth:
		return []string{"医院", "康养服务中心", "健康管理有限公司", "社区卫生服务中心"}
	case secEducation:
		return []string{"教育咨询有限公司", "职业培训学校", "幼儿园", "文化培训中心"}
	case secEngineering:
		return []string{"工程技术", "建设工程", "检测技术", "设计咨询"}
	case secAgri:
		return []string{"农业发展", "生态农业", "农业科技"}
	}
	return []string{"实业"}
}

// Phrases shared by all posts.
const (
	tradeChars = "鑫华宏恒盛永金兴达顺通汇源泰博瑞康佳德安新中天昌荣隆丰伟和信诚嘉志航远辰宇楚江汉东长光明利凯越联合正益腾力科创美亚成发威海铭晟昊启卓晨福祥乐众驰锦润晶星立峰云景万百宝鼎弘骏捷"
)

func titlePrefixes() []string {
	return []string{"急招", "高薪诚聘", "直招", "长期招聘", "诚聘", "【急聘】", "东西湖", "包吃住"}
}

func titleSuffixes() []string {
	return []string{"（包吃住）", "（五险一金）", "（双休）", "（长白班）", "（可接受学徒）", "（月入过万）", "学徒", "/储备干部", "（两班倒）", "（男女不限）"}
}

func benefitPhrases() []string {
	return []string{"缴纳五险一金", "包吃包住", "周末双休", "月休4天", "提成另计", "年终奖金", "节日福利", "免费工作餐",
		"班车接送", "加班另计加班费", "带薪年假", "每年定期体检", "餐补和交通补贴", "住宿免费，水电平摊", "转正后购买社保", "季度绩效奖金"}
}

func workTimes() []string {
	return []string{"工作时间8:30-17:30，中午休息1.5小时", "长白班，不上夜班", "两班倒，每月轮换", "做六休一", "朝九晚六，周末双休",
		"早8点到晚8点，月休4天", "弹性工作制"}
}

func closings() []string {
	return []string{"有意者请携带身份证到公司面试。", "欢迎应届毕业生和退役军人报名。", "面试地址在公司前台，来前请电话联系。",
		"联系时请说明在网谷智聘看到。", "符合条件者可申请东西湖区就业补贴。", "一经录用待遇从优。"}
}

// corpus generates synthetic posts.
type corpus struct {
	r          *rand.Rand
	now        time.Time
	pop        []popularJob
	popW       []float64
	tail       []popularJob // other 职业 of groups 2-6, weight 1 each
	local      []place      // streets of 东西湖区
	other      []place      // other streets of Wuhan
	firms      [numSectors][]firm
	nextFirmID int64
}

type place struct {
	code, district, street string
	lat, lng               float64
}

type firm struct {
	id   int64
	name string
}

// SyntheticPosts returns n realistic job posts of a Wuhan district, the same
// for the same seed: titles from occupation names and aliases (with the
// decorations employers add), descriptions of 80-400 runes assembled from
// duty, requirement and benefit phrases, streets of Wuhan weighted toward
// 东西湖区 (60%), pay by occupation, coordinates for 70% of posts and
// publication within the 60 days before now. IDs are 1..n. occ and regions
// may be nil (fewer titles; every post in 东西湖区).
func SyntheticPosts(n int, seed uint64, occ, regions *codes.Table, now time.Time) []search.Doc {
	g := newCorpus(seed, occ, regions, now, n)
	docs := make([]search.Doc, n)
	for i := range docs {
		docs[i] = g.post(int64(i + 1))
	}
	return docs
}

func newCorpus(seed uint64, occ, regions *codes.Table, now time.Time, n int) *corpus {
	g := &corpus{r: rand.New(rand.NewPCG(seed, 0x6a697579)), now: now}
	for _, p := range popularJobs() {
		if occ != nil {
			if _, ok := occ.Get(p.code); !ok {
				continue
			}
		}
		g.pop = append(g.pop, p)
		g.popW = append(g.popW, p.weight)
	}
	if occ != nil {
		g.tail = tailJobs(occ)
	}
	g.local, g.other = places(regions)
	// One employer per ~8.6 posts (5,600 for 48,000), split by sector.
	perSector := max(n/9/int(numSectors), 3)
	for s := range numSectors {
		for range perSector {
			g.nextFirmID++
			g.firms[s] = append(g.firms[s], firm{g.nextFirmID, g.firmName(sector(s))})
		}
	}
	return g
}

// tailJobs lists the 职业 (level 4) of major groups 2-6 by their names and
// aliases.
func tailJobs(occ *codes.Table) []popularJob {
	var out []popularJob
	var visit func(c codes.Code)
	visit = func(c codes.Code) {
		kids := occ.Children(c.Code)
		if c.Level == 4 && c.Code[0] >= '2' && c.Code[0] <= '6' {
			titles := []string{search.StripOccupationMarker(c.Name)}
			for _, a := range c.Aliases {
				for part := range strings.SplitSeq(a, "/") {
					part = strings.TrimSpace(search.StripOccupationMarker(part))
					if n := utf8.RuneCountInString(part); n >= 2 && n <= 14 {
						titles = append(titles, part)
					}
				}
			}
			s := sectorOf(c.Code)
			out = append(out, popularJob{code: c.Code, titles: titles, weight: 1, sec: s, pay: sectorPay(s)})
		}
		for _, k := range kids {
			visit(k)
		}
	}
	for _, top := range occ.Children("") {
		visit(top)
	}
	return out
}

// StreetCentres returns the made-up centre SyntheticPosts gives each street
// of Wuhan (its posts with coordinates lie within about 1.7 km of it), so
// that other synthetic records — demo resumes — can be placed near the
// same streets. regions may be nil (one street of 东西湖区).
func StreetCentres(regions *codes.Table) map[string]search.Point {
	local, other := places(regions)
	out := make(map[string]search.Point, len(local)+len(other))
	for _, p := range append(local, other...) {
		out[p.code] = search.Point{Lat: p.lat, Lng: p.lng}
	}
	return out
}

// places returns the streets of 东西湖区 and of the rest of Wuhan, each
// with a made-up centre inside the city.
func places(regions *codes.Table) (local, other []place) {
	if regions == nil {
		return []place{{code: district + "001", district: "东西湖区", street: "吴家山街道", lat: 30.62, lng: 114.14}}, nil
	}
	r := rand.New(rand.NewPCG(2260, 4201)) // fixed: a street keeps its centre across seeds
	for _, county := range regions.Children("4201") {
		for _, st := range regions.Children(county.Code) {
			p := place{code: st.Code, district: county.Name, street: st.Name}
			if county.Code == district {
				p.lat, p.lng = 30.58+r.Float64()*0.16, 114.02+r.Float64()*0.20
				local = append(local, p)
			} else {
				p.lat, p.lng = 30.42+r.Float64()*0.36, 114.05+r.Float64()*0.43
				other = append(other, p)
			}
		}
	}
	if len(local) == 0 {
		local = []place{{code: district, district: "东西湖区", lat: 30.62, lng: 114.14}}
	}
	return local, other
}

func (g *corpus) firmName(s sector) string {
	t := []rune(tradeChars)
	words := sectorFirms(s)
	name := string(t[g.r.IntN(len(t))]) + string(t[g.r.IntN(len(t))])
	kind := "有限公司"
	if g.r.IntN(5) == 0 {
		kind = "股份有限公司"
	}
	word := pick(g.r, words)
	for _, end := range []string{"公司", "医院", "学校", "幼儿园", "中心"} {
		if strings.HasSuffix(word, end) {
			return "武汉市东西湖区" + name + word
		}
	}
	return "武汉" + name + word + kind
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// pickWeighted returns an index of w drawn by weight.
func pickWeighted(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u := r.Float64() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// job draws an occupation: popular ones for 70% of posts.
func (g *corpus) job() popularJob {
	if len(g.tail) == 0 || g.r.Float64() < 0.7 && len(g.pop) > 0 {
		return g.pop[pickWeighted(g.r, g.popW)]
	}
	return pick(g.r, g.tail)
}

func (g *corpus) post(id int64) search.Doc {
	r := g.r
	j := g.job()
	d := search.Doc{ID: id, OccupationCode: j.code}
	base := pick(r, j.titles)
	d.Title = g.decorate(base)

	fs := g.firms[j.sec]
	f := fs[int(float64(len(fs))*r.Float64()*r.Float64())] // some employers post a lot
	d.Enterprise, d.EnterpriseID = f.name, f.id

	pl := g.place()
	d.RegionCode = pl.code
	if r.Float64() < 0.7 {
		d.HasGeo = true
		d.Lat = clamp(pl.lat+(r.Float64()-0.5)*0.03, 30.4, 30.8)
		d.Lng = clamp(pl.lng+(r.Float64()-0.5)*0.03, 114.0, 114.5)
	}

	pay := j.pay
	lo := roundTo(pay[0]+r.IntN(pay[1]-pay[0]+1), 500)
	d.SalaryMin = lo
	d.SalaryMax = lo + roundTo(500+r.IntN(pay[2]+1), 500)

	levels, w := sectorEducation(j.sec)
	d.Education = levels[pickWeighted(r, w)]
	d.ExperienceYears = []int{0, 0, 0, 0, 0, 1, 1, 2, 3, 3, 5}[r.IntN(11)]

	d.PublishedAt = g.now.Add(-time.Duration(r.Int64N(int64(60 * 24 * time.Hour)))).Truncate(time.Minute)
	d.ExpiresAt = d.PublishedAt.Add(60 * 24 * time.Hour)
	if r.IntN(20) == 0 {
		d.ExpiresAt = d.PublishedAt.Add(30 * 24 * time.Hour) // some are already expired
	}

	d.Skills = g.skills(j)
	d.Description = g.description(d, j, base, pl)
	return d
}

// decorate adds what employers put around a title.
func (g *corpus) decorate(t string) string {
	r := g.r
	if r.IntN(4) == 0 {
		t = pick(r, titlePrefixes()) + t
	}
	if r.IntN(10) < 3 {
		s := pick(r, titleSuffixes())
		if !strings.Contains(t, strings.Trim(s, "/（）")) {
			t += s
		}
	}
	return t
}

func (g *corpus) place() place {
	if len(g.other) == 0 || g.r.Float64() < 0.6 {
		return pick(g.r, g.local)
	}
	return pick(g.r, g.other)
}

func (g *corpus) skills(j popularJob) []string {
	pool := sectorSkills(j.sec)
	n := g.r.IntN(3)
	var out []string
	if j.cert != "" && g.r.IntN(2) == 0 {
		out = append(out, j.cert)
	}
	for range n {
		s := pick(g.r, pool)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// description assembles 80-400 runes: an opening, duties, requirements,
// benefits, working time and a closing line.
func (g *corpus) description(d search.Doc, j popularJob, title string, pl place) string {
	r := g.r
	target := 80 + r.IntN(321)
	var parts []string
	switch r.IntN(3) {
	case 0:
		parts = append(parts, fmt.Sprintf("%s因业务发展需要，现招聘%s%d名。", d.Enterprise, title, 1+r.IntN(20)))
	case 1:
		parts = append(parts, fmt.Sprintf("我司位于%s%s，交通便利，现诚聘%s，欢迎有意者加入。", pl.district, pl.street, title))
	default:
		parts = append(parts, fmt.Sprintf("%s是一家位于%s的企业，因生产经营需要招聘%s。", d.Enterprise, pl.district, title))
	}
	var pool []string
	for i, s := range shuffled(r, sectorDuties(j.sec)) {
		pool = append(pool, fmt.Sprintf("岗位职责%d：%s。", i+1, strings.ReplaceAll(s, "{t}", title)))
	}
	pool = append(pool, g.requirements(d, j)...)
	b := shuffled(r, benefitPhrases())
	pool = append(pool, "福利待遇："+strings.Join(b[:2+r.IntN(3)], "，")+"。")
	pool = append(pool, pick(r, workTimes())+"。", fmt.Sprintf("薪资%d-%d元/月，", d.SalaryMin, d.SalaryMax)+pick(r, []string{"按月发放，不拖欠工资。", "多劳多得。", "试用期1个月，转正后调薪。"}))
	pool = append(pool, pick(r, closings()))

	text := parts[0]
	for _, p := range pool {
		next := text + p
		if utf8.RuneCountInString(next) > 400 {
			continue
		}
		text = next
		if utf8.RuneCountInString(text) >= target {
			break
		}
	}
	for utf8.RuneCountInString(text) < 80 {
		text += "公司为员工提供良好的工作环境和晋升空间，欢迎加入我们的团队。"
	}
	if utf8.RuneCountInString(text) > 400 {
		text = string([]rune(text)[:400])
	}
	return text
}

func (g *corpus) requirements(d search.Doc, j popularJob) []string {
	r := g.r
	var out []string
	if d.Education != "不限" {
		out = append(out, fmt.Sprintf("任职要求：%s及以上学历。", d.Education))
	} else {
		out = append(out, "任职要求：学历不限，能识字会写即可。")
	}
	if d.ExperienceYears > 0 {
		out = append(out, fmt.Sprintf("有%d年以上相关工作经验。", d.ExperienceYears))
	} else {
		out = append(out, pick(r, []string{"无经验可培训，欢迎新手。", "接受应届生和转行人员。"}))
	}
	if j.cert != "" {
		out = append(out, fmt.Sprintf("持%s上岗。", j.cert))
	}
	out = append(out, pick(r, []string{"身体健康，能胜任岗位工作。", "吃苦耐劳，服从安排。", "有责任心，团队意识强。", "能适应夜班和加班。"}))
	return out
}

func shuffled[T any](r *rand.Rand, s []T) []T {
	out := append([]T(nil), s...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func roundTo(v, unit int) int { return (v + unit/2) / unit * unit }

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

// commonWords are what people type into a district job board.
func commonWords() []string {
	return []string{"司机", "普工", "会计", "销售", "仓管", "电工", "焊工", "叉车", "客服", "保安", "厨师", "快递员", "分拣员",
		"装卸工", "服务员", "收银员", "文员", "程序员", "java", "保洁", "主播", "电商运营", "质检员", "操作工", "学徒",
		"储备干部", "出纳", "货车司机", "仓库管理员", "食品", "物流", "维修", "护士", "幼师", "人事"}
}

// queryModifiers narrow a query.
func queryModifiers() []string {
	return []string{"包吃住", "五险一金", "双休", "长白班", "急招", "东西湖", "学徒", "司机", "经验"}
}

// SampleQueries returns n realistic searches (the same for the same seed):
// 1-3 words from occupation names and aliases and common words, with
// random filters: region 420112 for 50%, a minimum salary for 30%, 10 km
// around a point of Wuhan for 20%; mostly sorted by relevance.
func SampleQueries(n int, seed uint64, occ *codes.Table, now time.Time) []search.Query {
	r := rand.New(rand.NewPCG(seed, 0x7175657279))
	var names []string
	for _, p := range popularJobs() {
		names = append(names, p.titles...)
	}
	var tail []string
	if occ != nil {
		for _, j := range tailJobs(occ) {
			tail = append(tail, j.titles...)
		}
	}
	word := func() string {
		switch u := r.Float64(); {
		case u < 0.45:
			return pick(r, commonWords())
		case u < 0.85 || len(tail) == 0:
			return strings.Split(pick(r, names), "/")[0]
		default:
			return pick(r, tail)
		}
	}
	qs := make([]search.Query, n)
	for i := range qs {
		q := search.Query{Q: word(), Now: now}
		switch u := r.Float64(); {
		case u < 0.3:
			q.Q += " " + pick(r, queryModifiers())
		case u < 0.4:
			q.Q += " " + pick(r, queryModifiers()) + " " + pick(r, queryModifiers())
		}
		if r.IntN(2) == 0 {
			q.Region = district
		}
		if r.IntN(10) < 3 {
			q.SalaryMin = pick(r, []int{4000, 5000, 6000, 8000})
		}
		if r.IntN(5) == 0 {
			q.Near = &search.Point{Lat: 30.55 + r.Float64()*0.15, Lng: 114.05 + r.Float64()*0.25}
			q.RadiusKm = 10
			if r.IntN(3) == 0 {
				q.Sort = search.SortDistance
			}
		}
		switch r.IntN(20) {
		case 0, 1:
			q.Sort = search.SortNewest
		case 2:
			q.Sort = search.SortSalary
		}
		if r.IntN(10) == 0 {
			q.Page = 2
		}
		qs[i] = q
	}
	return qs
}
