package api

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		body  string
		code  apperr.Code
		field string
	}{
		{`{"kind":"person","name":"张三"}`, "", ""},
		{``, apperr.BadRequest, ""},
		{`{"kind":`, apperr.BadRequest, ""},
		{`{"kind":"person","bogus":1}`, apperr.BadRequest, "bogus"},
		{`{"kind":1}`, apperr.Invalid, "kind"},
		{`{"enterprise":{"name":5}}`, apperr.Invalid, "enterprise.name"},
		{`{"kind":"a"}{"kind":"b"}`, apperr.BadRequest, ""},
		{`[1,2]`, apperr.BadRequest, ""},
		{"{\"name\":\"\xff\"}", apperr.BadRequest, ""},
		{`{"name":"` + strings.Repeat("a", MaxBody) + `"}`, apperr.TooLarge, ""},
	}
	for _, c := range cases {
		var in app.RegisterInput
		err := Decode(strings.NewReader(c.body), &in)
		if apperr.CodeOf(err) != c.code {
			t.Errorf("Decode(%.40q) code = %q, want %q (%v)", c.body, apperr.CodeOf(err), c.code, err)
			continue
		}
		if c.field != "" && apperr.As(err).Fields[c.field] == "" {
			t.Errorf("Decode(%.40q): no message for field %q: %v", c.body, c.field, apperr.As(err).Fields)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"kind":"person","name":"张三","id_number":"11010519491231002X","phone":"13800138000","password":"jiang7river"}`,
		`{"enterprise":{"name":"x","uscc":"91350100M000100Y43"}}`, `{`, `[]`, `null`, `{"kind":true}`, "{\"a\":\"\xff\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var in app.RegisterInput
		err := Decode(strings.NewReader(body), &in)
		if err != nil && apperr.CodeOf(err) == apperr.Internal {
			t.Fatalf("Decode returned an internal error for client input: %v", err)
		}
		if err != nil && httpx.Status(apperr.CodeOf(err)) >= 500 {
			t.Fatalf("client input mapped to a 5xx: %v", err)
		}
	})
}
