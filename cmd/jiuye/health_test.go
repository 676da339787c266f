package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHealth: `jiuye health` succeeds only on a 200 from /readyz of the
// server on --addr, and asks a listener on every interface on loopback.
func TestHealth(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	health := func() (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), []string{"jiuye", "health", "--addr", addr}, func(string) string { return "" }, &out, &out)
		return out.String(), err
	}
	if out, err := health(); err != nil || out != "ready\n" {
		t.Fatalf("ready server: %q %v", out, err)
	}
	status = http.StatusServiceUnavailable
	if _, err := health(); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("database down: %v, want an error naming 503", err)
	}
	for in, want := range map[string]string{":8080": "http://127.0.0.1:8080/readyz", "0.0.0.0:80": "http://127.0.0.1:80/readyz",
		"[::]:9000": "http://127.0.0.1:9000/readyz", "10.0.0.4:8081": "http://10.0.0.4:8081/readyz", "[::1]:8082": "http://[::1]:8082/readyz"} {
		if got, err := readyURL(in); err != nil || got != want {
			t.Errorf("readyURL(%q) = %q %v, want %q", in, got, err, want)
		}
	}
}
