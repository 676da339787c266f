package demo

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

func TestZZScaleOne(t *testing.T) {
	if os.Getenv("DEMO_SCALE_ONE") == "" {
		t.Skip()
	}
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		start := time.Now()
		res, err := Generate(context.Background(), db, tables, Options{Scale: 10, Seed: 1, Now: testNow, Progress: os.Stdout})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d enterprises, %d persons: Generate %s (wall %s)", db.Dialect(), res.Enterprises, res.Persons, res.Elapsed, time.Since(start))
		if p := db.SQLitePath(); p != "" {
			fi, _ := os.Stat(p)
			t.Logf("sqlite file %s: %d bytes", p, fi.Size())
		}
	})
}
