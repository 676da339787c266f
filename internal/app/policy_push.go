package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// Background task kinds of the policy module.
const (
	TaskPolicyPush    = "policy.push"    // payload: a policy id, or "*" for every policy
	TaskPolicySubject = "policy.subject" // payload: "person:12" or "enterprise:7"
)

// pushBatch is how many subjects one transaction covers: small enough that
// web requests waiting for the SQLite writer are never held up for long.
const pushBatch = 500

// PushStats reports a push run.
type PushStats struct {
	Subjects, Eligible, Notified, Proposed int
	Elapsed                                time.Duration
}

// pushSubject is one registry subject prepared for matching.
type pushSubject struct {
	id    int64
	attrs map[string]any
}

// PushPolicies matches every person and enterprise against the active
// policies (only policyID when set) and delivers one inbox message per
// subject and policy version, never twice; 免申即享 policies also get a
// grant proposal. It walks the registry in batches, one transaction each.
func (x *Policies) PushPolicies(ctx context.Context, policyID string) (*PushStats, error) {
	start := time.Now()
	set, err := x.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	st := &PushStats{}
	for _, kind := range []string{policy.KindPerson, policy.KindEnterprise} {
		answers, err := x.db.Policies().AllAnswers(ctx, kind)
		if err != nil {
			return nil, err
		}
		var after int64
		for {
			batch, err := x.loadBatch(ctx, kind, after, answers)
			if err != nil {
				return nil, err
			}
			if len(batch) == 0 {
				break
			}
			after = batch[len(batch)-1].id
			if err := x.pushBatch(ctx, set, kind, batch, policyID, st); err != nil {
				return nil, err
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
	}
	st.Elapsed = time.Since(start)
	x.log.Info("policy push", "policy", policyID, "subjects", st.Subjects, "eligible", st.Eligible,
		"notified", st.Notified, "proposed", st.Proposed, "ms", st.Elapsed.Milliseconds())
	return st, nil
}

func (x *Policies) loadBatch(ctx context.Context, kind string, after int64, answers map[int64]string) ([]pushSubject, error) {
	var out []pushSubject
	if kind == policy.KindPerson {
		ps, err := x.db.Registry().PersonsAfter(ctx, after, pushBatch)
		for _, p := range ps {
			out = append(out, pushSubject{id: p.ID, attrs: PersonAttrs(x.codes, p, decodeAnswers(answers[p.ID]))})
		}
		return out, err
	}
	es, err := x.db.Registry().EnterprisesAfter(ctx, after, pushBatch)
	for _, e := range es {
		out = append(out, pushSubject{id: e.ID, attrs: EnterpriseAttrs(x.codes, e, decodeAnswers(answers[e.ID]))})
	}
	return out, err
}

// pushBatch evaluates a batch and writes what changed in one transaction.
func (x *Policies) pushBatch(ctx context.Context, set *PolicySet, kind string, batch []pushSubject, only string, st *PushStats) error {
	prev, err := x.db.Policies().EligibleSet(ctx, kind, batch[0].id, batch[len(batch)-1].id)
	if err != nil {
		return err
	}
	day := x.beijingDay()
	pols := set.Cat.Policies()
	var rows []policy.Eligibility
	var sends []pushSend
	var idx []int
	for _, s := range batch {
		st.Subjects++
		prep, err := set.Cat.Prepare(policy.Subject{Kind: kind, Attrs: s.attrs})
		if err != nil {
			x.log.Warn("policy push: subject skipped", "kind", kind, "id", s.id, "err", err)
			continue
		}
		idx = set.Cat.EligibleIDs(prep, day, idx[:0])
		now := map[string]bool{}
		for _, i := range idx {
			p := pols[i]
			if only != "" && only != "*" && p.ID != only {
				continue
			}
			now[p.ID] = true
			st.Eligible++
			doc := set.Docs[p.ID]
			if doc == nil || prev[s.id][p.ID] == doc.Version {
				continue // already recorded and told about this version
			}
			sends = append(sends, pushSend{subject: s, policy: p, doc: doc, prep: prep})
		}
		for pid := range prev[s.id] {
			if !now[pid] && (only == "" || only == "*" || only == pid) {
				rows = append(rows, policy.Eligibility{PolicyID: pid, Version: prev[s.id][pid], SubjectType: kind, SubjectID: s.id})
			}
		}
	}
	if len(rows) == 0 && len(sends) == 0 {
		return nil
	}
	amounts := x.amountsFor(set, kind, sends, day)
	return x.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SaveEligibility(ctx, rows); err != nil {
			return err
		}
		for i, snd := range sends {
			if err := x.deliver(ctx, tx, kind, snd, amounts[i], st); err != nil {
				return err
			}
		}
		return nil
	})
}

type pushSend struct {
	subject pushSubject
	policy  *policy.Policy
	doc     *policy.Doc
	prep    *policy.Prepared
}

// amountsFor computes the benefit of each send (the explained match is
// slower, so it only runs for subjects that are about to be told).
func (x *Policies) amountsFor(set *PolicySet, kind string, sends []pushSend, day time.Time) []policy.BenefitValue {
	out := make([]policy.BenefitValue, len(sends))
	cache := map[int64]*policy.Result{}
	for i, snd := range sends {
		res := cache[snd.subject.id]
		if res == nil {
			r, err := set.Cat.MatchPrepared(snd.prep, day)
			if err != nil {
				continue
			}
			res, cache[snd.subject.id] = r, r
		}
		for _, e := range res.Eligible {
			if e.PolicyID == snd.policy.ID {
				out[i] = e.Benefit
			}
		}
	}
	return out
}

// deliver records eligibility, puts the message in the inbox (deduplicated
// by subject, policy and version) and proposes a 免申即享 grant.
// The recorded and proposed amount is the one-off sum only: a monthly
// amount is granted by staff, who know how long it is paid.
func (x *Policies) deliver(ctx context.Context, tx *store.Tx, kind string, snd pushSend, b policy.BenefitValue, st *PushStats) error {
	p, doc, id := snd.policy, snd.doc, snd.subject.id
	amount := b.OneOffYuan()
	if err := tx.SaveEligibility(ctx, []policy.Eligibility{{PolicyID: p.ID, Version: doc.Version, SubjectType: kind,
		SubjectID: id, Eligible: true, AmountYuan: amount}}); err != nil {
		return err
	}
	m := policyMessage(kind, id, p, doc, b)
	sent, err := tx.Notify(ctx, m)
	if err != nil {
		return err
	}
	if sent {
		st.Notified++
		if err := tx.MarkNotified(ctx, p.ID, kind, id); err != nil {
			return err
		}
	}
	if doc.NoApply {
		ok, err := tx.ProposeGrant(ctx, &policy.Application{PolicyID: p.ID, Version: doc.Version, SubjectType: kind,
			SubjectID: id, ExclusiveGroup: p.ExclusiveGroup, AmountYuan: amount})
		if err != nil {
			return err
		}
		if ok {
			st.Proposed++
		}
	}
	return nil
}

func policyMessage(kind string, id int64, p *policy.Policy, doc *policy.Doc, b policy.BenefitValue) *notify.Message {
	body := "根据您的档案，您符合“" + p.Name + "”的条件"
	if b.Says != "" {
		body += "，预计可获" + b.Says
	}
	body += "。"
	if doc.NoApply {
		body += "该政策“免申即享”，无需申请，经办人员核实后直接发放。"
	} else {
		body += "点击查看条件说明并在线申请。"
	}
	return &notify.Message{SubjectType: kind, SubjectID: id, Kind: "policy", Title: "政策红包：" + p.Name, Body: body,
		Link: "/policies/" + p.ID, DedupeKey: "policy:" + p.ID + ":v" + strconv.Itoa(doc.Version)}
}

// pushOne re-matches one subject after its profile changed.
func (x *Policies) pushOne(ctx context.Context, payload string) error {
	kind, idStr, ok := strings.Cut(payload, ":")
	id, err := strconv.ParseInt(idStr, 10, 64)
	if !ok || err != nil || (kind != policy.KindPerson && kind != policy.KindEnterprise) {
		return fmt.Errorf("policy.subject: bad payload %q", payload)
	}
	set, err := x.Catalog(ctx)
	if err != nil {
		return err
	}
	attrs, _, err := x.subjectAttrs(ctx, kind, id)
	if err != nil {
		return err
	}
	st := &PushStats{}
	return x.pushBatch(ctx, set, kind, []pushSubject{{id: id, attrs: attrs}}, "", st)
}
