package server

import (
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"github.com/jiuye/jiuye/internal/httpx"
)

// Response compression. Pages, API JSON and the metrics text are compressed
// with brotli or gzip, whichever the client's Accept-Encoding prefers
// (brotli first), with Vary: Accept-Encoding. Left as they are:
//   - bodies under minCompress bytes (the decision waits for that many bytes
//     or the end of the response, whichever comes first);
//   - types other than text, JSON, JavaScript and SVG: xlsx, png, jpg and
//     pdf are compressed already;
//   - downloads (Content-Disposition: attachment), range requests and
//     partial answers, and responses that carry a Content-Encoding already
//     (the static files, which web serves from stored gzip/brotli bytes);
//   - statuses without a body (1xx, 204, 304) and HEAD requests.
//
// A strong ETag set by a handler becomes weak on a compressed answer: the
// bytes differ from the plain ones, the content does not.

// minCompress is the smallest body worth compressing.
const minCompress = 1024

// Per-request levels: brotli 5 and gzip 6 cost about the same CPU on a page
// and brotli is ~10% smaller; the static files use the best levels, once.
const (
	brotliLevel = 5
	gzipLevel   = gzip.DefaultCompression
)

var (
	gzipPool   = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzipLevel); return w }}
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(io.Discard, brotliLevel) }}
)

func compressResponses(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || r.Header.Get("Range") != "" {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, enc: httpx.AcceptEncoding(r)}
		next.ServeHTTP(cw, r)
		cw.finish()
	})
}

// compressible reports whether a Content-Type is worth compressing.
func compressible(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/json", strings.HasSuffix(mt, "+json"),
		mt == "application/javascript", mt == "image/svg+xml", mt == "application/xml":
		return true
	}
	return false
}

// compressWriter holds back the status and the first minCompress bytes
// until it knows whether to compress.
type compressWriter struct {
	http.ResponseWriter
	enc     string // the coding the client takes, "" for none
	status  int    // held back status, 0 until WriteHeader
	buf     []byte // held back body
	decided bool
	zw      io.WriteCloser // the compressor once decided to compress
}

func (c *compressWriter) WriteHeader(status int) {
	switch {
	case c.decided:
		c.ResponseWriter.WriteHeader(status) // a second call: net/http reports it
		return
	case c.status != 0:
		return
	case status >= 100 && status < 200 && status != http.StatusSwitchingProtocols:
		c.ResponseWriter.WriteHeader(status) // informational: pass on, keep waiting
		return
	}
	c.status = status
	if !c.bodyMayCompress() {
		c.decide(false)
	}
}

// bodyMayCompress reports whether, by its status and headers, this
// response is one to compress once its body is long enough.
func (c *compressWriter) bodyMayCompress() bool {
	h := c.Header()
	switch {
	case c.status == http.StatusNoContent, c.status == http.StatusNotModified,
		c.status == http.StatusPartialContent, c.status == http.StatusSwitchingProtocols:
		return false
	case h.Get("Content-Encoding") != "", h.Get("Content-Range") != "",
		strings.HasPrefix(strings.ToLower(h.Get("Content-Disposition")), "attachment"):
		return false
	case !compressible(h.Get("Content-Type")):
		return false
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < minCompress {
		return false
	}
	return true
}

func (c *compressWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		if c.Header().Get("Content-Type") == "" {
			c.Header().Set("Content-Type", http.DetectContentType(b))
		}
		c.WriteHeader(http.StatusOK)
	}
	if c.decided {
		if c.zw != nil {
			return c.zw.Write(b)
		}
		return c.ResponseWriter.Write(b)
	}
	if len(c.buf)+len(b) < minCompress {
		c.buf = append(c.buf, b...)
		return len(b), nil
	}
	// Long enough: decide, send what was held back, then b itself (a
	// page written in one call is never copied).
	c.decide(true)
	if err := c.flushBuf(); err != nil {
		return 0, err
	}
	if c.zw != nil {
		return c.zw.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

// decide sends the held-back header, compressing when long is true and
// the response and client allow it.
func (c *compressWriter) decide(long bool) {
	if c.decided {
		return
	}
	c.decided = true
	status := c.status
	if status == 0 {
		status = http.StatusOK
	}
	h := c.Header()
	if c.bodyMayCompress() {
		// The answer depends on Accept-Encoding whether or not this one is compressed.
		httpx.AddVary(h, "Accept-Encoding")
		if long && c.enc != httpx.EncIdentity {
			h.Del("Content-Length")
			h.Set("Content-Encoding", c.enc)
			if et := h.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
				h.Set("ETag", "W/"+et)
			}
			switch c.enc {
			case httpx.EncBrotli:
				bw := brotliPool.Get().(*brotli.Writer)
				bw.Reset(c.ResponseWriter)
				c.zw = bw
			default:
				zw := gzipPool.Get().(*gzip.Writer)
				zw.Reset(c.ResponseWriter)
				c.zw = zw
			}
		}
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *compressWriter) flushBuf() error {
	if len(c.buf) == 0 {
		return nil
	}
	b := c.buf
	c.buf = nil
	var err error
	if c.zw != nil {
		_, err = c.zw.Write(b)
	} else {
		_, err = c.ResponseWriter.Write(b)
	}
	return err
}

// finish ends the response after the handler returns: a short or empty
// body goes out as it is; a compressor is closed and returned to its pool.
func (c *compressWriter) finish() {
	if !c.decided {
		if c.status == 0 && len(c.buf) == 0 {
			return // the handler wrote nothing: net/http sends its 200
		}
		c.decide(false)
		c.flushBuf()
		return
	}
	if c.zw == nil {
		return
	}
	c.zw.Close()
	switch zw := c.zw.(type) {
	case *brotli.Writer:
		zw.Reset(io.Discard)
		brotliPool.Put(zw)
	case *gzip.Writer:
		zw.Reset(io.Discard)
		gzipPool.Put(zw)
	}
	c.zw = nil
}

// Flush sends what is held back and what the compressor holds, for
// handlers that stream.
func (c *compressWriter) Flush() {
	if !c.decided {
		if c.status == 0 {
			c.WriteHeader(http.StatusOK)
		}
		c.decide(len(c.buf) >= minCompress)
		c.flushBuf()
	}
	switch zw := c.zw.(type) {
	case *brotli.Writer:
		zw.Flush()
	case *gzip.Writer:
		zw.Flush()
	}
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
