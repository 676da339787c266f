package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
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

func startChild(t *testing.T, data, addr string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "JIUYE_CHILD_ARGS=serve --addr "+addr+" --data "+data+" --auth-rate 0", "JIUYE_LOG_LEVEL=warn")
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
	child := startChild(t, data, addr)
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
				body := fmt.Sprintf(`{"kind":"person","name":"压测%d","id_number":"%s","phone":"%s","password":"jiang7river"}`, w, id, phone)
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
	time.Sleep(3 * time.Second)
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no registration was acknowledged before the kill")
	}
	if serverErrors > 0 {
		t.Fatalf("%d requests failed with a server error before the kill", serverErrors)
	}
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
		if _, _, err := db.UserByPhone(context.Background(), phone); err != nil {
			t.Errorf("acknowledged registration %s missing after kill -9: %v", registry.MaskPhone(phone), err)
		}
	}
	if _, err := db.VerifyAudit(context.Background()); err != nil {
		t.Fatalf("audit chain after crash: %v", err)
	}
	t.Logf("%d registrations acknowledged before SIGKILL; all present after restart", len(acked))
}
