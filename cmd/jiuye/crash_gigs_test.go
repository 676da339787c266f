package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestKill9DuringGigSignups: 32 clients of a 零工驿站 sign workers up for
// one shift of a gig against a real server process on SQLite, and the
// process is killed with SIGKILL mid-way. Every sign-up answered 201 must
// be in the store afterwards, the shift's count must equal its accepted
// sign-ups, and the audit chain must verify.
func TestKill9DuringGigSignups(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	data := t.TempDir()
	addr := freeAddr(t)
	child := startChild(t, data, addr) // creates the key and the schema
	child.Process.Signal(syscall.SIGTERM)
	child.Wait()
	const staffPhone, staffPW = "13900139001", "jiang7river"
	gigID, shiftID, persons := prepareGig(t, data, staffPhone, staffPW, 3000)

	child = startChild(t, data, addr)
	res, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"phone":%q,"password":%q}`, staffPhone, staffPW)))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(res.Body).Decode(&login)
	res.Body.Close()
	if login.Token == "" {
		t.Fatal("staff login failed")
	}
	var next atomic.Int64
	var mu sync.Mutex
	var acked []int64
	var serverErrors int
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second}
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				i := next.Add(1) - 1
				if int(i) >= len(persons) {
					return
				}
				body := fmt.Sprintf(`{"shift_id":%d,"person_id":%d}`, shiftID, persons[i])
				req, _ := http.NewRequest("POST", fmt.Sprintf("http://%s/api/v1/gigs/%d/signups", addr, gigID), strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+login.Token)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					continue // the server died mid-request: not acknowledged
				}
				msg, _ := io.ReadAll(res.Body)
				res.Body.Close()
				mu.Lock()
				if res.StatusCode == 201 {
					acked = append(acked, persons[i])
				} else if res.StatusCode >= 500 {
					serverErrors++
					t.Logf("server error %d: %s", res.StatusCode, msg)
				}
				mu.Unlock()
			}
		}()
	}
	killMidway(t, child, 2*time.Second, stop, &wg, func() (int, int) { return len(acked), serverErrors }, "sign-up")
	child = startChild(t, data, addr) // recovers the WAL
	child.Process.Signal(syscall.SIGTERM)
	child.Wait()
	db, _ := openData(t, data)
	defer db.Close()
	ctx := context.Background()
	list, err := db.Gigs().SignupsOfGig(ctx, gigID)
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	accepted := 0
	for _, s := range list {
		have[s.PersonID] = true
		if s.Status == "accepted" {
			accepted++
		}
	}
	for _, p := range acked {
		if !have[p] {
			t.Errorf("acknowledged sign-up of person %d missing after kill -9", p)
		}
	}
	g, err := db.Gigs().GigByID(ctx, gigID)
	if err != nil {
		t.Fatal(err)
	}
	if g.Shifts[0].Filled != accepted {
		t.Fatalf("shift count %d, accepted sign-ups %d", g.Shifts[0].Filled, accepted)
	}
	if _, err := db.VerifyAudit(ctx); err != nil {
		t.Fatalf("audit chain after crash: %v", err)
	}
	t.Logf("%d sign-ups acknowledged before SIGKILL (%d stored, %d accepted); all present after restart", len(acked), len(list), accepted)
}

// prepareGig stores a staff account, a verified employer with a published
// gig of one shift tomorrow (slots enough for everyone) and n persons, and
// returns the gig, its shift and the persons.
func prepareGig(t *testing.T, data, staffPhone, staffPW string, n int) (gigID, shiftID int64, persons []int64) {
	t.Helper()
	ctx := context.Background()
	db, a := openData(t, data)
	defer db.Close()
	staff, err := a.Accounts.CreateUser(ctx, app.Actor{IP: "test"}, app.NewUserInput{Role: "staff", Name: "驿站", Phone: staffPhone, Password: staffPW}, true)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 12))
	emp, err := a.Accounts.Register(ctx, app.Actor{IP: "test"}, app.RegisterInput{Kind: "employer", Name: "刘经理", Phone: registry.GeneratePhone(r),
		Password: staffPW, Enterprise: &app.EnterpriseInput{Name: "武汉临空港会展服务有限公司", USCC: registry.GenerateUSCC(r, "420112"), IndustryCode: "72", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	day := time.Now().In(chinatime.Zone).AddDate(0, 0, 1).Format(time.DateOnly)
	g, err := a.Gigs.CreateGig(ctx, app.Actor{User: emp}, app.GigInput{Title: "展会撤展", OccupationCode: "4-02-05-01",
		Description: "展会结束后拆除展位、搬运物料装车。", PayAmount: "200", PayUnit: "day", Slots: 1000, InstantAccept: true,
		Shifts: []app.ShiftInput{{Date: day, Start: "08:00", End: "17:00"}}, RegionCode: "420112001", Address: "临空港大道 88 号"})
	if err != nil {
		t.Fatal(err)
	}
	reviewer := &account.User{ID: staff.ID, Role: account.RoleAdmin}
	if _, err := a.Gigs.ReviewGig(ctx, app.Actor{User: reviewer}, g.ID, app.GigReview{Action: "approve"}); err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		seen := map[string]bool{}
		for i := 0; len(persons) < n; i++ {
			birth := time.Date(1960+r.IntN(40), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
			idn := registry.GenerateIDNumber(r, "420112", birth, r.IntN(2) == 0)
			if seen[idn] {
				continue
			}
			seen[idn] = true
			p := &registry.Person{Name: fmt.Sprintf("工人%04d", i), IDNumber: idn, Phone: registry.GeneratePhone(r), Birth: birth,
				ResidenceRegion: "420112001"}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			persons = append(persons, p.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g.ID, g.Shifts[0].ID, persons
}
