package app

// 培训补贴申领: after a filed class ends, its provider's employer users
// check the class — every enrolled trainee against the five rules, each
// with its reason in words — and submit the claim; the amount is the
// class's standard for every trainee who passes, the total their sum.
// The claim then follows the review of a policy application: a reviewer
// approves it or returns it with a reason (the provider checks again and
// resubmits), and records the payout in a batch. The provider is told at
// each step in its inbox; every step is audited. The facts are read for
// the whole class in a few set-based queries and the policy engine
// explains only the standard's policy for each trainee, so a class of
// 20,000 is checked in seconds. Another provider's claim or class is
// answered as one that does not exist.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// TrainingClaims is the use cases of 培训补贴申领.
type TrainingClaims struct {
	*core
	training *Training
	policies *Policies
}

// Working age used when a standard names no catalog policy.
const (
	claimMinAge = 16
	claimMaxAge = 60
)

// ClaimCheck is a class checked for a claim: every enrolled trainee with
// the five checks, and what the claim would be.
type ClaimCheck struct {
	Class     *training.Class
	Provider  *training.Provider
	Standard  training.Standard
	Threshold float64
	// GroupRule says how rule 4 was decided: the catalog policy by name,
	// or the working-age rule when the standard names none.
	GroupRule string
	Items     []training.TraineeCheck
	Eligible  int
	TotalYuan int
	Claim     *training.Claim // the class's claim, if any
	Blocked   string          // why the class cannot be claimed now ("" when it can)
	Owner     bool            // the reader is one of the provider's employer users
}

// ThresholdPercent is the attendance threshold as a whole percentage.
func (c *ClaimCheck) ThresholdPercent() int { return int(c.Threshold*100 + 0.5) }

// CanSubmit reports whether the owner may submit (or resubmit) now.
func (c *ClaimCheck) CanSubmit() bool {
	return c.Owner && c.Blocked == "" && (c.Claim == nil || c.Claim.Status == training.ClaimReturned)
}

// claimClass returns a class with its provider to its provider's employer
// users and the bureau; anyone else is answered as if it did not exist.
func (x *TrainingClaims) claimClass(ctx context.Context, a Actor, classID int64) (*training.Class, *training.Provider, error) {
	if !account.IsEmployer(a.User) && !account.CanSeeTrainingClaims(a.User) {
		return nil, nil, x.deny(ctx, a, "training_class", classID)
	}
	ts := x.db.Training()
	c, err := ts.ClassByID(ctx, classID)
	if err != nil {
		return nil, nil, err
	}
	p, err := ts.ProviderByID(ctx, c.ProviderID)
	if err != nil {
		return nil, nil, err
	}
	if !account.CanSeeTrainingClaim(a.User, p.EnterpriseID) {
		return nil, nil, x.conceal(ctx, a, "training_class", classID)
	}
	return c, p, nil
}

// CheckClass checks every trainee of a class for the subsidy (a preview
// before submitting, or the current state for the bureau), audited as a
// reading of the trainees' records.
func (x *TrainingClaims) CheckClass(ctx context.Context, a Actor, classID int64) (*ClaimCheck, error) {
	c, p, err := x.claimClass(ctx, a, classID)
	if err != nil {
		return nil, err
	}
	cc, err := x.check(ctx, c, p)
	if err != nil {
		return nil, err
	}
	cc.Owner = account.CanClaimTrainingSubsidy(a.User, p.EnterpriseID)
	if err := x.db.Audit(ctx, a.store(), "training.claim.check", "training_class", classID,
		fmt.Sprintf("核查培训补贴：%s（%d 人，符合 %d 人）", c.Title, len(cc.Items), cc.Eligible), audit.ResultOK); err != nil {
		return nil, err
	}
	return cc, nil
}

// check runs the five rules over the class's trainees.
func (x *TrainingClaims) check(ctx context.Context, c *training.Class, p *training.Provider) (*ClaimCheck, error) {
	st, err := x.training.standards()
	if err != nil {
		return nil, err
	}
	cc := &ClaimCheck{Class: c, Provider: p, Threshold: st.AttendanceThreshold, Blocked: c.MayClaim(x.now())}
	if k, err := x.db.TrainingClaims().ClaimOfClass(ctx, c.ID); err == nil {
		cc.Claim = k
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return nil, err
	}
	if cc.Blocked == "" && cc.Claim != nil && cc.Claim.Status != training.ClaimReturned {
		cc.Blocked = fmt.Sprintf("该班已有补贴申领 #%d（%s），不能重复申领", cc.Claim.ID, cc.Claim.Status.Label())
	}
	std, ok := st.Lookup(c.Type, c.Level, c.Start())
	if !ok || len(c.Sessions) == 0 {
		if cc.Blocked == "" {
			cc.Blocked = "该班的培训类型和等级没有补贴标准，不能申领补贴"
		}
		return cc, nil
	}
	cc.Standard = std
	trainees, err := x.db.TrainingClaims().ClaimFacts(ctx, c)
	if err != nil {
		return nil, err
	}
	judge, rule, err := x.groupJudge(ctx, c, std)
	if err != nil {
		return nil, err
	}
	cc.GroupRule = rule
	cc.Items = make([]training.TraineeCheck, len(trainees))
	for i, t := range trainees {
		t.Facts.Eligible = judge(t)
		cc.Items[i] = training.CheckTrainee(c, st.AttendanceThreshold, t.Facts)
		if cc.Items[i].Eligible {
			cc.Eligible++
			cc.TotalYuan += cc.Items[i].AmountYuan
		}
	}
	if cc.Blocked == "" && cc.Eligible == 0 {
		cc.Blocked = "没有符合补贴条件的学员，不能申领（每位学员不符合的理由见下表）"
	}
	return cc, nil
}

// groupJudge returns rule 4 for the class: the policy engine's verdict
// on the standard's catalog policy, or the working-age rule when it
// names none; and the rule in words.
func (x *TrainingClaims) groupJudge(ctx context.Context, c *training.Class, std training.Standard) (func(*store.ClaimTrainee) training.Check, string, error) {
	if std.Policy == "" {
		start := c.Start()
		rule := fmt.Sprintf("政策目录中没有“%s”的补贴政策，按劳动年龄认定：开班时 %d–%d 周岁", c.Type.Label(), claimMinAge, claimMaxAge)
		return func(t *store.ClaimTrainee) training.Check {
			age := ageOn(t.Person.Birth, start)
			ok := age >= claimMinAge && age <= claimMaxAge
			word := "在"
			if !ok {
				word = "不在"
			}
			return training.Check{OK: ok, Reason: fmt.Sprintf("开班时 %d 周岁，%s劳动年龄（%d–%d 周岁）内（政策目录中没有该类培训的补贴政策，按劳动年龄认定）",
				age, word, claimMinAge, claimMaxAge)}
		}, rule, nil
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, "", err
	}
	pol, ok := set.Cat.Policy(std.Policy)
	if !ok {
		return nil, "", fmt.Errorf("app.TrainingClaims: the standards name policy %q, which the catalog in force lacks", std.Policy)
	}
	rule := "政策目录“" + pol.Name + "”（" + pol.ID + "）的补贴对象条件，由政策引擎按取证（或考核合格）日期判断，未取证的按结课日期"
	occ := x.training.OccupationName(c.Occupation)
	return func(t *store.ClaimTrainee) training.Check {
		attrs := PersonAttrs(x.codes, t.Person, decodeAnswers(t.Answers))
		on := c.End()
		if cert, issued, ok := certAttr(occ, c.Level, t.Facts); ok {
			certs, _ := attrs["certificates"].([]any)
			attrs["certificates"], on = append(certs, cert), issued
		}
		prep, err := set.Cat.Prepare(policy.Subject{Kind: policy.KindPerson, Attrs: attrs})
		if err != nil {
			return training.Check{Reason: "政策问卷的答案无法判断“" + pol.Name + "”：" + err.Error()}
		}
		v, err := set.Cat.Explain(prep, pol.ID, on)
		switch {
		case err != nil:
			return training.Check{Reason: "无法判断“" + pol.Name + "”：" + err.Error()}
		case !v.Active:
			return training.Check{Reason: on.Format(time.DateOnly) + " 不在“" + pol.Name + "”的有效期（" + pol.Validity.From + " 至 " + pol.Validity.To + "）内"}
		case v.Eligible:
			return training.Check{OK: true, Reason: "符合“" + pol.Name + "”的补贴对象条件：" + strings.Join(v.Reasons, "；")}
		}
		var why []string
		for _, f := range v.Failed {
			why = append(why, f.Reason)
		}
		return training.Check{Reason: "不符合“" + pol.Name + "”的补贴对象条件：" + strings.Join(why, "；")}
	}, rule, nil
}

// certAttr is the trainee's certificate for the class (or the passed
// exam, counted as the certificate to come) as the engine reads it, and
// its date, the day the policy is judged on; false when there is none.
func certAttr(occupation string, level training.Level, f training.TraineeFacts) (map[string]any, time.Time, bool) {
	on := f.CertOn
	if on.IsZero() {
		on = f.PassedOn
	}
	if on.IsZero() {
		return nil, on, false
	}
	names := map[training.Level]string{5: "初级", 4: "中级", 3: "高级", 2: "技师", 1: "高级技师"}
	return map[string]any{"occupation": occupation, "level": names[level], "issued": on.Format(time.DateOnly)}, on, true
}

// ageOn is the age in whole years on day of someone born on birth.
func ageOn(birth, day time.Time) int {
	if birth.IsZero() {
		return -1
	}
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}

// Submit checks the class again and submits its claim; a returned claim
// of the class is submitted again with the new checks. Only the
// provider's employer users may; a class not ended, without a standard,
// or with an open claim is a Conflict.
func (x *TrainingClaims) Submit(ctx context.Context, a Actor, classID int64) (*training.Claim, error) {
	c, p, err := x.claimClass(ctx, a, classID)
	if err != nil {
		return nil, err
	}
	if !account.CanClaimTrainingSubsidy(a.User, p.EnterpriseID) {
		return nil, x.deny(ctx, a, "training_claim", 0)
	}
	cc, err := x.check(ctx, c, p)
	if err != nil {
		return nil, err
	}
	if cc.Blocked != "" {
		return nil, apperr.New(apperr.Conflict, cc.Blocked)
	}
	k := &training.Claim{ClassID: c.ID, ProviderID: p.ID, EnterpriseID: p.EnterpriseID, ProviderName: p.Name, ClassTitle: c.Title,
		Occupation: c.Occupation, Level: c.Level, StandardYuan: cc.Standard.Yuan}
	if cc.Claim != nil {
		k.ID, k.Round = cc.Claim.ID, cc.Claim.Round
	}
	if err := x.db.TrainingClaims().SubmitClaim(ctx, a.store(), store.ClaimSubmission{Claim: k, Items: cc.Items, Tell: claimSubmittedMessage}); err != nil {
		return nil, err
	}
	return x.db.TrainingClaims().ClaimByID(ctx, k.ID)
}

// Resubmit submits a returned claim again, checked anew.
func (x *TrainingClaims) Resubmit(ctx context.Context, a Actor, id int64) (*training.Claim, error) {
	k, err := x.Claim(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if msg := training.CanResubmit(k.Status); msg != "" {
		return nil, apperr.New(apperr.Conflict, msg)
	}
	return x.Submit(ctx, a, k.ClassID)
}

func claimLink(id int64) string { return "/enterprise/training/claims/" + strconv.FormatInt(id, 10) }

func claimSubmittedMessage(k *training.Claim) *notify.Message {
	return &notify.Message{SubjectType: policy.KindEnterprise, SubjectID: k.EnterpriseID, Kind: "training_claim",
		Title: "补贴申领已提交：" + k.ClassTitle,
		Body:  fmt.Sprintf("“%s”的培训补贴申领 #%d 已提交（第 %d 次），符合条件 %d 人，合计 %d 元，等待人社局审核。", k.ClassTitle, k.ID, k.Round, k.Trainees, k.TotalYuan),
		Link:  claimLink(k.ID), DedupeKey: fmt.Sprintf("training_claim:%d:submitted:%d", k.ID, k.Round)}
}

func claimDecidedMessage(k *training.Claim) *notify.Message {
	body := fmt.Sprintf("“%s”的培训补贴申领 #%d %s", k.ClassTitle, k.ID, k.Status.Label())
	if k.Status == training.ClaimApproved {
		body += fmt.Sprintf("，核定 %d 人 %d 元，发放后将再通知您。", k.Trainees, k.TotalYuan)
	} else {
		body += "。原因：" + k.Reason + "。请核对学员的考勤、证书等情况后重新提交。"
	}
	return &notify.Message{SubjectType: policy.KindEnterprise, SubjectID: k.EnterpriseID, Kind: "training_claim",
		Title: "补贴申领" + k.Status.Label() + "：" + k.ClassTitle, Body: body, Link: claimLink(k.ID),
		DedupeKey: fmt.Sprintf("training_claim:%d:%s:%d", k.ID, k.Status, k.Round)}
}

func paidClaimMessage(k *training.Claim) *notify.Message {
	return &notify.Message{SubjectType: policy.KindEnterprise, SubjectID: k.EnterpriseID, Kind: "training_claim",
		Title: "培训补贴已发放：" + k.ClassTitle,
		Body: fmt.Sprintf("“%s”的培训补贴 %d 元（%d 人）已于 %s 发放（批次 %s），请留意到账。", k.ClassTitle, k.TotalYuan, k.Trainees,
			k.PaidOn.Format(time.DateOnly), k.PaidBatch),
		Link: claimLink(k.ID), DedupeKey: fmt.Sprintf("training_claim:%d:paid", k.ID)}
}

// Claim returns a claim with its per-trainee checks to its provider's
// employer users and the bureau (anyone else: 404, audited); the reading
// is audited.
func (x *TrainingClaims) Claim(ctx context.Context, a Actor, id int64) (*training.Claim, error) {
	if !account.IsEmployer(a.User) && !account.CanSeeTrainingClaims(a.User) {
		return nil, x.deny(ctx, a, "training_claim", id)
	}
	k, err := x.db.TrainingClaims().ClaimByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanSeeTrainingClaim(a.User, k.EnterpriseID) {
		return nil, x.conceal(ctx, a, "training_claim", id)
	}
	if err := x.db.Audit(ctx, a.store(), "training.claim.view", "training_claim", id,
		fmt.Sprintf("查看培训补贴申领 #%d“%s”（%d 人）", id, k.ClassTitle, len(k.Items)), audit.ResultOK); err != nil {
		return nil, err
	}
	return k, nil
}

// MyClaims are the claims of the employer's enterprise's providers.
func (x *TrainingClaims) MyClaims(ctx context.Context, a Actor) ([]*training.Claim, error) {
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "training_claim", 0)
	}
	if a.User.EnterpriseID == 0 {
		return nil, nil
	}
	ks, _, err := x.db.TrainingClaims().Claims(ctx, store.ClaimFilter{EnterpriseID: a.User.EnterpriseID, Limit: 500})
	return ks, err
}

// ClaimPageSize is how many claims a page of the bureau's list shows.
const ClaimPageSize = 50

// claimStatus reads a status filter ("" for all).
func claimStatus(s string) (training.ClaimStatus, error) {
	st := training.ClaimStatus(strings.TrimSpace(s))
	if st != "" && !st.Valid() {
		return "", apperr.Field("status", "状态应为 submitted、returned、approved 或 paid")
	}
	return st, nil
}

// ListClaims is the bureau's list of claims (of status; "" all), a page
// of ClaimPageSize from page 1, with the total.
func (x *TrainingClaims) ListClaims(ctx context.Context, a Actor, status string, page int) ([]*training.Claim, int, error) {
	if !account.CanSeeTrainingClaims(a.User) {
		return nil, 0, x.deny(ctx, a, "training_claim", 0)
	}
	st, err := claimStatus(status)
	if err != nil {
		return nil, 0, err
	}
	return x.db.TrainingClaims().Claims(ctx, store.ClaimFilter{Status: st, Limit: ClaimPageSize, Offset: (max(page, 1) - 1) * ClaimPageSize})
}

// ExportClaims is every claim (of status) for the bureau's spreadsheet, audited.
func (x *TrainingClaims) ExportClaims(ctx context.Context, a Actor, status string) ([]*training.Claim, error) {
	if !account.CanSeeTrainingClaims(a.User) {
		return nil, x.deny(ctx, a, "training_claim", 0)
	}
	st, err := claimStatus(status)
	if err != nil {
		return nil, err
	}
	ks, _, err := x.db.TrainingClaims().Claims(ctx, store.ClaimFilter{Status: st, Limit: 100_000})
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "training.claim.export", "training_claim", 0, fmt.Sprintf("导出培训补贴申领 %d 份", len(ks)), audit.ResultOK); err != nil {
		return nil, err
	}
	return ks, nil
}

// Decide is a reviewer's decision on a submitted claim.
func (x *TrainingClaims) Decide(ctx context.Context, a Actor, id int64, d training.ClaimDecision) (*training.Claim, error) {
	if !account.CanDecideTrainingClaims(a.User) {
		return nil, x.deny(ctx, a, "training_claim", id)
	}
	to, err := d.Validate()
	if err != nil {
		return nil, err
	}
	return x.db.TrainingClaims().DecideClaim(ctx, a.store(), id, to, d.Reason, claimDecidedMessage)
}

// PayClaims records a payout batch for approved claims, all or nothing,
// and tells each provider; it returns the claims paid and the yuan.
func (x *TrainingClaims) PayClaims(ctx context.Context, a Actor, in PayInput) (int, int, error) {
	if !account.CanDecideTrainingClaims(a.User) {
		return 0, 0, x.deny(ctx, a, "training_claim", 0)
	}
	var f apperr.Fields
	if len(in.IDs) == 0 || len(in.IDs) > 5000 {
		f.Add("ids", "请选择 1–5000 份审核通过的补贴申领")
	}
	in.Batch = strings.TrimSpace(in.Batch)
	if in.Batch == "" {
		f.Add("batch", "请填写发放批次号")
	}
	registry.CheckText(&f, "batch", in.Batch, training.MaxBatch)
	paidOn := ParseDate(&f, "paid_on", in.PaidOn)
	switch {
	case strings.TrimSpace(in.PaidOn) == "":
		f.Add("paid_on", "请填写发放日期")
	case !paidOn.IsZero() && paidOn.After(chinatime.Today(x.now())):
		f.Add("paid_on", "发放日期不能晚于今天")
	}
	if err := f.Err(); err != nil {
		return 0, 0, err
	}
	return x.db.TrainingClaims().PayClaims(ctx, a.store(), in.IDs, in.Batch, paidOn, paidClaimMessage)
}

// Ledger is the subsidy ledger (台账) for the months from–to (YYYY-MM,
// inclusive; default the last twelve months to this one).
type Ledger struct {
	From, To string // YYYY-MM
	Rows     []training.LedgerRow
	Claims   int
	Trainees int
	Yuan     int
}

// ledger reads the ledger for the months asked.
func (x *TrainingClaims) ledger(ctx context.Context, a Actor, from, to string) (*Ledger, error) {
	if !account.CanSeeTrainingClaims(a.User) {
		return nil, x.deny(ctx, a, "training_claim", 0)
	}
	today := chinatime.Today(x.now())
	this := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	var f apperr.Fields
	month := func(field, s string, def time.Time) time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return def
		}
		m, err := time.Parse("2006-01", s)
		if err != nil {
			f.Add(field, "月份格式应为 YYYY-MM，如 2025-08")
		}
		return m
	}
	first, last := month("from", from, this.AddDate(0, -11, 0)), month("to", to, this)
	if len(f) == 0 && last.Before(first) {
		f.Add("to", "结束月份不能早于开始月份")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	rows, err := x.db.TrainingClaims().Ledger(ctx, first, last.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	l := &Ledger{From: first.Format("2006-01"), To: last.Format("2006-01"), Rows: rows}
	for _, r := range rows {
		l.Claims += r.Claims
		l.Trainees += r.Trainees
		l.Yuan += r.Yuan
	}
	return l, nil
}

// SubsidyLedger is the ledger for the bureau's page.
func (x *TrainingClaims) SubsidyLedger(ctx context.Context, a Actor, from, to string) (*Ledger, error) {
	return x.ledger(ctx, a, from, to)
}

// ExportLedger is the ledger for the .xlsx download, audited.
func (x *TrainingClaims) ExportLedger(ctx context.Context, a Actor, from, to string) (*Ledger, error) {
	l, err := x.ledger(ctx, a, from, to)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "training.ledger.export", "training_claim", 0,
		fmt.Sprintf("导出培训补贴台账 %s 至 %s（%d 行，%d 元）", l.From, l.To, len(l.Rows), l.Yuan), audit.ResultOK); err != nil {
		return nil, err
	}
	return l, nil
}

// OccupationName is an occupation's name, for the pages.
func (x *TrainingClaims) OccupationName(code string) string { return x.training.OccupationName(code) }
