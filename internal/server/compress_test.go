package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
)

// get sends a GET with the given Accept-Encoding ("" for none) and extra
// header pairs.
func get(srv http.Handler, path, enc string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", path, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

// decoded returns a response's body with its Content-Encoding undone.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader
	switch ce := rec.Header().Get("Content-Encoding"); ce {
	case "":
		return rec.Body.Bytes()
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(rec.Body.Bytes()))
	default:
		t.Fatalf("unexpected Content-Encoding %q", ce)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", rec.Header().Get("Content-Encoding"), err)
	}
	return b
}

func hasVary(rec *httptest.ResponseRecorder) bool {
	return strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding")
}

// TestStaticCompressed: the static files are sent from stored brotli or
// gzip bytes when asked, plain when not, each coding with its own ETag
// (a 304 for it) and the security headers; a range request gets plain bytes.
func TestStaticCompressed(t *testing.T) {
	f := newFixture(t, storeSQLite(t), server.Options{})
	for _, file := range []string{"/static/app.css", "/static/app.js"} {
		plain := get(f.srv, file, "")
		if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" || !hasVary(plain) {
			t.Fatalf("%s without Accept-Encoding: %d %q vary=%v", file, plain.Code, plain.Header().Get("Content-Encoding"), hasVary(plain))
		}
		etags := map[string]bool{plain.Header().Get("ETag"): true}
		for _, tc := range []struct{ accept, want string }{
			{"gzip, deflate, br, zstd", "br"}, {"gzip", "gzip"}, {"br;q=0, gzip", "gzip"}, {"identity", ""}, {"*", "br"},
		} {
			rec := get(f.srv, file, tc.accept)
			if rec.Code != 200 || rec.Header().Get("Content-Encoding") != tc.want {
				t.Fatalf("%s Accept-Encoding %q: %d, Content-Encoding %q, want %q", file, tc.accept, rec.Code, rec.Header().Get("Content-Encoding"), tc.want)
			}
			if !bytes.Equal(decoded(t, rec), plain.Body.Bytes()) {
				t.Fatalf("%s %s: decodes to other bytes", file, tc.want)
			}
			if tc.want != "" {
				if rec.Header().Get("Content-Length") != itoa(rec.Body.Len()) {
					t.Errorf("%s %s: Content-Length %q for %d bytes", file, tc.want, rec.Header().Get("Content-Length"), rec.Body.Len())
				}
				// The weight: the stored codings are at most 35% of the file.
				if rec.Body.Len()*100 > plain.Body.Len()*35 {
					t.Errorf("%s %s: %d of %d bytes", file, tc.want, rec.Body.Len(), plain.Body.Len())
				}
				etags[rec.Header().Get("ETag")] = true
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Cache-Control"} {
				if rec.Header().Get(h) == "" {
					t.Errorf("%s %s: no %s", file, tc.want, h)
				}
			}
			if et := rec.Header().Get("ETag"); get(f.srv, file, tc.accept, "If-None-Match", et).Code != http.StatusNotModified {
				t.Errorf("%s %s: If-None-Match %s is not 304", file, tc.want, et)
			}
		}
		if len(etags) != 3 {
			t.Errorf("%s: ETags %v, want one per coding", file, etags)
		}
		rng := get(f.srv, file, "br, gzip", "Range", "bytes=0-99")
		if rng.Code != http.StatusPartialContent || rng.Header().Get("Content-Encoding") != "" || !bytes.Equal(rng.Body.Bytes(), plain.Body.Bytes()[:100]) {
			t.Errorf("%s range: %d %q", file, rng.Code, rng.Header().Get("Content-Encoding"))
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPagesCompressed: pages and API JSON are compressed on the fly when
// asked and decode to the bytes sent plain, with the security headers and
// Vary; tiny bodies and downloads are not compressed. The weights are
// logged (go test -run TestPagesCompressed -v) and bounded.
func TestPagesCompressed(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		for _, p := range []string{"/", "/jobs", "/policies", "/gigs", "/login", "/api/v1/regions"} {
			plain := get(f.srv, p, "")
			if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" || !hasVary(plain) {
				t.Fatalf("%s plain: %d %q vary=%v", p, plain.Code, plain.Header().Get("Content-Encoding"), hasVary(plain))
			}
			sizes := []int{plain.Body.Len()}
			for _, enc := range []string{"gzip", "br"} {
				rec := get(f.srv, p, enc)
				if rec.Code != 200 || rec.Header().Get("Content-Encoding") != enc || !hasVary(rec) {
					t.Fatalf("%s %s: %d %q vary=%v", p, enc, rec.Code, rec.Header().Get("Content-Encoding"), hasVary(rec))
				}
				if got := decoded(t, rec); !bytes.Equal(got, plain.Body.Bytes()) {
					t.Fatalf("%s %s: decodes to %d bytes other than the %d plain ones", p, enc, len(got), plain.Body.Len())
				}
				if rec.Header().Get("Content-Length") != "" {
					t.Errorf("%s %s: Content-Length %s on a compressed body", p, enc, rec.Header().Get("Content-Length"))
				}
				for _, h := range []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Type"} {
					if rec.Header().Get(h) != plain.Header().Get(h) {
						t.Errorf("%s %s: %s %q, plain %q", p, enc, h, rec.Header().Get(h), plain.Header().Get(h))
					}
				}
				if rec.Body.Len()*100 > plain.Body.Len()*60 {
					t.Errorf("%s %s: %d of %d bytes", p, enc, rec.Body.Len(), plain.Body.Len())
				}
				sizes = append(sizes, rec.Body.Len())
			}
			t.Logf("%-14s plain %6d  gzip %6d  br %6d", p, sizes[0], sizes[1], sizes[2])
		}
		// Tiny bodies, bodiless answers and downloads are sent as they are.
		if rec := get(f.srv, "/healthz", "br, gzip"); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != "ok\n" {
			t.Errorf("/healthz: %q %q", rec.Header().Get("Content-Encoding"), rec.Body)
		}
		if rec := get(f.srv, "/static/app.css", "br", "If-None-Match", get(f.srv, "/static/app.css", "br").Header().Get("ETag")); rec.Code != 304 || rec.Body.Len() != 0 {
			t.Errorf("static 304: %d, %d bytes", rec.Code, rec.Body.Len())
		}
		person := f.token("person")
		req := httptest.NewRequest("GET", "/jobs?format=xlsx", nil)
		req.Header.Set("Accept-Encoding", "br, gzip")
		req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: person})
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Content-Length") != itoa(rec.Body.Len()) {
			t.Errorf("xlsx download: %d, Content-Encoding %q, Content-Length %q for %d bytes", rec.Code, rec.Header().Get("Content-Encoding"), rec.Header().Get("Content-Length"), rec.Body.Len())
		}
		// A redirect's short body is not compressed either.
		if rec := get(f.srv, "/me", "gzip"); rec.Code != http.StatusSeeOther || rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("/me anonymous: %d %q", rec.Code, rec.Header().Get("Content-Encoding"))
		}
	})
}
