package httpx

import (
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMetricsText checks the Prometheus text: request counts and latency
// by route pattern, and the runtime memory gauges an operator reads to
// tell the job index from GC headroom.
func TestMetricsText(t *testing.T) {
	m := NewMetrics()
	m.Observe("GET /jobs", 200, 3*time.Millisecond)
	m.Observe("GET /jobs", 500, time.Second)
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	want := []string{
		`jiuye_http_requests_total{route="GET /jobs",status="2xx"} 1`,
		`jiuye_http_request_duration_seconds_count{route="GET /jobs"} 2`,
		"# TYPE jiuye_go_heap_live_bytes gauge",
		"jiuye_go_heap_goal_bytes ",
		"jiuye_go_gomemlimit_bytes ",
		"jiuye_go_gc_cycles_total ",
	}
	if runtime.GOOS == "linux" {
		want = append(want, "process_resident_memory_bytes ")
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("missing %q in\n%s", w, body)
		}
	}
	if n, ok := residentBytes(); runtime.GOOS == "linux" && (!ok || n < 1<<20) {
		t.Errorf("resident %d bytes, ok %v", n, ok)
	}
}
