package gigs

// The screening rules as plain data. Patterns are RE2 expressions matched
// against the normalized ad text: full-width letters, digits and
// punctuation folded to ASCII, ASCII lower-cased, spaces and zero-width
// characters removed (so "押 金" and "ＶＸ" are caught), clauses ending at
// , ; ! ? 。 or a line break. A match is a finding unless
//   - it lies inside an Allow phrase (工资保证金 is the employer's money),
//   - a Before cue ends just before it, with only Filler words between
//     (不收取任何押金, 公司承担员工体检费),
//   - or an After cue starts just after it, with only Filler words or an
//     amount between (体检费由公司承担, 押金：无),
// and a cancelled finding counts again when the same clause has an
// Override (自理, 个人承担, 不予报销), that is the worker pays after all.
// Patterns are written in lower case and must start with a definite
// character (not . or an optional part): the Screener indexes them by
// their first two characters and panics at start-up otherwise.
// Catches and Passes are realistic ad sentences; the tests screen every
// one, so adding an example adds a test.

// ruleKind says how a rule looks at a gig: the text rules run their
// patterns, the others read the numbers or the address.
type ruleKind int

const (
	kindText ruleKind = iota
	kindMinWage
	kindMarket
	kindAddress
)

// ruleSpec is one screening rule as data; NewScreener compiles it.
type ruleSpec struct {
	Code     string
	Severity Severity
	Kind     ruleKind
	Message  string // the reason shown for text rules and on the staff page
	Format   string // numeric rules: the detailed reason, a fmt format

	Patterns []string // what is looked for
	Allow    []string // whole phrases that contain a match but are fine
	Before   []string // cues before a match that cancel it (negation, who pays)
	After    []string // cues after a match that cancel it
	Filler   []string // words that may stand between a cue and the match
	Override []string // in the same clause: the worker pays after all
	Tail     string   // extends the reported phrase (the amount after 押金)

	Words []string // market: generic words that say nothing; address: placeholders
	Min   int      // market: fewer specific characters than this is vague, or fewer than 3×Min with 3 generic words

	Catches, Passes       []string  // text rules: ad sentences
	CatchCases, PassCases []numCase // other rules: whole inputs
}

// numCase is an example for a rule that reads numbers or the address:
// Say is what the staff page shows, In is what the test screens.
type numCase struct {
	Say string
	In  ScreenInput
}

// Shared pieces of the patterns, kept as constants so the table reads as
// data and the rules agree on what a fee word or an amount is.
const (
	feeWords = `押金|保证金|报名费|服装费|工装费|工服费|工衣费|制服费|培训费|体检费|材料费|资料费|中介费|介绍费|入职费|上岗费|办卡费|工本费|手续费|建档费|信息费|面试费|会员费|押(?:一|半|两|\d+)个?(?:月|周)的?工资`
	amount   = `(?:\d+(?:\.\d+)?(?:元|块|rmb)|[一二两三四五六七八九十百千万]+(?:元|块)|¥\d+(?:\.\d+)?)`
	giveVerb = `(?:交|缴|交纳|缴纳)`                               // only ever the worker giving money
	payVerb  = `(?:付|支付|转账?|打款|汇款)`                          // either way: 现场付200元 is the employer paying wages
	modal    = `(?:先|需|要|须|得|需要|必须|预|另需|还需|还要|请|应|当场|现场|提前)` // before 交/缴
	must     = `(?:需|须|要|得|需要|必须|请|应|还需|另需)`                 // before 付: the worker is told to pay
	payer    = `(?:公司|单位|用人单位|用工单位|用工方|招聘方|雇佣方|雇主|老板|我方|我司|我们|本店|店里|店家|门店|商户|商家|厂里|厂家|工厂|企业|甲方|项目部|项目方|发包方|平台|主办方|东家)`
	payerDo  = `(?:为|给|帮|替|来)?(?:员工|您|你|大家|工人|个人|工友|师傅)?(?:统一|全额|全部|负责|免费|代|先行?)?(?:承担|出|支付|报销|买单|包|负担|缴纳|垫付|补贴|付)`
	customer = `(?:顾客|客户|客人|租客|住客|会员|用户|买家|消费者|业主|患者|游客)[^,;!?。\n]{0,4}` // their deposits, not the worker's
	workGear = `(?:工作服|工服|工装|制服|工鞋|工牌|工卡|教材|培训资料|培训课程|体检套餐)`
	idCard   = `(?:身份证件?|证件)(?:原件)?`
	person   = `(?:你的|您的|员工的?|个人|求职者|工人的?|应聘者)?`
	wechat   = `(?:微信|威信|薇信|徽信|v信|微心|vx|wx|weixin|wechat|qq|扣扣|企鹅)`
	cnDigit  = `[一二三四五六七八九零〇壹贰叁肆伍陆柒捌玖幺两]`
)

// screenRules is the rule table, blocking rules first.
var screenRules = []ruleSpec{
	{
		Code:     "fee",
		Severity: SevBlock,
		Message:  "要求求职者交钱（押金、报名费、服装费、培训费、体检费等）。《就业服务与就业管理规定》第十四条禁止用人单位以担保或其他名义向劳动者收取财物",
		Patterns: []string{
			feeWords,
			`(?:工资|薪水)(?:需|要|先)?(?:押|扣押|扣留)(?:一|半|两|\d+)个?(?:月|周)`,
			`(?:` + modal + giveVerb + `|` + must + `(?:先)?` + payVerb + `)(?:给公司|给我们|给我|到)?` + `(?:` + amount + `|\d{2,}(?:\.\d+)?)`,
			`(?:先|需|要|须|得|需要|必须|请|应|另|还需|还要)` + `(?:交|缴|付|交纳|缴纳)(?:一定的?|少量|部分|相关|少许|点)?(?:钱|费用?|款)`,
			`(?:缴纳|交纳|预交|预付|收取|交付)` + amount,
			`(?:自费|自行|自己|需|须|要|必须|需要)(?:出钱)?(?:购买|买|购置|定制)(?:公司的?|统一的?|指定的?)?` + workGear,
			workGear + `(?:需|须|要)?(?:自费|自购|自行购买|自己买|收费|\d+元)`,
		},
		Allow: []string{"工资保证金", "工资支付保证金"},
		Before: []string{
			`不`, `无(?:需|须)?`, `免(?:费|收|除|交|缴|去)?`, `没有|没`, `零`, `(?:^|[^\d.])0元?`,
			`拒绝|杜绝|严禁|禁止|绝不|从不|绝无|不存在|取消`,
			payer + payerDo,
			`(?:可|给予|予以|全额|实报实销|凭票)?报销`, `包`, `补贴|补助|赠送|提供|发放`,
			customer, `负责|协助|帮助`,
		},
		After: []string{
			`无|零|0(?:元|块)?(?:$|[^\d.])|没有|免|免费|免收|全免|减免|不收|不用|不需|无需|不必|不要|不存在|不额外`,
			`(?:由|均由|全部由|都由)?` + payer + `(?:统一|全额|负责|来)?(?:承担|出|支付|报销|买单|包|负担|垫付|补贴|付)`,
			`(?:可|予以|给予|全额|实报实销|凭票|入职后|上岗后|后期|事后)?(?:全额)?(?:报销|补贴|补助)`, `实报实销`,
			`包`, `的?(?:工资|薪|报酬|奖|补贴|补助)`, `(?:份|张|次|个|天|人|件|篇|页|本|套|小时)`,
		},
		Filler: []string{
			feeWords, `任何形式的?|任何名义的?|以任何名义|任何|额外|其他|另外|一切|所有|全部|全额|相关|各种|各类|一分钱?|的`,
			`交纳|缴纳|收取|支付|交|缴|收|取|付|出|员工|个人|您|你|求职者|工人|师傅|大家|入职|上岗|岗前|健康|统一`,
			`和|及|与|或|、|/|:|\(|\)|需要|需|须|用|要|必须|必|会|得|再|另|先|提前|预先|预|费用|以及|等|名义`,
		},
		Override: []string{
			`自理|自付|自费|自行(?:承担|支付|负担|缴纳|解决)`,
			`(?:个人|本人|自己|求职者|应聘者|学员)(?:需|须|要)?(?:承担|负担|出|支付|付|交|缴纳)`,
			`(?:员工|工人)(?:需|须|要)?(?:承担|负担|支付|自付|交|缴纳)`,
			`不予?报销|不退|概不退`,
		},
		Tail: `^:?(?:约|大约)?` + amount,
		Catches: []string{
			"搬运工日结300，入职交押金200元，干满一周退还。",
			"超市促销员，统一着装，需交200元服装费。",
			"快递分拣夜班，入职前先交300元，工资当天结算。",
			"保洁阿姨，上岗前缴纳体检费80元。",
			"家政钟点工，报名费50元，包推荐工作。",
			"餐饮服务员，岗前培训费300元，培训合格后上岗。",
			"仓库理货员，需交保证金500元，做满一个月返还。",
			"展会协助，工装费自理，现场发放。",
			"装修小工，体检费个人承担，公司不报销。",
			"传单派发员，办卡费30元，用于领工资。",
			"酒店客房保洁，中介费100元，介绍成功后收取。",
			"快递员，需交一定费用办理工牌。",
			"超市理货，押一个月工资，做满三个月发放。",
			"物流园装卸工，现场收取150元材料费。",
			"酒店布草工，公司收取押金200元，离职退还。",
			"餐厅服务员，工作服需自费购买，80元一套。",
			"宴会服务员，需转200元到指定账户作为占位费。",
			"商场促销，押 金 两百元，离职退。",
			"工厂包装工，押金：300元，不满三个月不退。",
			"保洁员，无押金，但体检费自理。",
			"餐厅传菜员，交200元服装费后上岗。",
			"装修小工，工资押一个月，年底结清。",
		},
		Passes: []string{
			"餐饮服务员，公司承担体检费，包吃。",
			"促销员，工作服免费提供，不收任何费用。",
			"搬运工，无押金，工资日结。",
			"快递分拣，体检费公司报销，当天结算。",
			"家政保洁，包工作服，免费培训。",
			"仓库理货，不收取押金，不收服装费。",
			"装修小工，本项目已缴纳农民工工资保证金，按时足额发放。",
			"展会协助，公司统一承担员工体检费，不用自费。",
			"传单派发，工资日结，当天结算，现金或微信转账。",
			"自行车租赁店员，负责收取顾客押金并登记。",
			"酒店保洁，免押金、免服装费，入职即上岗。",
			"仓库打包工，押金：无。",
			"理货员，体检费由公司承担，入职后可全额报销。",
			"搬家工，需交3份一寸照片。",
			"服务员，一律不收报名费、培训费等任何费用。",
			"快递员，公司预付200元工资作为路费。",
			"保洁员，体检费可报销，培训费全免。",
			"促销员，零押金，按小时计薪，每小时25元。",
			"保洁员，押金（无），介绍费由用工单位支付。",
			"仓库理货，每小时25元，加班另付50元/小时。",
			"展会搭建小工，日结300元，现场付现金。",
			"电动车租赁店员，顾客租车押金由店员登记。",
			"保洁员，工作服公司统一购买，体检费实报实销。",
			"快递分拣，押金：0元，服装费：0元。",
		},
	},
	{
		Code:     "id_card",
		Severity: SevBlock,
		Message:  "要求扣押或交存身份证等证件。《就业服务与就业管理规定》第十四条禁止扣押劳动者的居民身份证和其他证件",
		Patterns: []string{
			`扣押` + person + idCard,
			`(?:扣|押|压|收|收取|留|抵押|上交|交|扣下|押下|收走|拿走)` + `(?:下|着|留|押|取|走)?` + person + idCard,
			idCard + `(?:需|要|须|必须|得|统一|一律|先|将|会|请|需要|需交由|要交由)?` +
				`(?:押在|押给|押|扣押|扣留|扣|压在|压|抵押|上交|交由|交给|交公司|交到|留在|留公司|留下|留存|存放|放在|寄存|由公司保管|公司保管|代为保管|代管|保管)`,
			idCard + `[^,;!?。\n复印号码信息照片自妥不无免]{0,6}?` +
				`(?:押在|押给|扣押|扣留|扣下|压在|抵押|上交|交由公司|交给公司|交公司|留在公司|留公司|存放在公司|由公司保管|公司保管|统一保管|代为保管|代管|保管)`,
			`押证|扣证|压证|押身份`,
		},
		Before: []string{
			`不|绝不|不会|从不|严禁|禁止|不得|无需|不用|不需要?|拒绝|杜绝|决不|不存在|没有|承诺不|保证不|免`,
		},
		After: []string{
			`(?:号|号码|信息|复印件|复印|照片|拍照|正反面|扫描件|核验|查验|验证|实名|登记|核对)`,
			`[^,;!?。\n]{0,10}(?:当场|立即|现场|马上|核对后|核验后|验证后|登记后|查验后)(?:归还|退还|返还|交还)`,
		},
		Filler: []string{`任何|员工|个人|您|你|的|求职者|工人|会|得|私自|随意|强制|强行|以任何理由|收取|收|需|要`},
		Catches: []string{
			"工地小工，入职需扣押身份证，完工后归还。",
			"服务员，身份证押在公司，干满一个月还。",
			"搬运工，身份证原件统一由公司保管。",
			"分拣员，上岗押证，日结200。",
			"保洁员，需上交身份证原件，防止中途离职。",
			"促销员，身份证交给领班保管，活动结束再还。",
			"家政阿姨，押身份证才能派单。",
			"仓库理货，为了安全，收走身份证原件，结工资时退还。",
			"宾馆保洁，身份证暂时由公司保管，做满再还。",
		},
		Passes: []string{
			"保洁员，面试请带身份证原件，现场核对后当场归还。",
			"搬运工，需提供身份证复印件一份。",
			"展会协助，凭身份证入场，实名登记。",
			"装修小工，工地实名制，需登记身份证信息。",
			"服务员，公司承诺不扣押身份证，工资日结。",
			"快递分拣，严禁扣押身份证等证件。",
			"家政，身份证留复印件即可。",
			"传单派发，需留身份证号码用于购买意外险。",
			"装修小工，身份证请自行保管好，不押证。",
			"理货员，身份证复印件由公司留存备案。",
		},
	},
	{
		Code:     "off_platform",
		Severity: SevBlock,
		Message:  "含微信、QQ、电话等站外联系方式或要求私下联系。为保护求职者，报名、沟通和结算请在平台内进行，以便出现纠纷时有据可查",
		Patterns: []string{
			`(?:\+?86-?)?1[3-9]\d(?:-?\d){8}`,
			`0\d{2,3}-\d{7,8}`,
			`(?:电话|手机|tel|致电|拨打|热线|联系方式|座机|call)(?:号码?|:|是|为|\(|/)*\d[\d()-]{6,}\d`,
			`[一壹幺][三四五六七八九叁肆伍陆柒捌玖]` + `(?:-?` + cnDigit + `){9}`,
			wechat + `(?:号|号码)?:?[a-z0-9][-_a-z0-9]{4,19}`,
			`v(?:号)?:[a-z0-9][-_a-z0-9]{4,19}`,
			`(?:加|添加|\+|➕)(?:我|本人|老板|经理|客服|一下)?(?:` + wechat + `|v\b|好友)`,
			wechat + `(?:同号|联系|详聊|沟通|咨询|私聊|报名|面试|联络|约|细聊|了解|发定位|发地址)`,
			`(?:联系|咨询|详聊|私聊|报名|联络)(?:请|请加|加|我的|本人|老板)?` + wechat,
			`同微信|v同号|私下联系|私下交易|私下结算|线下交易|线下结算|跳过平台|绕过平台|平台外|站外联系`,
			`扫码(?:加|添加|进群|联系|咨询)`,
		},
		Before: []string{
			`请勿|勿|不要|不用|无需|不需|禁止|严禁|切勿|不得|谨防|不会|别|拒绝|不接受|谢绝|杜绝|不|防止|避免`,
		},
		Filler: []string{`私下|随意|主动|轻易|向|与|和|跟|对方|任何人|陌生人|他人|陌生|加|添加|的|任何|雇主|老板|商家|工人|求职者|去|进行`},
		Catches: []string{
			"搬运工日结，有意者加微信zhang_88详聊。",
			"保洁阿姨，电话13812345678，随时联系。",
			"促销员，加V了解详情，名额有限。",
			"快递分拣，vx：fenjian2024，日结。",
			"餐饮服务员，微信联系，包吃住。",
			"装修小工，联系电话 139 1234 5678 王师傅。",
			"展会协助，QQ 123456789 报名。",
			"传单派发，一天150，私下结算不走平台。",
			"家政保洁，微信同号，一三八一二三四五六七八。",
			"仓库理货，座机 021-66668888 找李经理。",
			"展会协助，联系电话(027)86668888。",
			"搬家师傅，有意者致电+86 138 1234 5678。",
		},
		Passes: []string{
			"搬运工，工资日结，微信转账或支付宝到账。",
			"保洁员，请通过平台报名，勿私下加微信。",
			"促销员，工作地点：幸福路138号3单元。",
			"快递分拣，日均处理13000件，两班倒。",
			"餐饮服务员，平台内沟通，不私下交易。",
			"展会协助，现场扫码签到，按小时计薪。",
			"装修小工，2026年12月7日开工，工期3天。",
			"家政，支持微信支付，当天结清。",
			"保洁员，有疑问请在平台内私信我们。",
			"服装厂临时工，钉扣、扣扣子、剪线头。",
			"仓库打包，需带手机，2026-12-08开工，电话面试时间待定。",
		},
	},
	{
		Code:     "scam_task",
		Severity: SevBlock,
		Message:  "疑似刷单、垫付返利、点赞返利、在家打字等网络兼职诈骗。公安机关提示：凡是刷单、要求先垫付的兼职都是诈骗",
		Patterns: []string{
			`刷单|刷信誉|刷好评|刷销量|刷流水|刷钻|刷点击|刷阅读|刷粉|做单返|帮(?:忙|商家)?拍单`,
			`点赞(?:返|赚|领|得|拿|佣|兼职|任务|员)|关注(?:返|赚)|(?:视频|抖音|快手|直播间?)点赞`,
			`(?:做任务|下单|垫付|本金|高额|佣金)返(?:利|佣|现|还)?|返佣|秒返|立返|佣金(?:日结|当天结)`,
			`垫付(?:资金|本金|货款|订单|购买|下单|\d)|(?:先|需|需要|要|自行|自己)垫(?:付|资)|垫资|本金垫付`,
			`打字(?:员|兼职|赚钱|挣钱|日结)|抄写员`,
			`(?:在家|居家|网上|网络|手机|线上)(?:打字|抄写|录入|兼职|做任务|赚钱|挣钱|日结)`,
			`动动手指|足不出户|躺赚|躺着赚|日赚\d+|一部手机(?:就能|即可|赚)|手工活外发|手工外包`,
		},
		Before: []string{
			`不|不会|严禁|禁止|拒绝|杜绝|无需|不用|不需要?|谨防|警惕|非|不是|绝不|绝非|防范|识别|小心|提防|不涉及|无`,
			payer + `(?:先行?|统一|负责)?`,
			`顾客|客户|消费者|会员|介绍|讲解|推广|宣传`,
		},
		After:  []string{`[^,;!?。\n]{0,12}(?:报销|实报实销)`},
		Filler: []string{`刷单|刷信誉|刷好评|垫付|返利|点赞|任何|的|、|和|及|需|要|参与|进行|做|涉及|兼职|网络|网上|虚假|类|等|满减|满额|活动|优惠|购物|消费|商品|产品|先行?`},
		Catches: []string{
			"淘宝刷单员，一单一结，佣金秒返。",
			"在家兼职打字员，日结100-300。",
			"抖音点赞员，手机操作，动动手指日赚200。",
			"网店补量，需先垫付货款，完成任务后本金返还。",
			"宝妈兼职，足不出户，一部手机就能做。",
			"刷信誉，时间自由，日结高薪。",
			"招聘手机兼职做任务，关注返现。",
			"手工活外发，在家串珠，计件结算。",
		},
		Passes: []string{
			"快递分拣，按单计件，每单0.3元。",
			"促销员，向顾客介绍满减返利活动，日结150。",
			"装修小工，车费公司先垫付，当天结清。",
			"餐饮服务员，顾客点赞多有额外奖励。",
			"仓库理货，严禁刷单等网络兼职诈骗，请提高警惕。",
			"展会协助，负责资料录入与来宾登记，现场办公。",
			"家政保洁，上门服务，居家保洁4小时。",
			"传单派发，材料费先自行垫付后实报实销。",
			"家政保洁，手机接单，就近派活。",
			"快递员，需会手机操作扫码，适合宝妈兼职。",
		},
	},
	{
		Code:     "below_min_wage",
		Severity: SevWarn,
		Kind:     kindMinWage,
		Message:  "时薪低于本区最低小时工资标准。《劳动合同法》第七十二条规定，非全日制用工小时计酬标准不得低于当地最低小时工资标准",
		Format:   "时薪约 %s 元，低于本区最低小时工资 %s 元（《劳动合同法》第七十二条：非全日制用工小时计酬标准不得低于当地最低小时工资标准）",
		CatchCases: []numCase{
			{"时薪 14 元，本区最低 22 元", ScreenInput{PayFen: 1400, PayUnit: "hour", MinHourlyFen: 2200}},
			{"日薪 150 元做 10 小时，约 15 元/小时，本区最低 22 元", ScreenInput{PayFen: 15000, PayUnit: "day", HoursPerDay: 10, MinHourlyFen: 2200}},
			{"时薪 21.99 元，本区最低 22 元", ScreenInput{PayFen: 2199, PayUnit: "hour", MinHourlyFen: 2200}},
			{"日薪 120 元做 8 小时，约 15 元/小时，本区最低 23.5 元", ScreenInput{PayFen: 12000, PayUnit: "day", HoursPerDay: 8, MinHourlyFen: 2350}},
		},
		PassCases: []numCase{
			{"时薪 22 元，等于本区最低 22 元", ScreenInput{PayFen: 2200, PayUnit: "hour", MinHourlyFen: 2200}},
			{"日薪 200 元做 8 小时，25 元/小时，本区最低 22 元", ScreenInput{PayFen: 20000, PayUnit: "day", HoursPerDay: 8, MinHourlyFen: 2200}},
			{"计件 0.5 元/件，不按小时核算", ScreenInput{PayFen: 50, PayUnit: "piece", MinHourlyFen: 2200}},
			{"日薪 100 元但未填班次时长，无法折算", ScreenInput{PayFen: 10000, PayUnit: "day", MinHourlyFen: 2200}},
			{"时薪 14 元，但不知道本区最低标准", ScreenInput{PayFen: 1400, PayUnit: "hour"}},
		},
	},
	{
		Code:     "above_market",
		Severity: SevWarn,
		Kind:     kindMarket,
		Message:  "报酬远高于该工种市场行情，而工作内容写得笼统。“轻松、日结高薪、无需经验”是虚假招聘的常见话术，请核实（《人力资源市场暂行条例》要求招聘信息真实）",
		Format:   "时薪约 %s 元，是该工种市场行情（约 %s 元/小时）的 %.1f 倍，而工作内容写得笼统；请写清具体做什么、在哪里做（《人力资源市场暂行条例》要求招聘信息真实）",
		Words: []string{
			"轻松", "简单", "日结高薪", "高薪", "日结", "无需经验", "无经验", "不需要经验", "在家", "时间自由", "多劳多得",
			"包教包会", "不累", "工资高", "待遇优厚", "待遇好", "急招", "长期", "兼职", "赚钱", "当天结", "有手就行",
			"零基础", "可做", "即可", "男女不限", "年龄不限", "若干", "躺赚", "动动手指",
		},
		Min: 18,
		CatchCases: []numCase{
			{"“轻松日结，无需经验”，时薪 80 元，市场约 25 元", ScreenInput{Title: "日结高薪", Description: "轻松简单，无需经验，日结高薪，时间自由", PayFen: 8000, PayUnit: "hour", MarketHourlyFen: 2500}},
			{"“在家可做，当天结”，日薪 600 元做 6 小时，市场约 20 元", ScreenInput{Title: "急招兼职", Description: "在家可做，当天结，多劳多得", PayFen: 60000, PayUnit: "day", HoursPerDay: 6, MarketHourlyFen: 2000}},
			{"只写“搬东西”，时薪 75 元，市场约 30 元（正好 2.5 倍）", ScreenInput{Title: "搬运", Description: "搬东西，日结", PayFen: 7500, PayUnit: "hour", MarketHourlyFen: 3000}},
			{"空白描述，时薪 100 元，市场约 22 元", ScreenInput{Title: "招人", PayFen: 10000, PayUnit: "hour", MarketHourlyFen: 2200}},
		},
		PassCases: []numCase{
			{"时薪 80 元，写清了工作内容（高空外墙清洗）", ScreenInput{Title: "高空外墙清洗", Description: "负责写字楼外墙玻璃清洗，使用吊篮作业，需持高处作业证，公司提供安全带和保险，每天工作6小时", PayFen: 8000, PayUnit: "hour", MarketHourlyFen: 2500}},
			{"“轻松日结”，时薪 50 元，市场约 25 元（2 倍，不算远高）", ScreenInput{Title: "日结高薪", Description: "轻松简单，无需经验", PayFen: 5000, PayUnit: "hour", MarketHourlyFen: 2500}},
			{"“轻松日结”，时薪 80 元，但不知道市场行情", ScreenInput{Title: "日结高薪", Description: "轻松简单，无需经验", PayFen: 8000, PayUnit: "hour"}},
			{"计件 10 元/件，不按小时核算", ScreenInput{Title: "日结高薪", Description: "轻松简单", PayFen: 1000, PayUnit: "piece", MarketHourlyFen: 2000}},
		},
	},
	{
		Code:     "no_address",
		Severity: SevWarn,
		Kind:     kindAddress,
		Message:  "未填写具体工作地址。求职者无法判断路程，也难以事先核实用工单位；请填写到街道、门牌或场所名称",
		Words:    []string{"待定", "面议", "详聊", "私聊", "电话告知", "联系告知", "见面告知", "另行通知", "不限", "暂无", "无", "未知", "保密", "见详情", "略", "附近", "市区", "本市"},
		CatchCases: []numCase{
			{"地址留空", ScreenInput{Title: "搬运工", Description: "搬家具上楼"}},
			{"地址只有空格", ScreenInput{Title: "保洁", Address: "  　 "}},
			{"地址写“待定”", ScreenInput{Title: "展会协助", Address: "待定"}},
			{"地址写“电话告知”", ScreenInput{Title: "传单派发", Address: "（电话告知）"}},
		},
		PassCases: []numCase{
			{"写到门牌", ScreenInput{Title: "搬运工", Address: "江汉区新华路218号"}},
			{"写场所名称", ScreenInput{Title: "展会协助", Address: "国际博览中心A馆"}},
			{"写小区和楼栋", ScreenInput{Title: "家政保洁", Address: "幸福里小区3栋"}},
			{"写仓库", ScreenInput{Title: "快递分拣", Address: "东西湖区走马岭物流园2号仓"}},
		},
	},
}
