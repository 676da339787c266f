package httpx

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Limiter is a per-key token bucket (keys are client IPs). Buckets idle for
// longer than a refill are dropped so memory stays bounded.
//
// Alone it limits one process. With Share, the in-process bucket stays the
// first gate (a key it refuses costs no database round trip) and a key it
// lets through must also find a token in the shared buckets, so several
// instances on one database allow the rate of one between them.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[string]*bucket
	now     func() time.Time
	swept   time.Time
	shared  SharedBuckets
	prefix  string
	log     *slog.Logger
}

// SharedBuckets are token buckets every instance draws on (the database's
// rate_limits table on PostgreSQL): Take spends one token of key's bucket,
// refilled at perSecond up to burst, and reports whether there was one.
type SharedBuckets interface {
	Take(ctx context.Context, key string, perSecond, burst float64) (bool, error)
}

type bucket struct {
	tokens float64
	at     time.Time
}

// sharedTimeout bounds the wait for a shared bucket; past it the request
// is decided by the in-process bucket alone.
const sharedTimeout = time.Second

// NewLimiter allows perMinute requests a minute per key with bursts of burst.
// perMinute <= 0 disables limiting.
func NewLimiter(perMinute, burst int) *Limiter {
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(burst), buckets: map[string]*bucket{}, now: time.Now}
}

// Share makes the limiter also draw on s under prefix+key, so instances
// sharing s share the limit. When s fails (database down or slow), the
// request is decided by the in-process bucket alone — a login then fails
// on the database anyway — and the failure is logged.
func (l *Limiter) Share(s SharedBuckets, prefix string, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l.shared, l.prefix, l.log = s, prefix, log
}

// Allow takes a token for key, reporting false when the bucket is empty.
func (l *Limiter) Allow(ctx context.Context, key string) bool {
	if l == nil || l.rate <= 0 {
		return true
	}
	if !l.allowLocal(key) {
		return false
	}
	if l.shared == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
	defer cancel()
	ok, err := l.shared.Take(ctx, l.prefix+key, l.rate, l.burst)
	if err != nil {
		l.log.Warn("shared rate limit unavailable; this instance's limit alone applies", "err", err)
		return true
	}
	return ok
}

func (l *Limiter) allowLocal(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > time.Minute {
		l.sweep(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *Limiter) sweep(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) > full {
			delete(l.buckets, k)
		}
	}
	l.swept = now
}
