package httpx

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// TestClientIP: X-Forwarded-For counts only from a trusted proxy, and then
// only its right-most untrusted hop; what the client wrote further left
// never does.
func TestClientIP(t *testing.T) {
	nets := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ff::/48")}
	peer := Proxies{Peer: true}
	listed := Proxies{Nets: nets}
	for _, tc := range []struct {
		name string
		p    Proxies
		peer string
		xff  []string
		want string
	}{
		{"no proxy ignores the header", Proxies{}, "203.0.113.5:1000", []string{"1.2.3.4"}, "203.0.113.5"},
		{"peer: right-most entry", peer, "10.0.0.1:1000", []string{"1.2.3.4, 203.0.113.5"}, "203.0.113.5"},
		{"peer: right-most of several header lines", peer, "10.0.0.1:1000", []string{"1.2.3.4", "203.0.113.5"}, "203.0.113.5"},
		{"peer: no header is the peer", peer, "10.0.0.1:1000", nil, "10.0.0.1"},
		{"peer: unreadable entry is the peer", peer, "10.0.0.1:1000", []string{"1.2.3.4, evil"}, "10.0.0.1"},
		{"list: skips trusted hops", listed, "10.0.0.1:1000", []string{"1.2.3.4, 203.0.113.5, 10.2.2.2"}, "203.0.113.5"},
		{"list: untrusted peer's header ignored", listed, "198.51.100.1:1000", []string{"1.2.3.4"}, "198.51.100.1"},
		{"list: all hops trusted gives the left-most", listed, "10.0.0.1:1000", []string{"10.3.3.3, 10.2.2.2"}, "10.3.3.3"},
		{"list: stops at an unreadable hop", listed, "10.0.0.1:1000", []string{"203.0.113.5, garbage, 10.2.2.2"}, "10.2.2.2"},
		{"list: IPv6 with port and brackets", listed, "[2001:db8:ff::1]:443", []string{"1.2.3.4, [2001:DB8::7]:5000"}, "2001:db8::7"},
		{"list: IPv4-mapped hop is IPv4", listed, "10.0.0.1:1000", []string{"::ffff:203.0.113.5"}, "203.0.113.5"},
		{"list: IPv4-mapped trusted peer", listed, "[::ffff:10.0.0.1]:1000", []string{"203.0.113.5"}, "203.0.113.5"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := ClientIP(r, tc.p); got != tc.want {
			t.Errorf("%s: ClientIP = %q, want %q", tc.name, got, tc.want)
		}
	}
}
