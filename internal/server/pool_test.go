package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestCandidatePoolSecondInstance: two platforms on one store (SQLite
// file, and PostgreSQL when configured). Resumes saved and persons renamed
// through instance A reach the candidate lists of instance B — which keeps
// its pool in memory — once B's last look is 10 s old, not before; a save
// stamped by a clock more than a minute behind is missed by the looks and
// put right by the hourly reload.
func TestCandidatePoolSecondInstance(t *testing.T) {
	box := storetest.Box(t)
	ctx := context.Background()
	run := func(t *testing.T, dsn string) {
		open := func() *store.DB {
			db, err := store.Open(ctx, dsn, box)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			return db
		}
		dbA, dbB := open(), open()
		f := jobsFixture(t, dbA)
		clock := jobsDay.Add(10 * time.Minute) // the accounts' records are older than any look reads again
		dbA.SetClock(func() time.Time { return clock })
		dbB.SetClock(func() time.Time { return clock })
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		srvB, err := server.New(app.New(dbB, tables, logger, app.Options{HashParams: cheapHash}), logger, serverOpts())
		if err != nil {
			t.Fatal(err)
		}
		post := geoPost(t, f, "仓管员", 30.610, 114.110)
		employer := f.token("employer") // sessions live in the store: good on B too
		candidatesOnB := func() map[int64]map[string]any {
			t.Helper()
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/api/v1/jobs/"+strconv.FormatInt(post, 10)+"/candidates", nil)
			req.Header.Set("Authorization", "Bearer "+employer)
			srvB.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Fatalf("B candidates: %d %s", rec.Code, rec.Body)
			}
			out := map[int64]map[string]any{}
			for _, it := range decode(t, rec)["items"].([]any) {
				m := it.(map[string]any)
				out[int64(m["person_id"].(float64))] = m
			}
			return out
		}
		save := func(role string, discoverable bool, lat, lng float64) {
			t.Helper()
			body := warehouseResume(discoverable)
			body["lat"], body["lng"] = lat, lng
			if rec := f.do("PUT", "/api/v1/me/resume", f.token(role), body); rec.Code != 200 {
				t.Fatalf("save on A: %d %s", rec.Code, rec.Body)
			}
		}
		later := func(d time.Duration) { clock = clock.Add(d) }
		p1, p2 := f.users["person"].User.PersonID, f.users["person2"].User.PersonID

		save("person", true, homeLat, homeLng)
		if got := candidatesOnB(); len(got) != 1 || got[p1] == nil { // B loads its pool
			t.Fatalf("B at first: %v", got)
		}

		// A change on A waits for B's next look (10 s) …
		later(time.Second)
		save("person", false, homeLat, homeLng)
		save("person2", true, 30.650, 114.140)
		if got := candidatesOnB(); len(got) != 1 || got[p1] == nil {
			t.Fatalf("B looked before 10 s: %v", got)
		}
		later(10 * time.Second)
		got := candidatesOnB()
		if len(got) != 1 || got[p2] == nil {
			t.Fatalf("B after 10 s: %v", got)
		}
		if r := reasonsOf(got[p2]); !contains(r, kmText(30.650, 114.140, 30.610, 114.110)) {
			t.Errorf("person2 reasons on B: %q", r)
		}

		// … and so does a person's record renamed on A, once the resume
		// saves are older than what a look reads again.
		later(2 * time.Minute)
		candidatesOnB()
		staff := app.Actor{User: f.users["staff"].User, IP: "test"}
		rec, err := f.app.Registry.EditablePerson(ctx, staff, p2)
		if err != nil {
			t.Fatal(err)
		}
		pin := app.InputFromPerson(rec)
		later(time.Second)
		pin.Name = "赵大明"
		if _, err := f.app.Registry.UpdatePerson(ctx, staff, p2, pin); err != nil {
			t.Fatal(err)
		}
		later(10 * time.Second)
		if got := candidatesOnB(); got[p2] == nil || got[p2]["name"] != "赵*明" {
			t.Fatalf("renamed on A, B shows %v", got[p2])
		}

		// A save stamped 5 minutes in the past falls outside the looks'
		// minute of overlap; the hourly reload finds it.
		clock = clock.Add(-5 * time.Minute)
		save("person", true, homeLat, homeLng)
		clock = clock.Add(5 * time.Minute)
		later(10 * time.Second)
		if got := candidatesOnB(); got[p1] != nil {
			t.Fatalf("a look found the save stamped 5 minutes back: %v", got)
		}
		later(time.Hour)
		employer = f.token("employer") // the session has idled out meanwhile
		if got := candidatesOnB(); len(got) != 2 || got[p1] == nil {
			t.Fatalf("after the hourly reload: %v", got)
		}
	}
	storetest.ForEachDSN(t, run)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCandidatesWhileSaving: candidate requests in parallel with resume
// saves and with looks and reloads (the clock runs fast) all answer, and
// each answer is a consistent list. Run with -race to check the locking.
func TestCandidatesWhileSaving(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	var mu sync.Mutex
	clock := jobsDay
	f.db.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); clock = clock.Add(3 * time.Second); return clock })
	post := geoPost(t, f, "仓管员", 30.610, 114.110)
	employer, person, person2 := f.token("employer"), f.token("person"), f.token("person2")
	path := "/api/v1/jobs/" + strconv.FormatInt(post, 10) + "/candidates"
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				if w < 2 { // savers
					tok := []string{person, person2}[w]
					body := warehouseResume(i%2 == 0)
					body["lat"], body["lng"] = homeLat+float64(i)/1000, homeLng
					if rec := f.do("PUT", "/api/v1/me/resume", tok, body); rec.Code != 200 {
						errs <- "save: " + rec.Body.String()
					}
					continue
				}
				rec := f.do("GET", path, employer, nil)
				if rec.Code != 200 {
					errs <- "candidates: " + rec.Body.String()
					continue
				}
				var out struct{ Items []any }
				if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Items) > 2 {
					errs <- "more candidates than persons: " + rec.Body.String()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
