package httpx

import (
	"net/http/httptest"
	"testing"
)

func TestAcceptEncoding(t *testing.T) {
	for accept, want := range map[string]string{
		"":                        EncIdentity,
		"identity":                EncIdentity,
		"gzip":                    EncGzip,
		"gzip, deflate, br, zstd": EncBrotli,
		"br;q=0, gzip":            EncGzip,
		"br;q=0.5, gzip;q=0.8":    EncGzip,
		"gzip;q=0, br;q=0":        EncIdentity,
		"*":                       EncBrotli,
		"*;q=0, gzip":             EncGzip,
		"deflate":                 EncIdentity,
		"GZIP ; q=1.0":            EncGzip,
		"br;q=bogus, gzip;q=0.1":  EncGzip,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if accept != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		if got := AcceptEncoding(r); got != want {
			t.Errorf("Accept-Encoding %q: %q, want %q", accept, got, want)
		}
	}
}
