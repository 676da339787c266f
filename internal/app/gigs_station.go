package app

// 零工驿站 (gig stations): staff sign a worker up on their behalf, found by
// the exact phone or ID number the worker says at the counter (through the
// blind indexes, audited with the sign-up), and print or export the day's
// shift list of their district.

import (
	"context"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/registry"
)

// SignUpByLookup signs up the person with exactly this phone or ID number.
func (x *GigWork) SignUpByLookup(ctx context.Context, a Actor, gigID int64, lookup string, in SignupInput) ([]*gigs.Signup, error) {
	if !account.CanSignUpFor(a.User) {
		return nil, x.deny(ctx, a, "gig", gigID)
	}
	lookup = strings.TrimSpace(lookup)
	if phone, err := registry.ParsePhone(lookup); err == nil {
		lookup = phone
	} else if info, err := registry.ParseIDNumber(lookup, x.now()); err == nil {
		lookup = info.Number
	} else {
		return nil, apperr.Field("lookup", "请输入求职者本人的 11 位手机号或 18 位身份证号")
	}
	found, _, err := x.db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: lookup, Limit: 2})
	if err != nil {
		return nil, err
	}
	if len(found) != 1 {
		return nil, apperr.Field("lookup", "没有找到这个手机号或身份证号的求职者；请先在经办工作台为其登记")
	}
	in.PersonID = found[0].ID
	return x.SignUp(ctx, a, gigID, in)
}

// StationShift is one shift of the day list with its accepted workers.
type StationShift struct {
	Gig     *gigs.Gig
	Shift   gigs.Shift
	Workers []*gigs.Signup
}

// StationDay lists the shifts starting on a Beijing day in a region, with
// who is accepted for each, for a station's counter.
func (x *GigWork) StationDay(ctx context.Context, a Actor, day time.Time, region string) ([]StationShift, error) {
	if !account.CanSignUpFor(a.User) {
		return nil, x.deny(ctx, a, "gig", 0)
	}
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, chinatime.Zone)
	to := from.AddDate(0, 0, 1)
	list, err := x.db.Gigs().GigsOnDay(ctx, from, to, region)
	if err != nil {
		return nil, err
	}
	var out []StationShift
	for _, g := range list {
		sus, err := x.db.Gigs().SignupsOfGig(ctx, g.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range g.Shifts {
			if s.StartsAt.Before(from) || !s.StartsAt.Before(to) {
				continue
			}
			st := StationShift{Gig: g, Shift: s}
			for _, su := range sus {
				if su.ShiftID == s.ID && (su.Status == gigs.SignupAccepted || su.Status == gigs.SignupCompleted || su.Status == gigs.SignupNoShow) {
					st.Workers = append(st.Workers, su)
				}
			}
			out = append(out, st)
		}
	}
	return out, nil
}
