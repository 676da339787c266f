// Command rate sends GET requests at a fixed rate (open loop, unlike wrk,
// which sends as fast as answers come back) over a bounded pool of
// connections and prints latency percentiles, so a target stated as
// "N req/s with p99 ≤ T" can be measured at N req/s.
//
//	go run ./bench/rate -rate 3000 -conns 64 -d 20s -gigs http://127.0.0.1:8080
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	rate := flag.Int("rate", 3000, "requests per second")
	conns := flag.Int("conns", 64, "connections (and requests in flight at most)")
	d := flag.Duration("d", 20*time.Second, "duration")
	gigs := flag.String("gigs", "", "base URL: request 附近的零工 pages as bench/gigs_near.lua does")
	flag.Parse()
	if *gigs == "" {
		fmt.Fprintln(os.Stderr, "rate: -gigs BASE_URL is required")
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	r := rand.New(rand.NewPCG(1, 2))
	var mu sync.Mutex
	var lat []time.Duration
	errs, late := 0, 0
	slots := make(chan struct{}, *conns)
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(*d)
	for sent := 0; ; {
		now := time.Now()
		if now.After(end) {
			break
		}
		for due := int(now.Sub(start).Seconds() * float64(*rate)); sent < due; sent++ {
			// Latency counts from when the request was due, so a server
			// that falls behind is not flattered (no coordinated omission).
			at := start.Add(time.Duration(float64(sent) / float64(*rate) * float64(time.Second)))
			url := fmt.Sprintf("%s/gigs?lat=%.3f&lng=%.3f&radius_km=%d&page=%d", *gigs, 30.55+r.Float64()*0.25, 114.00+r.Float64()*0.30,
				[]int{5, 10, 20}[r.IntN(3)], 1+r.IntN(2))
			select {
			case slots <- struct{}{}:
			default:
				late++ // every connection busy: the server is not keeping up
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				res, err := client.Get(url)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil || res.StatusCode != 200 {
					errs++
					return
				}
				lat = append(lat, time.Since(at))
			}()
		}
		time.Sleep(200 * time.Microsecond)
	}
	wg.Wait()
	slices.Sort(lat)
	p := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))].Round(10 * time.Microsecond)
	}
	fmt.Printf("%d requests at %d/s over %s: p50 %s, p90 %s, p99 %s, max %s; %d errors, %d not sent (all %d connections busy)\n",
		len(lat), *rate, *d, p(0.5), p(0.9), p(0.99), p(1), errs, late, *conns)
}
