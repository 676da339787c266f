// Package audit defines the append-only, hash-chained audit log entry and how
// its chain is computed and verified. Storage is in package store.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
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

// ComputeHash returns the SHA-256 over the entry's content and PrevHash. The
// time is hashed at microsecond precision in UTC, the precision both stores keep.
func ComputeHash(e Entry) string {
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
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Verifier checks a chain row by row in ID order.
type Verifier struct {
	prev   string
	lastID int64
	n      int
}

// NewVerifier starts a chain check from the genesis row.
func NewVerifier() *Verifier { return &Verifier{prev: GenesisHash} }

// Check verifies the next row; the error names the first bad row.
func (v *Verifier) Check(e Entry) error {
	if v.n > 0 && e.ID != v.lastID+1 {
		return fmt.Errorf("audit row %d: rows %d..%d are missing (deleted)", e.ID, v.lastID+1, e.ID-1)
	}
	if e.PrevHash != v.prev {
		return fmt.Errorf("audit row %d: prev_hash does not match row %d (a row was altered or deleted)", e.ID, v.lastID)
	}
	if ComputeHash(e) != e.Hash {
		return fmt.Errorf("audit row %d: content does not match its hash (row was altered)", e.ID)
	}
	v.prev, v.lastID = e.Hash, e.ID
	v.n++
	return nil
}

// Count is the number of rows verified so far.
func (v *Verifier) Count() int { return v.n }

// Last is the hash of the last verified row (the chain head).
func (v *Verifier) Last() string { return v.prev }

// labels are the Chinese names of actions for the audit viewer. Modules
// add theirs here when they add actions.
var labels = map[string]string{
	LoginOK: "登录成功", LoginFail: "登录失败", LoginLocked: "账号锁定", Logout: "退出登录", Register: "注册",
	ViewPII: "查看完整个人信息", PersonUpdate: "修改人员档案", EntUpdate: "修改企业档案", EntVerify: "核验企业",
	UserCreate: "新建账号", UserUpdate: "修改账号", AccessDenied: "越权访问被拒绝", "demo.generate": "生成演示数据",
	"policy.save": "保存政策版本", "policy.status": "发布/撤回政策", "policy.parameters": "更新政策参数",
	"policy.apply": "提交政策申请", "policy.propose": "免申即享发放建议", "policy.decide": "审核政策申请",
	"policy.resubmit": "补充材料重新提交", "policy.pay": "登记发放", "policy.export": "导出申请名单", "policy.answers": "代办填写政策问卷",
	"job.create": "发布岗位（待审核）", "job.update": "修改岗位（重新审核）", "job.approve": "岗位审核通过", "job.reject": "岗位审核不通过",
	"job.pause": "暂停招聘", "job.resume": "恢复招聘", "job.close": "关闭岗位", "job.expire": "岗位到期自动下线",
	"job.import":    "批量导入岗位",
	"resume.update": "保存简历（他人保存即代办）", "resume.view": "查看他人简历或简历诊断",
	"jobapp.apply": "申请岗位", "jobapp.status": "处理求职申请（状态变更）", "jobapp.withdraw": "撤回求职申请", "jobapp.export": "导出求职申请名单（含手机号）",
}

// Label returns the Chinese name of an action, or the action itself when unknown.
func Label(action string) string {
	if l, ok := labels[action]; ok {
		return l
	}
	return action
}
