package app

import (
	"context"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sms"
	"github.com/jiuye/jiuye/internal/store"
)

// SMS codes, password recovery, staff resets and the terms a person
// accepts at sign-up: the rest of Accounts.

// SMSCodeSent is the one answer to a code request, whatever the phone.
const SMSCodeSent = "如果该手机号可以接收，验证码已发送，10 分钟内有效。没有收到？请 60 秒后重新获取，或到服务窗口办理。"

// SendSMSCode sends a 6-digit code to phone for purpose (register or
// reset). The answer, the time it takes, the rate limits and the audit
// entry are the same whether or not the phone has an account: a reset
// code goes only to a phone with an account, a register code only to one
// without (an existing account's phone is told so instead, without a
// code), and a code is stored either way, so trying codes for a phone
// without an account runs into the same attempts limit.
func (x *Accounts) SendSMSCode(ctx context.Context, a Actor, phone, purpose string) error {
	var f apperr.Fields
	ph, err := registry.ParsePhone(phone)
	if err != nil {
		f.Add("phone", fieldMsg(err))
	}
	if !account.ValidSMSPurpose(purpose) {
		f.Add("purpose", "请说明验证码用途：register（注册）或 reset（找回密码）")
	}
	if err := f.Err(); err != nil {
		return err
	}
	u, _, err := x.db.Accounts().UserByPhone(ctx, ph)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	known := err == nil
	var userID int64
	if known {
		userID = u.ID
	}
	code := account.NewSMSCode()
	if err := x.db.Accounts().RecordSMSCode(ctx, a.store(), ph, purpose, code, userID, x.smsPerIP); err != nil {
		return err
	}
	now := x.now()
	m := sms.Message{Phone: ph, Purpose: purpose, At: now}
	switch {
	case purpose == account.SMSPurposeReset && known:
		m.Code, m.Expires = code, now.Add(account.SMSCodeTTL)
		m.Text = "【就业服务平台】您正在找回密码，验证码 " + code + "，10 分钟内有效。如非本人操作请忽略，切勿告诉他人。"
	case purpose == account.SMSPurposeRegister && !known:
		m.Code, m.Expires = code, now.Add(account.SMSCodeTTL)
		m.Text = "【就业服务平台】您正在注册账号，验证码 " + code + "，10 分钟内有效。切勿告诉他人。"
	case purpose == account.SMSPurposeRegister && known:
		m.Text = "【就业服务平台】有人用您的手机号申请注册，但该号码已注册。如忘记密码，请在登录页选择“忘记密码”。如非本人操作请忽略。"
	default:
		return nil // a reset for a phone without an account: nothing to send
	}
	if err := x.sms.Send(ctx, m); err != nil {
		x.log.Error("sms send", "purpose", purpose, "err", err) // the answer stays the same
	}
	return nil
}

// ResetInput is a password reset by SMS code.
type ResetInput struct {
	Phone       string `json:"phone"`
	Code        string `json:"code"`
	NewPassword string `json:"new_password"`
}

// ResetPasswordBySMS sets a new password for the account of phone with a
// code sent to it. The password's general rules are checked before the
// code, so a typo there costs no attempt; the rules about the person's
// own name and ID number only after the code matched (so they tell
// nothing to someone without the phone). A phone without an account gets
// the same answers as a wrong code. Success ends every session and clears
// a lockout; the person then logs in.
func (x *Accounts) ResetPasswordBySMS(ctx context.Context, a Actor, in ResetInput) error {
	ph, err := registry.ParsePhone(in.Phone)
	var f apperr.Fields
	if err != nil {
		f.Add("phone", fieldMsg(err))
	}
	if !account.WellFormedSMSCode(in.Code) {
		f.Add("code", "请输入短信中的 6 位数字验证码")
	}
	if err := account.ValidatePassword(in.NewPassword, ph); err != nil {
		f.Add("new_password", apperr.As(err).Fields["password"])
	}
	if err := f.Err(); err != nil {
		return err
	}
	u, _, err := x.db.Accounts().UserByPhone(ctx, ph)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	codeID, cerr := x.db.Accounts().CheckSMSCode(ctx, ph, account.SMSPurposeReset, in.Code)
	if cerr != nil {
		return cerr
	}
	if u == nil { // a code matched for a phone without an account: cannot happen, none is sent
		return apperr.Field("code", "验证码错误或已过期，请重新获取")
	}
	personal := []string{u.Phone, u.Name}
	if account.IsPerson(u) {
		p, err := x.db.Registry().PersonByID(ctx, u.PersonID)
		if err != nil {
			return err
		}
		personal = append(personal, p.IDNumber)
	}
	if err := account.ValidatePassword(in.NewPassword, personal...); err != nil {
		return apperr.Field("new_password", apperr.As(err).Fields["password"])
	}
	h, err := x.hash(in.NewPassword)
	if err != nil {
		return err
	}
	return x.db.Accounts().ResetPasswordBySMS(ctx, a.store(), codeID, u.ID, h)
}

// PasswordResetTarget returns the account whose password the caller is
// about to reset on its owner's behalf: user userID, or when personID is
// set the account of that person (from the console's person page).
// Reviewers, who never reset passwords, are refused (403); an account the
// caller may not reset (staff and another bureau account) is answered as
// missing, audited either way.
func (x *Accounts) PasswordResetTarget(ctx context.Context, a Actor, userID, personID int64) (*account.User, error) {
	objType, objID := "user", userID
	if personID != 0 {
		objType, objID = "person", personID
	}
	if !account.CanResetPasswords(a.User) {
		return nil, x.deny(ctx, a, objType, objID)
	}
	var target *account.User
	var err error
	if personID != 0 {
		target, err = x.db.Accounts().UserByPersonID(ctx, personID)
	} else {
		target, err = x.db.Accounts().UserByID(ctx, userID)
	}
	if apperr.Is(err, apperr.NotFound) {
		return nil, store.Missing(objType)
	}
	if err != nil {
		return nil, err
	}
	if !account.CanResetPasswordFor(a.User, target) {
		return nil, x.conceal(ctx, a, objType, objID)
	}
	return target, nil
}

// ResetPasswordFor sets a temporary password for an account (as
// PasswordResetTarget finds it) on its owner's behalf, after the staff
// member confirmed the person's identity (an ID document at the counter):
// the owner must choose a new password at the next login. Audited with the
// staff member as actor in the same transaction; the temporary password is
// returned to be handed over once and is stored only as its hash.
func (x *Accounts) ResetPasswordFor(ctx context.Context, a Actor, userID, personID int64, identityChecked bool) (string, *account.User, error) {
	target, err := x.PasswordResetTarget(ctx, a, userID, personID)
	if err != nil {
		return "", nil, err
	}
	if !identityChecked {
		return "", target, apperr.Field("confirm", "请先核对本人有效身份证件，再勾选确认")
	}
	temp := account.NewTempPassword()
	h, err := x.hash(temp)
	if err != nil {
		return "", nil, err
	}
	if err := x.db.Accounts().ResetPasswordFor(ctx, a.store(), target.ID, h, "已核对身份证件，代为重置密码，下次登录须设置新密码"); err != nil {
		return "", nil, err
	}
	target.MustChangePassword = true
	return temp, target, nil
}

// CurrentTerms is the version of the 用户协议 and 隐私政策 a sign-up accepts.
func (x *Accounts) CurrentTerms(ctx context.Context) (*account.Terms, error) {
	return x.db.Accounts().CurrentTerms(ctx)
}

// TermsVersion returns an earlier version (public: accounts record theirs).
func (x *Accounts) TermsVersion(ctx context.Context, v int) (*account.Terms, error) {
	return x.db.Accounts().TermsVersion(ctx, v)
}

// ListTerms lists every version for the admin's page.
func (x *Accounts) ListTerms(ctx context.Context, a Actor) ([]*account.Terms, error) {
	if !account.CanEditTerms(a.User) {
		return nil, x.deny(ctx, a, "terms", 0)
	}
	return x.db.Accounts().ListTerms(ctx)
}

// PublishTerms publishes a new version; sign-ups from now on accept it.
func (x *Accounts) PublishTerms(ctx context.Context, a Actor, t *account.Terms) error {
	if !account.CanEditTerms(a.User) {
		return x.deny(ctx, a, "terms", 0)
	}
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return x.db.Accounts().PublishTerms(ctx, a.store(), t)
}

// CheckConsent refuses a sign-up that did not accept the current terms:
// asked first, before anything else of the form (the ID number) is read.
func (x *Accounts) CheckConsent(ctx context.Context, version int) error {
	cur, err := x.db.Accounts().CurrentTerms(ctx)
	if err != nil {
		return err
	}
	switch {
	case version == 0:
		return apperr.Field("consent", "请先阅读并同意《用户协议》和《隐私政策》")
	case version != cur.Version:
		return apperr.Field("consent", "《用户协议》和《隐私政策》已更新为第 "+strconv.Itoa(cur.Version)+" 版，请阅读后重新勾选同意")
	}
	return nil
}

// SMSOutbox returns the built-in sender's messages for the admin's outbox
// page, newest first, codes hidden once expired; the reading is audited
// before anything is shown. builtin is false when a gateway is configured.
func (x *Accounts) SMSOutbox(ctx context.Context, a Actor) (msgs []sms.Message, builtin bool, err error) {
	if !account.CanReadSMSOutbox(a.User) {
		return nil, false, x.deny(ctx, a, "sms", 0)
	}
	if x.outbox == nil {
		return nil, false, nil
	}
	msgs = x.outbox.Messages(x.now())
	if err := x.db.Audit(ctx, a.store(), audit.SMSOutbox, "sms", 0, strconv.Itoa(len(msgs))+" 条", audit.ResultOK); err != nil {
		return nil, true, err
	}
	return msgs, true, nil
}
