package worker_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
	"github.com/jiuye/jiuye/internal/worker"
)

func TestQueueRunsRetriesAndDedupes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		w := worker.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		var got []string
		fails := 1
		w.Handle("echo", func(ctx context.Context, p string) error {
			if p == "flaky" && fails > 0 {
				fails--
				return errors.New("temporary")
			}
			got = append(got, p)
			return nil
		})
		w.Handle("boom", func(ctx context.Context, p string) error { panic("bad payload") })
		for _, p := range []string{"a", "a", "b"} {
			if err := db.Enqueue(ctx, "echo", p, "k-"+p, now); err != nil {
				t.Fatal(err)
			}
		}
		db.Enqueue(ctx, "echo", "flaky", "", now)
		db.Enqueue(ctx, "boom", "", "", now)
		db.Enqueue(ctx, "echo", "later", "", now.Add(time.Hour))
		if err := w.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] != "a" || got[1] != "b" {
			t.Fatalf("first pass ran %v, want [a b] (duplicate key dropped, flaky retried later)", got)
		}
		now = now.Add(2 * time.Hour)
		if err := w.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("after retry and delay ran %v", got)
		}
		// The same key can be queued again once its task was claimed.
		db.Enqueue(ctx, "echo", "a", "k-a", now)
		w.Drain(ctx)
		if len(got) != 5 {
			t.Fatalf("re-queued key did not run: %v", got)
		}
		if n, _ := db.PendingTasks(ctx); n != 1 { // the panicking task retries with backoff
			t.Fatalf("pending = %d, want 1 (the panicking task awaiting retry)", n)
		}
	})
}

func TestInboxDedupe(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := func() *notify.Message {
			return &notify.Message{SubjectType: notify.ToPerson, SubjectID: 7, Kind: "policy", Title: "您可申请：求职创业补贴",
				Link: "https://evil.example/x", DedupeKey: "policy:hb_qiuzhi:v1"}
		}
		first, err := db.Notify(ctx, m())
		if err != nil || !first {
			t.Fatalf("first delivery: %v %v", first, err)
		}
		again, err := db.Notify(ctx, m())
		if err != nil || again {
			t.Fatalf("second delivery must be dropped: %v %v", again, err)
		}
		db.Notify(ctx, &notify.Message{SubjectType: notify.ToPerson, SubjectID: 7, Kind: "system", Title: "无去重键"})
		db.Notify(ctx, &notify.Message{SubjectType: notify.ToPerson, SubjectID: 7, Kind: "system", Title: "无去重键"})
		msgs, unread, err := db.Inbox(ctx, notify.ToPerson, 7, 10)
		if err != nil || len(msgs) != 3 || unread != 3 {
			t.Fatalf("inbox: %d msgs, %d unread, %v", len(msgs), unread, err)
		}
		if msgs[2].Link != "" {
			t.Fatalf("off-site link kept: %q", msgs[2].Link)
		}
		if err := db.MarkRead(ctx, notify.ToPerson, 8, msgs[0].ID); err == nil {
			t.Fatal("another subject marked the message read")
		}
		if err := db.MarkRead(ctx, notify.ToPerson, 7, msgs[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, unread, _ := db.Inbox(ctx, notify.ToPerson, 7, 10); unread != 2 {
			t.Fatalf("unread after mark = %d", unread)
		}
	})
}
