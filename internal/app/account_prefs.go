package app

import (
	"context"

	"github.com/jiuye/jiuye/internal/account"
)

// SetLargeText records the caller's own choice of 大字模式 on their account,
// so it follows them to every device; the pages read it from the session's
// user (account.User.LargeText), ahead of the browser's cookie.
func (x *Accounts) SetLargeText(ctx context.Context, a Actor, on bool) error {
	if !account.IsLoggedIn(a.User) {
		return x.deny(ctx, a, "user", 0)
	}
	return x.db.Accounts().SetLargeText(ctx, a.User.ID, on)
}
