package training_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/training"
)

// endedClass is a filed 电工 四级 class of four sessions in July 2025 with
// the standard of 1,500 yuan.
func endedClass() *training.Class {
	c := goodClass()
	c.Status, c.SubsidyYuan = training.ClassApproved, 1500
	c.Sessions = nil
	for i := range 4 {
		c.Sessions = append(c.Sessions, training.Session{ID: int64(i + 1), Date: day("2025-07-05").AddDate(0, 0, 7*i), Start: "09:00", End: "17:00", Place: "实训楼"})
	}
	return c
}

// goodFacts pass every rule.
func goodFacts() training.TraineeFacts {
	return training.TraineeFacts{PersonID: 7, Name: "王小明", IDMasked: "420112**********12", EnrolledAt: time.Date(2025, 6, 20, 2, 0, 0, 0, time.UTC),
		Attended: 4, CertOn: day("2025-08-20"), Eligible: training.Check{OK: true, Reason: "符合"}}
}

// TestClaimRules: every rule passes or fails on its own fact, with its
// reason in words; the amount is the standard only when all pass.
func TestClaimRules(t *testing.T) {
	c := endedClass()
	got := training.CheckTrainee(c, 0.8, goodFacts())
	if !got.Eligible || got.AmountYuan != 1500 || len(got.Checks) != 5 || got.Reasons() != "" {
		t.Fatalf("good trainee: %+v", got)
	}
	for i, r := range training.Rules {
		if got.Checks[i].Rule != r || got.Checks[i].Reason == "" {
			t.Errorf("check %d: %+v", i, got.Checks[i])
		}
	}
	for _, tc := range []struct {
		rule training.Rule
		edit func(f *training.TraineeFacts)
		says string
	}{
		{training.RuleEnrolled, func(f *training.TraineeFacts) { f.EnrolledAt = time.Date(2025, 7, 5, 1, 30, 0, 0, time.UTC) }, "晚于开班时间"}, // 09:30 in China
		{training.RuleAttendance, func(f *training.TraineeFacts) { f.Attended = 3 }, "出勤 3/4 次（75%），未达到 80%"},
		{training.RuleCertificate, func(f *training.TraineeFacts) { f.CertOn = time.Time{} }, "没有本职业四级/中级工的有效证书"},
		{training.RuleEligible, func(f *training.TraineeFacts) {
			f.Eligible = training.Check{Reason: "不符合：失业保险缴费不足 12 个月"}
		}, "不足 12 个月"},
		{training.RuleOnce, func(f *training.TraineeFacts) {
			f.Prior = &training.Prior{ClaimID: 3, ClassTitle: "电工班", ProviderName: "甲学校", Status: "paid", On: day("2024-03-15")}
		}, "甲学校“电工班”的补贴申领 #3 已发放本职业四级/中级工的补贴（2024-03-15）"},
		{training.RuleOnce, func(f *training.TraineeFacts) {
			f.Prior = &training.Prior{ClaimID: 4, ClassTitle: "电工班", ProviderName: "乙学校", Status: "pending", On: day("2025-08-01")}
		}, "正在申领"},
	} {
		f := goodFacts()
		tc.edit(&f)
		got := training.CheckTrainee(c, 0.8, f)
		ck := got.CheckOf(tc.rule)
		if got.Eligible || got.AmountYuan != 0 || ck.OK || !strings.Contains(ck.Reason, tc.says) || !strings.Contains(got.Reasons(), tc.says) {
			t.Errorf("%s: %+v", tc.rule, got)
		}
		for _, other := range got.Checks {
			if other.Rule != tc.rule && !other.OK {
				t.Errorf("%s also failed %s: %s", tc.rule, other.Rule, other.Reason)
			}
		}
	}
	// An exam passed counts for the certificate; 3 of 4 meets a 75% threshold.
	f := goodFacts()
	f.CertOn, f.PassedOn, f.Attended = time.Time{}, day("2025-08-02"), 3
	if got := training.CheckTrainee(c, 0.75, f); !got.Eligible || !strings.Contains(got.CheckOf(training.RuleCertificate).Reason, "考核合格") {
		t.Errorf("exam passed at 75%%: %+v", got)
	}
	got = training.CheckTrainee(c, 0.8, goodFacts())
	got.Exclude(training.RuleConcurrent, "另一份申领")
	if got.Eligible || got.AmountYuan != 0 || got.Reasons() != "另一份申领" {
		t.Errorf("excluded: %+v", got)
	}
}

// TestMayClaim: only a filed class whose last session has ended and that
// has a standard can be claimed.
func TestMayClaim(t *testing.T) {
	c := endedClass()
	ended := time.Date(2025, 7, 26, 9, 0, 1, 0, time.UTC) // 17:00:01 in China on the last day
	if msg := c.MayClaim(ended); msg != "" {
		t.Errorf("ended class: %s", msg)
	}
	if msg := c.MayClaim(time.Date(2025, 7, 26, 8, 0, 0, 0, time.UTC)); !strings.Contains(msg, "尚未结课") {
		t.Errorf("during the last session: %q", msg)
	}
	c.SubsidyYuan = 0
	if msg := c.MayClaim(ended); !strings.Contains(msg, "没有补贴标准") {
		t.Errorf("no standard: %q", msg)
	}
	c = endedClass()
	c.Status = training.ClassPending
	if msg := c.MayClaim(ended); !strings.Contains(msg, "未备案") {
		t.Errorf("unfiled: %q", msg)
	}
}

// TestClaimDecision: approve or return (with a reason), nothing else; only
// a submitted claim is decided and only a returned one resubmitted.
func TestClaimDecision(t *testing.T) {
	for _, tc := range []struct {
		d     training.ClaimDecision
		to    training.ClaimStatus
		field string
	}{
		{training.ClaimDecision{Action: "approve"}, training.ClaimApproved, ""},
		{training.ClaimDecision{Action: " return ", Reason: "考勤表缺签字"}, training.ClaimReturned, ""},
		{training.ClaimDecision{Action: "return"}, "", "reason"},
		{training.ClaimDecision{Action: "pay"}, "", "action"},
		{training.ClaimDecision{Action: "approve", Reason: strings.Repeat("长", 201)}, "", "reason"},
	} {
		to, err := tc.d.Validate()
		if f := fields(err); (tc.field == "" && err != nil) || (tc.field != "" && f[tc.field] == "") || (err == nil && to != tc.to) {
			t.Errorf("%+v: %v %v", tc.d, to, err)
		}
	}
	for _, s := range training.ClaimStatuses {
		if (training.CanDecide(s) == "") != (s == training.ClaimSubmitted) || (training.CanResubmit(s) == "") != (s == training.ClaimReturned) {
			t.Errorf("status %s", s)
		}
		if !s.Valid() || s.Label() == string(s) {
			t.Errorf("status %s without a label", s)
		}
	}
}
