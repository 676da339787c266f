package main

// `jiuye bench start` times what serve does before it listens, as far as
// the job board is concerned (loading the search index, from the snapshot
// when there is one, and the employers' candidate pool), and reports the
// live heap that stays, per post, and the peak resident set of the process.

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

func cmdBenchStart(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("bench start", getenv, stderr)
	heapProfile := fs.String("heap-profile", "", "write a heap profile (inuse_space) of what stays after the start to this file")
	withPool := fs.Bool("pool", true, "load the employers' candidate pool too")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	base := liveHeapNow()
	start := time.Now()
	st, err := e.app.Jobs.LoadJobIndex(ctx)
	if err != nil {
		return err
	}
	index := time.Since(start)
	persons := 0
	if *withPool {
		if persons, err = e.app.Jobs.LoadCandidatePool(ctx); err != nil {
			return err
		}
	}
	total := time.Since(start)
	debug.FreeOSMemory()
	live := liveHeapNow() - base
	fmt.Fprintf(stdout, "posts=%d persons=%d GOMAXPROCS=%d\n", st.Posts, persons, runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "start: index %s, with the pool %s\n", index.Round(time.Millisecond), total.Round(time.Millisecond))
	perPost := 0.0
	if st.Posts > 0 {
		perPost = float64(live) / float64(st.Posts)
	}
	fmt.Fprintf(stdout, "heap: %.1f MB live after the start (%.0f bytes per post); RSS now %s, peak %s\n",
		float64(live)/1e6, perPost, procStatus("VmRSS"), procStatus("VmHWM"))
	if *heapProfile != "" {
		f, err := os.Create(*heapProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			return err
		}
	}
	runtime.KeepAlive(e)
	return nil
}

// liveHeapNow collects and returns the heap in use.
func liveHeapNow() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// procStatus returns a field of /proc/self/status in MB ("?" elsewhere).
func procStatus(field string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				return "?"
			}
			return fmt.Sprintf("%.0f MB", float64(kb)/1024)
		}
	}
	return "?"
}
