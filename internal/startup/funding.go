package startup

// 创业项目资助评审: the district funds a start-up project that passes expert
// review with one of a call's award tiers (5, 10, 20 or 50 万 yuan). Staff
// open a call with its dates, budget, tiers and a rubric of weighted
// criteria; experts assigned to an application score each criterion with a
// comment, unless they declare a conflict of interest. Ranking standardises
// each expert's totals (z-scores) so that a harsh or a lenient expert does
// not decide who is funded; the raw mean stays for display and the pass
// mark. Awards are then proposed down the ranking within the budget, each
// with the reason it was derived. Figures are float64 on the 100-point
// scale, rounded to six decimals before they are compared, so that equal
// scores tie exactly instead of by floating-point noise; money is in fen.

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Limits of a call and of a score.
const (
	MaxCriteria      = 20  // criteria in a rubric
	MaxCriterionKey  = 32  // bytes of a criterion key
	MaxCriterionName = 30  // runes of a criterion name
	MaxCallTitle     = 100 // runes of a call's title
	MaxComment       = 500 // runes of an expert's comment
)

// The ranking's defaults, used when RankInput leaves a parameter zero.
const (
	DefaultPassMark    = 60.0 // raw mean weighted total an award needs
	DefaultSpreadLimit = 25.0 // points between an application's highest and lowest total before it is flagged
	DefaultMinScores   = 3    // scores an application should have before it is not flagged
)

// minSD is the standard deviation below which an expert is taken to have
// given every application the same total: their z-scores are then 0, not
// floating-point noise divided by floating-point noise.
const minSD = 1e-9

// Criterion is one line of a rubric. Key names the criterion in scores and
// in field errors ("criteria.innovation"), so it is restricted to lower-case
// ASCII letters, digits and underscores.
type Criterion struct {
	Key    string // innovation
	Name   string // 创新性
	Weight int    // percent of the weighted total; a rubric's weights sum to 100
	Max    int    // the highest score an expert may give, 1..100
}

// Rubric is what experts score, in display order.
type Rubric []Criterion

// DefaultRubric is the rubric. Each criterion's maximum equals its
// weight, as on the paper scoring sheets (创新性 30 分), so an expert's
// points add up to the weighted total directly.
func DefaultRubric() Rubric {
	return Rubric{
		{Key: "innovation", Name: "创新性", Weight: 30, Max: 30},
		{Key: "market", Name: "市场前景", Weight: 25, Max: 25},
		{Key: "team", Name: "团队", Weight: 20, Max: 20},
		{Key: "employment", Name: "带动就业", Weight: 15, Max: 15},
		{Key: "finance", Name: "财务可行性", Weight: 10, Max: 10},
	}
}

// Validate checks a rubric before a call opens; field names are the API's
// (rubric, rubric[0].weight).
func (r Rubric) Validate() error {
	var f apperr.Fields
	r.check(&f, "rubric")
	return f.Err()
}

// check adds r's errors to f under field.
func (r Rubric) check(f *apperr.Fields, field string) {
	switch {
	case len(r) == 0:
		f.Add(field, "请至少设置一项评分标准")
		return
	case len(r) > MaxCriteria:
		f.Add(field, "评分标准最多 "+strconv.Itoa(MaxCriteria)+" 项")
		return
	}
	seen := make(map[string]bool, len(r))
	sum := 0
	for i, c := range r {
		c.check(f, field+"["+strconv.Itoa(i)+"]", seen)
		sum += c.Weight
	}
	if sum != 100 {
		f.Add(field, "各项权重之和应为 100%，现为 "+strconv.Itoa(sum)+"%")
	}
}

// check adds c's errors to f under at; seen holds the keys before it.
func (c Criterion) check(f *apperr.Fields, at string, seen map[string]bool) {
	switch {
	case c.Key == "":
		f.Add(at+".key", "请填写评分项代码")
	case !validKey(c.Key):
		f.Add(at+".key", "评分项代码只能用小写字母、数字和下划线，最多 "+strconv.Itoa(MaxCriterionKey)+" 个字符")
	case seen[c.Key]:
		f.Add(at+".key", "评分项代码 "+c.Key+" 重复")
	}
	seen[c.Key] = true
	if n := utf8.RuneCountInString(strings.TrimSpace(c.Name)); n == 0 {
		f.Add(at+".name", "请填写评分项名称")
	} else if n > MaxCriterionName || !utf8.ValidString(c.Name) {
		f.Add(at+".name", "评分项名称最多 "+strconv.Itoa(MaxCriterionName)+" 个字")
	}
	if c.Weight < 1 || c.Weight > 100 {
		f.Add(at+".weight", "权重应在 1 到 100 之间")
	}
	if c.Max < 1 || c.Max > 100 {
		f.Add(at+".max", "满分应在 1 到 100 之间")
	}
}

// validKey reports whether k may name a criterion.
func validKey(k string) bool {
	if len(k) > MaxCriterionKey {
		return false
	}
	for _, b := range []byte(k) {
		if (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != '_' {
			return false
		}
	}
	return true
}

// Weighted is an expert's weighted total on the 100-point scale:
// Σ weight × score ÷ max. A missing criterion counts 0; Score.Validate
// refuses such a score before it is kept.
func (r Rubric) Weighted(scores map[string]float64) float64 {
	total := 0.0
	for _, c := range r {
		total += float64(c.Weight) * scores[c.Key] / float64(c.Max)
	}
	return total
}

// Tiers are a call's award amounts in fen, ascending.
type Tiers []int64

// DefaultTiers are the district's awards: 5, 10, 20 and 50 万 yuan.
func DefaultTiers() Tiers { return Tiers{5_000_000, 10_000_000, 20_000_000, 50_000_000} }

// Validate checks tiers before a call opens.
func (t Tiers) Validate() error {
	var f apperr.Fields
	t.check(&f, "tiers")
	return f.Err()
}

// check adds t's errors to f under field.
func (t Tiers) check(f *apperr.Fields, field string) {
	if len(t) == 0 {
		f.Add(field, "请至少设置一个资助档次")
	}
	for i, v := range t {
		switch {
		case v <= 0:
			f.Add(field, "资助档次金额必须大于 0")
		case i > 0 && v <= t[i-1]:
			f.Add(field, "资助档次应从低到高排列，且不能重复")
		}
	}
}

// atMost is the index of the largest tier not above amount, -1 if none is.
func (t Tiers) atMost(amount int64) int {
	i := len(t) - 1
	for i >= 0 && t[i] > amount {
		i--
	}
	return i
}

// FundingCall is a round of funding staff open: applications are accepted
// from Opens to Closes (dates, both included), awards come from Tiers within
// Budget, and experts score by Rubric.
type FundingCall struct {
	ID     int64
	Title  string
	Opens  time.Time
	Closes time.Time
	Budget int64 // fen
	Tiers  Tiers
	Rubric Rubric

	Description string    // what the call funds, for applicants
	PolicyID    string    // the catalog policy whose conditions decide who may apply ("" for none)
	PassMark    float64   // 0: DefaultPassMark
	DecidedAt   time.Time // when the panel's decision was recorded and published (公示); zero before
	CreatedAt   time.Time
}

// Validate checks a call before it opens; field names are the API's.
func (c *FundingCall) Validate() error {
	var f apperr.Fields
	if n := utf8.RuneCountInString(strings.TrimSpace(c.Title)); n == 0 {
		f.Add("title", "请填写申报批次名称")
	} else if n > MaxCallTitle {
		f.Add("title", "名称最多 "+strconv.Itoa(MaxCallTitle)+" 个字")
	}
	switch {
	case c.Opens.IsZero():
		f.Add("opens", "请填写申报开始日期")
	case c.Closes.IsZero():
		f.Add("closes", "请填写申报截止日期")
	case c.Closes.Before(c.Opens):
		f.Add("closes", "截止日期不能早于开始日期")
	}
	c.Tiers.check(&f, "tiers")
	switch {
	case c.Budget <= 0:
		f.Add("budget", "请填写资助预算")
	case len(c.Tiers) > 0 && c.Budget < c.Tiers[0]:
		f.Add("budget", "预算不能低于最低资助档次 "+wan(c.Tiers[0]))
	}
	c.Rubric.check(&f, "rubric")
	return f.Err()
}

// Accepting reports whether the call takes applications on day (a date).
func (c *FundingCall) Accepting(day time.Time) bool {
	return !day.Before(c.Opens) && !day.After(c.Closes)
}

// ValidateRequest checks the amount an application asks for: between the
// call's lowest and highest tiers, since nothing else can be awarded.
func (c *FundingCall) ValidateRequest(amount int64) error {
	switch {
	case amount <= 0:
		return apperr.Field("amount", "请填写申请资助金额")
	case len(c.Tiers) == 0:
		return nil
	case amount < c.Tiers[0]:
		return apperr.Field("amount", "申请金额不能低于最低资助档次 "+wan(c.Tiers[0]))
	case amount > c.Tiers[len(c.Tiers)-1]:
		return apperr.Field("amount", "申请金额不能超过最高资助档次 "+wan(c.Tiers[len(c.Tiers)-1]))
	}
	return nil
}

// Assignment is an expert's assignment to review an application. An expert
// who declares a conflict of interest is not shown the application and any
// score they send is refused.
type Assignment struct {
	ApplicationID int64
	ExpertID      int64
	Conflict      bool // the expert declared a conflict of interest
}

// Visible reports whether the expert is shown the application.
func (a Assignment) Visible() bool { return !a.Conflict }

// Accept checks a score sent under assignment a: Forbidden when it is for
// another expert or application or the expert declared a conflict of
// interest, else the score's own validation.
func (a Assignment) Accept(s Score, r Rubric) error {
	if s.ApplicationID != a.ApplicationID || s.ExpertID != a.ExpertID {
		return apperr.New(apperr.Forbidden, "该项目未分配给您评审")
	}
	if a.Conflict {
		return apperr.New(apperr.Forbidden, "您已声明与该项目存在利益冲突，不能评分")
	}
	return s.Validate(r)
}

// Score is one expert's scores of one application.
type Score struct {
	ApplicationID int64
	ExpertID      int64
	Criteria      map[string]float64 // criterion key → score, 0..Max, at most one decimal
	Comment       string
}

// Normalize trims the comment.
func (s *Score) Normalize() { s.Comment = strings.TrimSpace(s.Comment) }

// Validate checks a score against the call's rubric; a criterion's errors
// are under "criteria.<key>".
func (s Score) Validate(r Rubric) error {
	var f apperr.Fields
	s.checkCriteria(&f, r)
	switch n := utf8.RuneCountInString(s.Comment); {
	case strings.TrimSpace(s.Comment) == "":
		f.Add("comment", "请填写评审意见")
	case n > MaxComment || !utf8.ValidString(s.Comment):
		f.Add("comment", "评审意见最多 "+strconv.Itoa(MaxComment)+" 个字")
	}
	return f.Err()
}

// checkCriteria adds to f the errors of s's scores: each of r's criteria
// scored within 0..Max with at most one decimal, and nothing else scored.
func (s Score) checkCriteria(f *apperr.Fields, r Rubric) {
	known := 0
	for _, c := range r {
		v, ok := s.Criteria[c.Key]
		field := "criteria." + c.Key
		switch {
		case !ok:
			f.Add(field, "请为“"+c.Name+"”评分")
			continue
		case math.IsNaN(v) || v < 0 || v > float64(c.Max):
			f.Add(field, "“"+c.Name+"”的评分应在 0 到 "+strconv.Itoa(c.Max)+" 之间")
		case math.Abs(v*10-math.Round(v*10)) > 1e-6:
			f.Add(field, "评分为整数或一位小数")
		}
		known++
	}
	if known < len(s.Criteria) {
		for k := range s.Criteria {
			if !slices.ContainsFunc(r, func(c Criterion) bool { return c.Key == k }) {
				f.Add("criteria."+k, "评分标准中没有这一项")
			}
		}
	}
}

// RankInput is what a ranking is computed from. Scores are the accepted
// ones (Assignment.Accept); every application under review is a key of
// Requests, scored or not. A zero parameter takes its default.
type RankInput struct {
	Rubric      Rubric
	Scores      []Score
	Requests    map[int64]int64 // application id → fen asked for
	Budget      int64           // fen
	Tiers       Tiers           // nil: DefaultTiers
	PassMark    float64         // raw mean an award needs, 0..100; 0: DefaultPassMark
	SpreadLimit float64         // flag above this spread; 0: DefaultSpreadLimit
	MinScores   int             // flag below this many scores; 0: DefaultMinScores
}

// Ranked is an application's place in the ranking and its proposed award.
type Ranked struct {
	ApplicationID int64
	Rank          int      // 1 is first; 0: not ranked, for want of scores
	Experts       int      // scores counted
	RawMean       float64  // mean weighted total, 0..100: for display and the pass mark
	Normalised    float64  // mean of its experts' z-scores: the ranking's key
	Spread        float64  // highest minus lowest weighted total
	Flags         []string // why staff should look again, in Chinese
	Requested     int64    // fen
	Proposed      int64    // fen, 0 if none
	Remaining     int64    // fen of budget left after this application's turn
	Reason        string   // how the proposal was derived
}

// Rank ranks the applications by normalised score and proposes awards
// within the budget. Each expert's weighted totals are standardised across
// the applications they scored, z = (x − mean) ÷ sd with the population
// standard deviation (an expert with one score or sd 0 gives z = 0); an
// application's normalised score is its experts' mean z. Ties fall to the
// raw mean, descending, then the id, ascending; applications without scores
// come last, by id. The result does not depend on the order of the input.
func Rank(in RankInput) ([]Ranked, error) {
	in = in.withDefaults()
	if err := in.validate(); err != nil {
		return nil, err
	}
	scores := slices.Clone(in.Scores)
	slices.SortFunc(scores, func(a, b Score) int {
		return cmp.Or(cmp.Compare(a.ExpertID, b.ExpertID), cmp.Compare(a.ApplicationID, b.ApplicationID))
	})
	totals := make([]float64, len(scores))
	for i, s := range scores {
		totals[i] = in.Rubric.Weighted(s.Criteria)
	}
	out := aggregate(in.Requests, scores, totals, standardise(scores, totals))
	slices.SortFunc(out, compareRanked)
	left := in.Budget
	for i := range out {
		r := &out[i]
		if r.Experts > 0 {
			r.Rank = i + 1
		}
		r.Flags = in.flags(r)
		r.Proposed, r.Reason = in.award(r, left)
		left -= r.Proposed
		r.Remaining = left
	}
	return out, nil
}

// withDefaults fills the zero parameters.
func (in RankInput) withDefaults() RankInput {
	if in.Tiers == nil {
		in.Tiers = DefaultTiers()
	}
	if in.PassMark == 0 {
		in.PassMark = DefaultPassMark
	}
	if in.SpreadLimit == 0 {
		in.SpreadLimit = DefaultSpreadLimit
	}
	if in.MinScores == 0 {
		in.MinScores = DefaultMinScores
	}
	return in
}

// validate checks the parameters, then the scores.
func (in RankInput) validate() error {
	var f apperr.Fields
	in.Rubric.check(&f, "rubric")
	in.Tiers.check(&f, "tiers")
	if in.Budget < 0 {
		f.Add("budget", "预算不能为负")
	}
	if !(in.PassMark >= 0 && in.PassMark <= 100) {
		f.Add("pass_mark", "及格线应在 0 到 100 分之间")
	}
	if !(in.SpreadLimit > 0 && in.SpreadLimit <= 100) {
		f.Add("spread_limit", "分歧阈值应在 0 到 100 分之间")
	}
	if in.MinScores < 1 {
		f.Add("min_scores", "最少评分人数至少为 1")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return in.checkScores()
}

// checkScores refuses a score of an application not under review, a second
// score by the same expert of the same application, and a score outside the
// rubric.
func (in RankInput) checkScores() error {
	seen := make(map[[2]int64]bool, len(in.Scores))
	for _, s := range in.Scores {
		if _, ok := in.Requests[s.ApplicationID]; !ok {
			return apperr.New(apperr.Invalid, s.about()+"找不到对应的申请")
		}
		k := [2]int64{s.ApplicationID, s.ExpertID}
		if seen[k] {
			return apperr.New(apperr.Conflict, s.about()+"重复提交")
		}
		seen[k] = true
		var f apperr.Fields
		s.checkCriteria(&f, in.Rubric)
		if err := f.Err(); err != nil {
			return &apperr.Error{Code: apperr.Invalid, Message: s.about() + "不符合评分标准", Err: err}
		}
	}
	return nil
}

// about names the score in an error: 专家 7 对项目 12 的评分.
func (s Score) about() string {
	return "专家 " + strconv.FormatInt(s.ExpertID, 10) + " 对项目 " + strconv.FormatInt(s.ApplicationID, 10) + " 的评分"
}

// standardise is each score's z-score among its expert's scores; scores
// are sorted by expert.
func standardise(scores []Score, totals []float64) []float64 {
	z := make([]float64, len(totals))
	for i := 0; i < len(scores); {
		j := i + 1
		for j < len(scores) && scores[j].ExpertID == scores[i].ExpertID {
			j++
		}
		zscores(totals[i:j], z[i:j])
		i = j
	}
	return z
}

// zscores writes (x − mean) ÷ sd of each of one expert's totals into z,
// leaving 0 when there is one total or they are all the same.
func zscores(x, z []float64) {
	n := float64(len(x))
	mean, ss := 0.0, 0.0
	for _, v := range x {
		mean += v
	}
	mean /= n
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / n)
	if len(x) < 2 || sd < minSD {
		return
	}
	for i, v := range x {
		z[i] = (v - mean) / sd
	}
}

// tally sums one application's scores.
type tally struct {
	n               int
	raw, z          float64
	lowest, highest float64
}

// aggregate is one Ranked per requested application with its count, raw
// mean, normalised score and spread, unsorted.
func aggregate(requests map[int64]int64, scores []Score, totals, z []float64) []Ranked {
	tallies := make(map[int64]*tally, len(requests))
	for i, s := range scores {
		t := tallies[s.ApplicationID]
		if t == nil {
			t = &tally{lowest: totals[i], highest: totals[i]}
			tallies[s.ApplicationID] = t
		}
		t.n++
		t.raw += totals[i]
		t.z += z[i]
		t.lowest, t.highest = min(t.lowest, totals[i]), max(t.highest, totals[i])
	}
	out := make([]Ranked, 0, len(requests))
	for id, amount := range requests {
		r := Ranked{ApplicationID: id, Requested: amount}
		if t := tallies[id]; t != nil {
			n := float64(t.n)
			r.Experts, r.RawMean, r.Normalised, r.Spread = t.n, round6(t.raw/n), round6(t.z/n), round6(t.highest-t.lowest)
		}
		out = append(out, r)
	}
	return out
}

// compareRanked orders the ranking: scored before unscored, normalised
// score descending, raw mean descending, id ascending.
func compareRanked(a, b Ranked) int {
	return cmp.Or(
		cmp.Compare(min(b.Experts, 1), min(a.Experts, 1)),
		cmp.Compare(b.Normalised, a.Normalised),
		cmp.Compare(b.RawMean, a.RawMean),
		cmp.Compare(a.ApplicationID, b.ApplicationID),
	)
}

// flags says why staff should look at r again: no scores, too few, or
// experts too far apart.
func (in RankInput) flags(r *Ranked) []string {
	if r.Experts == 0 {
		return []string{"尚无专家评分"}
	}
	var out []string
	if r.Experts < in.MinScores {
		out = append(out, "评分专家不足 "+strconv.Itoa(in.MinScores)+" 人（现有 "+strconv.Itoa(r.Experts)+" 人）")
	}
	if r.Spread > in.SpreadLimit {
		out = append(out, "专家意见分歧较大：最高分与最低分相差 "+points(r.Spread)+" 分，超过 "+param(in.SpreadLimit)+" 分")
	}
	return out
}

// award is r's proposal with its reason, with left fen of budget remaining:
// nothing below the pass mark; else the largest tier not above the request,
// or the largest smaller one that fits the budget.
func (in RankInput) award(r *Ranked, left int64) (int64, string) {
	if r.Experts == 0 {
		return 0, "尚无专家评分，未排名，不予资助"
	}
	why := "第 " + strconv.Itoa(r.Rank) + " 名（标准化得分 " + points(r.Normalised) + "，原始平均分 " + points(r.RawMean) + "）"
	if r.RawMean < in.PassMark {
		return 0, why + "；原始平均分低于及格线 " + param(in.PassMark) + " 分，不予资助"
	}
	top := in.Tiers.atMost(r.Requested)
	if top < 0 {
		return 0, why + "；申请 " + wan(r.Requested) + "，低于最低资助档次 " + wan(in.Tiers[0]) + "，不予资助"
	}
	why += "；申请 " + wan(r.Requested) + "，不超过申请额的最高档次为 " + wan(in.Tiers[top])
	for k := top; k >= 0; k-- {
		if t := in.Tiers[k]; t <= left {
			if k < top {
				why += "，预算只剩 " + wan(left) + "，降为 " + wan(t)
			}
			return t, why + "；拟资助 " + wan(t) + "，剩余预算 " + wan(left-t)
		}
	}
	return 0, why + "；预算已用完（剩余 " + wan(left) + "，不足最低档次 " + wan(in.Tiers[0]) + "），不予资助"
}

// round6 rounds x to six decimals, and −0 to 0.
func round6(x float64) float64 {
	r := math.Round(x*1e6) / 1e6
	if r == 0 {
		return 0
	}
	return r
}

// points writes a score with two decimals ("85.00", "-1.22").
func points(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// param writes a parameter as given ("25", "22.5").
func param(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// wan writes fen as 万元 when it is whole ten-thousands of yuan ("20 万元"),
// "0 元" for nothing, else as yuan ("3,000.00 元").
func wan(fen int64) string {
	if fen == 0 {
		return "0 元"
	}
	if fen%1_000_000 == 0 {
		return strconv.FormatInt(fen/1_000_000, 10) + " 万元"
	}
	return Yuan(fen) + " 元"
}
