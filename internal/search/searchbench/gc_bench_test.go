package searchbench

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

func BenchmarkGC48k(b *testing.B) { benchGC(b, 48_000) }

func BenchmarkGC480k(b *testing.B) { benchGC(b, 480_000) }

// benchGC measures what a loaded index costs the garbage collector: it
// builds and compacts an index of n synthetic posts, drops the posts (as
// the server does once the index is loaded, so the index alone holds the
// texts it keeps), and times forced collections. One op is one
// runtime.GC(); it reports the wall time and the GC CPU time per
// collection, the live heap and the number of live heap objects.
func benchGC(b *testing.B, n int) {
	ts := mustTables(b)
	ix, _, _, _ := buildBenchIndex(ts, n)
	runtime.GC()
	objects, heap := heapObjects()

	cpu0 := gcCPUSeconds()
	start := time.Now()
	gcs := 0
	for b.Loop() {
		runtime.GC()
		gcs++
	}
	wall := time.Since(start)
	cpu := gcCPUSeconds() - cpu0
	b.ReportMetric(float64(wall.Microseconds())/1e3/float64(gcs), "gc-wall-ms")
	b.ReportMetric(cpu*1e3/float64(gcs), "gc-cpu-ms")
	b.ReportMetric(float64(heap)/1e6, "heap-MB")
	b.ReportMetric(float64(objects)/1e3, "kobjects")
	runtime.KeepAlive(ix)
}

// heapObjects returns the number of live heap objects and live heap bytes
// as of the last collection.
func heapObjects() (objects, bytes uint64) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapObjects, m.HeapAlloc
}

// gcCPUSeconds returns the CPU time the runtime estimates it has spent in
// the garbage collector so far (mark assists, mark workers and pauses).
func gcCPUSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64()
}
