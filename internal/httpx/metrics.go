package httpx

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics counts requests and latency per route pattern and exposes them in
// the Prometheus text format; a full client library is not needed for this.
type Metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // pattern, status class
	latency  map[string]*histogram
	started  time.Time
}

var buckets = [...]float64{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type histogram struct {
	counts [len(buckets) + 1]uint64
	sum    float64
	n      uint64
}

// NewMetrics returns an empty registry.
func NewMetrics() *Metrics {
	return &Metrics{requests: map[[2]string]uint64{}, latency: map[string]*histogram{}, started: time.Now()}
}

// Observe records one request.
func (m *Metrics) Observe(pattern string, status int, d time.Duration) {
	if pattern == "" {
		pattern = "unmatched"
	}
	class := fmt.Sprintf("%dxx", status/100)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{pattern, class}]++
	h := m.latency[pattern]
	if h == nil {
		h = &histogram{}
		m.latency[pattern] = h
	}
	s := d.Seconds()
	i := sort.SearchFloat64s(buckets[:], s)
	h.counts[i]++
	h.sum += s
	h.n++
}

// ServeHTTP writes the metrics in the Prometheus text exposition format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.write(w)
}

func (m *Metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(w, "# HELP jiuye_uptime_seconds Seconds since the server started.\n# TYPE jiuye_uptime_seconds gauge\njiuye_uptime_seconds %.0f\n",
		time.Since(m.started).Seconds())
	fmt.Fprintln(w, "# HELP jiuye_http_requests_total HTTP requests by route and status class.\n# TYPE jiuye_http_requests_total counter")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		fmt.Fprintf(w, "jiuye_http_requests_total{route=%q,status=%q} %d\n", k[0], k[1], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP jiuye_http_request_duration_seconds HTTP latency by route.\n# TYPE jiuye_http_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for k := range m.latency {
		routes = append(routes, k)
	}
	sort.Strings(routes)
	for _, rt := range routes {
		h := m.latency[rt]
		var cum uint64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "jiuye_http_request_duration_seconds_bucket{route=%q,le=\"%g\"} %d\n", rt, b, cum)
		}
		fmt.Fprintf(w, "jiuye_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", rt, h.n)
		fmt.Fprintf(w, "jiuye_http_request_duration_seconds_sum{route=%q} %g\njiuye_http_request_duration_seconds_count{route=%q} %d\n", rt, h.sum, rt, h.n)
	}
	writeRuntime(w)
}

// runtimeGauges are the Go runtime's memory figures an operator needs to
// tell live data (the job index) from GC headroom, and the process RSS.
var runtimeGauges = []struct{ name, metric, help string }{
	{"jiuye_go_heap_live_bytes", "/gc/heap/live:bytes", "Heap bytes marked live by the last GC (the job index and caches)."},
	{"jiuye_go_heap_goal_bytes", "/gc/heap/goal:bytes", "Heap size at which the next GC starts."},
	{"jiuye_go_heap_objects", "/gc/heap/objects:objects", "Objects on the heap (what the GC has to mark)."},
	{"jiuye_go_memory_total_bytes", "/memory/classes/total:bytes", "All memory mapped by the Go runtime."},
	{"jiuye_go_memory_released_bytes", "/memory/classes/heap/released:bytes", "Heap memory returned to the OS."},
	{"jiuye_go_gc_cycles_total", "/gc/cycles/total:gc-cycles", "Completed GC cycles."},
	{"jiuye_go_gomemlimit_bytes", "/gc/gomemlimit:bytes", "The soft memory limit in force."},
	{"jiuye_go_goroutines", "/sched/goroutines:goroutines", "Live goroutines."},
}

// writeRuntime appends the runtime gauges and, on Linux, the resident set.
func writeRuntime(w io.Writer) {
	samples := make([]metrics.Sample, len(runtimeGauges))
	for i, g := range runtimeGauges {
		samples[i].Name = g.metric
	}
	metrics.Read(samples)
	for i, g := range runtimeGauges {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			continue
		}
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", g.name, g.help, g.name, g.name, samples[i].Value.Uint64())
	}
	if rss, ok := residentBytes(); ok {
		fmt.Fprintf(w, "# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes %d\n", rss)
	}
}

// residentBytes reads the RSS from /proc/self/statm (Linux only).
func residentBytes() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}
