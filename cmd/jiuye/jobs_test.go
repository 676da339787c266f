package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportAndBenchSearch: the demo's posts are exported one JSON object
// per line (only published, open posts), and bench search indexes them, or
// synthetic posts when there is no store.
func TestExportAndBenchSearch(t *testing.T) {
	data := t.TempDir()
	if out, err := runCLI(t, data, "demo", "--scale", "0.005"); err != nil || !strings.Contains(out, "岗位 240 个") {
		t.Fatalf("demo: %v %s", err, out)
	}
	file := filepath.Join(data, "jobs.jsonl")
	out, err := runCLI(t, data, "export", "jobs", "--format", "jsonl", "--out", file)
	if err != nil || !strings.Contains(out, "已导出") {
		t.Fatalf("export: %v %s", err, out)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			ID                 int64
			Title, Description string
			Enterprise         string
			OccupationCode     string `json:"occupation_code"`
			SalaryMin          int    `json:"salary_min"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.ID == 0 || line.Title == "" || line.Enterprise == "" ||
			line.OccupationCode == "" || line.SalaryMin <= 0 {
			t.Fatalf("line %d: %v %s", n+1, err, sc.Text())
		}
		n++
	}
	if n < 200 || n > 240 {
		t.Fatalf("exported %d of 240 posts (expired ones are left out)", n)
	}
	if _, err := runCLI(t, data, "export", "jobs", "--format", "csv"); err == nil {
		t.Fatal("unknown format accepted")
	}
	out, err = runCLI(t, data, "bench", "search", "--queries", "50")
	if err != nil || !strings.Contains(out, "source=store sqlite") || !strings.Contains(out, "p99") {
		t.Fatalf("bench from the store: %v %s", err, out)
	}
	out, err = runCLI(t, t.TempDir(), "bench", "search", "--scale", "0.01", "--queries", "50")
	if err != nil || !strings.Contains(out, "posts=480 (of 480 loaded) source=synthetic") || !strings.Contains(out, "queries/s") {
		t.Fatalf("bench without a store: %v %s", err, out)
	}
}
