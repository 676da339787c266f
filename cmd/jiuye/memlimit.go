package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// minMemoryLimit is the smallest automatic soft memory limit.
const minMemoryLimit = 256 << 20

// parseMemoryLimit reads --memory-limit: "auto", "off", or a size such as
// 300MiB, 1GiB or a number of bytes. auto is reported as 0, off as -1.
func parseMemoryLimit(s string) (int64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "auto":
		return 0, nil
	case "off":
		return -1, nil
	}
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.n
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("%w: --memory-limit must be auto, off or a size like 512MiB", errUsage)
	}
	return n * mult, nil
}

// liveHeap is the heap the last GC found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// autoMemoryLimit is twice the heap that is live at rest (the job index,
// code tables, caches), scaled by how much the index has grown since, and
// at least minMemoryLimit. Without it the GC sizes the heap at twice what
// is live at each moment, and under load that includes the page caches and
// the garbage of requests in flight: a scale-1 board at rest in 200 MB grew
// to 430–480 MB under wrk. With the limit the GC runs more often instead.
func autoMemoryLimit(restLive int64, postsAtRest, postsNow int) int64 {
	limit := 2 * restLive
	if postsAtRest > 0 && postsNow > postsAtRest {
		limit = limit * int64(postsNow) / int64(postsAtRest)
	}
	return max(limit, minMemoryLimit)
}

// applyMemoryLimit sets the soft memory limit for serve and, in auto mode,
// raises it as the job index grows (checked every minute until ctx ends).
// A GOMEMLIMIT in the environment wins over auto.
func applyMemoryLimit(ctx context.Context, flagValue int64, envGoMemLimit string, posts func() int, log *slog.Logger) {
	switch {
	case flagValue < 0:
		return
	case flagValue > 0:
		debug.SetMemoryLimit(flagValue)
		log.Info("memory limit", "bytes", flagValue, "mode", "fixed")
		return
	case envGoMemLimit != "":
		log.Info("memory limit", "mode", "GOMEMLIMIT", "value", envGoMemLimit)
		return
	}
	rest, atRest := liveHeap(), posts()
	limit := autoMemoryLimit(rest, atRest, atRest)
	debug.SetMemoryLimit(limit)
	log.Info("memory limit", "bytes", limit, "mode", "auto", "live_at_rest", rest)
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if l := autoMemoryLimit(rest, atRest, posts()); l > limit {
					limit = l
					debug.SetMemoryLimit(limit)
					log.Info("memory limit raised", "bytes", limit)
				}
			}
		}
	}()
}
