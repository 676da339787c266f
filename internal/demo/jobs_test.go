package demo

import (
	"context"
	"testing"

	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestGeneratePosts: N × 48,000 posts, all of verified enterprises, valid,
// mostly published (the rest expired), the demo employer among the posters.
func TestGeneratePosts(t *testing.T) {
	tables := loadTables(t)
	db := storetest.SQLite(t)
	ctx := context.Background()
	res, err := Generate(ctx, db, tables, Options{Scale: 0.01, Seed: 3, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Posts != 480 {
		t.Fatalf("posts %d, want 480", res.Posts)
	}
	// The 480 posts and one 见习 post of the internship base (scale 0.01 has one base).
	if n, _ := db.Count(ctx, "job_posts"); n != 481 {
		t.Fatalf("stored %d posts", n)
	}
	if seq, _ := db.Jobs().JobSeq(ctx); seq != 481 {
		t.Fatalf("change sequence at %d, want 481", seq)
	}
	published, expired := 0, 0
	for _, st := range []jobs.Status{jobs.Published, jobs.Expired} {
		posts, total, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{Status: string(st), Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range posts {
			e, err := db.Registry().EnterpriseByID(ctx, p.EnterpriseID)
			if err != nil || !e.Verified {
				t.Fatalf("post %d of an unverified enterprise", p.ID)
			}
			if p.PublishedAt.IsZero() || p.Address == "" || p.Effective(testNow) != st {
				t.Fatalf("post %+v", p)
			}
		}
		if st == jobs.Published {
			published = total
		} else {
			expired = total
		}
	}
	if published+expired != 481 || published < 400 {
		t.Fatalf("published %d, expired %d", published, expired)
	}
	var employer int64
	for _, a := range res.Accounts {
		if a.EnterpriseID != 0 {
			employer = a.EnterpriseID
		}
	}
	if _, n, _ := db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: employer}); n == 0 {
		t.Fatal("the demo employer has no posts")
	}
}
