package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/jiuye/jiuye/internal/httpx"
)

// There is no build step, so the embedded static files are compressed here,
// once per process, the first time one is asked for: gzip at its best level
// and brotli at its best (both far too slow per request, fine once). Each
// coding is its own representation with its own strong ETag, so a cache
// that stored the gzip bytes never gets a 304 for the brotli ones.

// staticAsset is one embedded file and its stored codings.
type staticAsset struct {
	ctype  string
	raw    []byte
	gz, br []byte // nil when the coding does not make the file smaller
	etag   string // of the raw bytes: "<sha256 prefix>"; the codings add -gz, -br
}

// compressibleExt lists the static files worth compressing (text); images
// and fonts in formats that are compressed already are sent as they are.
var compressibleExt = map[string]bool{".css": true, ".js": true, ".svg": true, ".json": true, ".txt": true, ".html": true, ".map": true}

// embeddedStatic is the platform's /static/ files, shared by every handler
// in the process (tests build many), so they are compressed once.
var embeddedStatic = func() *staticFiles {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	return &staticFiles{fsys: sub}
}()

type staticFiles struct {
	fsys   fs.FS
	once   sync.Once
	assets map[string]*staticAsset
	err    error
}

func (s *staticFiles) load() {
	s.assets = map[string]*staticAsset{}
	s.err = fs.WalkDir(s.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(s.fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(raw)
		a := &staticAsset{raw: raw, etag: hex.EncodeToString(sum[:12])}
		ext := path.Ext(name)
		if a.ctype = mime.TypeByExtension(ext); a.ctype == "" {
			a.ctype = http.DetectContentType(raw)
		}
		if compressibleExt[ext] && len(raw) >= minCompress {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(raw)
			zw.Close()
			if b.Len() < len(raw) {
				a.gz = bytes.Clone(b.Bytes())
			}
			b.Reset()
			bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
			bw.Write(raw)
			bw.Close()
			if b.Len() < len(raw) {
				a.br = bytes.Clone(b.Bytes())
			}
		}
		s.assets[name] = a
		return nil
	})
}

// minCompress: bodies shorter than this are sent as they are; the coding's
// framing and the CPU would cost more than they save.
const minCompress = 1024

// ServeHTTP serves a file by its path below /static/ (already stripped):
// the stored coding the client accepts, with Vary: Accept-Encoding, an ETag
// per coding and a day's caching. A range request gets the plain bytes.
func (s *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.once.Do(s.load)
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	a, ok := s.assets[name]
	if s.err != nil || !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "public, max-age=86400")
	body, etag := a.raw, a.etag
	if a.gz != nil || a.br != nil {
		httpx.AddVary(h, "Accept-Encoding")
		if r.Header.Get("Range") == "" {
			switch enc := httpx.AcceptEncoding(r); {
			case enc == httpx.EncBrotli && a.br != nil:
				body, etag = a.br, a.etag+"-br"
				h.Set("Content-Encoding", "br")
			case enc == httpx.EncGzip && a.gz != nil:
				body, etag = a.gz, a.etag+"-gz"
				h.Set("Content-Encoding", "gzip")
			}
		}
	}
	h.Set("ETag", `"`+etag+`"`)
	if h.Get("Content-Encoding") != "" {
		h.Set("Content-Length", strconv.Itoa(len(body))) // ServeContent leaves it out for a coded body
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}
