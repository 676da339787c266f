package demo

// 技能评价 and 培训补贴 history: the evaluation bodies' sittings after the
// past classes (6,588 evaluated since 2022, the seed's figure, at the
// scale), the certificates of those who passed, and the providers' subsidy
// claims for their upgrade classes, checked by the claims' own rules and
// paid — once per person, occupation and level.

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// The shares the history's evaluation draws: the chance a past class is
// evaluated (upgrade classes, whose subsidy needs the certificate, more
// often), and a candidate's results.
const (
	evalUpgradeShare    = 0.40
	evalEmploymentShare = 0.25
	evalPass            = 0.82
	evalAbsent          = 0.05
)

// evaluate draws the sittings: classes in random order, each evaluated
// with its share by a random evaluation body two to three weeks after it
// ends, for the trainees who attended enough, until the seed's count of
// evaluated people (at the scale) is reached. Certificates are issued a
// fortnight after the sitting, numbered as the platform numbers them.
func (h *historyGen) evaluate(classes []store.PastClass, evaluators []*training.Provider, people map[int64]*registry.Person,
	scale float64, today time.Time) []store.PastSitting {
	if len(evaluators) == 0 {
		return nil
	}
	want := max(1, int(math.Round(DistrictEvaluated*scale)))
	threshold := h.standards.AttendanceThreshold
	last := map[string]string{} // number prefix → the last number issued
	var out []store.PastSitting
	evaluated := 0
	for _, k := range h.r.Perm(len(classes)) {
		if evaluated >= want {
			break
		}
		pc := classes[k]
		c := pc.Class
		share := evalEmploymentShare
		if c.Type == training.TypeUpgrade {
			share = evalUpgradeShare
		}
		held := c.End().AddDate(0, 0, 14+h.r.IntN(7))
		if h.r.Float64() >= share || held.AddDate(0, 0, 14).After(today) {
			continue
		}
		ev := evaluators[h.r.IntN(len(evaluators))]
		s := &training.Sitting{ProviderID: ev.ID, Occupation: c.Occupation, Level: c.Level, HeldOn: held, Place: ev.Address + " 考场",
			Status: training.SittingRecorded}
		ps := store.PastSitting{Sitting: s}
		for i, id := range pc.Trainees {
			if evaluated >= want {
				break
			}
			if float64(attended(pc.Present[i])) < threshold*float64(len(c.Sessions)) {
				continue
			}
			evaluated++
			cand := store.PastCandidate{PersonID: id, ClassID: c.ID}
			switch x := h.r.Float64(); {
			case x < evalAbsent:
				cand.Result = string(training.ResultAbsent)
			case x < evalAbsent+evalPass:
				cand.Result, cand.Score = string(training.ResultPass), 60+h.r.IntN(39)
				issued := held.AddDate(0, 0, 14)
				prefix := training.NumberPrefix("420112", ev.ID, c.Level, issued)
				last[prefix] = training.NextNumber(prefix, last[prefix])
				p := people[id]
				ps.Certificates = append(ps.Certificates, &training.Certificate{Number: last[prefix], PersonID: id, Name: p.Name,
					Occupation: c.Occupation, Level: c.Level, ProviderID: ev.ID, IssuedOn: issued})
			default:
				cand.Result, cand.Score = string(training.ResultFail), 30+h.r.IntN(30)
			}
			ps.Candidates = append(ps.Candidates, cand)
		}
		if len(ps.Candidates) > 0 {
			s.Capacity = len(ps.Candidates)
			out = append(out, ps)
		}
	}
	return out
}

func attended(row []bool) int {
	n := 0
	for _, p := range row {
		if p {
			n++
		}
	}
	return n
}

// claims are the providers' paid subsidy claims (masked gives a trainee's
// masked ID number): every upgrade class with
// a standard whose trainees include someone certified, in the order the
// classes ended, each trainee checked by the claims' rules
// (training.CheckTrainee) against what the history holds — enrolled a week
// before, attendance, the certificate, and not subsidised before for the
// occupation and level. The policy engine's verdict (rule 4) is taken as
// met: the trainees of in-house training are insured employees.
// Claim ids are the list's order from 1, as InsertPaidClaims gives them on
// the demo's empty store (the earlier claim a refusal names).
func (h *historyGen) claims(classes []store.PastClass, sittings []store.PastSitting, people map[int64]*registry.Person, masked func(int64) string,
	today time.Time) []*training.Claim {
	type key struct {
		person int64
		occ    string
		level  training.Level
	}
	certOn := map[key]time.Time{}
	for _, s := range sittings {
		for _, c := range s.Certificates {
			certOn[key{c.PersonID, c.Occupation, c.Level}] = c.IssuedOn
		}
	}
	paid := map[key]*training.Prior{}
	var out []*training.Claim
	for _, pc := range sortedByEnd(classes) {
		c := pc.Class
		submitted := c.End().AddDate(0, 0, 45)
		paidOn := submitted.AddDate(0, 0, 30)
		if c.Type != training.TypeUpgrade || c.SubsidyYuan == 0 || paidOn.After(today) {
			continue
		}
		k := &training.Claim{ClassID: c.ID, ProviderID: c.ProviderID, Occupation: c.Occupation, Level: c.Level, StandardYuan: c.SubsidyYuan,
			SubmittedAt: submitted.Add(2 * time.Hour), DecidedAt: submitted.AddDate(0, 0, 15).Add(3 * time.Hour), PaidOn: paidOn,
			PaidBatch: "PX" + paidOn.Format("200601"), ClassTitle: c.Title}
		var took []key
		for i, id := range pc.Trainees {
			kk := key{id, c.Occupation, c.Level}
			f := training.TraineeFacts{PersonID: id, Name: people[id].Name, IDMasked: masked(id),
				EnrolledAt: c.Start().Add(-7 * 24 * time.Hour), Attended: attended(pc.Present[i]), Prior: paid[kk],
				Eligible: training.Check{OK: true, Reason: "企业在岗职工，参加失业保险（演示数据）"}}
			if on, ok := certOn[kk]; ok && !on.Before(c.Start()) && on.Before(submitted) {
				f.CertOn = on
			}
			tc := training.CheckTrainee(c, h.standards.AttendanceThreshold, f)
			k.Items = append(k.Items, tc)
			k.Checked++
			if tc.Eligible {
				k.Trainees++
				k.TotalYuan += tc.AmountYuan
				took = append(took, kk)
			}
		}
		if k.Trainees == 0 {
			continue
		}
		k.ID = int64(len(out) + 1)
		for _, kk := range took {
			paid[kk] = &training.Prior{ClaimID: k.ID, ClassTitle: c.Title, ProviderName: h.names[c.ProviderID], Status: "paid", On: paidOn}
		}
		out = append(out, k)
	}
	return out
}

// sortedByEnd is the classes in the order they ended (stable).
func sortedByEnd(classes []store.PastClass) []store.PastClass {
	out := append([]store.PastClass(nil), classes...)
	slices.SortStableFunc(out, func(a, b store.PastClass) int { return a.Class.End().Compare(b.Class.End()) })
	return out
}

// checkClaimIDs reports a claim stored under another id than the one its
// trainees' refusals name.
func checkClaimIDs(list []*training.Claim, want []int64) error {
	for i, k := range list {
		if k.ID != want[i] {
			return fmt.Errorf("demo: claim %d stored as %d; the store was not empty", want[i], k.ID)
		}
	}
	return nil
}
