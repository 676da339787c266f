// Package sms sends short text messages (verification codes) through one
// of two senders: an HTTP gateway configured by URL and a body template (a
// generic JSON POST, no vendor SDK), or the built-in Outbox for intranets
// without a gateway, which keeps the last messages in memory for the
// admin's outbox page and logs only that a message went out, never its
// text or code.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"text/template"
	"time"
)

// Message is one text to send. Code is the verification code inside Text,
// kept apart so a gateway template may pass it as a parameter and the
// outbox may hide it once it has expired.
type Message struct {
	Phone   string
	Purpose string // register or reset
	Text    string
	Code    string
	At      time.Time
	Expires time.Time // the code's end of life; zero for a text without a code
}

// Sender sends messages. Send must not block for long: a slow gateway is
// called in the background.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// maskPhone keeps the first three and last four digits, as the pages do.
func maskPhone(p string) string {
	if len(p) != 11 {
		return "***"
	}
	return p[:3] + "****" + p[7:]
}

// Outbox is the built-in sender: the last Max messages in memory, nothing
// on disk. Send logs the masked phone and the purpose only; the admin
// reads the messages at /admin/sms (audited) and relays the code. A code
// is shown only while it is valid: Messages masks it afterwards. Each
// instance has its own outbox; a cluster should use a gateway.
type Outbox struct {
	mu   sync.Mutex
	msgs []Message // oldest first
	max  int
	log  *slog.Logger
}

// NewOutbox returns an outbox keeping the last max messages (100 when max <= 0).
func NewOutbox(log *slog.Logger, max int) *Outbox {
	if max <= 0 {
		max = 100
	}
	return &Outbox{max: max, log: log}
}

// Send keeps m and logs that it went out (masked phone, purpose, no text).
func (o *Outbox) Send(ctx context.Context, m Message) error {
	o.mu.Lock()
	o.msgs = append(o.msgs, m)
	if len(o.msgs) > o.max {
		o.msgs = append([]Message(nil), o.msgs[len(o.msgs)-o.max:]...)
	}
	o.mu.Unlock()
	if o.log != nil {
		o.log.Info("sms: message in the built-in outbox (read it at /admin/sms)", "phone", maskPhone(m.Phone), "purpose", m.Purpose)
	}
	return nil
}

// Hidden replaces an expired code in an outbox message's text.
const Hidden = "●●●●●●"

// Messages returns the kept messages newest first, with the codes that
// have expired at now replaced by Hidden and messages older than a day
// dropped.
func (o *Outbox) Messages(now time.Time) []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []Message
	for i := len(o.msgs) - 1; i >= 0; i-- {
		m := o.msgs[i]
		if now.Sub(m.At) > 24*time.Hour {
			continue
		}
		if m.Code != "" && !now.Before(m.Expires) {
			m.Text = strings.ReplaceAll(m.Text, m.Code, Hidden)
			m.Code = ""
		}
		out = append(out, m)
	}
	return out
}

// LastCode returns the newest valid code sent to phone for purpose, for
// tests and the browser journeys that stand in for the person's phone.
func (o *Outbox) LastCode(phone, purpose string, now time.Time) (string, bool) {
	for _, m := range o.Messages(now) {
		if m.Phone == phone && m.Purpose == purpose && m.Code != "" {
			return m.Code, true
		}
	}
	return "", false
}

// GatewayConfig configures the HTTP gateway: a POST of Body (a
// text/template over Message, with a json function that quotes a string)
// to URL with Headers.
type GatewayConfig struct {
	URL     string
	Body    string            // default DefaultBody
	Headers map[string]string // e.g. Authorization
	Timeout time.Duration     // per request; default 10 s
}

// DefaultBody is the body template when none is configured.
const DefaultBody = `{"phone":{{json .Phone}},"text":{{json .Text}},"code":{{json .Code}},"purpose":{{json .Purpose}}}`

// Gateway posts messages to an HTTP SMS gateway in the background, a few
// at a time, so a request that asks for a code takes the same time
// whether a message is sent or not. A full queue drops the message (and
// logs it, masked); the person asks again after the resend gap.
type Gateway struct {
	url     string
	body    *template.Template
	headers map[string]string
	client  *http.Client
	queue   chan Message
	log     *slog.Logger
	wg      sync.WaitGroup
}

// NewGateway checks cfg, parses its template and starts the senders.
func NewGateway(cfg GatewayConfig, log *slog.Logger) (*Gateway, error) {
	if !strings.HasPrefix(cfg.URL, "https://") && !strings.HasPrefix(cfg.URL, "http://") {
		return nil, fmt.Errorf("sms: gateway URL %q: want http:// or https://", cfg.URL)
	}
	if cfg.Body == "" {
		cfg.Body = DefaultBody
	}
	t, err := template.New("sms").Option("missingkey=error").Funcs(template.FuncMap{"json": jsonString}).Parse(cfg.Body)
	if err != nil {
		return nil, fmt.Errorf("sms: gateway body template: %w", err)
	}
	if err := t.Execute(io.Discard, Message{Phone: "13800000000", Text: "x", Code: "000000", Purpose: "reset"}); err != nil {
		return nil, fmt.Errorf("sms: gateway body template: %w", err)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	g := &Gateway{url: cfg.URL, body: t, headers: cfg.Headers, client: &http.Client{Timeout: cfg.Timeout},
		queue: make(chan Message, 256), log: log}
	for range 4 {
		g.wg.Add(1)
		go g.run()
	}
	return g, nil
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Send queues m for the gateway.
func (g *Gateway) Send(ctx context.Context, m Message) error {
	select {
	case g.queue <- m:
		return nil
	default:
		g.log.Error("sms: gateway queue full, message dropped", "phone", maskPhone(m.Phone), "purpose", m.Purpose)
		return errors.New("sms: queue full")
	}
}

// Close stops taking messages and waits for the queued ones to be posted.
func (g *Gateway) Close() {
	close(g.queue)
	g.wg.Wait()
}

func (g *Gateway) run() {
	defer g.wg.Done()
	for m := range g.queue {
		if err := g.post(m); err != nil {
			g.log.Error("sms: gateway", "phone", maskPhone(m.Phone), "purpose", m.Purpose, "err", err)
		}
	}
}

func (g *Gateway) post(m Message) error {
	var body bytes.Buffer
	if err := g.body.Execute(&body, m); err != nil {
		return err
	}
	req, err := http.NewRequest("POST", g.url, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	for k, v := range g.headers {
		req.Header.Set(k, v)
	}
	res, err := g.client.Do(req)
	if err != nil {
		return err // the URL may carry a key: net/http's error names it, the code is not in it
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("gateway answered %s", res.Status)
	}
	return nil
}

// ParseHeaders reads "Name: value" pairs separated by newlines or ";"
// (JIUYE_SMS_HEADERS) into a map.
func ParseHeaders(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("sms: header %q: want Name: value", line)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}
