package app

// 零工经纪人 on the day and after: the employer shows a shift's check-in
// code (a QR image and 6 digits); the worker checks in and out with it,
// the phone's position compared with the place (a warning beyond 500 m,
// never a refusal); the employer confirms the work and records what it
// paid; the worker confirms what arrived or disputes it; staff resolve
// disputes; both sides rate each other. Credit and reliability are
// computed from these records.

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// ShiftCode is what the employer shows at the place for one shift.
type ShiftCode struct {
	Gig   *gigs.Gig
	Shift gigs.Shift
	Code  string // 6 digits
	Path  string // the check-in page with the shift and code, for the QR image
}

// CheckinCode returns a shift's check-in code to its employer (and staff).
func (x *GigWork) CheckinCode(ctx context.Context, a Actor, shiftID int64) (*ShiftCode, error) {
	gigID, err := x.db.Gigs().GigOfShift(ctx, shiftID)
	if err != nil {
		return nil, err
	}
	g, err := x.gigs.managedGig(ctx, a, gigID)
	if err != nil {
		return nil, err
	}
	s, ok := g.Shift(shiftID)
	if !ok {
		return nil, store.Missing("gig_shift")
	}
	code := gigs.CheckinCode(x.checkinKey, s.ID)
	return &ShiftCode{Gig: g, Shift: s, Code: code, Path: fmt.Sprintf("/gigs/checkin?s=%d&c=%s", s.ID, code)}, nil
}

// CheckinInput is a worker's scan or typed code, with the phone's position
// when the worker allowed it.
type CheckinInput struct {
	ShiftID int64    `json:"shift_id,omitempty"` // from the QR link; a typed code finds its shift
	Code    string   `json:"code"`
	Lat     *float64 `json:"lat,omitempty"`
	Lng     *float64 `json:"lng,omitempty"`
}

// CheckinResult says what a code did.
type CheckinResult struct {
	Signup  *gigs.Signup
	Out     bool   // this was the check-out
	Warning string // the place is far from the phone's position
}

// CheckIn checks the worker in, or out when already in. The code must be
// that of a shift the worker is accepted for, in its window; a code of
// another shift, or one used again after check-out, is refused.
func (x *GigWork) CheckIn(ctx context.Context, a Actor, in CheckinInput) (*CheckinResult, error) {
	if !account.CanSignUpGigs(a.User) {
		return nil, x.deny(ctx, a, "gig_signup", 0)
	}
	if strings.TrimSpace(in.Code) == "" {
		return nil, apperr.Field("code", "请输入雇主出示的 6 位签到码，或扫描现场的二维码")
	}
	now := x.now()
	list, err := x.db.Gigs().AcceptedSignupsAt(ctx, a.User.PersonID, now)
	if err != nil {
		return nil, err
	}
	var su *gigs.Signup
	for _, s := range list {
		if (in.ShiftID == 0 || in.ShiftID == s.ShiftID) && gigs.CodeMatches(x.checkinKey, s.ShiftID, in.Code) {
			su = s
			break
		}
	}
	if su == nil {
		return nil, apperr.Field("code", "签到码不对：请核对雇主出示的 6 位数字，并确认您已被录用、现在是签到时间（开工前 1 小时到收工后 4 小时）")
	}
	g, err := x.db.Gigs().GigByID(ctx, su.GigID)
	if err != nil {
		return nil, err
	}
	dist := -1
	if in.Lat != nil && in.Lng != nil && gigs.InChina(*in.Lat, *in.Lng) && g.HasGeo {
		dist = int(math.Round(gigs.DistanceKm(*in.Lat, *in.Lng, g.Lat, g.Lng) * 1000))
	}
	res := &CheckinResult{}
	out, err := x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: su.ID, Action: "gig.checkin",
		Apply: func(s *gigs.Signup) error {
			switch {
			case s.Status != gigs.SignupAccepted:
				return apperr.New(apperr.Conflict, "该报名当前"+s.Status.Label()+"，不能签到")
			case s.CheckedInAt.IsZero():
				if err := gigs.CheckinWindow(s.Shift(), now); err != nil {
					return err
				}
				s.CheckedInAt, s.CheckinDistM = now, dist
			case s.CheckedOutAt.IsZero():
				if err := gigs.CheckoutWindow(s.Shift(), now); err != nil {
					return err
				}
				s.CheckedOutAt, res.Out = now, true
				s.HoursWorked = gigs.WorkedHours(s.CheckedInAt, now, s.Shift())
			default:
				return apperr.New(apperr.Conflict, "您已签退，这个签到码不能再用")
			}
			return nil
		}})
	if err != nil {
		return nil, err
	}
	res.Signup = out
	if !res.Out {
		res.Warning = gigs.FarText(dist)
	}
	return res, nil
}

// employerSignup loads a sign-up and its gig for the gig's employer (or
// staff acting for it); others get NotFound, audited.
func (x *GigWork) employerSignup(ctx context.Context, a Actor, id int64) (*gigs.Signup, *gigs.Gig, error) {
	if a.User == nil {
		return nil, nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	g, err := x.db.Gigs().GigByID(ctx, su.GigID)
	if err != nil {
		return nil, nil, err
	}
	if !account.CanManageGig(a.User, g.EnterpriseID, g.PersonID) {
		return nil, nil, x.refuse(ctx, a, "gig_signup", id, account.IsSelf(a.User, su.PersonID))
	}
	return su, g, nil
}

// GigOfSignup returns the gig of a sign-up to its employer (and staff),
// for the sign-up list a refused form is shown on.
func (x *GigWork) GigOfSignup(ctx context.Context, a Actor, id int64) (int64, error) {
	_, g, err := x.employerSignup(ctx, a, id)
	if err != nil {
		return 0, err
	}
	return g.ID, nil
}

// CompleteInput is the employer's record of a completed shift.
type CompleteInput struct {
	PaidAmount string `json:"paid_amount"` // yuan actually paid to the worker
	Pieces     int    `json:"pieces,omitempty"`
}

// CompleteSignup confirms the work of an accepted worker after the shift
// started and records what the employer paid; the worker is asked to
// confirm. The promise is computed from the post (hours from the check
// times, or the shift's length).
func (x *GigWork) CompleteSignup(ctx context.Context, a Actor, id int64, in CompleteInput) (*gigs.Signup, error) {
	_, g, err := x.employerSignup(ctx, a, id)
	if err != nil {
		return nil, err
	}
	paid, err := gigs.CheckAmount("paid_amount", in.PaidAmount, 100*gigs.MaxPayFen)
	if err != nil {
		return nil, err
	}
	if g.PayUnit == gigs.PerPiece && (in.Pieces < 1 || in.Pieces > gigs.MaxPieces) {
		return nil, apperr.Field("pieces", "计件零工请填写完成的件数")
	}
	now := x.now()
	defer x.gigs.near.cards.drop(g.ID)
	defer x.gigs.near.credit.drop(g.EmployerID)
	return x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: id, Action: "gig.complete", Audit: true,
		Apply: func(s *gigs.Signup) error {
			switch {
			case s.Status != gigs.SignupAccepted:
				return apperr.New(apperr.Conflict, "该报名当前"+s.Status.Label()+"，不能确认完工")
			case now.Before(s.StartsAt):
				return apperr.New(apperr.Conflict, "班次还没开始，不能确认完工")
			case now.After(s.EndsAt.Add(gigs.MaxConfirmLate)):
				return apperr.New(apperr.Conflict, "已超过 30 天，不能再登记；如有争议请联系区人社局")
			}
			if s.HoursWorked == 0 && !s.CheckedInAt.IsZero() && !s.CheckedOutAt.IsZero() {
				s.HoursWorked = gigs.WorkedHours(s.CheckedInAt, s.CheckedOutAt, s.Shift())
			}
			s.Status, s.Pieces = gigs.SignupCompleted, in.Pieces
			s.PromisedFen = gigs.Promised(g, s.Shift(), s.HoursWorked, in.Pieces)
			s.PaidFen, s.PaidAt, s.PaidOnTime = paid, now, !now.After(s.EndsAt.Add(gigs.OnTime))
			return nil
		},
		Tell: func(s *gigs.Signup) *notify.Message {
			return &notify.Message{SubjectType: notify.ToPerson, SubjectID: s.PersonID, Kind: "gig_pay",
				Title: "请确认收到的报酬：" + s.GigTitle,
				Body: fmt.Sprintf("雇主确认您完成了“%s”（%s），并登记已付 %s 元（按发布的报酬应为 %s 元）。请在“我的零工”里确认实际收到的金额；如有出入可以提出异议。",
					s.GigTitle, s.Shift().Text(), gigs.Yuan(s.PaidFen), gigs.Yuan(s.PromisedFen)),
				Link: "/me/gigs", DedupeKey: fmt.Sprintf("gigpay:%d", s.ID)}
		}})
}

// MarkNoShow records that an accepted worker did not come (after the
// shift started, without a check-in).
func (x *GigWork) MarkNoShow(ctx context.Context, a Actor, id int64) (*gigs.Signup, error) {
	if _, _, err := x.employerSignup(ctx, a, id); err != nil {
		return nil, err
	}
	now := x.now()
	return x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: id, Action: "gig.no_show", Audit: true,
		Apply: func(s *gigs.Signup) error {
			switch {
			case s.Status != gigs.SignupAccepted:
				return apperr.New(apperr.Conflict, "该报名当前"+s.Status.Label()+"，不能记为未到岗")
			case now.Before(s.StartsAt):
				return apperr.New(apperr.Conflict, "班次还没开始，不能记为未到岗")
			case !s.CheckedInAt.IsZero():
				return apperr.New(apperr.Conflict, "该求职者已签到，不能记为未到岗")
			}
			s.Status = gigs.SignupNoShow
			return nil
		}})
}

// ReceiptInput is the worker's confirmation of what arrived, or a dispute.
type ReceiptInput struct {
	ReceivedAmount string `json:"received_amount"`
	Dispute        bool   `json:"dispute,omitempty"`
	Statement      string `json:"statement,omitempty"` // required with a dispute
}

// ConfirmReceipt records what the worker received; with Dispute (or when
// less than the employer recorded) a dispute opens for staff with the
// worker's statement, and the employer is asked for theirs.
func (x *GigWork) ConfirmReceipt(ctx context.Context, a Actor, id int64, in ReceiptInput) (*gigs.Signup, error) {
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.IsSelf(a.User, su.PersonID) {
		return nil, x.conceal(ctx, a, "gig_signup", id)
	}
	got, err := gigs.CheckAmount("received_amount", in.ReceivedAmount, 100*gigs.MaxPayFen)
	if err != nil {
		return nil, err
	}
	in.Statement = strings.TrimSpace(in.Statement)
	if in.Dispute {
		if err := gigs.CheckStatement("statement", in.Statement); err != nil {
			return nil, err
		}
	}
	now := x.now()
	g, err := x.db.Gigs().GigByID(ctx, su.GigID)
	if err != nil {
		return nil, err
	}
	defer x.gigs.near.cards.drop(g.ID)
	defer x.gigs.near.credit.drop(g.EmployerID)
	return x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: id, Action: "gig.receipt",
		Apply: func(s *gigs.Signup) error {
			switch {
			case s.Status != gigs.SignupCompleted || s.PaidFen < 0:
				return apperr.New(apperr.Conflict, "雇主还没有登记付款，暂时不能确认")
			case s.ReceivedFen >= 0:
				return apperr.New(apperr.Conflict, "您已确认过收到的金额")
			}
			s.ReceivedFen, s.ReceivedAt = got, now
			if in.Dispute {
				s.Dispute, s.WorkerStatement = gigs.DisputeOpen, in.Statement
			}
			return nil
		},
		Tell: func(s *gigs.Signup) *notify.Message {
			if s.Dispute != gigs.DisputeOpen {
				return nil
			}
			to, owner := gigOwner(g)
			return &notify.Message{SubjectType: to, SubjectID: owner, Kind: "gig_pay",
				Title: "零工报酬有异议：" + s.GigTitle,
				Body: fmt.Sprintf("%s 对“%s”（%s）的报酬提出异议：确认收到 %s 元，您登记已付 %s 元，按发布的报酬应为 %s 元。请在报名名单里写明情况，区人社局经办人员将核实处理。",
					s.PersonName, s.GigTitle, s.Shift().Text(), gigs.Yuan(s.ReceivedFen), gigs.Yuan(s.PaidFen), gigs.Yuan(s.PromisedFen)),
				Link: fmt.Sprintf("/gig-posts/%d/signups", s.GigID), DedupeKey: fmt.Sprintf("gigdispute:%d", s.ID)}
		}})
}

// EmployerStatement adds the employer's side to an open dispute.
func (x *GigWork) EmployerStatement(ctx context.Context, a Actor, id int64, statement string) (*gigs.Signup, error) {
	if _, _, err := x.employerSignup(ctx, a, id); err != nil {
		return nil, err
	}
	statement = strings.TrimSpace(statement)
	if err := gigs.CheckStatement("statement", statement); err != nil {
		return nil, err
	}
	return x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: id, Action: "gig.dispute_statement", Audit: true,
		Apply: func(s *gigs.Signup) error {
			if s.Dispute != gigs.DisputeOpen {
				return apperr.New(apperr.Conflict, "这条记录没有待处理的争议")
			}
			s.EmployerStatement = statement
			return nil
		}})
}

// ResolveInput is staff's finding on a dispute.
type ResolveInput struct {
	Upheld    bool   `json:"upheld"`               // the worker is right
	DueAmount string `json:"due_amount,omitempty"` // with Upheld: what the employer owes in all (yuan)
	Note      string `json:"note"`
}

// ResolveDispute records staff's finding, audited; both sides are told.
// An upheld dispute counts against the employer's credit.
func (x *GigWork) ResolveDispute(ctx context.Context, a Actor, id int64, in ResolveInput) (*gigs.Signup, error) {
	if !account.CanResolveGigDisputes(a.User) {
		return nil, x.deny(ctx, a, "gig_signup", id)
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := gigs.CheckReason("note", in.Note, "请写明核实的情况和结论，双方都会看到"); err != nil {
		return nil, err
	}
	var due int64
	if in.Upheld {
		var err error
		if due, err = gigs.CheckAmount("due_amount", in.DueAmount, 100*gigs.MaxPayFen); err != nil {
			return nil, err
		}
	}
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return nil, err
	}
	g, err := x.db.Gigs().GigByID(ctx, su.GigID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	defer x.gigs.near.credit.drop(g.EmployerID)
	out, err := x.db.Gigs().EditSignup(ctx, a.store(), store.SignupEdit{ID: id, Action: "gig.dispute_resolve", Audit: true,
		Apply: func(s *gigs.Signup) error {
			if s.Dispute != gigs.DisputeOpen {
				return apperr.New(apperr.Conflict, "这条争议已处理")
			}
			s.Dispute, s.Resolution, s.ResolvedFen, s.ResolvedBy, s.ResolvedAt = gigs.DisputeRejected, in.Note, 0, a.User.ID, now
			if in.Upheld {
				s.Dispute, s.ResolvedFen = gigs.DisputeUpheld, due
			}
			return nil
		},
		Tell: func(s *gigs.Signup) *notify.Message {
			return disputeMessage(s, notify.ToPerson, s.PersonID, true)
		}})
	if err != nil {
		return nil, err
	}
	to, owner := gigOwner(g)
	if _, err := x.db.Notify(ctx, disputeMessage(out, to, owner, false)); err != nil {
		x.log.Error("gig dispute: tell the employer", "err", err)
	}
	return out, nil
}

func disputeMessage(s *gigs.Signup, to string, id int64, worker bool) *notify.Message {
	body := fmt.Sprintf("“%s”（%s）的报酬争议已处理：%s。说明：%s", s.GigTitle, s.Shift().Text(), s.Dispute.Label(), s.Resolution)
	if s.Dispute == gigs.DisputeUpheld {
		body += fmt.Sprintf("。核定应付 %s 元。", gigs.Yuan(s.ResolvedFen))
	}
	link, key := "/me/gigs", "worker"
	if !worker {
		link, key = fmt.Sprintf("/gig-posts/%d/signups", s.GigID), "employer"
	}
	return &notify.Message{SubjectType: to, SubjectID: id, Kind: "gig_pay", Title: "报酬争议处理结果：" + s.GigTitle, Body: body,
		Link: link, DedupeKey: fmt.Sprintf("gigresolve:%d:%s", s.ID, key)}
}

// OpenDisputes lists the disputes staff have to resolve.
func (x *GigWork) OpenDisputes(ctx context.Context, a Actor) ([]*gigs.Signup, error) {
	if !account.CanResolveGigDisputes(a.User) {
		return nil, x.deny(ctx, a, "gig_signup", 0)
	}
	return x.db.Gigs().OpenDisputes(ctx, 200)
}

// RateInput is one side's rating of a completed shift.
type RateInput struct {
	Stars int    `json:"stars"`
	Words string `json:"words,omitempty"`
}

// Rate records the worker's rating of the employer, or the employer's of
// the worker, once, after the shift was completed.
func (x *GigWork) Rate(ctx context.Context, a Actor, id int64, in RateInput) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return err
	}
	role := "worker"
	if !account.IsSelf(a.User, su.PersonID) {
		g, err := x.db.Gigs().GigByID(ctx, su.GigID)
		if err != nil {
			return err
		}
		if !account.IsGigEmployer(a.User, g.EnterpriseID, g.PersonID) {
			return x.conceal(ctx, a, "gig_signup", id)
		}
		role = "employer"
	}
	if su.Status != gigs.SignupCompleted {
		return apperr.New(apperr.Conflict, "完工后才能评价")
	}
	in.Words = strings.TrimSpace(in.Words)
	if err := gigs.CheckRating(in.Stars, in.Words); err != nil {
		return err
	}
	if err := x.db.Gigs().Rate(ctx, id, role, in.Stars, in.Words); err != nil {
		return err
	}
	if g, err := x.db.Gigs().GigByID(ctx, su.GigID); err == nil {
		x.gigs.near.credit.drop(g.EmployerID)
	}
	return nil
}
