package httpx

import (
	"net/http"
	"strconv"
	"strings"
)

// Content codings the platform sends.
const (
	EncBrotli   = "br"
	EncGzip     = "gzip"
	EncIdentity = ""
)

// AcceptEncoding picks the coding for a response from the request's
// Accept-Encoding: brotli when the client takes it, else gzip, else none
// ("" means send the bytes as they are). A coding with q=0 is refused; "*"
// stands for any coding not named.
func AcceptEncoding(r *http.Request) string {
	var br, gz, star float64 = -1, -1, -1
	for _, h := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(h, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			q := 1.0
			if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					continue
				}
				q = f
			}
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "br":
				br = q
			case "gzip", "x-gzip":
				gz = q
			case "*":
				star = q
			}
		}
	}
	if br < 0 {
		br = star
	}
	if gz < 0 {
		gz = star
	}
	switch {
	case br > 0 && br >= gz:
		return EncBrotli
	case gz > 0:
		return EncGzip
	case br > 0:
		return EncBrotli
	}
	return EncIdentity
}

// AddVary adds a field name to the Vary header unless it is listed.
func AddVary(h http.Header, field string) {
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, field) {
				return
			}
		}
	}
	h.Add("Vary", field)
}
