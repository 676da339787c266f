// Package policy is the pure core of 就业政策通: a policy catalog as data
// (criteria trees over person and enterprise attributes, derived fields,
// parameters with effective dates), a fast eligibility evaluator, and
// explained matching in Chinese with what-would-change hints.
package policy

import (
	_ "embed"
	"fmt"
	"sort"
	"sync"
	"time"
)

//go:embed data/catalog.yaml
var defaultCatalogYAML string

//go:embed data/personas.yaml
var defaultPersonasYAML string

// DefaultCatalogYAML returns the embedded catalog file (data/catalog.yaml).
func DefaultCatalogYAML() []byte { return []byte(defaultCatalogYAML) }

// DefaultPersonasYAML returns the embedded personas file (data/personas.yaml).
func DefaultPersonasYAML() []byte { return []byte(defaultPersonasYAML) }

// DefaultCatalog parses the embedded catalog.
func DefaultCatalog() (*Catalog, error) { return ParseCatalog([]byte(defaultCatalogYAML)) }

// Catalog is a parsed, validated policy catalog plus its parameters, with
// every criteria tree compiled. It is immutable and safe for concurrent use.
type Catalog struct {
	meta     Meta
	params   Parameters
	policies []*Policy
	byID     map[string]int
	schemas  *schemaSet
	comp     []*compiled
	person   []int // indices of auto-matchable policies (auto, active/assumed_active) by kind
	company  []int
	central  map[string]bool
	tiers    []map[string]string // district → tier in force for each min_wage entry
	firstMW  civil
	mwFrom   []civil  // effective_from of each min_wage entry
	periodOf int32    // "政策有效期" in the strtab
	nodes    []*cnode // every compiled node, by cnode.id
	// prepared pools the subjects Match loads (person, enterprise), so that
	// an explained match allocates little more than its result (the
	// explainers' scratch space is pooled too, in explainers).
	prepared [2]sync.Pool
}

// Meta is the catalog's descriptive header.
type Meta struct {
	Title           string `json:"title" yaml:"title"`
	Compiled        string `json:"compiled,omitempty" yaml:"compiled,omitempty"`
	EvalDateDefault string `json:"eval_date_default,omitempty" yaml:"eval_date_default,omitempty"`
	Language        string `json:"language,omitempty" yaml:"language,omitempty"`
	Disclaimer      string `json:"disclaimer,omitempty" yaml:"disclaimer,omitempty"`
	Schema          any    `json:"schema,omitempty" yaml:"schema,omitempty"` // the DSL documentation, verbatim
}

// Parameters are the catalog's dated configuration values.
type Parameters struct {
	CentralGroup []string       `json:"central_group_for_fanxiang" yaml:"central_group_for_fanxiang"`
	MinWage      []MinWage      `json:"min_wage" yaml:"min_wage"`
	Extra        map[string]any `json:"extra,omitempty" yaml:"-"`
}

// MinWage is one minimum-wage table, in force from EffectiveFrom until the
// next table's EffectiveFrom.
type MinWage struct {
	EffectiveFrom string             `json:"effective_from" yaml:"effective_from"`
	DocNo         string             `json:"doc_no,omitempty" yaml:"doc_no,omitempty"`
	TiersPerMonth map[string]float64 `json:"tiers_yuan_per_month" yaml:"tiers_yuan_per_month"`
	Hourly        map[string]float64 `json:"hourly_yuan,omitempty" yaml:"hourly_yuan,omitempty"`
	// DistrictTier maps Wuhan districts to tiers; nil when the source gave
	// no table, in which case the previous table's mapping applies.
	DistrictTier     map[string]string `json:"wuhan_district_tier,omitempty" yaml:"wuhan_district_tier,omitempty"`
	DistrictTierNote string            `json:"wuhan_district_tier_note,omitempty" yaml:"-"`
	Sources          []string          `json:"sources,omitempty" yaml:"sources,omitempty"`
	Confidence       string            `json:"confidence,omitempty" yaml:"confidence,omitempty"`
}

// Policy is one catalog entry.
type Policy struct {
	ID           string   `json:"id" yaml:"id"`
	Name         string   `json:"name" yaml:"name"`
	Level        string   `json:"level" yaml:"level"`
	Region       string   `json:"region" yaml:"region"`
	Issuer       string   `json:"issuer" yaml:"issuer"`
	DocNo        string   `json:"doc_no,omitempty" yaml:"doc_no"`
	Category     string   `json:"category" yaml:"category"`
	Beneficiary  string   `json:"beneficiary" yaml:"beneficiary"`
	TargetGroups []string `json:"target_groups" yaml:"target_groups"`
	Conditions   []string `json:"conditions" yaml:"conditions"`
	Criteria     *Node    `json:"criteria" yaml:"criteria"`
	MatchMode    string   `json:"match_mode" yaml:"match_mode"`
	Benefit      Benefit  `json:"benefit" yaml:"benefit"`
	Validity     Validity `json:"validity" yaml:"validity"`
	Channel      string   `json:"channel" yaml:"channel"`
	// Materials is the 申请材料 checklist and TimeLimit the 办理时限, when a
	// source gives them (nil: 以经办窗口告知为准).
	Materials      []string   `json:"materials,omitempty" yaml:"materials,omitempty"`
	TimeLimit      *TimeLimit `json:"time_limit,omitempty" yaml:"time_limit,omitempty"`
	ExclusiveGroup string     `json:"exclusive_group,omitempty" yaml:"exclusive_group,omitempty"`
	// Sources, Confidence and Doubts are the compiler's research notes:
	// staff only (Public drops them).
	Sources    []Source `json:"sources" yaml:"sources"`
	Confidence string   `json:"confidence" yaml:"confidence"`
	Doubts     []string `json:"doubts" yaml:"doubts"`
}

// Benefit is what a policy pays. Type is fixed | per_person | tiered |
// percent | formula | loan | tax_credit | range | status |
// per_person_month | unknown. AmountText is always shown; the numbers feed
// BenefitValue.AmountYuan where computable.
type Benefit struct {
	Type       string `json:"type" yaml:"type"`
	AmountText string `json:"amount_text" yaml:"amount_text"`
	// Formula is an arithmetic expression over attributes and parameters, e.g.
	// "0.8*min_wage(school_district)"; see formula.go for the language.
	Formula string `json:"formula,omitempty" yaml:"formula,omitempty"`
	Unit    string `json:"unit,omitempty" yaml:"unit,omitempty"`
	Example string `json:"example,omitempty" yaml:"example,omitempty"`
	// Fixed amounts.
	Yuan float64 `json:"yuan,omitempty" yaml:"yuan,omitempty"`
	// Per-person amounts (the first non-zero one is used).
	YuanPerPerson           float64 `json:"yuan_per_person,omitempty" yaml:"yuan_per_person,omitempty"`
	MaxPerPersonYuan        float64 `json:"max_per_person_yuan,omitempty" yaml:"max_per_person_yuan,omitempty"`
	EnterpriseYuanPerPerson float64 `json:"enterprise_yuan_per_person,omitempty" yaml:"enterprise_yuan_per_person,omitempty"`
	PersonYuan              float64 `json:"person_yuan,omitempty" yaml:"person_yuan,omitempty"`
	// Caps, ratios and durations.
	CapYuanPerPersonMonth float64 `json:"cap_yuan_per_person_month,omitempty" yaml:"cap_yuan_per_person_month,omitempty"`
	MaxRatio              float64 `json:"max_ratio,omitempty" yaml:"max_ratio,omitempty"`
	MaxMonths             int     `json:"max_months,omitempty" yaml:"max_months,omitempty"`
	MaxTimesPerYear       int     `json:"max_times_per_year,omitempty" yaml:"max_times_per_year,omitempty"`
	MinYuan               float64 `json:"min_yuan,omitempty" yaml:"min_yuan,omitempty"`
	MaxYuan               float64 `json:"max_yuan,omitempty" yaml:"max_yuan,omitempty"`
	MaxLoanYuan           float64 `json:"max_loan_yuan,omitempty" yaml:"max_loan_yuan,omitempty"`
	MaxTermYears          float64 `json:"max_term_years,omitempty" yaml:"max_term_years,omitempty"`
	// Tiers by level name (tiers_yuan, or tiers_yuan_per_year when PerYear).
	Tiers   map[string]float64 `json:"tiers_yuan,omitempty" yaml:"tiers_yuan,omitempty"`
	PerYear bool               `json:"tiers_per_year,omitempty" yaml:"-"`
	// Extra keeps any other keys verbatim.
	Extra map[string]any `json:"extra,omitempty" yaml:"-"`
}

// Validity is when a policy applies. From and To are 'YYYY', 'YYYY-MM' or
// 'YYYY-MM-DD' ("" = open); a partial From means the start of its period and
// a partial To its end. Status is active | assumed_active | expired | unknown.
type Validity struct {
	From   string `json:"from,omitempty" yaml:"from"`
	To     string `json:"to,omitempty" yaml:"to"`
	Status string `json:"status" yaml:"status"`
	Note   string `json:"note,omitempty" yaml:"note,omitempty"`
}

// Source is where a policy's facts were read.
type Source struct {
	Key      string `json:"key" yaml:"key"`
	URL      string `json:"url,omitempty" yaml:"url,omitempty"`
	Repo     string `json:"repo,omitempty" yaml:"repo,omitempty"`
	Path     string `json:"path,omitempty" yaml:"path,omitempty"`
	Locator  string `json:"locator,omitempty" yaml:"locator,omitempty"`
	What     string `json:"what" yaml:"what"`
	PageDate string `json:"page_date,omitempty" yaml:"page_date,omitempty"`
}

// span returns the validity as packed dates (0 = open).
func (v Validity) span() (from, to civil, err error) {
	if v.From != "" {
		if from, err = parsePartial(v.From, false); err != nil {
			return 0, 0, err
		}
	}
	if v.To != "" {
		if to, err = parsePartial(v.To, true); err != nil {
			return 0, 0, err
		}
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("起始日期 %s 晚于截止日期 %s", v.From, v.To)
	}
	return from, to, nil
}

// Active reports whether p may be auto-matched on day d: match_mode auto,
// status active or assumed_active, and from <= d <= to (inclusive; partial
// dates as documented on Validity; an unparsable validity is never active).
func (p *Policy) Active(d time.Time) bool {
	if p.MatchMode != "auto" || !statusMatchable(p.Validity.Status) {
		return false
	}
	from, to, err := p.Validity.span()
	if err != nil {
		return false
	}
	return inSpan(civilOf(d), from, to)
}

// statusMatchable reports whether a validity status allows auto-matching.
func statusMatchable(s string) bool { return s == "active" || s == "assumed_active" }

// inSpan reports from <= d <= to with 0 meaning open.
func inSpan(d, from, to civil) bool { return (from == 0 || d >= from) && (to == 0 || d <= to) }

// Meta returns the catalog header.
func (c *Catalog) Meta() Meta { return c.meta }

// Parameters returns the catalog parameters.
func (c *Catalog) Parameters() Parameters { return c.params }

// Policies returns the policies in catalog order. Callers must not modify them.
func (c *Catalog) Policies() []*Policy { return c.policies }

// Policy returns the policy with id.
func (c *Catalog) Policy(id string) (*Policy, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return c.policies[i], true
}

// Index returns the position of policy id in Policies (as EligibleIDs reports it).
func (c *Catalog) Index(id string) (int, bool) {
	i, ok := c.byID[id]
	return i, ok
}

// DefaultEvalDate returns meta.eval_date_default, or today's date in UTC.
func (c *Catalog) DefaultEvalDate() time.Time {
	if d, err := parseCivil(c.meta.EvalDateDefault); err == nil {
		return d.Time()
	}
	return civilOf(time.Now().UTC()).Time()
}

// CatalogError is a rejected catalog: which policy, where in it, and why.
type CatalogError struct {
	PolicyID string // "" for meta or parameters
	Path     string // "criteria.all[2].any[0]"
	Message  string // Chinese
}

// Error implements error: `wh_x: criteria.all[2].any[0]: 未知运算符 "eqq"`.
func (e *CatalogError) Error() string {
	s := e.Message
	if e.Path != "" {
		s = e.Path + ": " + s
	}
	if e.PolicyID != "" {
		s = e.PolicyID + ": " + s
	}
	return s
}

// NewCatalog validates and compiles policies with their parameters. It
// does not modify its arguments' policies after returning; callers must not
// modify them either.
func NewCatalog(meta Meta, params Parameters, policies []*Policy) (*Catalog, error) {
	c := &Catalog{meta: meta, params: params, policies: policies, byID: map[string]int{}, schemas: newSchemaSet(), central: map[string]bool{}}
	if err := c.initParams(); err != nil {
		return nil, err
	}
	for i, p := range policies {
		if p == nil {
			return nil, &CatalogError{Path: fmt.Sprintf("policies[%d]", i), Message: "政策为空"}
		}
		if p.ID == "" {
			return nil, &CatalogError{Path: fmt.Sprintf("policies[%d].id", i), Message: "缺少政策 id"}
		}
		if _, dup := c.byID[p.ID]; dup {
			return nil, &CatalogError{PolicyID: p.ID, Path: "id", Message: "重复的政策 id"}
		}
		c.byID[p.ID] = i
	}
	// Extra attributes first, so every compiled leaf sees the final schemas.
	for _, p := range policies {
		if err := c.checkPolicyFields(p); err != nil {
			return nil, err
		}
		if err := extendSchemas(c.schemas, p); err != nil {
			return nil, err
		}
	}
	c.schemas.number()
	c.periodOf = c.schemas.tab.id("政策有效期")
	for i, p := range policies {
		cp, err := c.compilePolicy(i, p)
		if err != nil {
			return nil, err
		}
		c.comp = append(c.comp, cp)
		if cp.matchable {
			if p.Beneficiary == KindPerson {
				c.person = append(c.person, i)
			} else {
				c.company = append(c.company, i)
			}
		}
	}
	return c, nil
}

// checkPolicyFields validates the enumerated fields and dates of p.
func (c *Catalog) checkPolicyFields(p *Policy) error {
	bad := func(path, msg string) error { return &CatalogError{PolicyID: p.ID, Path: path, Message: msg} }
	if p.Beneficiary != KindPerson && p.Beneficiary != KindEnterprise {
		return bad("beneficiary", fmt.Sprintf("受益主体应为 person 或 enterprise，收到 %q", p.Beneficiary))
	}
	if p.MatchMode != "auto" && p.MatchMode != "manual" {
		return bad("match_mode", fmt.Sprintf("匹配方式应为 auto 或 manual，收到 %q", p.MatchMode))
	}
	switch p.Validity.Status {
	case "active", "assumed_active", "expired", "unknown":
	default:
		return bad("validity.status", fmt.Sprintf("有效状态应为 active、assumed_active、expired 或 unknown，收到 %q", p.Validity.Status))
	}
	if _, _, err := p.Validity.span(); err != nil {
		return bad("validity", err.Error())
	}
	if p.MatchMode == "auto" && p.Criteria == nil {
		return bad("criteria", "自动匹配（auto）的政策必须有条件树")
	}
	return nil
}

// initParams validates the parameters and precomputes lookups.
func (c *Catalog) initParams() error {
	for _, d := range c.params.CentralGroup {
		c.central[d] = true
	}
	var prev civil
	var tiers map[string]string
	for i, mw := range c.params.MinWage {
		at := fmt.Sprintf("parameters.min_wage[%d]", i)
		d, err := parseCivil(mw.EffectiveFrom)
		if err != nil {
			return &CatalogError{Path: at + ".effective_from", Message: err.Error()}
		}
		if d <= prev {
			return &CatalogError{Path: at + ".effective_from", Message: "最低工资参数应按生效日期从早到晚排列且不重复"}
		}
		if len(mw.TiersPerMonth) == 0 {
			return &CatalogError{Path: at + ".tiers_yuan_per_month", Message: "缺少各档月最低工资"}
		}
		if i == 0 {
			c.firstMW = d
		}
		c.mwFrom = append(c.mwFrom, d)
		prev = d
		if mw.DistrictTier != nil {
			tiers = mw.DistrictTier
		}
		c.tiers = append(c.tiers, tiers)
	}
	return nil
}

// inCentral reports whether district is in the central group for 返乡创业.
func (c *Catalog) inCentral(district string) bool { return c.central[district] }

// minWage returns the monthly minimum wage in force on day at for a Wuhan
// district (tier by the latest table that maps districts), with a Chinese
// note on how it was found. When the district is unknown but the city is
// 武汉市, the first tier applies, as the Wuhan guides that quote one figure
// do. ok is false before the first table or for an unknown place.
func (c *Catalog) minWage(at civil, district, city string) (float64, string, bool) {
	v, note, ok := c.minWageAt(at, district, city)
	var w text
	note.write(&w)
	return v, w.String(), ok
}

// mwNote is how minWageAt found its figure, or why it found none; write
// puts it in words.
type mwNote struct {
	kind     mwKind
	at       civil
	district string // as looked up ("武汉市" for the city's first tier)
	tier     string
	value    float64
	from     string // the table's effective_from
	extra    string // "；该版未公布分区表，沿用上一版分档" and the like
}

// mwKind says which sentence an mwNote is.
type mwKind uint8

const (
	mwFound       mwKind = iota
	mwTooEarly           // before every table
	mwNoDistrict         // no district and not 武汉市
	mwNotInTable         // a district the tables do not map
	mwTierMissing        // the table lacks the tier
)

// write says n: "江汉区一档月最低工资 2210 元（2024-02-01 起执行）".
func (n mwNote) write(w *text) {
	switch n.kind {
	case mwTooEarly:
		w.d(n.at).s(" 早于最低工资参数的最早生效日期")
	case mwNoDistrict:
		w.s("未提供所在区")
	case mwNotInTable:
		w.s(n.district).s("不在武汉市最低工资分档表内")
	case mwTierMissing:
		w.s("最低工资参数缺少").s(n.tier)
	default:
		w.s(n.district).s(n.tier).s("月最低工资 ").n(n.value).s(" 元（").s(n.from).s(" 起执行").s(n.extra).s("）")
	}
}

// minWageAt is minWage with the note unwritten.
func (c *Catalog) minWageAt(at civil, district, city string) (float64, mwNote, bool) {
	i := -1
	for j, from := range c.mwFrom {
		if from <= at {
			i = j
		}
	}
	if i < 0 {
		return 0, mwNote{kind: mwTooEarly, at: at}, false
	}
	mw := &c.params.MinWage[i]
	tier, note := "", ""
	if district != "" {
		tier = c.tiers[i][district]
	}
	switch {
	case tier != "" && mw.DistrictTier == nil:
		note = "；该版未公布分区表，沿用上一版分档"
	case tier != "":
	case district == "" && city == "武汉市":
		tier, note, district = "一档", "；未提供所在区，按武汉市一档", "武汉市"
	case district == "":
		return 0, mwNote{kind: mwNoDistrict}, false
	default:
		return 0, mwNote{kind: mwNotInTable, district: district}, false
	}
	v, ok := mw.TiersPerMonth[tier]
	if !ok {
		return 0, mwNote{kind: mwTierMissing, tier: tier}, false
	}
	return v, mwNote{district: district, tier: tier, value: v, from: mw.EffectiveFrom, extra: note}, true
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
