package app

// 网谷智聘 邀请投递: the post's employer invites a recommended (discoverable)
// person to apply. The person gets an inbox message linking to the post
// and decides; their name and phone stay masked to the enterprise until
// they apply.

import (
	"context"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
)

// InviteCandidate invites person personID to apply to post postID. Only
// the post's own employers may, only for a published post, only a person
// in the candidate pool (anyone else is answered as a missing person,
// audited), once per post and person (Conflict), and at most
// jobs.MaxInvitationsPerDay a Beijing day per enterprise (TooMany).
func (x *Jobs) InviteCandidate(ctx context.Context, a Actor, postID, personID int64) (*jobs.Invitation, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	p, err := x.db.Jobs().PostByID(ctx, postID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if !account.CanInviteCandidates(a.User, p.EnterpriseID) {
		return nil, x.refuse(ctx, a, "job_post", postID, postVisible(a.User, p, now))
	}
	if !p.Searchable(now) {
		return nil, apperr.New(apperr.Invalid, "只能邀请投递已发布、在有效期内的岗位")
	}
	ok, err := x.db.Jobs().Discoverable(ctx, personID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, x.conceal(ctx, a, "person", personID)
	}
	inv := &jobs.Invitation{PostID: p.ID, EnterpriseID: p.EnterpriseID, PersonID: personID, InvitedBy: a.User.ID}
	dayStart := chinatime.Today(now).Add(-8 * time.Hour) // Beijing midnight
	if err := x.db.Jobs().CreateInvitation(ctx, a.store(), inv, dayStart, jobs.MaxInvitationsPerDay, invitedMessage(p, personID)); err != nil {
		return nil, err
	}
	return inv, nil
}

func invitedMessage(p *jobs.Post, personID int64) *notify.Message {
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: personID, Kind: "job_invite",
		Title: p.EnterpriseName + " 邀请您投递：" + p.Title,
		Body: fmt.Sprintf("%s看到了您公开的简历，邀请您申请岗位“%s”。是否申请由您决定；在您申请之前，企业看不到您的完整姓名和联系方式。",
			p.EnterpriseName, p.Title),
		Link: fmt.Sprintf("/jobs/%d", p.ID), DedupeKey: fmt.Sprintf("jobinvite:%d", p.ID)}
}
