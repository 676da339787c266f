package httpx

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeShared is a SharedBuckets that counts takes and answers as told.
type fakeShared struct {
	takes int
	keys  []string
	ok    bool
	err   error
}

func (f *fakeShared) Take(_ context.Context, key string, perSecond, burst float64) (bool, error) {
	f.takes++
	f.keys = append(f.keys, key)
	return f.ok, f.err
}

// TestLimiterSharesAfterTheLocalGate: a key the in-process bucket refuses
// never reaches the shared buckets; one it lets through is decided by
// them under the prefix; when they fail, the in-process bucket decides.
func TestLimiterSharesAfterTheLocalGate(t *testing.T) {
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	l := NewLimiter(30, 10)
	l.now = func() time.Time { return now }
	s := &fakeShared{ok: false}
	l.Share(s, "auth:", nil)
	ctx := context.Background()
	if l.Allow(ctx, "192.0.2.1") {
		t.Fatal("allowed although the shared bucket is empty")
	}
	if s.takes != 1 || s.keys[0] != "auth:192.0.2.1" {
		t.Fatalf("shared takes %v", s.keys)
	}
	for range 20 {
		l.Allow(ctx, "192.0.2.1")
	}
	if s.takes != 10 {
		t.Fatalf("%d shared takes for 21 attempts with a local burst of 10, want 10", s.takes)
	}
	s.ok = true
	if !l.Allow(ctx, "192.0.2.2") {
		t.Fatal("refused although both buckets have tokens")
	}
	s.err = errors.New("database down")
	allowed := 0
	for range 20 {
		if l.Allow(ctx, "192.0.2.3") {
			allowed++
		}
	}
	if allowed != 10 {
		t.Fatalf("shared buckets failing: %d of 20 allowed, want the local burst of 10", allowed)
	}
}
