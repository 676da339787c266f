package app

// 零工经纪人 push: a gig that goes live is sent once to the workers whose
// gig profile says they would take it — home within their travel distance,
// free for one of its shifts, and a skill in common (or no skills given on
// either side) — as an inbox message that is never sent twice for one gig.
// The employer sees how many were told.

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// TaskGigPush tells the workers near a newly published gig; its payload is
// the gig's id.
const TaskGigPush = "gigs.push"

// gigPushBatch is how many messages one transaction delivers.
const gigPushBatch = 500

// PushGig delivers the gig of the payload to the workers it suits and
// returns how many were newly told. Running it again tells nobody twice.
func (x *Gigs) PushGig(ctx context.Context, payload string) (int, error) {
	id, err := strconv.ParseInt(payload, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("app.PushGig: bad payload %q", payload)
	}
	g, err := x.db.Gigs().GigByID(ctx, id)
	if err != nil {
		return 0, err
	}
	now := x.now()
	if !g.Searchable(now) || !g.HasGeo {
		return 0, nil // withdrawn or over, or no point to measure from
	}
	dLat := float64(gigs.MaxRadiusKm) / 111.0
	dLng := dLat / math.Cos(g.Lat*math.Pi/180)
	profiles, err := x.db.Gigs().ProfilesAround(ctx, g.Lat, g.Lng, dLat, dLng)
	if err != nil {
		return 0, err
	}
	var msgs []*notify.Message
	for _, p := range profiles {
		if suits(g, p, now) {
			msgs = append(msgs, pushMessage(g, p.PersonID))
		}
	}
	sent := 0
	for len(msgs) > 0 {
		n := min(len(msgs), gigPushBatch)
		err := x.db.Write(ctx, func(tx *store.Tx) error {
			for _, m := range msgs[:n] {
				ok, err := tx.Notify(ctx, m)
				if err != nil {
					return err
				}
				if ok {
					sent++
				}
			}
			return nil
		})
		if err != nil {
			return sent, err
		}
		msgs = msgs[n:]
	}
	if sent > 0 {
		if err := x.db.Gigs().AddPushed(ctx, id, sent); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// suits reports whether a worker's profile takes the gig: home within
// the worker's distance, free for a shift still to come, and a skill in
// common (a side that names no skill takes any).
func suits(g *gigs.Gig, p *gigs.Profile, now time.Time) bool {
	if !p.HasHome || gigs.DistanceKm(p.HomeLat, p.HomeLng, g.Lat, g.Lng) > float64(p.RadiusKm) {
		return false
	}
	free := false
	for _, s := range g.Shifts {
		if now.Before(s.StartsAt) && p.Free(s) {
			free = true
			break
		}
	}
	if !free {
		return false
	}
	if len(p.Skills) == 0 || len(g.Skills) == 0 {
		return true
	}
	for _, sk := range p.Skills {
		if slices.Contains(g.Skills, sk) || strings.Contains(g.Title, sk) {
			return true
		}
	}
	return false
}

// pushMessage tells a worker of a gig; its dedupe key makes it once per gig.
func pushMessage(g *gigs.Gig, personID int64) *notify.Message {
	next := g.Shifts[0]
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: personID, Kind: "gig",
		Title: "附近有新零工：" + g.Title + " " + g.PayText(),
		Body: fmt.Sprintf("%s，%s，每班 %d 人。%s。按您的零工资料推荐，不想收到可在“我的零工资料”里修改。",
			g.EmployerName, next.Text(), g.Slots, g.Address),
		Link: fmt.Sprintf("/gigs/%d", g.ID), DedupeKey: fmt.Sprintf("gigpush:%d", g.ID)}
}
