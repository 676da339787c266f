package app

// 零工经纪人 个人用工: a person who hires for themselves (a move, a
// repair, a family event) applies with the name workers will see and what
// they hire for; staff at a 零工驿站 verify them (the person's identity is
// on file) before they may post, and the decision is audited and told.

import (
	"context"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/notify"
)

// GigEmployerInput is a person's 个人用工 application.
type GigEmployerInput struct {
	Name    string `json:"name"`    // shown to workers, e.g. 王先生
	Purpose string `json:"purpose"` // what they hire for
}

// MyGigEmployer returns the person's 个人用工 registration, or nil.
func (x *Gigs) MyGigEmployer(ctx context.Context, a Actor) (*gigs.Employer, error) {
	if !account.IsPerson(a.User) {
		return nil, x.deny(ctx, a, "gig_employer", 0)
	}
	return x.db.Gigs().EmployerOfPerson(ctx, a.User.PersonID)
}

// ApplyGigEmployer files the person's 个人用工 application for staff.
func (x *Gigs) ApplyGigEmployer(ctx context.Context, a Actor, in GigEmployerInput) (*gigs.Employer, error) {
	if !account.IsPerson(a.User) {
		return nil, x.deny(ctx, a, "gig_employer", 0)
	}
	in.Name, in.Purpose = strings.TrimSpace(in.Name), strings.TrimSpace(in.Purpose)
	if err := gigs.CheckPersonEmployer(in.Name, in.Purpose); err != nil {
		return nil, err
	}
	return x.db.Gigs().ApplyPersonEmployer(ctx, a.User.PersonID, in.Name, in.Purpose)
}

// PendingGigEmployers lists 个人用工 applications waiting for staff.
func (x *Gigs) PendingGigEmployers(ctx context.Context, a Actor) ([]*gigs.Employer, error) {
	if !account.CanVerifyGigEmployers(a.User) {
		return nil, x.deny(ctx, a, "gig_employer", 0)
	}
	return x.db.Gigs().PendingEmployers(ctx, 200)
}

// EmployerDecision is staff's verification of a 个人用工 application.
type EmployerDecision struct {
	Verify bool   `json:"verify"`
	Reason string `json:"reason,omitempty"` // required to refuse
}

// DecideGigEmployer verifies or refuses a 个人用工 application, audited on
// the person, who is told.
func (x *Gigs) DecideGigEmployer(ctx context.Context, a Actor, id int64, in EmployerDecision) (*gigs.Employer, error) {
	if !account.CanVerifyGigEmployers(a.User) {
		return nil, x.deny(ctx, a, "gig_employer", id)
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if !in.Verify {
		if err := gigs.CheckReason("reason", in.Reason, "请写明不通过的原因，申请人会看到"); err != nil {
			return nil, err
		}
	}
	return x.db.Gigs().DecideEmployer(ctx, a.store(), id, in.Verify, in.Reason, func(e *gigs.Employer) *notify.Message {
		m := &notify.Message{SubjectType: notify.ToPerson, SubjectID: e.PersonID, Kind: "gig_employer", Link: "/gig-posts",
			DedupeKey: fmt.Sprintf("gigemployer:%d:%s:%d", e.ID, e.Status, x.now().UnixMicro())}
		if e.Status == gigs.EmployerVerified {
			m.Title, m.Body = "个人用工已核验", "您的个人用工申请已通过核验，现在可以发布零工了。发布的零工同样经过内容筛查和审核。"
		} else {
			m.Title, m.Body = "个人用工未通过核验", "您的个人用工申请未通过。原因："+e.Reason+"。可修改后重新申请。"
		}
		return m
	})
}
