package app

import (
	"context"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
)

// Inbox is the use cases of a user's in-site messages.
type Inbox struct{ *core }

// inboxOf is whose inbox a user reads: their person record, their
// enterprise, or (bureau staff) their own account.
func inboxOf(u *account.User) (string, int64) {
	switch {
	case account.IsPerson(u):
		return notify.ToPerson, u.PersonID
	case account.IsEmployer(u):
		return notify.ToEnterprise, u.EnterpriseID
	}
	return notify.ToUser, u.ID
}

// Inbox returns the logged-in user's messages and unread count.
func (x *Inbox) Inbox(ctx context.Context, a Actor) ([]notify.Message, int, error) {
	if a.User == nil {
		return nil, 0, apperr.New(apperr.Unauthorized, "请先登录")
	}
	t, id := inboxOf(a.User)
	return x.db.Inbox(ctx, t, id, 100)
}

// MarkRead marks one of the user's own messages read.
func (x *Inbox) MarkRead(ctx context.Context, a Actor, id int64) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	t, sid := inboxOf(a.User)
	return x.db.MarkRead(ctx, t, sid, id)
}
