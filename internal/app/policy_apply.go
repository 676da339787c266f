package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/secret"
)

// PolicyApps is the use cases of policy applications: applying with
// materials, review, payouts and 免申即享 grants, and the uploads.
type PolicyApps struct {
	*core
	policies *Policies // the catalog and the subject's attributes
	dataDir  string    // uploads live under dataDir/uploads
	files    *secret.FileBox
	// owners decide who may read the materials of other modules'
	// applications stored with the same uploads (funding, 青创贷), by
	// owner type.
	owners map[string]func(ctx context.Context, u *account.User, ownerID int64) (bool, error)
}

// Apply files an application for a policy the user's subject is eligible
// for today, with its materials. It records the policy version in force.
func (x *PolicyApps) Apply(ctx context.Context, a Actor, policyID, note string, files []UploadFile) (*policy.Application, error) {
	kind, id, err := subjectOf(a.User)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	registry.CheckText(&f, "note", note, 1000)
	if err := f.Err(); err != nil {
		return nil, err
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	doc, ok := set.Docs[policyID]
	p, inCat := set.Cat.Policy(policyID)
	if !ok || !inCat || doc.Status != policy.Published {
		return nil, apperr.New(apperr.NotFound, "政策不存在")
	}
	if p.Beneficiary != kind {
		return nil, apperr.New(apperr.Invalid, "该政策的申请主体是"+beneficiaryLabel(p.Beneficiary))
	}
	attrs, _, err := x.policies.subjectAttrs(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	res, err := set.Cat.Match(policy.Subject{Kind: kind, Attrs: attrs}, x.policies.beijingDay())
	if err != nil {
		return nil, engineErr(err)
	}
	var amount float64
	eligible := false
	for _, e := range res.Eligible {
		if e.PolicyID == policyID {
			eligible, amount = true, e.Benefit.OneOffYuan() // a monthly amount is granted by staff
		}
	}
	if !eligible {
		return nil, ineligibleErr(res, policyID)
	}
	saved, err := x.saveUploads(files, "materials")
	if err != nil {
		return nil, err
	}
	ap := &policy.Application{PolicyID: policyID, PolicyName: p.Name, Version: doc.Version, SubjectType: kind, SubjectID: id,
		ApplicantID: a.User.ID, ExclusiveGroup: p.ExclusiveGroup, Status: policy.Submitted, AmountYuan: amount, Note: strings.TrimSpace(note)}
	if err := x.db.Policies().CreateApplication(ctx, a.store(), ap, saved.uploads); err != nil {
		saved.discard()
		return nil, err
	}
	return ap, nil
}

// ineligibleErr explains why the subject cannot apply, with the hint.
func ineligibleErr(res *policy.Result, policyID string) error {
	for _, in := range res.Ineligible {
		if in.PolicyID != policyID {
			continue
		}
		var reasons []string
		for _, fl := range in.Failed {
			reasons = append(reasons, fl.Reason)
		}
		msg := "您目前不符合该政策条件：" + strings.Join(reasons, "；")
		if in.Hint != "" {
			msg += "。" + in.Hint
		}
		return apperr.New(apperr.Invalid, msg)
	}
	return apperr.New(apperr.Invalid, "该政策当前不在申请期内或不面向您的主体类型")
}

func beneficiaryLabel(b string) string {
	if b == policy.KindEnterprise {
		return "企业"
	}
	return "个人"
}

// ApplicationView is an application with its files, for its page.
type ApplicationView struct {
	App     *policy.Application
	Uploads []policy.Upload
	// Materials is the policy's 申请材料 checklist and TimeLimit its 办理时限
	// (policy.NoTimeLimit when the catalog gives none). AnswerBy is the day
	// by which the bureau must answer an application awaiting review: the
	// time limit counted from its (re)submission in China time; zero when
	// the catalog gives no time limit or nothing awaits an answer.
	Materials []string
	TimeLimit string
	AnswerBy  time.Time
}

// Application returns one application to its applicant's subject or to bureau staff.
func (x *PolicyApps) Application(ctx context.Context, a Actor, id int64) (*ApplicationView, error) {
	ap, err := x.db.Policies().ApplicationByID(ctx, id)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) && a.User == nil {
			return nil, apperr.New(apperr.Unauthorized, "请先登录")
		}
		return nil, err
	}
	if !x.mayViewApplication(a.User, ap) {
		return nil, x.conceal(ctx, a, "policy_application", id)
	}
	ups, err := x.db.Policies().UploadsOf(ctx, "policy_application", id)
	if err != nil {
		return nil, err
	}
	v := &ApplicationView{App: ap, Uploads: ups, TimeLimit: policy.NoTimeLimit}
	if set, err := x.policies.Catalog(ctx); err == nil {
		if p, ok := set.Cat.Policy(ap.PolicyID); ok {
			v.Materials, v.TimeLimit = p.Public().Materials, p.TimeLimitText()
			if ap.Status == policy.Submitted {
				from := ap.CreatedAt
				if !ap.DecidedAt.IsZero() { // returned, then resubmitted: the clock starts again
					from = ap.UpdatedAt
				}
				v.AnswerBy, _ = p.AnswerBy(from.In(chinatime.Zone))
			}
		}
	}
	return v, nil
}

// mayViewApplication: the applicant's subject and bureau personnel.
func (x *PolicyApps) mayViewApplication(u *account.User, ap *policy.Application) bool {
	return x.ownsApplication(u, ap) || account.CanUseConsole(u)
}

func (x *PolicyApps) ownsApplication(u *account.User, ap *policy.Application) bool {
	kind, id, err := subjectOf(u)
	return err == nil && kind == ap.SubjectType && id == ap.SubjectID
}

// MyApplications lists the user's own subject's applications.
func (x *PolicyApps) MyApplications(ctx context.Context, a Actor) ([]*policy.Application, error) {
	kind, id, err := subjectOf(a.User)
	if err != nil {
		return nil, err
	}
	apps, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{SubjectType: kind, SubjectID: id, Limit: 200})
	return apps, err
}

// ExportApplications lists applications for an Excel export, with the
// export audited: the file carries applicants' names out of the system.
func (x *PolicyApps) ExportApplications(ctx context.Context, a Actor, f policy.ApplicationFilter) ([]*policy.Application, error) {
	apps, _, err := x.ListApplications(ctx, a, f)
	if err != nil {
		return nil, err
	}
	summary := fmt.Sprintf("导出 %d 条申请（政策=%s 状态=%s）", len(apps), f.PolicyID, f.Status)
	if err := x.db.Audit(ctx, a.store(), "policy.export", "policy_application", 0, summary, "ok"); err != nil {
		return nil, err
	}
	return apps, nil
}

// ListApplications is the staff review queue.
func (x *PolicyApps) ListApplications(ctx context.Context, a Actor, f policy.ApplicationFilter) ([]*policy.Application, int, error) {
	if !account.CanUseConsole(a.User) {
		return nil, 0, x.deny(ctx, a, "policy_application", 0)
	}
	return x.db.Policies().ListApplications(ctx, f)
}

// Decide records a reviewer's decision and tells the applicant.
func (x *PolicyApps) Decide(ctx context.Context, a Actor, id int64, d policy.Decision) (*policy.Application, error) {
	if !account.CanReviewApplications(a.User) {
		return nil, x.deny(ctx, a, "policy_application", id)
	}
	d.Reason = strings.TrimSpace(d.Reason)
	return x.db.Policies().DecideApplication(ctx, a.store(), id, d, decisionMessage)
}

func decisionMessage(ap *policy.Application) *notify.Message {
	body := "您申请的“" + ap.PolicyName + "”" + ap.Status.Label()
	switch ap.Status {
	case policy.Approved:
		body += fmt.Sprintf("，核定金额 %.2f 元，发放后将再通知您。", ap.AmountYuan)
	case policy.Rejected, policy.Returned:
		body += "。原因：" + ap.DecisionReason
	}
	return &notify.Message{SubjectType: ap.SubjectType, SubjectID: ap.SubjectID, Kind: "policy_application",
		Title: "申请进度：" + ap.PolicyName + " " + ap.Status.Label(), Body: body,
		Link: fmt.Sprintf("/me/applications/%d", ap.ID), DedupeKey: fmt.Sprintf("application:%d:%s", ap.ID, ap.Status)}
}

// Resubmit puts a returned application back in review with more material.
func (x *PolicyApps) Resubmit(ctx context.Context, a Actor, id int64, note string, files []UploadFile) error {
	view, err := x.Application(ctx, a, id)
	if err != nil {
		return err
	}
	if !x.ownsApplication(a.User, view.App) {
		return x.deny(ctx, a, "policy_application", id)
	}
	var f apperr.Fields
	registry.CheckText(&f, "note", note, 1000)
	if err := f.Err(); err != nil {
		return err
	}
	saved, err := x.saveUploads(files, "materials")
	if err != nil {
		return err
	}
	if err := x.db.Policies().ResubmitApplication(ctx, a.store(), id, strings.TrimSpace(note), saved.uploads); err != nil {
		saved.discard()
		return err
	}
	return nil
}

// PayInput is a payout batch.
type PayInput struct {
	IDs    []int64 `json:"ids"`
	Batch  string  `json:"batch"`
	PaidOn string  `json:"paid_on"`
}

// Pay records payouts for approved applications (all or nothing) and tells each applicant.
func (x *PolicyApps) Pay(ctx context.Context, a Actor, in PayInput) (int, float64, error) {
	if !account.CanReviewApplications(a.User) {
		return 0, 0, x.deny(ctx, a, "policy_payout_batch", 0)
	}
	var f apperr.Fields
	if len(in.IDs) == 0 || len(in.IDs) > 5000 {
		f.Add("ids", "请选择 1–5000 条审核通过的申请")
	}
	in.Batch = strings.TrimSpace(in.Batch)
	if in.Batch == "" {
		f.Add("batch", "请填写发放批次号")
	}
	registry.CheckText(&f, "batch", in.Batch, 40)
	paidOn := ParseDate(&f, "paid_on", in.PaidOn)
	if in.PaidOn == "" {
		f.Add("paid_on", "请填写发放日期")
	}
	if err := f.Err(); err != nil {
		return 0, 0, err
	}
	return x.db.Policies().PayBatch(ctx, a.store(), in.IDs, in.Batch, paidOn, paidMessage)
}

func paidMessage(ap *policy.Application) *notify.Message {
	return &notify.Message{SubjectType: ap.SubjectType, SubjectID: ap.SubjectID, Kind: "policy_application",
		Title: "补贴已发放：" + ap.PolicyName,
		Body:  fmt.Sprintf("“%s”补贴 %.2f 元已于 %s 发放（批次 %s），请留意到账。", ap.PolicyName, ap.AmountYuan, ap.Payout.PaidOn.Format(time.DateOnly), ap.Payout.Batch),
		Link:  fmt.Sprintf("/me/applications/%d", ap.ID), DedupeKey: fmt.Sprintf("application:%d:paid", ap.ID)}
}

// ConfirmGrants approves 免申即享 proposals at their proposed amounts and
// pays them in one batch: staff confirm, the money goes out.
func (x *PolicyApps) ConfirmGrants(ctx context.Context, a Actor, in PayInput) (int, float64, error) {
	if !account.CanReviewApplications(a.User) {
		return 0, 0, x.deny(ctx, a, "policy_payout_batch", 0)
	}
	for _, id := range in.IDs {
		ap, err := x.db.Policies().ApplicationByID(ctx, id)
		if err != nil {
			return 0, 0, err
		}
		if ap.Status != policy.Proposed {
			return 0, 0, apperr.New(apperr.Conflict, fmt.Sprintf("申请 #%d 不是待确认的免申即享发放建议", id))
		}
		if ap.AmountYuan <= 0 {
			return 0, 0, apperr.New(apperr.Invalid, fmt.Sprintf("申请 #%d 无法自动测算金额，请逐条审核并核定金额", id))
		}
	}
	for _, id := range in.IDs {
		ap, _ := x.db.Policies().ApplicationByID(ctx, id)
		if _, err := x.db.Policies().DecideApplication(ctx, a.store(), id, policy.Decision{Action: "approve", AmountYuan: ap.AmountYuan},
			func(*policy.Application) *notify.Message { return nil }); err != nil {
			return 0, 0, err
		}
	}
	return x.Pay(ctx, a, in)
}

// PublicityRow is one line of the public 公示 list: names masked.
type PublicityRow struct {
	Name       string
	PolicyName string
	AmountYuan float64
	Status     string
	Date       time.Time
}

// Publicity is the public list of approved and paid applications of a policy.
func (x *PolicyApps) Publicity(ctx context.Context, policyID string) ([]PublicityRow, error) {
	var out []PublicityRow
	for _, st := range []policy.ApplicationStatus{policy.Approved, policy.Paid} {
		apps, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{PolicyID: policyID, Status: string(st), Limit: 5000})
		if err != nil {
			return nil, err
		}
		for _, ap := range apps {
			name := ap.SubjectName
			if ap.SubjectType == policy.KindPerson {
				name = registry.MaskName(name)
			}
			out = append(out, PublicityRow{Name: name, PolicyName: ap.PolicyName, AmountYuan: ap.AmountYuan, Status: ap.Status.Label(), Date: ap.DecidedAt})
		}
	}
	return out, nil
}

// Upload returns an uploaded file's record, and a function reading its
// decrypted bytes, to whoever may see its application; anyone else is
// refused, audited, as for no file.
func (x *PolicyApps) Upload(ctx context.Context, a Actor, id int64) (*policy.Upload, func() ([]byte, error), error) {
	if a.User == nil {
		return nil, nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	u, err := x.db.Policies().UploadByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if may := x.owners[u.OwnerType]; may != nil { // another module's materials
		if ok, err := may(ctx, a.User, u.OwnerID); err != nil || !ok {
			if err == nil {
				err = x.conceal(ctx, a, "upload", id)
			}
			return nil, nil, err
		}
		return u, func() ([]byte, error) { return x.readUpload(u) }, nil
	}
	ap, err := x.db.Policies().ApplicationByID(ctx, u.OwnerID)
	if err != nil {
		return nil, nil, fmt.Errorf("app.Upload: application %d: %w", u.OwnerID, err)
	}
	if !x.mayViewApplication(a.User, ap) {
		return nil, nil, x.conceal(ctx, a, "upload", id)
	}
	return u, func() ([]byte, error) { return x.readUpload(u) }, nil
}
