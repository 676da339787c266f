package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// Policies is the use cases of 就业政策通's catalog: matching persons and
// enterprises (this file), their answers, push messages, and authoring.
type Policies struct {
	*core
	policies policyCache
	suggest  suggester
}

// policyCache holds the in-memory catalog built from the stored current
// versions. Every instance reloads it when the store's catalog stamp
// changes, checked at most every two seconds.
type policyCache struct {
	mu      sync.Mutex
	stamp   string
	checked time.Time
	cat     *policy.Catalog
	docs    map[string]*policy.Doc
}

// PolicySet is the catalog in force and the stored documents behind it.
type PolicySet struct {
	Cat  *policy.Catalog
	Docs map[string]*policy.Doc // every stored policy, published or not
}

// beijingDay is today's date in China, the evaluation date for live matching.
func (x *Policies) beijingDay() time.Time {
	return chinatime.Today(x.now())
}

// Catalog returns the catalog in force, reloading it when it changed.
func (x *Policies) Catalog(ctx context.Context) (*PolicySet, error) {
	c := &x.policies
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != nil && time.Since(c.checked) < 2*time.Second {
		return &PolicySet{Cat: c.cat, Docs: c.docs}, nil
	}
	stamp, err := x.db.Policies().CatalogStamp(ctx)
	if err != nil {
		return nil, err
	}
	c.checked = time.Now()
	if c.cat != nil && stamp == c.stamp {
		return &PolicySet{Cat: c.cat, Docs: c.docs}, nil
	}
	cat, docs, err := x.loadCatalog(ctx)
	if err != nil {
		return nil, err
	}
	c.cat, c.docs, c.stamp = cat, docs, stamp
	return &PolicySet{Cat: cat, Docs: docs}, nil
}

// invalidatePolicies makes the next use re-check the stored catalog.
func (x *Policies) invalidatePolicies() {
	x.policies.mu.Lock()
	x.policies.checked = time.Time{}
	x.policies.mu.Unlock()
}

func (x *Policies) loadCatalog(ctx context.Context) (*policy.Catalog, map[string]*policy.Doc, error) {
	params, err := x.db.Policies().CurrentParameters(ctx)
	if err != nil {
		return nil, nil, err
	}
	all, err := x.db.Policies().Policies(ctx)
	if err != nil {
		return nil, nil, err
	}
	docs := map[string]*policy.Doc{}
	var bodies []string
	for _, d := range all {
		docs[d.ID] = d
		if d.Status == policy.Published {
			bodies = append(bodies, d.Body)
		}
	}
	if params == "" {
		return nil, nil, apperr.New(apperr.NotFound, "尚未导入政策目录")
	}
	raw, _ := joinCatalog(params, bodies)
	cat, err := policy.ParseCatalog(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("app.loadCatalog: stored catalog does not parse: %w", err)
	}
	return cat, docs, nil
}

// ImportReport says what an import changed.
type ImportReport struct {
	Added, Updated, Unchanged int
	Changed                   []string
}

// EnsureCatalog imports the built-in catalog (32 national, Hubei and Wuhan
// policies) when the store has none; serve calls it at start.
func (x *Policies) EnsureCatalog(ctx context.Context) error {
	params, err := x.db.Policies().CurrentParameters(ctx)
	if err != nil || params != "" {
		return err
	}
	_, err = x.ImportCatalog(ctx, Actor{IP: "system"}, policy.DefaultCatalogYAML(), true)
	return err
}

// ImportCatalog validates a whole catalog file and stores every policy that
// changed as a new version, in one transaction. A file that does not parse
// (unknown operator, a cycle, a bad date …) is rejected naming the policy
// and path, and the catalog in force stays as it was.
func (x *Policies) ImportCatalog(ctx context.Context, a Actor, raw []byte, system bool) (*ImportReport, error) {
	if !system && !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "policy", 0)
	}
	if _, err := policy.ParseCatalog(raw); err != nil {
		return nil, catalogErr(err)
	}
	params, docs, err := splitCatalog(raw)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, err.Error())
	}
	rep := &ImportReport{}
	err = x.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := x.db.Policies().CurrentParameters(ctx)
		if err != nil {
			return err
		}
		if cur != params {
			if err := tx.SaveParameters(ctx, a.store(), params); err != nil {
				return err
			}
		}
		for _, d := range docs {
			v, changed, err := tx.SavePolicy(ctx, a.store(), d, "导入目录")
			if err != nil {
				return err
			}
			switch {
			case !changed:
				rep.Unchanged++
			case v == 1:
				rep.Added++
			default:
				rep.Updated++
			}
			if changed {
				rep.Changed = append(rep.Changed, d.ID)
			}
		}
		if len(rep.Changed) == 0 {
			return nil
		}
		target := "*"
		if len(rep.Changed) == 1 {
			target = rep.Changed[0]
		}
		return tx.Enqueue(ctx, TaskPolicyPush, target, TaskPolicyPush+":"+target, x.now())
	})
	if err != nil {
		return nil, err
	}
	x.invalidatePolicies()
	return rep, nil
}

// catalogErr turns an engine error into an Invalid error naming where it is.
func catalogErr(err error) error {
	var ce *policy.CatalogError
	if errors.As(err, &ce) {
		field := "catalog"
		if ce.PolicyID != "" {
			field = ce.PolicyID
			if ce.Path != "" {
				field += "." + ce.Path
			}
		}
		return &apperr.Error{Code: apperr.Invalid, Message: "政策目录有误：" + ce.Error(), Fields: map[string]string{field: ce.Message}, Err: err}
	}
	return &apperr.Error{Code: apperr.Invalid, Message: "政策目录有误：" + err.Error(), Err: err}
}

// MatchInput is a "policy calculator" request.
type MatchInput struct {
	Kind     string         `json:"kind"`
	EvalDate string         `json:"eval_date"`
	Attrs    map[string]any `json:"attrs"`
}

// Match evaluates attributes against the catalog in force and explains
// every answer. Anyone may use it; nothing is stored.
func (x *Policies) Match(ctx context.Context, in MatchInput) (*policy.Result, error) {
	var f apperr.Fields
	if in.Kind != policy.KindPerson && in.Kind != policy.KindEnterprise {
		f.Add("kind", "kind 应为 person（个人）或 enterprise（企业）")
	}
	day := x.beijingDay()
	if in.EvalDate != "" {
		day = ParseDate(&f, "eval_date", in.EvalDate)
	}
	if in.Attrs == nil {
		in.Attrs = map[string]any{}
	}
	inferProvinces(in.Attrs)
	if err := f.Err(); err != nil {
		return nil, err
	}
	set, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	res, err := set.Cat.Match(policy.Subject{Kind: in.Kind, Attrs: in.Attrs}, day)
	if err != nil {
		return nil, engineErr(err)
	}
	return res, nil
}

// CityChoices are the answers the calculator offers to "which city" (of
// the hukou, of the school).
func CityChoices() []string { return []string{"武汉市", "湖北省其他城市", "湖北省外"} }

// hubeiCities are the CityChoices that lie in 湖北省.
func hubeiCities() []string { return CityChoices()[:2] }

// inferProvinces fills the province of the hukou and of the school from the
// city when only the city was given (the calculator asks for the city): a
// 武汉 hukou is a 湖北 hukou. A province given explicitly is kept. The page
// and the API both go through Match, so they answer the same input alike.
func inferProvinces(attrs map[string]any) {
	for _, p := range [][2]string{{"hukou_city", "hukou_province"}, {"school_city", "school_province"}} {
		if _, ok := attrs[p[1]]; ok {
			continue
		}
		if city, _ := attrs[p[0]].(string); slices.Contains(hubeiCities(), city) {
			attrs[p[1]] = "湖北省"
		}
	}
}

// engineErr maps the engine's attribute errors to field errors.
func engineErr(err error) error {
	var fe *policy.FieldError
	if errors.As(err, &fe) {
		return &apperr.Error{Code: apperr.Invalid, Message: "提交的信息有误：" + fe.Message, Fields: map[string]string{fe.Field: fe.Message}}
	}
	return err
}

// subjectOf is the registry subject a user acts for.
func subjectOf(u *account.User) (string, int64, error) {
	switch {
	case u == nil:
		return "", 0, apperr.New(apperr.Unauthorized, "请先登录")
	case account.IsPerson(u):
		return policy.KindPerson, u.PersonID, nil
	case account.IsEmployer(u):
		return policy.KindEnterprise, u.EnterpriseID, nil
	}
	return "", 0, apperr.New(apperr.Forbidden, "政策测算面向个人和企业用户")
}

// subjectAttrs builds a stored subject's attributes: registry data plus questionnaire answers.
func (x *Policies) subjectAttrs(ctx context.Context, kind string, id int64) (map[string]any, string, error) {
	ans, err := x.db.Policies().Answers(ctx, kind, id)
	if err != nil {
		return nil, "", err
	}
	if kind == policy.KindPerson {
		p, err := x.db.Registry().PersonByID(ctx, id)
		if err != nil {
			return nil, "", err
		}
		return PersonAttrs(x.codes, p, decodeAnswers(ans)), p.Name, nil
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, id)
	if err != nil {
		return nil, "", err
	}
	return EnterpriseAttrs(x.codes, e, decodeAnswers(ans)), e.Name, nil
}

// MyPolicies is the "red packet": the logged-in person's or enterprise's
// match against every active policy, with their applications.
type MyPolicies struct {
	Result       *policy.Result
	Near         []policy.Ineligible // one change away (a hint exists)
	Far          []policy.Ineligible
	Applications map[string]*policy.Application
	Answers      map[string]any
	Kind         string
}

// MyPolicies evaluates the user's own subject today.
func (x *Policies) MyPolicies(ctx context.Context, a Actor) (*MyPolicies, error) {
	kind, id, err := subjectOf(a.User)
	if err != nil {
		return nil, err
	}
	return x.matchSubject(ctx, kind, id)
}

// matchSubject evaluates a stored subject today with its applications,
// without any access check: for the subject's own page and the call
// centre's agent screen, which decide access themselves.
func (x *Policies) matchSubject(ctx context.Context, kind string, id int64) (*MyPolicies, error) {
	attrs, _, err := x.subjectAttrs(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	set, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	res, err := set.Cat.Match(policy.Subject{Kind: kind, Attrs: attrs}, x.beijingDay())
	if err != nil {
		return nil, engineErr(err)
	}
	out := &MyPolicies{Result: res, Applications: map[string]*policy.Application{}, Kind: kind}
	out.Near, out.Far = res.NearAndFar()
	apps, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{SubjectType: kind, SubjectID: id, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, ap := range apps {
		if ap.Period == "" { // a loan's quarterly subsidy is not the application for the policy
			out.Applications[ap.PolicyID] = ap
		}
	}
	ans, _ := x.db.Policies().Answers(ctx, kind, id)
	out.Answers = decodeAnswers(ans)
	return out, nil
}

// SaveAnswers stores the user's questionnaire answers after checking them
// against the engine's schema, and queues a re-match of the subject.
func (x *Policies) SaveAnswers(ctx context.Context, a Actor, answers map[string]any) error {
	kind, id, err := subjectOf(a.User)
	if err != nil {
		return err
	}
	if err := policy.CheckAttrs(policy.Subject{Kind: kind, Attrs: answers}); err != nil {
		return engineErr(err)
	}
	raw, err := jsonString(answers)
	if err != nil {
		return err
	}
	if err := x.db.Policies().SaveAnswers(ctx, a.store(), kind, id, raw); err != nil {
		return err
	}
	x.queueSubject(ctx, kind, id)
	return nil
}

// queueSubject asks the push job to re-match one subject after its profile
// changed. A failure only delays the push to the next full run, so it is logged.
func (x *core) queueSubject(ctx context.Context, kind string, id int64) {
	key := fmt.Sprintf("%s:%d", kind, id)
	if err := x.db.Enqueue(ctx, TaskPolicySubject, key, TaskPolicySubject+":"+key, x.now()); err != nil {
		x.log.Error("queue policy re-match", "subject", key, "err", err)
	}
}

// PolicyDetail is one policy for its page.
type PolicyDetail struct {
	Doc     *policy.Doc
	Policy  *policy.Policy // Public() unless the caller is staff
	Active  bool
	Stats   *policy.Stats // staff only
	History []policy.Doc  // staff only
}

// PolicyDetail returns a published policy (staff also see withdrawn ones, counts and history).
func (x *Policies) PolicyDetail(ctx context.Context, a Actor, id string) (*PolicyDetail, error) {
	set, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	doc, ok := set.Docs[id]
	bureau := account.CanUseConsole(a.User)
	if !ok || (doc.Status != policy.Published && !bureau) {
		return nil, apperr.New(apperr.NotFound, "政策不存在")
	}
	d := &PolicyDetail{Doc: doc}
	if p, ok := set.Cat.Policy(id); ok {
		d.Policy, d.Active = p, p.Active(x.beijingDay())
	} else if p, err := parseOne(doc.Body); err == nil {
		d.Policy = p
	}
	if d.Policy != nil && !bureau {
		d.Policy = d.Policy.Public() // sources, confidence and doubts are for staff
	}
	if bureau {
		stats, err := x.db.Policies().PolicyStats(ctx)
		if err != nil {
			return nil, err
		}
		d.Stats = stats[id]
		if d.Stats == nil {
			d.Stats = &policy.Stats{}
		}
		if d.History, err = x.db.Policies().PolicyHistory(ctx, id); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// parseOne reads a single stored policy body outside the catalog in force
// (a withdrawn policy), using the built-in parameters.
func parseOne(body string) (*policy.Policy, error) {
	raw, _ := joinCatalog("meta: {}\n", []string{body})
	c, err := policy.ParseCatalog(raw)
	if err != nil {
		return nil, err
	}
	ps := c.Policies()
	if len(ps) != 1 {
		return nil, errors.New("app.parseOne: no policy")
	}
	return ps[0], nil
}

// PolicyRow is a policy in lists, with counts for staff.
type PolicyRow struct {
	Doc    *policy.Doc
	Active bool
	Stats  *policy.Stats
}

// ListPolicies returns published policies (all, with counts, for staff).
func (x *Policies) ListPolicies(ctx context.Context, a Actor, category string) ([]PolicyRow, error) {
	set, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	bureau := account.CanUseConsole(a.User)
	var stats map[string]*policy.Stats
	if bureau {
		if stats, err = x.db.Policies().PolicyStats(ctx); err != nil {
			return nil, err
		}
	}
	day := x.beijingDay()
	var out []PolicyRow
	for _, d := range sortedDocs(set.Docs) {
		if (!bureau && d.Status != policy.Published) || (category != "" && d.Category != category) {
			continue
		}
		row := PolicyRow{Doc: d}
		if p, ok := set.Cat.Policy(d.ID); ok {
			row.Active = p.Active(day)
		}
		if bureau {
			row.Stats = stats[d.ID]
			if row.Stats == nil {
				row.Stats = &policy.Stats{}
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func sortedDocs(m map[string]*policy.Doc) []*policy.Doc {
	out := make([]*policy.Doc, 0, len(m))
	for _, d := range m {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Categories lists the catalog's categories in display order.
var Categories = []string{"就业补贴", "社保补贴", "创业扶持", "贷款贴息", "培训补贴", "见习补贴", "人才引进", "其他"}
