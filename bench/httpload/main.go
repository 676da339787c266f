// Command httpload measures a page or endpoint of a running jiuye over HTTP
// from a keep-alive Go client: it asks -c concurrent workers to GET the URL
// template with {id} replaced by a random id in 1..-ids for -d, and prints
// the count, the non-2xx responses and the latency percentiles. It exists
// beside the wrk scripts because wrk shares this project's small machines
// with the server and its tail then measures wrk as much as the server.
//
//	TOKEN=… go run ./bench/httpload -url 'http://127.0.0.1:8080/console/casework/persons/{id}' -ids 5500 -c 4 -d 20s
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("httpload", flag.ContinueOnError)
	target := fs.String("url", "", "URL template; {id} becomes a random id")
	ids := fs.Int("ids", 1, "ids are drawn from 1..ids")
	conc := fs.Int("c", 1, "concurrent workers")
	dur := fs.Duration("d", 20*time.Second, "how long to run")
	warm := fs.Duration("warmup", 5*time.Second, "unmeasured run first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *target == "" || *ids < 1 || *conc < 1 {
		return fmt.Errorf("usage: httpload -url URL -ids N -c N -d DURATION")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc}, Timeout: 30 * time.Second}
	token := getenv("TOKEN")
	if *warm > 0 {
		load(client, *target, token, *ids, *conc, *warm)
	}
	lat, bad, err := load(client, *target, token, *ids, *conc, *dur)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p/100))] }
	fmt.Fprintf(stdout, "requests %d in %s (%.0f/s), non-2xx %d, c=%d\n", len(lat), *dur, float64(len(lat))/dur.Seconds(), bad, *conc)
	fmt.Fprintf(stdout, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s\n", ms(pct(50)), ms(pct(90)), ms(pct(99)), ms(pct(99.9)), ms(lat[len(lat)-1]))
	return nil
}

// load runs the workers for d and returns every latency and the count of
// non-2xx answers.
func load(client *http.Client, target, token string, ids, conc int, d time.Duration) ([]time.Duration, int, error) {
	var mu sync.Mutex
	var all []time.Duration
	bad := 0
	var firstErr error
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(w)))
			var lat []time.Duration
			nbad := 0
			for time.Now().Before(end) {
				url := strings.ReplaceAll(target, "{id}", strconv.Itoa(1+r.IntN(ids)))
				req, _ := http.NewRequest("GET", url, nil)
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat = append(lat, time.Since(t0))
				if resp.StatusCode/100 != 2 {
					nbad++
				}
			}
			mu.Lock()
			all, bad = append(all, lat...), bad+nbad
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(all) == 0 && firstErr == nil {
		firstErr = fmt.Errorf("no request finished")
	}
	return all, bad, firstErr
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) + "ms"
}
