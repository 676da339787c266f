package app

// 识别职业 learns from use. When an employer or bureau staff saves a post
// with an occupation other than the classifier's first suggestion for its
// title (recomputed here, so no form has to send what it showed), the
// (title, code) pair is counted in classifier_corrections. The classifier
// stays pure: this file loads the corrections into its overlay
// (classify.Learn) and every suggestion (识别职业, imports) goes through it.
// The overlay is rebuilt at once when this instance learns or forgets
// something, and at most learnedTTL late for changes made on another
// instance. Staff review, remove and export the pairs at /console/classifier.

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/jobs/classify"
)

// learnedTTL is how long an instance uses its overlay before reading the
// corrections again (another instance may have changed them).
const learnedTTL = time.Minute

// learnedState is the overlay of an instance and when it was read.
type learnedState struct {
	cur     atomic.Pointer[learnedOverlay]
	loading sync.Mutex
}

type learnedOverlay struct {
	l  *classify.Learned
	at time.Time
}

// learned returns the current overlay, reading the corrections when there
// is none yet or it is older than learnedTTL. A read that fails keeps the
// old overlay (suggestions still work) and is logged.
func (x *Jobs) learned() *classify.Learned {
	s := &x.state.learn
	if o := s.cur.Load(); o != nil && time.Since(o.at) < learnedTTL {
		return o.l
	}
	s.loading.Lock()
	defer s.loading.Unlock()
	if o := s.cur.Load(); o != nil && time.Since(o.at) < learnedTTL {
		return o.l
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cs, err := x.db.Jobs().Corrections(ctx)
	if err != nil {
		x.log.Error("classifier corrections: load", "err", err)
		if o := s.cur.Load(); o != nil {
			return o.l
		}
		return nil
	}
	in := make([]classify.Correction, len(cs))
	for i, c := range cs {
		in[i] = classify.Correction{Title: c.Title, Code: c.Code, Count: c.Count}
	}
	l := x.state.classifier(x.codes).Learn(in)
	s.cur.Store(&learnedOverlay{l: l, at: time.Now()})
	return l
}

// forgetLearned makes the next suggestion read the corrections again.
func (x *Jobs) forgetLearned() { x.state.learn.cur.Store(nil) }

// classify suggests occupations for a title with what was learned.
func (x *Jobs) classify(title, description string, k int) []classify.Candidate {
	return x.state.classifier(x.codes).ClassifyLearned(x.learned(), title, description, k)
}

// learnFromPost counts the post's occupation as a correction when it is not
// what the classifier would suggest first for its title, either built in
// or as learned so far (so a choice keeps counting while others compete
// with it). It never fails the save it follows: a failure is logged.
func (x *Jobs) learnFromPost(ctx context.Context, a Actor, p *jobs.Post) {
	title := strings.TrimSpace(p.Title)
	if title == "" || p.OccupationCode == "" {
		return
	}
	cls := x.state.classifier(x.codes)
	base := cls.Classify(title, p.Description, 1)
	learned := cls.ClassifyLearned(x.learned(), title, p.Description, 1)
	suggested := ""
	if len(base) > 0 {
		suggested = base[0].Code
	}
	if suggested == p.OccupationCode && (len(learned) == 0 || learned[0].Code == p.OccupationCode) {
		return
	}
	var uid int64
	if a.User != nil {
		uid = a.User.ID
	}
	if err := x.db.Jobs().RecordCorrection(ctx, title, p.OccupationCode, suggested, uid); err != nil {
		x.log.Error("classifier corrections: record", "err", err)
		return
	}
	x.forgetLearned()
}

// CorrectionView is a learned pair with its occupations' names.
type CorrectionView struct {
	jobs.Correction
	Name          string // of Code
	SuggestedName string
	FirstNow      string // what the platform now suggests first for the title
}

// Corrections lists what 识别职业 learned, for staff, most chosen first:
// the first limit pairs (all when limit <= 0) and how many there are.
func (x *Jobs) Corrections(ctx context.Context, a Actor, limit int) ([]CorrectionView, int, error) {
	if !account.CanReviewClassifier(a.User) {
		return nil, 0, x.deny(ctx, a, "classifier_correction", 0)
	}
	cs, err := x.db.Jobs().Corrections(ctx)
	if err != nil {
		return nil, 0, err
	}
	total := len(cs)
	if limit > 0 && len(cs) > limit {
		cs = cs[:limit]
	}
	out := make([]CorrectionView, len(cs))
	for i, c := range cs {
		v := CorrectionView{Correction: c}
		if o, ok := x.codes.Occupations.Get(c.Code); ok {
			v.Name = o.Name
		}
		if o, ok := x.codes.Occupations.Get(c.Suggested); ok {
			v.SuggestedName = o.Name
		}
		if f := x.classify(c.Title, "", 1); len(f) > 0 {
			v.FirstNow = f[0].Code
		}
		out[i] = v
	}
	return out, total, nil
}

// DeleteCorrection removes a learned pair (audited); the classifier
// forgets it at once on this instance.
func (x *Jobs) DeleteCorrection(ctx context.Context, a Actor, id int64) (*jobs.Correction, error) {
	if !account.CanReviewClassifier(a.User) {
		return nil, x.deny(ctx, a, "classifier_correction", id)
	}
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	c, err := x.db.Jobs().DeleteCorrection(ctx, a.store(), id)
	if err != nil {
		return nil, err
	}
	x.forgetLearned()
	return c, nil
}
