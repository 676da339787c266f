package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// cmdHealth runs `jiuye health`: it asks the server listening on --addr
// (JIUYE_ADDR) for /readyz and fails unless it answers 200. Container
// images without a shell or curl (deploy/Containerfile) use it as their
// health check; systemd and load balancers can ask /readyz directly.
func cmdHealth(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("health", getenv, stderr)
	if err := parse(fs, c, args); err != nil {
		return err
	}
	url, err := readyURL(c.Addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", url, res.Status)
	}
	fmt.Fprintln(stdout, "ready")
	return nil
}

// readyURL is the /readyz URL of a server listening on addr; a listener on
// every interface (":8080", "0.0.0.0:8080", "[::]:8080") is asked on loopback.
func readyURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("health: --addr %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}
