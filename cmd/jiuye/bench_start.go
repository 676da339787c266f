package main

// `jiuye bench start` times what serve does before it is ready, as far as
// the job board is concerned (the search index from the snapshot when it
// is usable, else rebuilt, and the employers' candidate pool), and
// reports the live heap that stays, per post, and the peak resident set
// of the process.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
)

func cmdBenchStart(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("bench start", getenv, stderr)
	heapProfile := fs.String("heap-profile", "", "write a heap profile (inuse_space) of what stays after the start to this file")
	withPool := fs.Bool("pool", true, "load the employers' candidate pool too")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of the start to this file")
	snapshot := fs.Bool("snapshot", true, "start as serve does: from the snapshot in the data directory when usable, else rebuild and write one")
	if err := parse(fs, c, args); err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	base := liveHeapNow()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	start := time.Now()
	var st app.JobIndexStats
	if *snapshot {
		// As serve starts: from the snapshot, else a rebuild (in the
		// background there; waited for here) that writes one.
		path := filepath.Join(c.Data, app.JobSnapshotFile)
		s, err := e.app.Jobs.StartJobIndex(ctx, path)
		if err != nil {
			return err
		}
		ready := time.Since(start)
		<-s.Done
		if s.Restored {
			st = s.JobIndexStats
			fmt.Fprintf(stdout, "snapshot: restored and caught up %d changes in %s\n", s.Applied, ready.Round(time.Millisecond))
		} else {
			st = *s.Built
			fmt.Fprintf(stdout, "snapshot: not used (%s): rebuilt in %s, snapshot written after %s\n", s.Why,
				st.Elapsed.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		}
		if fi, err := os.Stat(path); err == nil {
			fmt.Fprintf(stdout, "snapshot file: %.1f MB\n", float64(fi.Size())/1e6)
		}
	} else if st, err = e.app.Jobs.LoadJobIndex(ctx); err != nil {
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
	defer func() {
		if *snapshot { // as serve does when it stops: the next start has the pool too
			t := time.Now()
			if err := e.app.Jobs.WriteJobSnapshot(ctx, filepath.Join(c.Data, app.JobSnapshotFile)); err != nil {
				fmt.Fprintf(stderr, "snapshot: %v\n", err)
				return
			}
			fmt.Fprintf(stdout, "snapshot written at the end (as serve at stop) in %s\n", time.Since(t).Round(time.Millisecond))
		}
	}()
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
