// Package deploy holds the tests of the deployment files beside it: the
// systemd unit, the nginx and HAProxy configurations, the container file
// and the compose file. The Go checks always run (the files agree with each
// other and with the flags the server reads); the tools' own checks
// (systemd-analyze, nginx -t, haproxy -c, docker/podman build) run where
// the tool is installed and are skipped with a message where it is not.
package deploy

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/config"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/storetest"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unit is a systemd unit file: section → key → values (a key may repeat).
type unit map[string]map[string][]string

func parseUnit(t *testing.T, text string) unit {
	t.Helper()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
			u[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("unit: bad line %q", line)
			}
			u[section][k] = append(u[section][k], v)
		}
	}
	return u
}

func (u unit) one(t *testing.T, section, key string) string {
	t.Helper()
	v := u[section][key]
	if len(v) != 1 {
		t.Fatalf("unit: [%s] %s set %d times, want once", section, key, len(v))
	}
	return v[0]
}

// envFile reads KEY=value lines.
func envFile(t *testing.T, text string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("env file: bad line %q", line)
		}
		m[k] = v
	}
	return m
}

// serveConfig is the configuration `jiuye serve` reads from these
// arguments (after "serve") and environment, through the server's own flag
// definitions.
func serveConfig(t *testing.T, args []string, env map[string]string) *config.Config {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := config.Register(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatalf("serve %v: %v", args, err)
	}
	if err := c.Finish(); err != nil {
		t.Fatalf("serve %v: %v", args, err)
	}
	return c
}

// nginxConf is what the tests read of an nginx server configuration.
type nginxConf struct {
	upstreams map[string][]string // upstream name → server addresses
	headers   map[string]string   // proxy_set_header in location /
	proxyPass string              // proxy_pass in location /
}

var (
	nginxUpstream = regexp.MustCompile(`(?s)upstream\s+(\S+)\s*\{(.*?)\}`)
	nginxServer   = regexp.MustCompile(`(?m)^\s*server\s+([^\s;]+)[^;]*;`)
	nginxLocation = regexp.MustCompile(`(?s)location\s+/\s*\{(.*?)\}`)
	nginxHeader   = regexp.MustCompile(`(?m)^\s*proxy_set_header\s+(\S+)\s+("[^"]*"|\S+);`)
	nginxPass     = regexp.MustCompile(`(?m)^\s*proxy_pass\s+(\S+);`)
)

func parseNginx(t *testing.T, text string) nginxConf {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	text = strings.Join(lines, "\n")
	c := nginxConf{upstreams: map[string][]string{}, headers: map[string]string{}}
	for _, m := range nginxUpstream.FindAllStringSubmatch(text, -1) {
		for _, s := range nginxServer.FindAllStringSubmatch(m[2], -1) {
			c.upstreams[m[1]] = append(c.upstreams[m[1]], s[1])
		}
	}
	loc := nginxLocation.FindStringSubmatch(text)
	if loc == nil {
		t.Fatal("nginx: no location /")
	}
	for _, h := range nginxHeader.FindAllStringSubmatch(loc[1], -1) {
		c.headers[strings.ToLower(h[1])] = h[2]
	}
	if p := nginxPass.FindStringSubmatch(loc[1]); p != nil {
		c.proxyPass = p[1]
	}
	return c
}

// unitInstances are the instances the unit's header tells the operator to
// enable (systemctl enable --now jiuye@8081 jiuye@8082): their ports.
func unitInstances(t *testing.T) []string {
	t.Helper()
	m := regexp.MustCompile(`systemctl enable --now((?: jiuye@\d+)+)`).FindStringSubmatch(read(t, "systemd/jiuye@.service"))
	if m == nil {
		t.Fatal("unit: no `systemctl enable --now jiuye@PORT …` line")
	}
	var ports []string
	for _, f := range strings.Fields(m[1]) {
		ports = append(ports, strings.TrimPrefix(f, "jiuye@"))
	}
	return ports
}

// checkForwarding checks that a proxy connecting from proxyAddr and
// setting X-Forwarded-For to xff (an nginx variable or HAProxy sample)
// makes the server see the client's address, and that the same header
// sent straight to the server by anyone else is not believed.
func checkForwarding(t *testing.T, proxies []netip.Prefix, proxyAddr, xff string) {
	t.Helper()
	p := httpx.Proxies{Nets: proxies}
	const client = "203.0.113.7"
	var sent string
	switch xff {
	case "$remote_addr", "%[src]":
		sent = client // the header the client sent ("6.6.6.6") is replaced
	case "$proxy_add_x_forwarded_for":
		sent = "6.6.6.6, " + client
	default:
		t.Fatalf("X-Forwarded-For set to %q: the server reads the right-most untrusted address, so set it to the client's address ($remote_addr)", xff)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = net.JoinHostPort(proxyAddr, "40000")
	req.Header.Set("X-Forwarded-For", sent)
	if got := httpx.ClientIP(req, p); got != client {
		t.Fatalf("through the proxy at %s with X-Forwarded-For %q the server sees %s, want %s (check --trusted-proxies)", proxyAddr, sent, got, client)
	}
	direct := httptest.NewRequest("GET", "/", nil)
	direct.RemoteAddr = "198.51.100.66:40000"
	direct.Header.Set("X-Forwarded-For", "6.6.6.6")
	if got := httpx.ClientIP(direct, p); got != "198.51.100.66" {
		t.Fatalf("a forged X-Forwarded-For sent straight to the server is believed: %s", got)
	}
}

// healthAnswers checks that path answers 200 on the platform's own handler
// (SQLite), so a health check pointed at it probes something real.
func healthAnswers(t *testing.T, path string) {
	t.Helper()
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a := app.New(storetest.SQLite(t), tables, log, app.Options{DataDir: t.TempDir()})
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != 200 {
		t.Fatalf("health check path %s answers %d, want 200", path, rec.Code)
	}
}

// TestSystemdAndNginxAgree: the unit's hardening is there; each nginx
// upstream is an address the unit listens on for some instance; nginx's
// X-Forwarded-For is believed from where nginx connects (the unit's
// --trusted-proxies) and from nowhere else.
func TestSystemdAndNginxAgree(t *testing.T) {
	u := parseUnit(t, read(t, "systemd/jiuye@.service"))
	for key, want := range map[string]string{"ProtectSystem": "strict", "NoNewPrivileges": "yes", "DynamicUser": "yes",
		"PrivateTmp": "yes", "ProtectHome": "yes", "CapabilityBoundingSet": "", "StateDirectory": "jiuye",
		"ReadWritePaths": "/var/lib/jiuye", "EnvironmentFile": "/etc/jiuye/jiuye.env"} {
		if got := u.one(t, "Service", key); got != want {
			t.Errorf("unit: %s=%s, want %s", key, got, want)
		}
	}
	exec := strings.Fields(u.one(t, "Service", "ExecStart"))
	if len(exec) < 2 || exec[1] != "serve" {
		t.Fatalf("unit: ExecStart %v does not run serve", exec)
	}
	env := envFile(t, read(t, "systemd/jiuye.env"))
	if env["JIUYE_DATA"] != "/var/lib/jiuye" {
		t.Errorf("env: JIUYE_DATA=%s, want the unit's state directory /var/lib/jiuye", env["JIUYE_DATA"])
	}
	ng := parseNginx(t, read(t, "nginx/jiuye.conf"))
	if ng.proxyPass != "http://jiuye" || len(ng.upstreams["jiuye"]) != 2 {
		t.Fatalf("nginx: proxy_pass %q to upstream servers %v, want http://jiuye with two", ng.proxyPass, ng.upstreams["jiuye"])
	}
	enabled := unitInstances(t)
	for _, up := range ng.upstreams["jiuye"] {
		host, port, err := net.SplitHostPort(up)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(enabled, port) {
			t.Fatalf("nginx upstream %s: the unit's instructions enable %v, not jiuye@%s", up, enabled, port)
		}
		args := slices.Clone(exec[2:])
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "%i", port) // systemctl start jiuye@PORT
		}
		c := serveConfig(t, args, env)
		if c.Addr != up {
			t.Fatalf("nginx upstream %s: jiuye@%s listens on %s", up, port, c.Addr)
		}
		if !strings.HasPrefix(c.DB, "postgres://") {
			t.Fatalf("several instances need PostgreSQL; the env file says %s", c.DB)
		}
		// nginx connects to a loopback upstream from 127.0.0.1.
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			t.Fatalf("nginx upstream %s is not on this host", up)
		}
		checkForwarding(t, c.Proxies, host, ng.headers["x-forwarded-for"])
	}
	if ng.headers["host"] != "$host" {
		t.Errorf("nginx: Host header %q, want $host", ng.headers["host"])
	}
}

// TestHAProxyAgrees: the HAProxy configuration probes the platform's
// readiness endpoint, balances over the unit's instances and forwards the
// client's address as the unit's --trusted-proxies expects.
func TestHAProxyAgrees(t *testing.T) {
	cfg := read(t, "haproxy/haproxy.cfg")
	check := regexp.MustCompile(`(?m)^\s*http-check send meth GET uri (\S+)`).FindStringSubmatch(cfg)
	if check == nil {
		t.Fatal("haproxy: no http-check of a path")
	}
	healthAnswers(t, check[1])
	servers := regexp.MustCompile(`(?m)^\s*server\s+\S+\s+(\S+)`).FindAllStringSubmatch(cfg, -1)
	if len(servers) != 2 || !regexp.MustCompile(`(?m)^\s*default-server check`).MatchString(cfg) {
		t.Fatalf("haproxy: want two checked servers, got %v", servers)
	}
	xff := regexp.MustCompile(`(?m)^\s*http-request set-header X-Forwarded-For (\S+)`).FindStringSubmatch(cfg)
	if xff == nil {
		t.Fatal("haproxy: X-Forwarded-For is not set")
	}
	u := parseUnit(t, read(t, "systemd/jiuye@.service"))
	exec := strings.Fields(u.one(t, "Service", "ExecStart"))
	env := envFile(t, read(t, "systemd/jiuye.env"))
	enabled := unitInstances(t)
	for _, s := range servers {
		host, port, _ := net.SplitHostPort(s[1])
		if !slices.Contains(enabled, port) {
			t.Fatalf("haproxy server %s: the unit's instructions enable %v, not jiuye@%s", s[1], enabled, port)
		}
		args := slices.Clone(exec[2:])
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "%i", port)
		}
		c := serveConfig(t, args, env)
		if c.Addr != s[1] {
			t.Fatalf("haproxy server %s: jiuye@%s listens on %s", s[1], port, c.Addr)
		}
		checkForwarding(t, c.Proxies, host, xff[1])
	}
}

// TestComposeAgrees: the compose file runs PostgreSQL, a one-off migrate
// (which writes the key file) before two instances sharing the data
// volume, and nginx at the one address the instances trust, whose upstream
// servers are those two instances' service names and port.
func TestComposeAgrees(t *testing.T) {
	var doc struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
			ReadOnly    bool              `yaml:"read_only"`
			DependsOn   map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Networks any `yaml:"networks"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal([]byte(read(t, "compose/compose.yaml")), &doc); err != nil {
		t.Fatal(err)
	}
	db, ok := doc.Services["db"]
	if !ok || !strings.Contains(db.Image, "postgres") {
		t.Fatalf("compose: no PostgreSQL service (%+v)", db)
	}
	if m := doc.Services["migrate"]; len(m.Command) != 1 || m.Command[0] != "migrate" || m.DependsOn["db"].Condition != "service_healthy" {
		t.Fatalf("compose: migrate service %+v", m)
	}
	nginxNet, _ := doc.Services["nginx"].Networks.(map[string]any)
	nginxIP, _ := nginxNet["jiuye"].(map[string]any)["ipv4_address"].(string)
	if nginxIP == "" {
		t.Fatal("compose: nginx has no fixed address for the instances to trust")
	}
	ng := parseNginx(t, read(t, "compose/nginx.conf"))
	var names []string
	for _, up := range ng.upstreams["jiuye"] {
		host, port, _ := net.SplitHostPort(up)
		s, ok := doc.Services[host]
		if !ok {
			t.Fatalf("compose nginx upstream %s: no service %s", up, host)
		}
		names = append(names, host)
		if s.Command[0] != "serve" || s.DependsOn["migrate"].Condition != "service_completed_successfully" || !s.ReadOnly {
			t.Fatalf("compose: %s %+v", host, s)
		}
		if !slices.Contains(s.Volumes, "jiuye-data:/var/lib/jiuye") {
			t.Fatalf("compose: %s does not share the data volume (key file, uploads)", host)
		}
		env := s.Environment
		env["JIUYE_DB"] = "postgres://jiuye:x@db:5432/jiuye" // the password comes from .env
		c := serveConfig(t, nil, env)
		if _, p, _ := net.SplitHostPort(c.Addr); p != port {
			t.Fatalf("compose: %s listens on %s, nginx sends to port %s", host, c.Addr, port)
		}
		checkForwarding(t, c.Proxies, nginxIP, ng.headers["x-forwarded-for"])
	}
	if len(names) != 2 {
		t.Fatalf("compose nginx: %d upstream instances, want 2", len(names))
	}
	healthAnswers(t, "/readyz") // the image's HEALTHCHECK (jiuye health) asks it
}

// TestContainerfile: a static build, a non-root final stage with CA
// certificates and tzdata (distroless static has both), a health check.
func TestContainerfile(t *testing.T) {
	cf := read(t, "Containerfile")
	if !strings.Contains(cf, "CGO_ENABLED=0") {
		t.Error("Containerfile: the build is not static (CGO_ENABLED=0)")
	}
	froms := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(cf, -1)
	final := froms[len(froms)-1][1]
	if !strings.HasPrefix(final, "gcr.io/distroless/static") && final != "scratch" {
		t.Errorf("Containerfile: final stage %s, want distroless static or scratch", final)
	}
	user := regexp.MustCompile(`(?m)^USER\s+(\S+)`).FindStringSubmatch(cf)
	if user == nil || strings.HasPrefix(user[1], "0") || strings.HasPrefix(user[1], "root") {
		t.Errorf("Containerfile: runs as %v, want a non-root user", user)
	}
	if !strings.Contains(cf, `HEALTHCHECK`) || !strings.Contains(cf, `"health"`) {
		t.Error("Containerfile: no health check")
	}
	ignore := read(t, "../.dockerignore")
	if !strings.Contains(ignore, "jiuye-data") {
		t.Error(".dockerignore: a local data directory (with its key file) would be sent to the build")
	}
}

// TestSystemdAnalyze runs systemd-analyze verify on the unit (as instance
// jiuye@8081, its binary path pointed at an executable that exists here)
// and fails when systemd-analyze security rates its exposure above 2.0.
func TestSystemdAnalyze(t *testing.T) {
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("systemd-analyze is not installed; the unit is checked by TestSystemdAndNginxAgree only")
	}
	dir := t.TempDir()
	unitPath := filepath.Join(dir, "jiuye@8081.service")
	text := strings.ReplaceAll(read(t, "systemd/jiuye@.service"), "/usr/local/bin/jiuye", "/bin/true")
	if err := os.WriteFile(unitPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("systemd-analyze", "verify", unitPath).CombinedOutput(); err != nil {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err := exec.Command("systemd-analyze", "security", "--offline=true", "--threshold=20", unitPath).CombinedOutput()
	last := strings.TrimSpace(string(out))
	if i := strings.LastIndex(last, "\n"); i >= 0 {
		last = last[i+1:]
	}
	if err != nil {
		t.Fatalf("systemd-analyze security: %v: %s", err, last)
	}
	t.Log(last)
}

// selfSigned writes a throwaway certificate and key for the tools' config
// checks, which open the files the configurations name.
func selfSigned(t *testing.T, dir string) (certPath, keyPath string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "jobs.example.gov.cn"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalECPrivateKey(key)
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd}), 0o600)
	return certPath, keyPath
}

// TestNginxSyntax runs nginx -t on the site configuration inside a minimal
// main configuration, with a throwaway certificate.
func TestNginxSyntax(t *testing.T) {
	if _, err := exec.LookPath("nginx"); err != nil {
		t.Skip("nginx is not installed; deploy/nginx/jiuye.conf is checked by TestSystemdAndNginxAgree only")
	}
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	site := strings.NewReplacer("/etc/nginx/tls/jiuye.crt", cert, "/etc/nginx/tls/jiuye.key", key).Replace(read(t, "nginx/jiuye.conf"))
	os.WriteFile(filepath.Join(dir, "jiuye.conf"), []byte(site), 0o644)
	main := "error_log " + filepath.Join(dir, "error.log") + ";\npid " + filepath.Join(dir, "nginx.pid") + ";\nevents {}\nhttp {\n    access_log off;\n    include " +
		filepath.Join(dir, "jiuye.conf") + ";\n}\n"
	os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644)
	if out, err := exec.Command("nginx", "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
}

// TestHAProxySyntax runs haproxy -c on the configuration with a throwaway
// certificate.
func TestHAProxySyntax(t *testing.T) {
	if _, err := exec.LookPath("haproxy"); err != nil {
		t.Skip("haproxy is not installed; deploy/haproxy/haproxy.cfg is checked by TestHAProxyAgrees only")
	}
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	c, _ := os.ReadFile(cert)
	k, _ := os.ReadFile(key)
	bundle := filepath.Join(dir, "jiuye.pem")
	os.WriteFile(bundle, append(c, k...), 0o600)
	cfg := strings.ReplaceAll(read(t, "haproxy/haproxy.cfg"), "/etc/haproxy/tls/jiuye.pem", bundle)
	os.WriteFile(filepath.Join(dir, "haproxy.cfg"), []byte(cfg), 0o644)
	if out, err := exec.Command("haproxy", "-c", "-f", filepath.Join(dir, "haproxy.cfg")).CombinedOutput(); err != nil {
		t.Fatalf("haproxy -c: %v\n%s", err, out)
	}
}

// TestContainerBuild builds the image with docker or podman when one can
// (a docker client without a reachable daemon cannot), and checks that it
// runs as non-root and that its binary starts.
func TestContainerBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a container image")
	}
	tool := ""
	for _, c := range []string{"podman", "docker"} {
		if _, err := exec.LookPath(c); err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := exec.CommandContext(ctx, c, "info").Run()
		cancel()
		if err == nil {
			tool = c
			break
		}
	}
	if tool == "" {
		t.Skip("neither podman nor a docker daemon is available; deploy/Containerfile is checked by TestContainerfile only")
	}
	tag := "jiuye-deploy-test:latest"
	build := exec.Command(tool, "build", "-f", "deploy/Containerfile", "-t", tag, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%s build: %v\n%s", tool, err, out)
	}
	defer exec.Command(tool, "rmi", tag).Run()
	out, err := exec.Command(tool, "image", "inspect", "--format", "{{.Config.User}}", tag).Output()
	if err != nil || strings.TrimSpace(string(out)) != "65532:65532" {
		t.Fatalf("image user %q %v, want 65532:65532", out, err)
	}
	if out, _ := exec.Command(tool, "run", "--rm", tag, "help").CombinedOutput(); !strings.Contains(string(out), "jiuye serve") {
		t.Fatalf("the image's binary does not run: %s", out)
	}
}
