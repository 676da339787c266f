package startup

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/apperr"
)

// oneLine is a rubric of a single criterion out of 100, so an expert's mark
// is their weighted total and the working below stays legible.
func oneLine() Rubric { return Rubric{{Key: "total", Name: "综合评分", Weight: 100, Max: 100}} }

// mark is expert's score of app on the one-line rubric.
func mark(app, expert int64, v float64) Score {
	return Score{ApplicationID: app, ExpertID: expert, Criteria: map[string]float64{"total": v}, Comment: "同意"}
}

// asking is every id asking for amount fen.
func asking(amount int64, ids ...int64) map[int64]int64 {
	m := make(map[int64]int64, len(ids))
	for _, id := range ids {
		m[id] = amount
	}
	return m
}

func mustRank(t *testing.T, in RankInput) []Ranked {
	t.Helper()
	out, err := Rank(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ids is the application ids in the ranking's order.
func ids(rs []Ranked) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ApplicationID
	}
	return out
}

func byID(rs []Ranked) map[int64]Ranked {
	m := make(map[int64]Ranked, len(rs))
	for _, r := range rs {
		m[r.ApplicationID] = r
	}
	return m
}

// fieldNames is the sorted field names of an Invalid error, nil for nil.
func fieldNames(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("code %q, want invalid: %v", apperr.CodeOf(err), err)
	}
	var out []string
	for k := range apperr.As(err).Fields {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Weighted converts each criterion to its weight: Σ weight × score ÷ max.
//
//	innovation  30 ×  8   / 10  = 24
//	market      25 ×  6.5 / 10  = 16.25
//	team        20 ×  4   / 5   = 16
//	employment  15 ×  3   / 5   =  9
//	finance     10 × 55   / 100 =  5.5
//	                              70.75
//
// On the default rubric (max = weight) the points simply add up:
// 25.5 + 20 + 15 + 10 + 8 = 78.5, and Rank reports that as the raw mean
// of an application with this one score.
func TestWeighted(t *testing.T) {
	r := Rubric{
		{Key: "innovation", Name: "创新性", Weight: 30, Max: 10},
		{Key: "market", Name: "市场前景", Weight: 25, Max: 10},
		{Key: "team", Name: "团队", Weight: 20, Max: 5},
		{Key: "employment", Name: "带动就业", Weight: 15, Max: 5},
		{Key: "finance", Name: "财务可行性", Weight: 10, Max: 100},
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	s := map[string]float64{"innovation": 8, "market": 6.5, "team": 4, "employment": 3, "finance": 55}
	if got := r.Weighted(s); !near(got, 70.75) {
		t.Errorf("weighted %v, want 70.75", got)
	}
	delete(s, "team") // a missing criterion counts 0: 70.75 − 16
	if got := r.Weighted(s); !near(got, 54.75) {
		t.Errorf("weighted without team %v, want 54.75", got)
	}
	full := map[string]float64{"innovation": 25.5, "market": 20, "team": 15, "employment": 10, "finance": 8}
	if got := DefaultRubric().Weighted(full); !near(got, 78.5) {
		t.Errorf("default rubric %v, want 78.5", got)
	}
	out := mustRank(t, RankInput{Rubric: DefaultRubric(), Scores: []Score{{ApplicationID: 1, ExpertID: 1, Criteria: full, Comment: "好"}},
		Requests: asking(10_000_000, 1), Budget: 10_000_000})
	if out[0].RawMean != 78.5 || out[0].Normalised != 0 || out[0].Proposed != 10_000_000 {
		t.Errorf("ranked %+v, want raw 78.5, z 0 (one score), 10 万", out[0])
	}
}

// A harsh expert H marks every application they score 20 below what the
// others would. A and B agree on the order 1 > 2 > 3 > 4.
//
//	     app1  app2  app3  app4
//	A      85    80    75     -     mean 80, sd √(50/3) = 4.0825: z  √1.5, 0, −√1.5
//	B       -    80    75    70     mean 75, sd 4.0825:            z  √1.5, 0, −√1.5
//	H      65     -     -    50     mean 57.5, sd 7.5:             z  1, −1
//
//	normalised: app1 (√1.5 + 1)/2 =  1.112372   raw (85+65)/2 = 75
//	            app2 (0 + √1.5)/2 =  0.612372   raw 80
//	            app3 (−√1.5 + 0)/2 = −0.612372  raw 75
//	            app4 (−√1.5 − 1)/2 = −1.112372  raw (70+50)/2 = 60
//
// The normalised order is A and B's, 1 2 3 4, as it is without H at all;
// ranking by the plain raw mean puts app 2 (80) above app 1 (75) only
// because app 1 drew the harsh expert.
func TestHarshExpertDoesNotDecide(t *testing.T) {
	agreed := []Score{mark(1, 'A', 85), mark(2, 'A', 80), mark(3, 'A', 75), mark(2, 'B', 80), mark(3, 'B', 75), mark(4, 'B', 70)}
	harsh := []Score{mark(1, 'H', 65), mark(4, 'H', 50)}
	in := RankInput{Rubric: oneLine(), Scores: append(slices.Clone(agreed), harsh...), Requests: asking(10_000_000, 1, 2, 3, 4), MinScores: 2}
	out := mustRank(t, in)
	want := []struct {
		id                int64
		raw, normal, sprd float64
	}{{1, 75, 1.112372, 20}, {2, 80, 0.612372, 0}, {3, 75, -0.612372, 0}, {4, 60, -1.112372, 20}}
	for i, w := range want {
		r := out[i]
		if r.ApplicationID != w.id || r.Rank != i+1 || r.Experts != 2 || !near(r.RawMean, w.raw) || !near(r.Normalised, w.normal) || !near(r.Spread, w.sprd) {
			t.Errorf("place %d: got %+v, want app %d raw %v normalised %v spread %v", i+1, r, w.id, w.raw, w.normal, w.sprd)
		}
	}
	in.Scores = agreed
	if got := ids(mustRank(t, in)); !slices.Equal(got, []int64{1, 2, 3, 4}) {
		t.Errorf("without H: order %v, want 1 2 3 4", got)
	}
	raw := slices.Clone(out)
	slices.SortStableFunc(raw, func(a, b Ranked) int { return -compareFloat(a.RawMean, b.RawMean) })
	if got := ids(raw); !slices.Equal(got, []int64{2, 1, 3, 4}) {
		t.Errorf("by raw mean: order %v, want 2 1 3 4 (the harsh expert would decide)", got)
	}
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Flags: a spread above the limit (default 25, not at it), fewer scores
// than the minimum (default 3), no scores at all.
//
//	app1  90 60 70  spread 30 > 25     → 分歧
//	app2  85 60 70  spread 25, not > 25
//	app3  70 65     2 experts < 3      → 不足
//	app4  95 60     2 experts, spread 35 → both, 不足 first
//	app5  —                            → 尚无专家评分, unranked, last
//	app6  75 70 72  spread 5
//
// With the limit at 30, app1's 30 is no longer above it; app4's 35 is.
func TestDisagreementFlags(t *testing.T) {
	scores := []Score{
		mark(1, 1, 90), mark(1, 2, 60), mark(1, 3, 70),
		mark(2, 1, 85), mark(2, 2, 60), mark(2, 3, 70),
		mark(3, 1, 70), mark(3, 2, 65),
		mark(4, 1, 95), mark(4, 2, 60),
		mark(6, 1, 75), mark(6, 2, 70), mark(6, 3, 72),
	}
	in := RankInput{Rubric: oneLine(), Scores: scores, Requests: asking(10_000_000, 1, 2, 3, 4, 5, 6), Budget: 100_000_000}
	few := "评分专家不足 3 人（现有 2 人）"
	want := map[int64][]string{
		1: {"专家意见分歧较大：最高分与最低分相差 30.00 分，超过 25 分"},
		2: nil,
		3: {few},
		4: {few, "专家意见分歧较大：最高分与最低分相差 35.00 分，超过 25 分"},
		5: {"尚无专家评分"},
		6: nil,
	}
	out := mustRank(t, in)
	for id, r := range byID(out) {
		if !slices.Equal(r.Flags, want[id]) {
			t.Errorf("app %d flags %q, want %q", id, r.Flags, want[id])
		}
	}
	last := out[len(out)-1]
	if last.ApplicationID != 5 || last.Rank != 0 || last.Proposed != 0 || last.Reason != "尚无专家评分，未排名，不予资助" {
		t.Errorf("unscored: %+v, want app 5 last, unranked, unfunded", last)
	}
	in.SpreadLimit = 30
	got := byID(mustRank(t, in))
	if len(got[1].Flags) != 0 || len(got[4].Flags) != 2 || !strings.Contains(got[4].Flags[1], "超过 30 分") {
		t.Errorf("limit 30: app1 %q, app4 %q", got[1].Flags, got[4].Flags)
	}
}

// Budget 78 万; three experts give each application the same mark, so the
// ranking is by mark: 90 85 80 75 70. Each expert: mean 80, sd √50 =
// 7.0711, z = ±1.41, ±0.71, 0.
//
//	1  asks 60 → tier 50 fits 78            → 50, left 28
//	2  asks 50 → tier 50 > 28; 20 fits       → 20, left 8
//	3  asks 20 → 20 > 8, 10 > 8; 5 fits      →  5, left 3
//	4  asks 10 → 10 > 3, 5 > 3               → 预算已用完
//	5  asks 3  → below the lowest tier (5)   → nothing
func TestBudgetFallsToSmallerTierThenRunsOut(t *testing.T) {
	var scores []Score
	for app, v := range map[int64]float64{1: 90, 2: 85, 3: 80, 4: 75, 5: 70} {
		for e := int64(1); e <= 3; e++ {
			scores = append(scores, mark(app, e, v))
		}
	}
	in := RankInput{Rubric: oneLine(), Scores: scores, Budget: 78_000_000,
		Requests: map[int64]int64{1: 60_000_000, 2: 50_000_000, 3: 20_000_000, 4: 10_000_000, 5: 3_000_000}}
	want := []struct {
		proposed, left int64
		reason         string
	}{
		{50_000_000, 28_000_000, "第 1 名（标准化得分 1.41，原始平均分 90.00）；申请 60 万元，不超过申请额的最高档次为 50 万元；拟资助 50 万元，剩余预算 28 万元"},
		{20_000_000, 8_000_000, "第 2 名（标准化得分 0.71，原始平均分 85.00）；申请 50 万元，不超过申请额的最高档次为 50 万元，预算只剩 28 万元，降为 20 万元；拟资助 20 万元，剩余预算 8 万元"},
		{5_000_000, 3_000_000, "第 3 名（标准化得分 0.00，原始平均分 80.00）；申请 20 万元，不超过申请额的最高档次为 20 万元，预算只剩 8 万元，降为 5 万元；拟资助 5 万元，剩余预算 3 万元"},
		{0, 3_000_000, "第 4 名（标准化得分 -0.71，原始平均分 75.00）；申请 10 万元，不超过申请额的最高档次为 10 万元；预算已用完（剩余 3 万元，不足最低档次 5 万元），不予资助"},
		{0, 3_000_000, "第 5 名（标准化得分 -1.41，原始平均分 70.00）；申请 3 万元，低于最低资助档次 5 万元，不予资助"},
	}
	out := mustRank(t, in)
	for i, w := range want {
		r := out[i]
		if r.ApplicationID != int64(i+1) || r.Proposed != w.proposed || r.Remaining != w.left || r.Reason != w.reason {
			t.Errorf("place %d: app %d proposed %d left %d\n got  %s\n want %s", i+1, r.ApplicationID, r.Proposed, r.Remaining, r.Reason, w.reason)
		}
	}
}

// The pass mark is on the raw mean, at or above it (default 60); the
// ranking is still by the normalised score.
//
//	app1 61, app2 60, app3 59.9 from three experts alike:
//	default 60 → 1 and 2 funded, 3 not; mark 61 → only 1.
//
// Ranked first by normalised score is not enough: H marks only 10, 11 and
// 14 (58, 40, 39: mean 45.67, sd 8.73, z of app 10 = 12.33 / 8.73 = 1.41)
// and A only 12 and 13 (70, 65: z ±1). App 10 ranks first but its raw 58
// is below 60; app 12 (z 1, raw 70) is funded.
func TestPassMark(t *testing.T) {
	var scores []Score
	for e := int64(1); e <= 3; e++ {
		scores = append(scores, mark(1, e, 61), mark(2, e, 60), mark(3, e, 59.9))
	}
	in := RankInput{Rubric: oneLine(), Scores: scores, Requests: asking(10_000_000, 1, 2, 3), Budget: 100_000_000}
	for _, c := range []struct {
		mark   float64
		funded []int64
	}{{0, []int64{1, 2}}, {60, []int64{1, 2}}, {61, []int64{1}}} {
		in.PassMark = c.mark
		var funded []int64
		for _, r := range mustRank(t, in) {
			if r.Proposed > 0 {
				funded = append(funded, r.ApplicationID)
			} else if !strings.HasSuffix(r.Reason, "；原始平均分低于及格线 "+param(max(c.mark, 60))+" 分，不予资助") {
				t.Errorf("pass mark %v, app %d: reason %s", c.mark, r.ApplicationID, r.Reason)
			}
		}
		if !slices.Equal(funded, c.funded) {
			t.Errorf("pass mark %v: funded %v, want %v", c.mark, funded, c.funded)
		}
	}

	in = RankInput{Rubric: oneLine(), Requests: asking(10_000_000, 10, 11, 12, 13, 14), Budget: 100_000_000, MinScores: 1,
		Scores: []Score{mark(10, 'H', 58), mark(11, 'H', 40), mark(14, 'H', 39), mark(12, 'A', 70), mark(13, 'A', 65)}}
	out := mustRank(t, in)
	if out[0].ApplicationID != 10 || out[0].Proposed != 0 || !strings.Contains(out[0].Reason, "原始平均分 58.00）；原始平均分低于及格线 60 分") {
		t.Errorf("first: %+v, want app 10 unfunded below the pass mark", out[0])
	}
	if out[1].ApplicationID != 12 || out[1].Proposed != 10_000_000 {
		t.Errorf("second: %+v, want app 12 funded", out[1])
	}
}

func TestRubricValidation(t *testing.T) {
	base := DefaultRubric
	edit := func(f func(Rubric) Rubric) Rubric { return f(base()) }
	for _, c := range []struct {
		name   string
		rubric Rubric
		fields []string
	}{
		{"default", base(), nil},
		{"empty", Rubric{}, []string{"rubric"}},
		{"weights 95", edit(func(r Rubric) Rubric { r[4].Weight = 5; return r }), []string{"rubric"}},
		{"duplicate key", edit(func(r Rubric) Rubric { r[1].Key = "innovation"; return r }), []string{"rubric[1].key"}},
		{"key not a-z0-9_", edit(func(r Rubric) Rubric { r[0].Key = "Team-1"; return r }), []string{"rubric[0].key"}},
		{"no key, no name", edit(func(r Rubric) Rubric { r[2].Key, r[2].Name = "", " "; return r }), []string{"rubric[2].key", "rubric[2].name"}},
		// weight 0 also leaves the sum at 70
		{"weight 0, max 101", edit(func(r Rubric) Rubric { r[0].Weight, r[0].Max = 0, 101; return r }), []string{"rubric", "rubric[0].max", "rubric[0].weight"}},
		{"max 0", edit(func(r Rubric) Rubric { r[3].Max = 0; return r }), []string{"rubric[3].max"}},
	} {
		if got := fieldNames(t, c.rubric.Validate()); !slices.Equal(got, c.fields) {
			t.Errorf("%s: fields %q, want %q", c.name, got, c.fields)
		}
	}
	err := edit(func(r Rubric) Rubric { r[4].Weight = 5; return r }).Validate()
	if msg := apperr.As(err).Fields["rubric"]; msg != "各项权重之和应为 100%，现为 95%" {
		t.Errorf("message %q", msg)
	}
}

func TestScoreValidation(t *testing.T) {
	good := func() Score {
		return Score{ApplicationID: 1, ExpertID: 2, Comment: "团队扎实，市场测算偏乐观",
			Criteria: map[string]float64{"innovation": 25.5, "market": 20, "team": 15, "employment": 10, "finance": 8}}
	}
	with := func(f func(*Score)) Score { s := good(); f(&s); return s }
	for _, c := range []struct {
		name   string
		score  Score
		fields []string
	}{
		{"good", good(), nil},
		{"bounds 0 and max", with(func(s *Score) { s.Criteria["innovation"], s.Criteria["finance"] = 30, 0 }), nil},
		{"above max", with(func(s *Score) { s.Criteria["innovation"] = 30.1 }), []string{"criteria.innovation"}},
		{"negative", with(func(s *Score) { s.Criteria["market"] = -1 }), []string{"criteria.market"}},
		{"NaN", with(func(s *Score) { s.Criteria["market"] = math.NaN() }), []string{"criteria.market"}},
		{"missing", with(func(s *Score) { delete(s.Criteria, "team") }), []string{"criteria.team"}},
		{"two decimals", with(func(s *Score) { s.Criteria["finance"] = 7.25 }), []string{"criteria.finance"}},
		{"unknown", with(func(s *Score) { s.Criteria["luck"] = 3 }), []string{"criteria.luck"}},
		{"no comment", with(func(s *Score) { s.Comment = "  " }), []string{"comment"}},
		{"comment 500", with(func(s *Score) { s.Comment = strings.Repeat("好", 500) }), nil},
		{"comment 501", with(func(s *Score) { s.Comment = strings.Repeat("好", 501) }), []string{"comment"}},
		{"several", with(func(s *Score) { s.Criteria["innovation"] = 31; delete(s.Criteria, "team"); s.Comment = "" }),
			[]string{"comment", "criteria.innovation", "criteria.team"}},
	} {
		if got := fieldNames(t, c.score.Validate(DefaultRubric())); !slices.Equal(got, c.fields) {
			t.Errorf("%s: fields %q, want %q", c.name, got, c.fields)
		}
	}
	err := with(func(s *Score) { s.Criteria["innovation"] = 31 }).Validate(DefaultRubric())
	if msg := apperr.As(err).Fields["criteria.innovation"]; msg != "“创新性”的评分应在 0 到 30 之间" {
		t.Errorf("message %q", msg)
	}
}

// An expert who declared a conflict of interest is not shown the
// application and their score is refused; a score for someone else's
// assignment is forbidden.
func TestConflictOfInterest(t *testing.T) {
	s := mark(7, 3, 80)
	a := Assignment{ApplicationID: 7, ExpertID: 3}
	if !a.Visible() || a.Accept(s, oneLine()) != nil {
		t.Fatalf("no conflict: visible %v, accept %v", a.Visible(), a.Accept(s, oneLine()))
	}
	a.Conflict = true
	if a.Visible() || !apperr.Is(a.Accept(s, oneLine()), apperr.Forbidden) {
		t.Errorf("conflict: visible %v, accept %v", a.Visible(), a.Accept(s, oneLine()))
	}
	other := Assignment{ApplicationID: 7, ExpertID: 4}
	if !apperr.Is(other.Accept(s, oneLine()), apperr.Forbidden) {
		t.Errorf("another expert's assignment: %v", other.Accept(s, oneLine()))
	}
	if got := fieldNames(t, Assignment{ApplicationID: 7, ExpertID: 3}.Accept(mark(7, 3, 100.5), oneLine())); !slices.Equal(got, []string{"criteria.total"}) {
		t.Errorf("out of range through Accept: %q", got)
	}
}

func TestCallValidation(t *testing.T) {
	good := func() FundingCall {
		return FundingCall{Title: "2026 年第一批创业项目资助", Opens: day("2026-03-01"), Closes: day("2026-03-31"),
			Budget: 500_000_000, Tiers: DefaultTiers(), Rubric: DefaultRubric()}
	}
	c := good()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if !c.Accepting(day("2026-03-01")) || !c.Accepting(day("2026-03-31")) || c.Accepting(day("2026-04-01")) || c.Accepting(day("2026-02-28")) {
		t.Error("accepting: want 1 to 31 March inclusive")
	}
	c.Title, c.Closes, c.Budget = "", day("2026-02-01"), 4_000_000
	c.Tiers = Tiers{10_000_000, 5_000_000}
	c.Rubric[0].Weight = 40
	want := []string{"budget", "closes", "rubric", "tiers", "title"}
	if got := fieldNames(t, c.Validate()); !slices.Equal(got, want) {
		t.Errorf("fields %q, want %q", got, want)
	}
	c = good()
	for amount, ok := range map[int64]bool{0: false, 4_999_999: false, 5_000_000: true, 35_000_000: true, 50_000_000: true, 50_000_001: false} {
		if err := c.ValidateRequest(amount); (err == nil) != ok || err != nil && apperr.As(err).Fields["amount"] == "" {
			t.Errorf("request %d: %v", amount, err)
		}
	}
}

func TestRankRefusesBadInput(t *testing.T) {
	in := func() RankInput {
		return RankInput{Rubric: oneLine(), Scores: []Score{mark(1, 1, 70), mark(2, 1, 80)}, Requests: asking(10_000_000, 1, 2), Budget: 1}
	}
	for _, c := range []struct {
		name string
		edit func(*RankInput)
		code apperr.Code
	}{
		{"duplicate score", func(r *RankInput) { r.Scores = append(r.Scores, mark(1, 1, 60)) }, apperr.Conflict},
		{"unknown application", func(r *RankInput) { r.Scores = append(r.Scores, mark(3, 1, 60)) }, apperr.Invalid},
		{"score above max", func(r *RankInput) { r.Scores[0].Criteria["total"] = 101 }, apperr.Invalid},
		{"bad rubric", func(r *RankInput) { r.Rubric[0].Weight = 90 }, apperr.Invalid},
		{"tiers descending", func(r *RankInput) { r.Tiers = Tiers{2, 1} }, apperr.Invalid},
		{"negative budget", func(r *RankInput) { r.Budget = -1 }, apperr.Invalid},
		{"pass mark above 100", func(r *RankInput) { r.PassMark = 101 }, apperr.Invalid},
	} {
		r := in()
		c.edit(&r)
		if out, err := Rank(r); apperr.CodeOf(err) != c.code || out != nil {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if _, err := Rank(in()); err != nil {
		t.Errorf("the good input: %v", err)
	}
}

// Ties in the normalised score fall to the raw mean, then the id; the
// outcome does not depend on the order of the scores or of the map.
//
//	E1: app4 80.3, app2 60.1 → z +1, −1 (two scores are always ±1)
//	E2: app3 70.3, app1 50.1 → z +1, −1
//	E3: app5 65, app7 65, app6 50: mean 60, sd √50 → z 0.707107 ×2, −1.414214
//
//	app4 (1, 80.3) > app3 (1, 70.3)      tie on z: raw mean decides
//	app5 = app7 (0.707107, 65)            full tie: id decides, 5 then 7
//	app2 (−1, 60.1) > app1 (−1, 50.1)
//	app6 (−1.414214)
//	app8, app9 no scores: unranked, by id
func TestTiesAreDeterministic(t *testing.T) {
	scores := []Score{
		mark(4, 1, 80.3), mark(2, 1, 60.1),
		mark(3, 2, 70.3), mark(1, 2, 50.1),
		mark(5, 3, 65), mark(7, 3, 65), mark(6, 3, 50),
	}
	in := RankInput{Rubric: oneLine(), Scores: scores, Requests: asking(5_000_000, 1, 2, 3, 4, 5, 6, 7, 8, 9), Budget: 20_000_000, MinScores: 1}
	first := mustRank(t, in)
	if got := ids(first); !slices.Equal(got, []int64{4, 3, 5, 7, 2, 1, 6, 8, 9}) {
		t.Fatalf("order %v, want 4 3 5 7 2 1 6 8 9", got)
	}
	if first[0].Normalised != first[1].Normalised || first[2].Normalised != first[3].Normalised || first[4].Normalised != first[5].Normalised {
		t.Errorf("the tied pairs should tie exactly: %v %v, %v %v, %v %v", first[0].Normalised, first[1].Normalised,
			first[2].Normalised, first[3].Normalised, first[4].Normalised, first[5].Normalised)
	}
	if first[6].Rank != 7 || first[7].Rank != 0 || first[8].Rank != 0 {
		t.Errorf("ranks %d %d %d, want 7 0 0", first[6].Rank, first[7].Rank, first[8].Rank)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(in.Scores), func(i, j int) { in.Scores[i], in.Scores[j] = in.Scores[j], in.Scores[i] })
		if got := mustRank(t, in); !reflect.DeepEqual(got, first) {
			t.Fatalf("shuffled scores %v gave\n%+v\nwant\n%+v", in.Scores, got, first)
		}
	}
}

// An expert who gives every application the same total says nothing about
// their order: z = 0, not noise over noise (60.7 three times averages to
// 60.70000000000001 in floating point, which would make each z −1).
//
//	E1: app1, app2, app3 all 60.7 → z 0, 0, 0
//	E2: app4 85, app5 65          → z +1, −1
//
//	order 4 (1), 1 2 3 (0, by id), 5 (−1)
func TestIndifferentExpert(t *testing.T) {
	in := RankInput{Rubric: oneLine(), Requests: asking(5_000_000, 1, 2, 3, 4, 5), MinScores: 1,
		Scores: []Score{mark(1, 1, 60.7), mark(2, 1, 60.7), mark(3, 1, 60.7), mark(4, 2, 85), mark(5, 2, 65)}}
	out := mustRank(t, in)
	if got := ids(out); !slices.Equal(got, []int64{4, 1, 2, 3, 5}) {
		t.Errorf("order %v, want 4 1 2 3 5", got)
	}
	for _, r := range out[1:4] {
		if r.Normalised != 0 {
			t.Errorf("app %d: normalised %v, want 0", r.ApplicationID, r.Normalised)
		}
	}
}

func TestTiersValidation(t *testing.T) {
	for _, c := range []struct {
		tiers Tiers
		ok    bool
	}{
		{DefaultTiers(), true},
		{Tiers{100}, true},
		{Tiers{}, false},
		{Tiers{0, 5_000_000}, false},
		{Tiers{5_000_000, 5_000_000, 10_000_000}, false},
		{Tiers{10_000_000, 5_000_000}, false},
	} {
		err := c.tiers.Validate()
		if (err == nil) != c.ok || err != nil && apperr.As(err).Fields["tiers"] == "" {
			t.Errorf("%v: %v", c.tiers, err)
		}
	}
}
