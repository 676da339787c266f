package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serveWith(h http.HandlerFunc, accept string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "/x", nil)
	req.Header.Set("Accept-Encoding", accept)
	rec := httptest.NewRecorder()
	compressResponses(h).ServeHTTP(rec, req)
	return rec
}

var bigHTML = strings.Repeat("<li class=\"card\">仓库管理员 · 东西湖区 · 5000-7000 元</li>\n", 100)

// TestCompressWriterEdges covers what the full router does not reach: a
// strong ETag turns weak, a coding set by the handler and a 204 are left
// alone, a flushed stream still decodes, and a body written in small
// pieces is held back until it is long enough.
func TestCompressWriterEdges(t *testing.T) {
	rec := serveWith(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		for i := 0; i < len(bigHTML); i += 100 {
			io.WriteString(w, bigHTML[i:min(i+100, len(bigHTML))])
		}
	}, "gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("ETag") != `W/"v1"` {
		t.Fatalf("pieces: %q etag %q", rec.Header().Get("Content-Encoding"), rec.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != bigHTML {
		t.Fatal("pieces: decoded body differs")
	}

	rec = serveWith(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte(bigHTML)) // pretend: already coded
	}, "br, gzip")
	if rec.Body.String() != bigHTML {
		t.Error("a body with its own Content-Encoding was coded again")
	}

	rec = serveWith(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNoContent)
	}, "br")
	if rec.Code != http.StatusNoContent || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("204: %d %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}

	rec = serveWith(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte(bigHTML))
	}, "br")
	if rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != bigHTML {
		t.Error("a png was compressed")
	}

	rec = serveWith(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "first ")
		w.(http.Flusher).Flush()
		io.WriteString(w, bigHTML)
	}, "gzip")
	if !rec.Flushed || rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != "first "+bigHTML {
		t.Errorf("flushed early: flushed=%v %q", rec.Flushed, rec.Header().Get("Content-Encoding"))
	}
}

// BenchmarkCompressPage is the CPU a 24 KB page costs per coding; the
// ns/op difference to identity is what compression adds to a page view.
func BenchmarkCompressPage(b *testing.B) {
	page := []byte(strings.Repeat(bigHTML, 4)[:24<<10])
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	for _, enc := range []string{"", "gzip", "br"} {
		b.Run(fmt.Sprintf("enc=%s", enc), func(b *testing.B) {
			req := httptest.NewRequest("GET", "/x", nil)
			req.Header.Set("Accept-Encoding", enc)
			var out int
			for b.Loop() {
				rec := httptest.NewRecorder()
				rec.Body = bytes.NewBuffer(make([]byte, 0, 32<<10))
				compressResponses(h).ServeHTTP(rec, req)
				out = rec.Body.Len()
			}
			b.ReportMetric(float64(out), "bytes/page")
		})
	}
}
