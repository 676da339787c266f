package app

// Seats for a rush. Sign-ups for one activity that arrive while its last
// batch is being written wait together and are written as the next batch
// in arrival order (store.SignUpBatch): one transaction and one commit for
// hundreds of people, so a course that opens to thousands at once answers
// each of them quickly, and the first to arrive are the first seated.

import (
	"context"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

// seatBatchMax is the most sign-ups one transaction writes.
const seatBatchMax = 500

// seatQueue holds the sign-ups waiting for each activity's next batch.
type seatQueue struct {
	mu      sync.Mutex
	waiting map[int64][]*seatRequest
	busy    map[int64]bool // a goroutine is writing this activity's batches
}

type seatRequest struct {
	ask  seatAsk
	done chan seatResult
}

// seatAsk is one sign-up asked for: the request, and whether the station
// in it was given (else, at a fair, the fair's own station is taken).
type seatAsk struct {
	req   store.ActivitySignupRequest
	given bool
}

type seatResult struct {
	su  *activity.Signup
	err error
}

// takeSeat queues the person's sign-up and waits for its batch.
func (x *Activities) takeSeat(ctx context.Context, activityID int64, ask seatAsk) (*activity.Signup, error) {
	req := &seatRequest{ask: ask, done: make(chan seatResult, 1)}
	q := &x.seats
	q.mu.Lock()
	if q.waiting == nil {
		q.waiting, q.busy = map[int64][]*seatRequest{}, map[int64]bool{}
	}
	q.waiting[activityID] = append(q.waiting[activityID], req)
	start := !q.busy[activityID]
	q.busy[activityID] = true
	q.mu.Unlock()
	if start {
		go x.drainSeats(activityID)
	}
	select {
	case r := <-req.done:
		return r.su, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// drainSeats writes the activity's waiting sign-ups batch by batch until
// none wait. It runs outside any request, so a panic is caught here: the
// waiting requests are answered with an internal error and the next
// sign-up starts afresh.
func (x *Activities) drainSeats(activityID int64) {
	q := &x.seats
	var current []*seatRequest // the batch being written
	defer func() {
		if v := recover(); v != nil {
			x.log.Error("activity sign-up batch panicked", "activity", activityID, "panic", v)
			q.mu.Lock()
			batch := append(current, q.waiting[activityID]...)
			delete(q.waiting, activityID)
			delete(q.busy, activityID)
			q.mu.Unlock()
			for _, r := range batch {
				select { // a request already answered keeps its answer
				case r.done <- seatResult{err: apperr.New(apperr.Internal, "系统繁忙，请稍后再试")}:
				default:
				}
			}
		}
	}()
	for {
		q.mu.Lock()
		batch := q.waiting[activityID]
		if len(batch) > seatBatchMax {
			q.waiting[activityID] = batch[seatBatchMax:]
			batch = batch[:seatBatchMax]
		} else {
			delete(q.waiting, activityID)
		}
		if len(batch) == 0 {
			delete(q.busy, activityID)
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
		current = batch
		x.writeSeats(activityID, batch)
		current = nil
	}
}

// writeSeats writes one batch and answers each request; a person twice in
// the batch is answered as a repeat.
func (x *Activities) writeSeats(activityID int64, batch []*seatRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var asks []seatAsk
	first := map[int64]bool{}
	for _, r := range batch {
		if !first[r.ask.req.PersonID] {
			first[r.ask.req.PersonID] = true
			asks = append(asks, r.ask)
		}
	}
	res, err := x.admitBatch(ctx, activityID, asks)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Internal {
			x.log.Error("activity sign-up batch", "activity", activityID, "n", len(batch), "err", err)
		}
		for _, r := range batch {
			r.done <- seatResult{err: err}
		}
		return
	}
	byPerson := make(map[int64]store.BatchSignup, len(res))
	for _, b := range res {
		byPerson[b.PersonID] = b
	}
	answered := map[int64]bool{}
	for _, r := range batch {
		b := byPerson[r.ask.req.PersonID]
		if answered[r.ask.req.PersonID] {
			r.done <- seatResult{err: apperr.New(apperr.Conflict, "您已报名过这个活动，不能重复报名")}
			continue
		}
		answered[r.ask.req.PersonID] = true
		r.done <- seatResult{su: b.Signup, err: b.Err}
	}
}

// admitBatch checks the batch against the activity's window and audience
// rules (the persons read in one query), settles the station each sign-up
// is tagged with (only at a fair: the one given, else the fair's own) and
// writes those admitted.
func (x *Activities) admitBatch(ctx context.Context, activityID int64, asks []seatAsk) ([]store.BatchSignup, error) {
	act, err := x.db.Activities().ActivityHead(ctx, activityID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if msg := phaseRefusal(act, now); msg != "" {
		return nil, apperr.New(apperr.Conflict, msg)
	}
	var refused []store.BatchSignup
	reqs := make([]store.ActivitySignupRequest, 0, len(asks))
	for _, k := range asks {
		switch {
		case !act.Kind.HasBooths() && k.req.StationID != 0:
			refused = append(refused, store.BatchSignup{PersonID: k.req.PersonID,
				Err: apperr.Field("station_id", "只有招聘会和劳务协作活动报名时选择工作站")})
			continue
		case act.Kind.HasBooths() && !k.given:
			k.req.StationID = act.StationID
		}
		reqs = append(reqs, k.req)
	}
	if act.Audience != (activity.Audience{}) {
		ids := make([]int64, len(reqs))
		for i, r := range reqs {
			ids[i] = r.PersonID
		}
		people, err := x.db.Registry().PersonsByIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		day := chinatime.Today(act.Start())
		admitted := reqs[:0:0]
		for _, r := range reqs {
			if msg := act.Audience.Check(people[r.PersonID], act.District(), day); msg != "" {
				refused = append(refused, store.BatchSignup{PersonID: r.PersonID, Err: apperr.New(apperr.Forbidden, msg)})
				continue
			}
			admitted = append(admitted, r)
		}
		reqs = admitted
	}
	if len(reqs) == 0 {
		return refused, nil
	}
	res, err := x.db.Activities().SignUpBatch(ctx, activityID, reqs, now)
	return append(res, refused...), err
}
