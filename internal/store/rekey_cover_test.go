package store

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestSealedTablesCoverEveryEncColumn reads every migration and fails for
// an encrypted column (*_enc) that key rotation does not know: rotation
// would leave it under the old key, and dropping that key would make it
// unreadable. (startup_parks and training_providers were missed before.)
func TestSealedTablesCoverEveryEncColumn(t *testing.T) {
	known := map[string]bool{}
	for _, st := range SealedTables {
		for _, c := range st.Columns {
			known[st.Table+"."+c.Enc] = true
		}
	}
	table := regexp.MustCompile(`(?i)^\s*(?:CREATE TABLE|ALTER TABLE)\s+([a-z_]+)`)
	column := regexp.MustCompile(`(?i)(?:^\s*|ADD COLUMN\s+)([a-z_]+_enc)\b`)
	found := 0
	err := fs.WalkDir(migrations, "migrations/sqlite", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.ReadFile(path)
		if err != nil {
			return err
		}
		current := ""
		for _, line := range strings.Split(string(b), "\n") {
			if m := table.FindStringSubmatch(line); m != nil {
				current = m[1]
			}
			for _, m := range column.FindAllStringSubmatch(line, -1) {
				found++
				if !known[current+"."+m[1]] {
					t.Errorf("%s: %s.%s is encrypted but not in SealedTables", path, current, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 8 {
		t.Fatalf("found only %d encrypted columns: the scan is broken", found)
	}
}
