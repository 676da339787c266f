package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
)

// TestMain lets the test binary act as the server process for the crash
// test: with JIUYE_CHILD_ARGS set it runs the CLI instead of the tests.
func TestMain(m *testing.M) {
	if args := os.Getenv("JIUYE_CHILD_ARGS"); args != "" {
		err := run(context.Background(), append([]string{"jiuye"}, strings.Fields(args)...), os.Getenv, os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// killMidway lets the clients run for d, kills the server with SIGKILL,
// stops the clients, and fails unless some requests of the kind what were
// acknowledged and none failed with a server error (counts reads them once
// the clients have stopped).
func killMidway(t *testing.T, child *exec.Cmd, d time.Duration, stop chan struct{}, wg *sync.WaitGroup, counts func() (acked, serverErrors int), what string) {
	t.Helper()
	time.Sleep(d)
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	close(stop)
	wg.Wait()
	acked, serverErrors := counts()
	if acked == 0 {
		t.Fatalf("no %s was acknowledged before the kill", what)
	}
	if serverErrors > 0 {
		t.Fatalf("%d requests failed with a server error before the kill", serverErrors)
	}
}

func startChild(t *testing.T, data, addr string, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "JIUYE_CHILD_ARGS=serve --addr "+addr+" --data "+data+" --auth-rate 0 "+strings.Join(extra, " "), "JIUYE_LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("server did not become ready")
	return nil
}

// TestKill9DuringRegistrations: 64 clients register concurrently against a
// real server process on SQLite; the process is killed with SIGKILL mid-way.
// Every registration that was answered 201 must be in the store afterwards,
// no request may fail with "database is locked", and the audit chain must verify.
func TestKill9DuringRegistrations(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	data := t.TempDir()
	addr := freeAddr(t)
	// The sign-ups need a code sent to the phone: the server is given an
	// SMS gateway in this process, which hands the codes to the clients.
	gw := newCodeGateway()
	defer gw.srv.Close()
	child := startChild(t, data, addr, "--sms-url", gw.srv.URL)
	var mu sync.Mutex
	var acked []string
	var serverErrors int
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second}
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				phone := registry.GeneratePhone(rng)
				id := registry.GenerateIDNumber(rng, "420112", time.Date(1985+w%20, time.Month(1+i%12), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC), w%2 == 0)
				code, ok := gw.code(client, addr, phone)
				if !ok {
					continue // the server died before sending it
				}
				body := fmt.Sprintf(`{"kind":"person","name":"压测%d","id_number":"%s","phone":"%s","password":"jiang7river","sms_code":"%s","consent_version":1}`, w, id, phone, code)
				res, err := client.Post("http://"+addr+"/api/v1/auth/register", "application/json", strings.NewReader(body))
				if err != nil {
					continue // the server died mid-request: not acknowledged
				}
				msg, _ := io.ReadAll(res.Body)
				res.Body.Close()
				mu.Lock()
				if res.StatusCode == 201 {
					acked = append(acked, phone)
				}
				if res.StatusCode >= 500 { // a "database is locked" would surface as a 500
					serverErrors++
					t.Logf("server error %d: %s", res.StatusCode, msg)
				}
				mu.Unlock()
			}
		}(w)
	}
	killMidway(t, child, 3*time.Second, stop, &wg, func() (int, int) { return len(acked), serverErrors }, "registration")
	// Restart the server on the same data (recovers the WAL), then check directly.
	child = startChild(t, data, addr)
	child.Process.Signal(syscall.SIGTERM)
	child.Wait()
	key, err := secret.LoadKeyFile(filepath.Join(data, "jiuye.key"))
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.New(key)
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(data, "jiuye.db"), box)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, phone := range acked {
		if _, _, err := db.Accounts().UserByPhone(context.Background(), phone); err != nil {
			t.Errorf("acknowledged registration %s missing after kill -9: %v", registry.MaskPhone(phone), err)
		}
	}
	if _, err := db.VerifyAudit(context.Background()); err != nil {
		t.Fatalf("audit chain after crash: %v", err)
	}
	t.Logf("%d registrations acknowledged before SIGKILL; all present after restart", len(acked))
}

// codeGateway stands in for an SMS gateway: it keeps the codes the server
// posts, by phone, for the clients that asked for them.
type codeGateway struct {
	srv   *httptest.Server
	mu    sync.Mutex
	codes map[string]string
}

func newCodeGateway() *codeGateway {
	g := &codeGateway{codes: map[string]string{}}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m struct{ Phone, Code string }
		if err := json.NewDecoder(r.Body).Decode(&m); err == nil {
			g.mu.Lock()
			g.codes[m.Phone] = m.Code
			g.mu.Unlock()
		}
	}))
	return g
}

// code asks the server at addr for a register code for phone and waits
// (up to 5 s) for the gateway to receive it.
func (g *codeGateway) code(client *http.Client, addr, phone string) (string, bool) {
	res, err := client.Post("http://"+addr+"/api/v1/auth/sms-code", "application/json",
		strings.NewReader(`{"phone":"`+phone+`","purpose":"register"}`))
	if err != nil {
		return "", false
	}
	res.Body.Close()
	if res.StatusCode != 202 {
		return "", false
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		g.mu.Lock()
		c, ok := g.codes[phone]
		g.mu.Unlock()
		if ok {
			return c, true
		}
	}
	return "", false
}
