// Package audit defines the append-only audit log entry, its keyed hash
// chain, the signed checkpoints of the chain's head, and how both are
// verified. Storage is in package store.
//
// Each row's hash is HMAC-SM3 under a key derived from the key file (never
// stored in the database) over the row's fields and the previous row's hash,
// so nobody holding only the database can alter, delete or recompute rows
// unseen. Deleting the newest rows leaves a valid shorter chain; the signed
// checkpoints kept outside the database (Checkpoint) catch that.
package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// Actions recorded by the platform. Modules add their own strings.
const (
	LoginOK       = "login.ok"
	LoginFail     = "login.fail"
	LoginLocked   = "login.locked"
	Logout        = "logout"
	Register      = "register"
	ViewPII       = "person.view_pii" // unmasked ID number and phone shown: to bureau personnel, or to the owner who revealed them
	PersonUpdate  = "person.update"
	EntUpdate     = "enterprise.update"
	EntVerify     = "enterprise.verify"
	UserCreate    = "user.create"
	UserUpdate    = "user.update"
	AccessDenied  = "access.denied"
	PasswordReset = "user.password_reset" // staff reset a password for the user; a new one is forced at the next login
	PasswordBySMS = "user.password_sms"   // the user reset their own password with an SMS code
	SMSSend       = "sms.send"            // a verification code asked for (sent only to a phone that may get it)
	SMSOutbox     = "sms.outbox_view"     // the built-in sender's outbox read by an admin
	TermsPublish  = "terms.publish"       // a new version of the 用户协议 and 隐私政策
	ChainRehash   = "audit.rehash"        // the one-time rehash of an unkeyed chain with the key (migration 0012)
	KeyRotateRoot = "key.rotate_root"     // the chain rehashed under a new derivation root (jiuye key rotate --root)
	KeyRotate     = "key.rotate"          // personal data resealed under a new data key (jiuye key rotate)
	ResultOK      = "ok"
	ResultDenied  = "denied"
	ResultFailure = "fail"
)

// Entry is one audit row. Hash covers every other field and PrevHash, so
// altering or deleting any row breaks the chain from that row on.
type Entry struct {
	ID         int64
	At         time.Time
	ActorID    int64 // 0 for anonymous or system
	ActorRole  string
	IP         string
	Action     string
	ObjectType string
	ObjectID   string
	Summary    string // before/after or other detail, never unmasked PII
	Result     string
	PrevHash   string
	Hash       string
}

// GenesisHash is the PrevHash of the first row.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// ChainVersion is the version of the chain rows are hashed with: 1 was
// unkeyed SHA-256 (LegacyHash), 2 is HMAC-SM3 with the chain key (Hash).
const ChainVersion = 2

// Hash returns the keyed hash of an entry: hex HMAC-SM3 under key (the key
// file's "audit-chain" key) over the entry's content and PrevHash.
func Hash(key []byte, e Entry) string {
	m := hmac.New(sm3.New, key)
	m.Write([]byte("jiuye/audit-chain/v2\x00"))
	m.Write(canonical(e))
	return hex.EncodeToString(m.Sum(nil))
}

// LegacyHash is the unkeyed SHA-256 of chain version 1. Anyone can compute
// it, so it proves nothing against someone who can write the database; it is
// kept only so migration 0012 can check an old chain before rehashing it.
func LegacyHash(e Entry) string {
	sum := sha256.Sum256(canonical(e))
	return hex.EncodeToString(sum[:])
}

// canonical encodes the entry's fields, each prefixed by its length so no
// text can move between fields. The time is encoded at microsecond
// precision in UTC, the precision both stores keep.
func canonical(e Entry) []byte {
	fields := []string{
		strconv.FormatInt(e.ID, 10),
		e.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"),
		strconv.FormatInt(e.ActorID, 10), e.ActorRole, e.IP, e.Action,
		e.ObjectType, e.ObjectID, e.Summary, e.Result, e.PrevHash,
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	return []byte(b.String())
}

// Verifier checks a chain row by row in ID order and, when given
// checkpoints, that the chain still reaches each of them unchanged.
type Verifier struct {
	hash   func(Entry) string
	prev   string
	lastID int64
	n      int
	expect map[int64]Checkpoint
}

// NewVerifier starts a check of a keyed chain from the genesis row.
func NewVerifier(key []byte) *Verifier {
	k := append([]byte(nil), key...)
	return &Verifier{hash: func(e Entry) string { return Hash(k, e) }, prev: GenesisHash}
}

// NewLegacyVerifier starts a check of an unkeyed (version 1) chain; only
// migration 0012 uses it, before it rehashes the chain with the key.
func NewLegacyVerifier() *Verifier { return &Verifier{hash: LegacyHash, prev: GenesisHash} }

// Expect makes the check require that the chain reaches cp.ID and that row
// cp.ID has hash cp.Hash. The caller has checked cp's signature.
func (v *Verifier) Expect(cp Checkpoint) {
	if v.expect == nil {
		v.expect = map[int64]Checkpoint{}
	}
	v.expect[cp.ID] = cp
}

// Check verifies the next row; the error names the first bad row.
func (v *Verifier) Check(e Entry) error {
	if v.n > 0 && e.ID != v.lastID+1 {
		return fmt.Errorf("audit row %d: rows %d..%d are missing (deleted)", e.ID, v.lastID+1, e.ID-1)
	}
	if e.PrevHash != v.prev {
		return fmt.Errorf("audit row %d: prev_hash does not match row %d (a row was altered or deleted)", e.ID, v.lastID)
	}
	if !hmac.Equal([]byte(v.hash(e)), []byte(e.Hash)) {
		return fmt.Errorf("audit row %d: content does not match its hash (row was altered, or its hash was recomputed without the key)", e.ID)
	}
	if cp, ok := v.expect[e.ID]; ok && cp.Hash != e.Hash {
		return fmt.Errorf("audit row %d: hash differs from the checkpoint of %s (the log was cut back to an earlier row and written again, or replaced)",
			e.ID, cp.At.Format(time.RFC3339))
	}
	v.prev, v.lastID = e.Hash, e.ID
	v.n++
	return nil
}

// Finish reports truncation after the last row: a checkpoint that records a
// row the chain no longer reaches means the newest rows were deleted.
func (v *Verifier) Finish() error {
	var last *Checkpoint
	for _, cp := range v.expect {
		if cp.ID > v.lastID && (last == nil || cp.ID > last.ID) {
			last = &cp
		}
	}
	if last == nil {
		return nil
	}
	return fmt.Errorf("audit log truncated: the checkpoint of %s records row %d but the newest row is %d (rows %d..%d were deleted)",
		last.At.Format(time.RFC3339), last.ID, v.lastID, v.lastID+1, last.ID)
}

// Count is the number of rows verified so far.
func (v *Verifier) Count() int { return v.n }

// Last is the hash of the last verified row (the chain head).
func (v *Verifier) Last() string { return v.prev }

// LastID is the id of the last verified row, 0 before the first.
func (v *Verifier) LastID() int64 { return v.lastID }

// labels are the Chinese names of actions for the audit viewer. Modules
// add theirs here when they add actions.
var labels = map[string]string{
	LoginOK: "登录成功", LoginFail: "登录失败", LoginLocked: "账号锁定", Logout: "退出登录", Register: "注册",
	ViewPII: "查看完整个人信息", PersonUpdate: "修改人员档案", EntUpdate: "修改企业档案", EntVerify: "核验企业",
	UserCreate: "新建账号", UserUpdate: "修改账号", AccessDenied: "越权访问被拒绝", "demo.generate": "生成演示数据",
	PasswordReset: "代为重置密码（下次登录须改密码）", PasswordBySMS: "短信验证码找回密码", SMSSend: "获取短信验证码",
	SMSOutbox: "查看内置短信发件箱", TermsPublish: "发布用户协议与隐私政策新版本",
	ChainRehash:   "审计链改为密钥哈希（一次性迁移）",
	KeyRotateRoot: "轮换派生根密钥（审计链用新密钥重算）",
	KeyRotate:     "轮换数据密钥（个人信息重新加密）",
	"policy.save": "保存政策版本", "policy.status": "发布/撤回政策", "policy.parameters": "更新政策参数",
	"policy.apply": "提交政策申请", "policy.propose": "免申即享发放建议", "policy.decide": "审核政策申请",
	"policy.resubmit": "补充材料重新提交", "policy.pay": "登记发放", "policy.export": "导出申请名单", "policy.answers": "代办填写政策问卷",
	"job.create": "发布岗位（待审核）", "job.update": "修改岗位（重新审核）", "job.approve": "岗位审核通过", "job.reject": "岗位审核不通过",
	"job.pause": "暂停招聘", "job.resume": "恢复招聘", "job.close": "关闭岗位", "job.expire": "岗位到期自动下线",
	"job.import":    "批量导入岗位",
	"resume.update": "保存简历（他人保存即代办）", "resume.view": "查看他人简历或简历诊断",
	"gig.create": "发布零工（待审核）", "gig.update": "修改零工（重新审核）", "gig.approve": "零工审核通过（含越过拦截项）",
	"gig.reject": "零工审核不通过", "gig.close": "关闭零工", "gig.signup_for": "零工驿站代为报名",
	"gig.signup_cancel": "代为取消零工报名", "gig.signup_accept": "录用零工报名", "gig.signup_decline": "拒绝零工报名",
	"gig.complete": "确认零工完工并登记付款", "gig.no_show": "登记零工未到岗", "gig.dispute_statement": "雇主提交报酬争议说明",
	"gig.dispute_resolve": "裁定零工报酬争议", "gig.employer_verified": "个人用工核验通过", "gig.employer_refused": "个人用工核验不通过",
	"jobapp.apply": "申请岗位", "jobinvite.send": "邀请求职者投递", "jobapp.status": "处理求职申请（状态变更）", "jobapp.withdraw": "撤回求职申请", "jobapp.export": "导出求职申请名单（含手机号）",
	"school.create": "添加学校", "school_room.create": "添加实训室", "school_room.update": "修改实训室", "school_visit.book": "预约职业启蒙参观",
	"school_visit.cancel": "取消职业启蒙参观", "school_visit.export": "导出职业启蒙参观预约（含老师手机号）",
}

// Action is an action with its Chinese name, for a choice list.
type Action struct{ Action, Label string }

// Actions lists the named actions, by action (so one module's are together).
func Actions() []Action {
	out := make([]Action, 0, len(labels))
	for a, l := range labels {
		out = append(out, Action{a, l})
	}
	slices.SortFunc(out, func(a, b Action) int { return strings.Compare(a.Action, b.Action) })
	return out
}

// Label returns the Chinese name of an action, or the action itself when unknown.
func Label(action string) string {
	if l, ok := labels[action]; ok {
		return l
	}
	return action
}

// objectTypes are the Chinese names of the object types entries are about,
// for the audit viewer's filter. Modules add theirs here when they audit a
// new kind of object.
var objectTypes = map[string]string{
	"person": "人员档案", "enterprise": "企业档案", "user": "账号", "terms": "用户协议与隐私政策", "sms": "短信",
	"resume": "简历", "job_post": "岗位", "job_application": "求职申请", "job_import": "岗位批量导入", "saved_search": "订阅的搜索",
	"classifier_correction": "职业识别纠正", "upload": "上传文件",
	"policy": "政策", "policy_application": "政策申请", "policy_payout_batch": "政策发放批次", "policy_parameters": "政策参数",
	"gig": "零工", "gig_shift": "零工班次", "gig_signup": "零工报名", "gig_employer": "个人用工", "gig_profile": "零工求职档案",
	"audit": "审计日志", "audit_log": "审计链", "system": "系统", "console": "经办工作台",
	"school": "学校", "school_room": "实训室", "school_visit": "职业启蒙参观预约",
}

// ObjectType is an object type with its Chinese name, for a choice list.
type ObjectType struct{ Type, Label string }

// ObjectTypes lists the named object types by Chinese name.
func ObjectTypes() []ObjectType {
	out := make([]ObjectType, 0, len(objectTypes))
	for t, l := range objectTypes {
		out = append(out, ObjectType{t, l})
	}
	slices.SortFunc(out, func(a, b ObjectType) int { return strings.Compare(a.Type, b.Type) })
	return out
}

// ObjectLabel returns the Chinese name of an object type, or the type itself when unknown.
func ObjectLabel(objType string) string {
	if l, ok := objectTypes[objType]; ok {
		return l
	}
	return objType
}
