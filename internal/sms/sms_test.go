package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestOutboxKeepsCodesOutOfTheLog: the log line names a masked phone and
// the purpose, never the text or the code; the outbox hides a code once it
// expired and keeps only the last messages.
func TestOutboxKeepsCodesOutOfTheLog(t *testing.T) {
	var logs bytes.Buffer
	o := NewOutbox(slog.New(slog.NewTextHandler(&logs, nil)), 3)
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for i, code := range []string{"111111", "222222", "333333", "482913"} {
		o.Send(context.Background(), Message{Phone: "13812345678", Purpose: "reset", Code: code, Text: "验证码 " + code + "，10 分钟内有效",
			At: now.Add(time.Duration(i) * time.Second), Expires: now.Add(10 * time.Minute)})
	}
	if strings.Contains(logs.String(), "482913") || strings.Contains(logs.String(), "13812345678") || !strings.Contains(logs.String(), "138****5678") {
		t.Errorf("log: %s", logs.String())
	}
	msgs := o.Messages(now.Add(time.Minute))
	if len(msgs) != 3 || msgs[0].Code != "482913" {
		t.Fatalf("messages: %+v", msgs)
	}
	if c, ok := o.LastCode("13812345678", "reset", now.Add(time.Minute)); !ok || c != "482913" {
		t.Errorf("LastCode: %q %v", c, ok)
	}
	late := o.Messages(now.Add(10 * time.Minute))
	if late[0].Code != "" || strings.Contains(late[0].Text, "482913") || !strings.Contains(late[0].Text, Hidden) {
		t.Errorf("expired: %+v", late[0])
	}
	if _, ok := o.LastCode("13812345678", "reset", now.Add(10*time.Minute)); ok {
		t.Errorf("an expired code is still handed out")
	}
}

// TestGatewayPostsTheTemplate: the body template is filled with JSON-quoted
// values and posted with the configured headers.
func TestGatewayPostsTheTemplate(t *testing.T) {
	got := make(chan map[string]any, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer k" || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("headers: %v", r.Header)
		}
		raw, _ := io.ReadAll(r.Body)
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("body is not JSON: %s", raw)
		}
		got <- m
	}))
	defer srv.Close()
	h, err := ParseHeaders("Authorization: Bearer k")
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGateway(GatewayConfig{URL: srv.URL, Headers: h,
		Body: `{"mobile":{{json .Phone}},"sign":"就业","params":{"code":{{json .Code}}},"msg":{{json .Text}}}`}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	g.Send(context.Background(), Message{Phone: "13812345678", Code: "123456", Text: `含"引号"的短信`})
	g.Close()
	m := <-got
	if m["mobile"] != "13812345678" || m["msg"] != `含"引号"的短信` || m["params"].(map[string]any)["code"] != "123456" {
		t.Errorf("posted %v", m)
	}
	if _, err := NewGateway(GatewayConfig{URL: "ftp://x"}, nil); err == nil {
		t.Errorf("ftp URL accepted")
	}
	if _, err := NewGateway(GatewayConfig{URL: srv.URL, Body: `{{.Nope}}`}, nil); err == nil {
		t.Errorf("a template naming an unknown field accepted")
	}
}
