package app

import (
	"context"
	"strings"
	"sync"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/policy/draft"
	"github.com/jiuye/jiuye/internal/store"
)

// PolicyDraft is a policy as staff edit it: the catalog YAML of one policy
// (the form-based builder produces it too) and the 免申即享 flag.
type PolicyDraft struct {
	YAML    string `json:"yaml"`
	NoApply bool   `json:"no_apply"`
	Note    string `json:"note"`
}

// checkDraft parses a draft inside the catalog in force (replacing the
// policy with the same id), so a draft that would break the catalog is
// refused with the policy id and path of the problem.
func (x *Policies) checkDraft(ctx context.Context, id string, d PolicyDraft) (*policy.Doc, *policy.Catalog, error) {
	if strings.TrimSpace(d.YAML) == "" || len(d.YAML) > 256<<10 {
		return nil, nil, apperr.Field("yaml", "请填写政策内容（YAML，不超过 256 KB）")
	}
	if err := policy.CheckBidi(d.YAML); err != nil {
		return nil, nil, apperr.Field("yaml", err.Error())
	}
	doc, err := policyDocFromYAML(d.YAML)
	if err != nil {
		return nil, nil, apperr.Field("yaml", err.Error())
	}
	if id != "" && doc.ID != id {
		return nil, nil, apperr.Field("yaml", "政策 id 不能修改（应为 "+id+"）")
	}
	doc.NoApply = d.NoApply
	params, err := x.db.Policies().CurrentParameters(ctx)
	if err != nil {
		return nil, nil, err
	}
	all, err := x.db.Policies().Policies(ctx)
	if err != nil {
		return nil, nil, err
	}
	bodies := []string{doc.Body}
	for _, p := range all {
		if p.ID != doc.ID && p.Status == policy.Published {
			bodies = append(bodies, p.Body)
		}
	}
	raw, _ := joinCatalog(params, bodies)
	cat, err := policy.ParseCatalog(raw)
	if err != nil {
		return nil, nil, catalogErr(err)
	}
	return doc, cat, nil
}

// policyDocFromYAML reads one policy document.
func policyDocFromYAML(body string) (*policy.Doc, error) {
	_, docs, err := splitCatalog([]byte("policies:\n" + indentList(body)))
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, errPolicyCount
	}
	return docs[0], nil
}

var errPolicyCount = apperr.New(apperr.Invalid, "应只包含一条政策")

func indentList(body string) string {
	raw, _ := joinCatalog("", []string{body})
	return strings.TrimPrefix(string(raw), "\npolicies:\n")
}

// SavePolicy stores a staff member's edit as a new version (open
// applications keep the version they were made under) and queues a push.
func (x *Policies) SavePolicy(ctx context.Context, a Actor, id string, d PolicyDraft) (*policy.Doc, error) {
	if !account.CanAuthorPolicy(a.User) {
		return nil, x.deny(ctx, a, "policy", 0)
	}
	doc, _, err := x.checkDraft(ctx, id, d)
	if err != nil {
		return nil, err
	}
	note := strings.TrimSpace(d.Note)
	if note == "" {
		note = "经办人员编辑"
	}
	err = x.db.Write(ctx, func(tx *store.Tx) error {
		_, changed, err := tx.SavePolicy(ctx, a.store(), doc, note)
		if err != nil || !changed {
			return err
		}
		return tx.Enqueue(ctx, TaskPolicyPush, doc.ID, TaskPolicyPush+":"+doc.ID, x.now())
	})
	if err != nil {
		return nil, err
	}
	x.invalidatePolicies()
	return x.db.Policies().PolicyVersion(ctx, doc.ID, 0)
}

// StoredBody is the catalog YAML of a policy's current version, which the
// editor's form is merged into (fields the form does not show are kept).
func (x *Policies) StoredBody(ctx context.Context, a Actor, id string) (string, error) {
	if !account.CanAuthorPolicy(a.User) {
		return "", x.deny(ctx, a, "policy", 0)
	}
	doc, err := x.db.Policies().PolicyVersion(ctx, id, 0)
	if err != nil {
		return "", err
	}
	return doc.Body, nil
}

// PreviewRow is a test profile's outcome under a draft.
type PreviewRow struct {
	PersonaID string   `json:"persona_id"`
	Label     string   `json:"label"`
	Before    bool     `json:"before"` // eligible under the policy in force
	After     bool     `json:"after"`  // eligible under the draft
	Reasons   []string `json:"reasons"`
}

// PreviewPolicy runs a draft against the built-in test profiles and shows
// who becomes eligible or stops being eligible, before anything is saved.
func (x *Policies) PreviewPolicy(ctx context.Context, a Actor, id string, d PolicyDraft) ([]PreviewRow, error) {
	if !account.CanAuthorPolicy(a.User) {
		return nil, x.deny(ctx, a, "policy", 0)
	}
	doc, next, err := x.checkDraft(ctx, id, d)
	if err != nil {
		return nil, err
	}
	cur, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	personas, err := policy.ParsePersonas(policy.DefaultPersonasYAML())
	if err != nil {
		return nil, err
	}
	var out []PreviewRow
	for _, p := range personas {
		s := policy.Subject{Kind: p.Kind, Attrs: p.Attrs}
		before, _ := cur.Cat.EligiblePolicyIDs(s, p.EvalDate)
		res, err := next.Match(s, p.EvalDate)
		if err != nil {
			continue
		}
		row := PreviewRow{PersonaID: p.ID, Label: p.Label, Before: contains(before, doc.ID)}
		for _, e := range res.Eligible {
			if e.PolicyID == doc.ID {
				row.After, row.Reasons = true, e.Reasons
			}
		}
		if row.Before || row.After {
			out = append(out, row)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggester is the policy-text classifier, trained once from the built-in catalog.
type suggester struct {
	once sync.Once
	c    *draft.Classifier
}

// SuggestPolicy classifies a pasted policy text and drafts its conditions
// for staff to confirm.
func (x *Policies) SuggestPolicy(ctx context.Context, a Actor, title, text string) (*draft.Suggestion, error) {
	if !account.CanUseConsole(a.User) {
		return nil, x.deny(ctx, a, "policy", 0)
	}
	var f apperr.Fields
	if strings.TrimSpace(title) == "" {
		f.Add("title", "请填写政策标题")
	}
	if len(title) > 400 || len(text) > 200<<10 {
		f.Add("text", "标题不超过 400 字节，正文不超过 200 KB")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	x.suggest.once.Do(func() {
		ex, err := draft.ExamplesFromCatalog(policy.DefaultCatalogYAML())
		if err != nil {
			x.log.Error("policy suggester", "err", err)
		}
		x.suggest.c = draft.New(ex)
	})
	s := x.suggest.c.Suggest(title, text)
	return &s, nil
}

// SetPolicyStatus publishes or withdraws a policy (staff/admin).
func (x *Policies) SetPolicyStatus(ctx context.Context, a Actor, id string, published bool) error {
	if !account.CanAuthorPolicy(a.User) {
		return x.deny(ctx, a, "policy", 0)
	}
	status := policy.Withdrawn
	if published {
		status = policy.Published
	}
	if err := x.db.Policies().SetPolicyStatus(ctx, a.store(), id, status); err != nil {
		return err
	}
	x.invalidatePolicies()
	return nil
}
