// Package server composes the platform's HTTP handler: the JSON API, the
// pages, health and metrics, behind one middleware chain (recovery, logging,
// metrics, compression, security headers, body limit, CSRF protection, authentication).
package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/api"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/web"
)

// Options are the HTTP-level settings.
type Options struct {
	Proxies       httpx.Proxies // whose X-Forwarded-For names the client (--trust-proxy, --trusted-proxies)
	SecureCookies bool          // set Secure on cookies (served over HTTPS)
	AuthPerMinute int           // per-IP limit on login and registration; <= 0 disables
	MetricsToken  string        // bearer token for /metrics from elsewhere than this machine; "" for none
	// SharedLimits, when set (serve on PostgreSQL: the store's
	// rate_limits), holds the per-IP limit across every instance that
	// shares it; nil keeps it per process (SQLite, one instance).
	SharedLimits httpx.SharedBuckets
}

// Server is the composed handler with its parts exposed for tests.
type Server struct {
	API     *api.Handler
	Web     *web.Handler
	Metrics *httpx.Metrics
	handler http.Handler
	app     *app.App
	log     *slog.Logger
	opts    Options
	ready   func(context.Context) error
}

// New builds the platform handler.
func New(a *app.App, log *slog.Logger, opts Options) (*Server, error) {
	limiter := httpx.NewLimiter(opts.AuthPerMinute, max(opts.AuthPerMinute/3, 5))
	if opts.SharedLimits != nil {
		limiter.Share(opts.SharedLimits, "auth:", log)
	}
	// The public certificate check has its own bucket per IP (a clerk
	// checking a pile of certificates must not lock themself out of
	// logging in), at twice the auth rate; --auth-rate 0 turns both off.
	verify := httpx.NewLimiter(2*opts.AuthPerMinute, max(2*opts.AuthPerMinute/3, 10))
	if opts.SharedLimits != nil {
		verify.Share(opts.SharedLimits, "verify:", log)
	}
	wh, err := web.New(a, log, limiter, verify, opts.SecureCookies)
	if err != nil {
		return nil, err
	}
	s := &Server{API: api.New(a, log, limiter, verify), Web: wh, Metrics: httpx.NewMetrics(), app: a, log: log, opts: opts,
		ready: a.Ping}
	mux := http.NewServeMux()
	mux.Handle("/api/", s.API)
	mux.Handle("/", s.Web)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /metrics", s.metrics)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "跨站请求被拒绝（CSRF 保护）", http.StatusForbidden)
	}))
	s.handler = s.recover(s.observe(compressResponses(securityHeaders(opts.SecureCookies, limitBody(csrf.Handler(s.authenticate(mux)))))))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes lists every registered page and API route.
func (s *Server) Routes() []httpx.Route {
	return append(append([]httpx.Route{}, s.Web.Routes()...), s.API.Routes()...)
}

// metrics serves the Prometheus text to a scraper on this machine (see
// httpx.Proxies.Local) or one that sends the configured bearer token; the
// route and latency figures are nobody else's business.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	if s.opts.MetricsToken != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.MetricsToken)) == 1 {
			s.Metrics.ServeHTTP(w, r)
			return
		}
	}
	if s.opts.Proxies.Local(r) {
		s.Metrics.ServeHTTP(w, r)
		return
	}
	if s.opts.MetricsToken != "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		http.Error(w, "metrics: 需要访问令牌（--metrics-token）", http.StatusUnauthorized)
		return
	}
	http.Error(w, "metrics: 仅限本机访问；从其他机器采集请配置 --metrics-token", http.StatusForbidden)
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.ready(ctx); err != nil {
		http.Error(w, "database not ready", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}

// authenticate resolves the session cookie or bearer token into the request
// context; an invalid token leaves the request anonymous.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := httpx.WithIP(r.Context(), httpx.ClientIP(r, s.opts.Proxies))
		token := ""
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			token = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
		} else if c, err := r.Cookie(httpx.SessionCookie); err == nil {
			token = c.Value
		}
		if token != "" && !strings.HasPrefix(r.URL.Path, "/static/") {
			if u, err := s.app.Accounts.Authenticate(ctx, token); err == nil {
				ctx = httpx.WithUser(ctx, u, token)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// maxUploadBody bounds multipart requests: five 5 MB files and the form.
const maxUploadBody = 26 << 20

// limitBody caps request bodies at 1 MiB (26 MiB for multipart uploads,
// whose files the app checks one by one); handlers see a MaxBytesError beyond it.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(api.MaxBody)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = maxUploadBody
		}
		if r.ContentLength > limit {
			msg := fmt.Sprintf("请求体超过 %d MiB", limit>>20)
			if limit == maxUploadBody {
				msg = fmt.Sprintf("上传的内容合计超过 %d MiB，请减小文件或减少文件数量后重试", limit>>20)
			}
			if strings.HasPrefix(r.URL.Path, "/api/") {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": string(apperr.TooLarge), "message": msg}})
				return
			}
			http.Error(w, msg, http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets a CSP without inline script and the usual hardening
// headers; served over HTTPS (secure, --secure-cookies) it also tells
// browsers to use HTTPS only for the next year (HSTS).
func securityHeaders(secure bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// observe logs each request once and records metrics by route pattern.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		ctx, slot := httpx.WithPatternSlot(r.Context())
		next.ServeHTTP(sw, r.WithContext(ctx))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		s.Metrics.Observe(pattern(r, *slot), sw.status, d)
		if s.log.Enabled(r.Context(), slog.LevelDebug) || sw.status >= 500 {
			s.log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur_ms", d.Milliseconds())
		}
	})
}

// pattern labels a request for metrics: the matched route, or a fixed
// name, never the raw path (which would carry ids and grow without bound).
func pattern(r *http.Request, matched string) string {
	switch {
	case matched != "":
		return matched
	case strings.HasPrefix(r.URL.Path, "/static/"):
		return "static"
	case r.URL.Path == "/healthz", r.URL.Path == "/readyz", r.URL.Path == "/metrics":
		return r.URL.Path
	}
	return "other"
}

func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				http.Error(w, "系统繁忙，请稍后再试", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
