package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// The documented delays (README, "Several instances") the three-instance
// test holds the platform to: a post change is in every instance's job
// index within postDelay, a person's or resume change in every instance's
// candidate lists within personDelay (the pool looks for changes when a
// list is asked for and the last look is 10 s old).
const (
	postDelay   = 2 * time.Second
	personDelay = 12 * time.Second
)

// instance is one `jiuye serve` process of the three.
type instance struct {
	name string
	base string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	log  *syncBuffer
}

// multiClient sends JSON requests to the instances as a client behind the
// proxy at ip would (X-Forwarded-For, which serve trusts from 127.0.0.1).
type multiClient struct {
	t  *testing.T
	hc *http.Client
}

func (c multiClient) do(in *instance, method, path, token, ip string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, in.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("X-Forwarded-For", ip)
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s on %s: %v", method, path, in.name, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	json.Unmarshal(raw, &out)
	return res.StatusCode, out
}

func (c multiClient) login(in *instance, phone, password, ip string) string {
	c.t.Helper()
	code, out := c.do(in, "POST", "/api/v1/auth/login", "", ip, map[string]string{"phone": phone, "password": password})
	if code != 200 {
		c.t.Fatalf("login %s on %s: %d %v", phone, in.name, code, out)
	}
	return out["token"].(string)
}

// TestThreeInstancesBehaveAsOne starts three real `jiuye serve` processes
// on one PostgreSQL database (the binary built once) and checks what the
// README promises for several instances: the per-IP login and sign-up
// limit holds at one instance's rate for attempts spread round-robin over
// the three; an account locks after MaxFailures wrong passwords however
// they are spread; every background task runs once, on whichever instance
// claims it; a post approved through one instance is searchable on the
// other two within postDelay and gone from them as fast when closed; a
// resume saved and a person's name changed through one instance reach the
// others' candidate lists within personDelay. The delays are logged.
func TestThreeInstancesBehaveAsOne(t *testing.T) {
	base := os.Getenv(storetest.EnvPostgres)
	if base == "" {
		t.Skip(storetest.EnvPostgres + " is not set; the three-instance test needs PostgreSQL")
	}
	if testing.Short() {
		t.Skip("builds the binary and starts three servers")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "jiuye")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dsn, err := storetest.SchemaDSN(t, base)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "jiuye.key")
	fx := prepareInstances(t, dsn, keyFile, filepath.Join(dir, "setup"))

	const perMinute, burst = 30, 10 // --auth-rate 30: bursts of 10, then one every 2 s
	var ins []*instance
	for i, name := range []string{"A", "B", "C"} {
		ins = append(ins, startInstance(t, bin, name, dsn, keyFile, filepath.Join(dir, "data"+strconv.Itoa(i)), perMinute))
	}
	a, b, c := ins[0], ins[1], ins[2]
	cl := multiClient{t: t, hc: &http.Client{Timeout: 30 * time.Second}}

	t.Run("login limit across instances", func(t *testing.T) {
		const ip = "203.0.113.10"
		start := time.Now()
		allowed := 0
		for i := range 30 {
			code, out := cl.do(ins[i%3], "POST", "/api/v1/auth/login", "", ip, map[string]string{"phone": fmt.Sprintf("1370000%04d", i), "password": "wrong-guess-7"})
			switch code {
			case 401:
				allowed++
			case 429:
			default:
				t.Fatalf("attempt %d: %d %v", i, code, out)
			}
		}
		elapsed := time.Since(start)
		most := burst + int(elapsed.Seconds()*perMinute/60) + 1
		t.Logf("30 login attempts round-robin over 3 instances from one address in %s: %d let through (one instance: burst %d + %d/min)",
			elapsed.Round(time.Millisecond), allowed, burst, perMinute)
		if allowed < burst || allowed > most {
			t.Fatalf("%d let through, want %d to %d (without sharing each instance lets its own burst through: %d)", allowed, burst, most, 3*burst)
		}
		// Sign-up shares the address's budget, on every instance.
		for _, in := range ins {
			if code, out := cl.do(in, "POST", "/api/v1/auth/register", "", ip, map[string]string{"kind": "person"}); code != 429 {
				t.Fatalf("sign-up on %s from the spent address: %d %v, want 429", in.name, code, out)
			}
		}
	})

	t.Run("lockout across instances", func(t *testing.T) {
		for i := 1; i <= account.MaxFailures; i++ {
			in := ins[i%3]
			code, out := cl.do(in, "POST", "/api/v1/auth/login", "", "203.0.113."+strconv.Itoa(20+i), map[string]string{"phone": fx.person2.Phone, "password": "wrong-guess-7"})
			want := 401
			if i == account.MaxFailures {
				want = 423
			}
			if code != want {
				t.Fatalf("failure %d on %s: %d %v, want %d", i, in.name, code, out, want)
			}
		}
		for _, in := range ins {
			if code, _ := cl.do(in, "POST", "/api/v1/auth/login", "", "203.0.113.30", map[string]string{"phone": fx.person2.Phone, "password": fx.password}); code != 423 {
				t.Fatalf("right password on %s while locked: %d, want 423", in.name, code)
			}
		}
	})

	t.Run("a task runs once", func(t *testing.T) {
		ctx := context.Background()
		const n = 30
		// Due one every 100 ms, so that the three workers (each polling
		// every second when idle) wake to them in turn.
		for i := range n {
			if err := fx.db.Enqueue(ctx, app.TaskJobsExpire, "multi-"+strconv.Itoa(i), "", fx.db.Now().Add(time.Duration(i)*100*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
		}
		raw := storetest.Raw(t, dsn)
		var ids []int64
		deadline := time.Now().Add(30 * time.Second)
		for {
			var left int
			if err := raw.QueryRow("SELECT COUNT(*) FROM tasks WHERE payload LIKE 'multi-%' AND done_at IS NULL").Scan(&left); err != nil {
				t.Fatal(err)
			}
			if left == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d tasks not done after 30 s", left, n)
			}
			time.Sleep(100 * time.Millisecond)
		}
		rows, err := raw.Query("SELECT id, attempts, last_error FROM tasks WHERE payload LIKE 'multi-%' ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			var attempts int
			var lastErr string
			if err := rows.Scan(&id, &attempts, &lastErr); err != nil {
				t.Fatal(err)
			}
			if attempts != 1 || lastErr != "" {
				t.Fatalf("task %d: claimed %d times, error %q", id, attempts, lastErr)
			}
			ids = append(ids, id)
		}
		rows.Close()
		// Each task's "task done" line is in exactly one instance's log.
		ranBy := map[int64][]string{}
		perInstance := map[string]int{}
		done := regexp.MustCompile(`"msg":"task done","id":(\d+)`)
		for _, in := range ins {
			for _, m := range done.FindAllStringSubmatch(in.log.String(), -1) {
				id, _ := strconv.ParseInt(m[1], 10, 64)
				if slices.Contains(ids, id) {
					ranBy[id] = append(ranBy[id], in.name)
					perInstance[in.name]++
				}
			}
		}
		for _, id := range ids {
			if len(ranBy[id]) != 1 {
				t.Fatalf("task %d ran on %v, want exactly one instance", id, ranBy[id])
			}
		}
		t.Logf("%d tasks, each run once: %v", n, perInstance)
		// The recurring tasks every instance schedules at start are queued once.
		recurring, err := raw.Query("SELECT kind, COUNT(*) FROM tasks WHERE done_at IS NULL AND dedupe_key IS NOT NULL GROUP BY kind")
		if err != nil {
			t.Fatal(err)
		}
		defer recurring.Close()
		for recurring.Next() {
			var kind string
			var k int
			recurring.Scan(&kind, &k)
			if k != 1 {
				t.Fatalf("recurring task %s queued %d times by three instances", kind, k)
			}
		}
	})

	reviewer := cl.login(a, fx.reviewer.Phone, fx.password, "198.51.100.1")
	employer := cl.login(a, fx.employer.Phone, fx.password, "198.51.100.2")
	person := cl.login(a, fx.person.Phone, fx.password, "198.51.100.3")
	var postID int64

	t.Run("a post change reaches every instance", func(t *testing.T) {
		code, out := cl.do(a, "POST", "/api/v1/jobs", employer, "198.51.100.2", map[string]any{"title": "冷链仓储调度员",
			"occupation_code": "4-02-06-01", "description": "负责冷库收发货调度和温控巡检，长白班。", "headcount": 2,
			"salary_min": 5000, "salary_max": 7000, "education": "不限", "region_code": "420112001", "address": "吴家山冷链物流园"})
		if code != 201 {
			t.Fatalf("create post on A: %d %v", code, out)
		}
		postID = int64(out["id"].(float64))
		path := "/api/v1/jobs/" + strconv.FormatInt(postID, 10)
		found := func(in *instance) bool {
			code, out := cl.do(in, "GET", "/api/v1/jobs?q="+"冷链仓储", "", "198.51.100.9", nil)
			if code != 200 {
				t.Fatalf("search on %s: %d %v", in.name, code, out)
			}
			for _, it := range out["items"].([]any) {
				if int64(it.(map[string]any)["id"].(float64)) == postID {
					return true
				}
			}
			return false
		}
		for _, in := range ins {
			if found(in) {
				t.Fatalf("post under review found on %s", in.name)
			}
		}
		if code, out := cl.do(a, "POST", path+"/review", reviewer, "198.51.100.1", map[string]string{"action": "approve"}); code != 200 {
			t.Fatalf("approve on A: %d %v", code, out)
		}
		for _, d := range waitAll(t, []*instance{b, c}, postDelay, found) {
			t.Logf("approved post searchable on %s after %s", d.name, d.after.Round(time.Millisecond))
		}
		if code, out := cl.do(a, "POST", path+"/status", employer, "198.51.100.2", map[string]string{"action": "close"}); code != 200 {
			t.Fatalf("close on A: %d %v", code, out)
		}
		gone := func(in *instance) bool { return !found(in) }
		for _, d := range waitAll(t, []*instance{b, c}, postDelay, gone) {
			t.Logf("closed post gone from %s after %s", d.name, d.after.Round(time.Millisecond))
		}
	})

	t.Run("a person change reaches every instance", func(t *testing.T) {
		if postID == 0 {
			t.Skip("no post")
		}
		path := "/api/v1/jobs/" + strconv.FormatInt(postID, 10) + "/candidates"
		candidate := func(in *instance) string { // the person's masked name in the list, "" when not there
			code, out := cl.do(in, "GET", path, employer, "198.51.100.2", nil)
			if code != 200 {
				t.Fatalf("candidates on %s: %d %v", in.name, code, out)
			}
			for _, it := range out["items"].([]any) {
				m := it.(map[string]any)
				if int64(m["person_id"].(float64)) == fx.person.PersonID {
					return m["name"].(string)
				}
			}
			return ""
		}
		for _, in := range ins { // every pool loaded before the change
			if candidate(in) != "" {
				t.Fatalf("person listed on %s before saving a resume", in.name)
			}
		}
		if code, out := cl.do(a, "PUT", "/api/v1/me/resume", person, "198.51.100.3", multiResume()); code != 200 {
			t.Fatalf("save resume on A: %d %v", code, out)
		}
		if candidate(a) == "" {
			t.Fatal("the saving instance does not list the candidate at once")
		}
		for _, d := range waitAll(t, []*instance{b, c}, personDelay, func(in *instance) bool { return candidate(in) != "" }) {
			t.Logf("resume saved on A listed on %s after %s", d.name, d.after.Round(time.Millisecond))
		}
		// The person's record: a new surname shows in the masked name.
		_, me := cl.do(a, "GET", "/api/v1/me", person, "198.51.100.3", nil)
		p, _ := me["person"].(map[string]any)
		in := map[string]any{"name": "陈小明", "phone": fx.person.Phone, "education": p["education"], "residence_region": p["residence_region"],
			"hukou_region": p["hukou_region"], "employment_status": p["employment_status"]}
		if code, out := cl.do(a, "PUT", "/api/v1/me/person", person, "198.51.100.3", in); code != 200 {
			t.Fatalf("change name on A: %d %v", code, out)
		}
		want := registry.MaskName("陈小明")
		for _, d := range waitAll(t, []*instance{b, c}, personDelay, func(in *instance) bool { return candidate(in) == want }) {
			t.Logf("name changed on A shown on %s after %s", d.name, d.after.Round(time.Millisecond))
		}
	})

	for _, in := range ins {
		if strings.Contains(in.log.String(), `"level":"ERROR"`) {
			t.Errorf("instance %s logged errors:\n%s", in.name, errorLines(in.log.String()))
		}
	}
}

// arrival is when a change showed on an instance, after it was made.
type arrival struct {
	name  string
	after time.Duration
}

// waitAll polls each instance until ok holds and fails past limit.
func waitAll(t *testing.T, ins []*instance, limit time.Duration, ok func(*instance) bool) []arrival {
	t.Helper()
	start := time.Now()
	var out []arrival
	pending := slices.Clone(ins)
	for len(pending) > 0 {
		for i := 0; i < len(pending); i++ {
			if ok(pending[i]) {
				out = append(out, arrival{pending[i].name, time.Since(start)})
				pending = slices.Delete(pending, i, i+1)
				i--
			}
		}
		if len(pending) > 0 && time.Since(start) > limit {
			t.Fatalf("not on %s within %s", pending[0].name, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return out
}

func errorLines(log string) string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, `"level":"ERROR"`) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// multiResume is a discoverable resume aimed at the test's post.
func multiResume() map[string]any {
	return map[string]any{
		"intentions": []map[string]any{{"occupation_codes": []string{"4-02-06-01"}, "region_codes": []string{"420112001"},
			"salary_min": 5000, "salary_max": 7000, "full_time": true}},
		"work": []map[string]any{{"employer": "武汉临空港物流有限公司", "title": "仓管员", "from": "2015-03", "to": "至今",
			"description": "负责仓库收发货、盘点和库存台账。"}},
		"self_description": "十年仓储经验，熟悉冷库作业。",
		"discoverable":     true,
	}
}

// multiFixture is what the setup stored before the instances started.
type multiFixture struct {
	db                                  *store.DB
	password                            string
	reviewer, employer, person, person2 *account.User
}

// prepareInstances migrates the schema (writing the key file the three
// share) and stores a reviewer, a verified employer and two persons.
func prepareInstances(t *testing.T, dsn, keyFile, data string) *multiFixture {
	t.Helper()
	ctx := context.Background()
	getenv := func(k string) string {
		return map[string]string{"JIUYE_DB": dsn, "JIUYE_DATA": data, "JIUYE_KEY_FILE": keyFile}[k]
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"jiuye", "migrate"}, getenv, &out, &out); err != nil {
		t.Fatalf("migrate: %v %s", err, out.String())
	}
	box, err := secret.LoadBox(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, dsn, box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(db, tables, slog.New(slog.DiscardHandler), app.Options{DataDir: data, HashParams: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
	fx := &multiFixture{db: db, password: "jiang7river"}
	r := rand.New(rand.NewPCG(16, 6))
	sys := app.Actor{IP: "test"}
	if fx.reviewer, err = a.Accounts.CreateUser(ctx, sys, app.NewUserInput{Role: "admin", Name: "审核", Phone: registry.GeneratePhone(r), Password: fx.password}, true); err != nil {
		t.Fatal(err)
	}
	if fx.employer, err = a.Accounts.Register(ctx, sys, app.RegisterInput{Kind: "employer", Name: "刘经理", Phone: registry.GeneratePhone(r), Password: fx.password,
		Enterprise: &app.EnterpriseInput{Name: "武汉临空港冷链物流有限公司", USCC: registry.GenerateUSCC(r, "420112"), IndustryCode: "54", RegionCode: "420112"}}); err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: fx.reviewer}, fx.employer.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	for i, p := range []**account.User{&fx.person, &fx.person2} {
		id := registry.GenerateIDNumber(r, "420112", time.Date(1990+i, 3, 4, 0, 0, 0, 0, time.UTC), i == 0)
		if *p, err = a.Accounts.Register(ctx, sys, app.RegisterInput{Kind: "person", Name: "王小明", IDNumber: id, Phone: registry.GeneratePhone(r), Password: fx.password}); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

// startInstance starts the built binary as one serve process behind a
// proxy at 127.0.0.1 (as deploy/ runs it) and waits until it is ready; it
// is stopped with SIGTERM at cleanup. Its JSON log (debug level, which
// names every task run) is kept.
func startInstance(t *testing.T, bin, name, dsn, keyFile, data string, perMinute int) *instance {
	t.Helper()
	addr := freeAddr(t)
	in := &instance{name: name, base: "http://" + addr, log: &syncBuffer{}}
	in.cmd = exec.Command(bin, "serve", "--addr", addr, "--db", dsn, "--data", data, "--key-file", keyFile,
		"--trusted-proxies", "127.0.0.1", "--auth-rate", strconv.Itoa(perMinute), "--memory-limit", "off", "--log-level", "debug")
	in.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	in.cmd.Stdout, in.cmd.Stderr = io.Discard, in.log
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { in.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			in.cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(in.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return in
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("instance %s did not become ready:\n%s", name, in.log.String())
	return nil
}
