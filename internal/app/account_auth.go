package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sms"
	"github.com/jiuye/jiuye/internal/store"
)

// Accounts is the use cases of accounts: sign-up, login, sessions and
// passwords (this file), and the admin's users and audit log
// (account_admin.go).
type Accounts struct {
	*core
	*hasher
	sms      sms.Sender  // verification codes
	outbox   *sms.Outbox // the built-in sender, when sms is it; nil with a gateway
	smsPerIP int         // codes asked from one IP in an hour; <= 0 for no limit
}

func newAccounts(c *core, p account.HashParams, sender sms.Sender, perIP int) *Accounts {
	switch {
	case perIP == 0:
		perIP = account.SMSPerIPPerHour
	case perIP < 0:
		perIP = 0
	}
	x := &Accounts{core: c, hasher: newHasher(p), sms: sender, smsPerIP: perIP}
	if sender == nil {
		x.outbox = sms.NewOutbox(c.log, 100)
		x.sms = x.outbox
	} else if o, ok := sender.(*sms.Outbox); ok {
		x.outbox = o
	}
	return x
}

// RegisterInput is a self-registration: kind "person" needs id_number;
// kind "employer" needs enterprise. A sign-up from the page or the API
// (SignUp) also needs sms_code, the code sent to the phone for purpose
// register, and consent_version, the version of the 用户协议 and 隐私政策
// accepted (GET /api/v1/terms).
type RegisterInput struct {
	Kind           string           `json:"kind"`
	Name           string           `json:"name"`
	IDNumber       string           `json:"id_number,omitempty"`
	Phone          string           `json:"phone"`
	Password       string           `json:"password"`
	Enterprise     *EnterpriseInput `json:"enterprise,omitempty"`
	SMSCode        string           `json:"sms_code"`
	ConsentVersion int              `json:"consent_version"`
}

// SignUp is the public self-registration (the register page and POST
// /api/v1/auth/register): the current terms must be accepted first —
// nothing else of the form, the ID number least, is read before — then
// the whole form is validated (every field message at once), then the
// phone is confirmed by the code sent to it, which is spent in the
// transaction that creates the account, so a refused sign-up leaves it
// usable. The accepted version and its time are recorded on the account.
func (x *Accounts) SignUp(ctx context.Context, a Actor, in RegisterInput) (*account.User, error) {
	if err := x.CheckConsent(ctx, in.ConsentVersion); err != nil {
		return nil, err
	}
	return x.register(ctx, a, in, func(f *apperr.Fields) {
		if !account.WellFormedSMSCode(in.SMSCode) {
			f.Add("sms_code", "请输入短信中的 6 位数字验证码（先点“获取验证码”）")
		}
	}, func(phone string) (func(*store.Tx) error, error) {
		id, err := x.db.Accounts().CheckSMSCode(ctx, phone, account.SMSPurposeRegister, in.SMSCode)
		if err != nil {
			e := apperr.As(err)
			return nil, &apperr.Error{Code: e.Code, Message: e.Fields["code"], Fields: map[string]string{"sms_code": e.Fields["code"]}}
		}
		return func(tx *store.Tx) error {
			if err := tx.SpendSMSCode(ctx, id); err != nil {
				e := apperr.As(err)
				return &apperr.Error{Code: e.Code, Message: e.Fields["code"], Fields: map[string]string{"sms_code": e.Fields["code"]}}
			}
			return nil
		}, nil
	})
}

// Register creates an account without a code or consent: for the
// command line, the demo data and tests, which call it directly; no page
// or API route reaches it (they use SignUp).
func (x *Accounts) Register(ctx context.Context, a Actor, in RegisterInput) (*account.User, error) {
	return x.register(ctx, a, in, nil, nil)
}

// register validates the input completely (every field message at once,
// with more from check), confirms the phone through verify when given
// (its hook runs in the registration's transaction), then creates the
// subject and its account in one transaction.
func (x *Accounts) register(ctx context.Context, a Actor, in RegisterInput, check func(*apperr.Fields),
	verify func(phone string) (func(*store.Tx) error, error)) (*account.User, error) {
	now := x.now()
	var also []func(*store.Tx) error
	confirm := func(phone string) error {
		if verify == nil {
			return nil
		}
		hook, err := verify(phone)
		if err != nil {
			return err
		}
		also = append(also, hook)
		return nil
	}
	var f apperr.Fields
	phone := in.Phone
	if ph, err := registry.ParsePhone(in.Phone); err == nil {
		phone = ph
	}
	if err := account.ValidatePassword(in.Password, phone, in.Name, in.IDNumber); err != nil {
		f.Add("password", apperr.As(err).Fields["password"])
	}
	if check != nil {
		check(&f)
	}
	u := &account.User{Name: strings.TrimSpace(in.Name), Phone: in.Phone}
	if verify != nil {
		u.ConsentVersion = in.ConsentVersion
	}
	switch in.Kind {
	case "person":
		p := &registry.Person{Name: in.Name, IDNumber: in.IDNumber, Phone: in.Phone}
		p.Normalize(now)
		mergeFields(&f, p.Validate(now, x.codes.Regions))
		if err := f.Err(); err != nil {
			return nil, err
		}
		u.Name, u.Phone = p.Name, p.Phone
		if err := confirm(p.Phone); err != nil {
			return nil, err
		}
		hash, err := x.hash(in.Password)
		if err != nil {
			return nil, err
		}
		if err := x.db.Registry().RegisterPerson(ctx, a.store(), p, u, hash, also...); err != nil {
			return nil, err
		}
		x.queueSubject(ctx, "person", p.ID)
		return u, nil
	case "employer":
		ph, err := registry.ParsePhone(in.Phone)
		if err != nil {
			f.Add("phone", fieldMsg(err))
		}
		if err := account.ValidateName("name", u.Name); err != nil {
			f.Add("name", apperr.As(err).Fields["name"])
		}
		if in.Enterprise == nil {
			f.Add("enterprise.name", "请填写企业信息")
			return nil, f.Err()
		}
		e := in.Enterprise.toEnterprise(&f)
		e.Normalize()
		mergeFields(&f, e.Validate(now, x.codes.Industries, x.codes.Regions))
		if err := f.Err(); err != nil {
			return nil, err
		}
		u.Phone = ph
		if err := confirm(ph); err != nil {
			return nil, err
		}
		hash, err := x.hash(in.Password)
		if err != nil {
			return nil, err
		}
		if err := x.db.Registry().RegisterEmployer(ctx, a.store(), e, u, hash, also...); err != nil {
			return nil, err
		}
		x.queueSubject(ctx, "enterprise", e.ID)
		return u, nil
	default:
		f.Add("kind", "请选择注册类型：个人（person）或企业（employer）")
		return nil, f.Err()
	}
}

// mergeFields copies an Invalid error's field messages into f.
func mergeFields(f *apperr.Fields, err error) {
	if err == nil {
		return
	}
	for k, v := range apperr.As(err).Fields {
		f.Add(k, v)
	}
}

func fieldMsg(err error) string {
	if fe, ok := err.(*registry.FieldError); ok {
		return fe.Message
	}
	return err.Error()
}

// Login checks a phone and password and returns a new session token.
// Failures are counted per phone, registered or not: five within 15
// minutes lock the phone out for 15 minutes. An unknown phone costs the
// same hashing time and gets the same answers as a known one, so neither
// the answers nor the lockout tell which phones have an account. A
// disabled account says so only to the right password.
func (x *Accounts) Login(ctx context.Context, a Actor, phone, password, kind string) (string, *account.User, error) {
	ph, err := registry.ParsePhone(phone)
	if err != nil || password == "" || len(password) > 512 {
		return "", nil, &apperr.Error{Code: apperr.Invalid, Message: "请输入正确的手机号和密码",
			Fields: map[string]string{"phone": "请输入 11 位手机号"}}
	}
	u, hash, err := x.db.Accounts().UserByPhone(ctx, ph)
	known := err == nil
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return "", nil, err
	}
	actor, userID, summary := a, int64(0), "未注册的手机号登录失败" // no digits: the audit log is readable without the key
	if known {
		actor, userID, summary = Actor{User: u, IP: a.IP}, u.ID, "登录密码错误"
	} else {
		hash = x.dummyHash
	}
	now := x.now()
	until, err := x.db.Accounts().LoginLockedUntil(ctx, ph)
	if err != nil {
		return "", nil, err
	}
	if !until.IsZero() {
		x.auditQuiet(ctx, actor, audit.LoginLocked, userID, "锁定期间尝试登录")
		return "", nil, lockedErr(until, now)
	}
	if ok := x.check(password, hash); !ok || !known {
		until, err := x.db.Accounts().RecordLoginFailure(ctx, actor.store(), ph, userID, summary)
		if err != nil {
			return "", nil, err
		}
		if !until.IsZero() {
			return "", nil, lockedErr(until, x.now())
		}
		return "", nil, &apperr.Error{Code: apperr.Unauthorized, Message: "手机号或密码错误"}
	}
	if u.Disabled {
		x.auditQuiet(ctx, actor, audit.LoginFail, u.ID, "已停用账号尝试登录")
		return "", nil, apperr.New(apperr.Forbidden, "账号已停用，请联系管理员")
	}
	token, err := x.db.Accounts().RecordLoginSuccess(ctx, actor.store(), ph, kind)
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// lockedErr is the lockout answer, the same for every phone: the minutes
// left, rounded up.
func lockedErr(until, now time.Time) error {
	mins := int((until.Sub(now) + time.Minute - 1) / time.Minute)
	return apperr.New(apperr.Locked, "连续登录失败次数过多，账号已锁定，请 "+strconv.Itoa(mins)+" 分钟后再试")
}

func (x *Accounts) auditQuiet(ctx context.Context, a Actor, action string, objID int64, summary string) {
	if err := x.db.Audit(ctx, a.store(), action, "user", objID, summary, audit.ResultFailure); err != nil {
		x.log.Error("audit", "action", action, "err", err)
	}
}

// Logout ends the session behind token.
func (x *Accounts) Logout(ctx context.Context, a Actor, token string) error {
	if a.User == nil {
		return nil
	}
	return x.db.Accounts().Logout(ctx, a.store(), token)
}

// Authenticate resolves a session or bearer token to its user.
func (x *Accounts) Authenticate(ctx context.Context, token string) (*account.User, error) {
	return x.db.Accounts().SessionUser(ctx, token)
}

// ChangePassword checks the old password and sets a new one. A wrong old
// password counts toward the lockout like a wrong login, so a session alone
// cannot be used to guess the password.
func (x *Accounts) ChangePassword(ctx context.Context, a Actor, oldPW, newPW string) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	if err := x.reauthenticate(ctx, a, oldPW, "old_password", "原密码不正确", "修改密码时原密码错误"); err != nil {
		return err
	}
	personal := []string{a.User.Phone, a.User.Name}
	if account.IsPerson(a.User) {
		p, err := x.db.Registry().PersonByID(ctx, a.User.PersonID)
		if err != nil {
			return err
		}
		personal = append(personal, p.IDNumber)
	}
	if err := account.ValidatePassword(newPW, personal...); err != nil {
		return err
	}
	h, err := x.hash(newPW)
	if err != nil {
		return err
	}
	return x.db.Accounts().SetPassword(ctx, a.store(), a.User.ID, h)
}

// reauthenticate checks the password of the user logged in as a login
// would: refused while the account is locked, and a wrong one is a login
// failure (audited with summary) that counts toward the lockout. A wrong
// password is a field error on field with message msg.
func (x *Accounts) reauthenticate(ctx context.Context, a Actor, pw, field, msg, summary string) error {
	u, hash, err := x.db.Accounts().UserByPhone(ctx, a.User.Phone)
	if err != nil {
		return err
	}
	now := x.now()
	until, err := x.db.Accounts().LoginLockedUntil(ctx, u.Phone)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		x.auditQuiet(ctx, a, audit.LoginLocked, u.ID, "锁定期间验证密码")
		return lockedErr(until, now)
	}
	if len(pw) <= 512 && x.check(pw, hash) {
		return nil
	}
	until, err = x.db.Accounts().RecordLoginFailure(ctx, a.store(), u.Phone, u.ID, summary)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		return lockedErr(until, x.now())
	}
	return apperr.Field(field, msg)
}
