package store_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// The attacker of these tests holds the database (the SQLite file, or every
// row of a PostgreSQL dump) but not the key file. Nothing they can read may
// rebuild an ID number or a phone number, or narrow an ID number to fewer
// than 10⁴ candidates.

// rawStore is a migrated store plus a plain connection to the same database,
// which reads every table as an attacker with a dump would.
type rawStore struct {
	db      *store.DB
	raw     *sql.DB
	dialect store.Dialect
	file    string // the SQLite file, "" on PostgreSQL
}

// forEachRaw runs fn on SQLite and, when configured, on PostgreSQL.
func forEachRaw(t *testing.T, fn func(t *testing.T, s rawStore)) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) { fn(t, openRaw(t, dsn)) })
}

func openRaw(t *testing.T, dsn string) rawStore {
	t.Helper()
	db, err := store.Open(ctx, dsn, storetest.Box(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	file, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		file = ""
	}
	return rawStore{db: db, raw: storetest.Raw(t, dsn), dialect: db.Dialect(), file: file}
}

// cell is one stored value in clear, with the row it came from.
type cell struct {
	table, column string
	row           map[string]string
	text          string
}

// opaque columns hold ciphertext or keyed hashes: useless without the key.
func opaque(column string) bool {
	return strings.HasSuffix(column, "_enc") || strings.HasSuffix(column, "_idx") || strings.HasSuffix(column, "hash")
}

// eventTime columns hold when something happened, set by the system clock:
// their digits match a few of an ID's by chance (a registration at 03:05
// "shows" a birthday on 5 March), so the digit-run bound skips them. A
// birth date in any column, whatever its name, is caught by the checks on
// full dates below.
func eventTime(column string) bool { return column == "at" || strings.HasSuffix(column, "_at") }

// dumpClear reads every value of every table that is not ciphertext or a
// keyed hash, as text.
func dumpClear(t *testing.T, s rawStore) []cell {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'table'"
	if s.dialect == store.Postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
	}
	tables := queryStrings(t, s.raw, q)
	var out []cell
	for _, table := range tables {
		rows, err := s.raw.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := map[string]string{}
			for i, c := range cols {
				row[c] = asText(vals[i])
			}
			for i, c := range cols {
				if opaque(c) {
					continue
				}
				if b, ok := vals[i].([]byte); ok && !utf8.Valid(b) {
					continue // binary that is not ciphertext would show in the checks below anyway
				}
				out = append(out, cell{table: table, column: c, row: row, text: row[c]})
			}
		}
		rows.Close()
	}
	return out
}

func asText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	}
	return fmt.Sprint(v)
}

func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// about reports whether a stored row concerns person p (their persons row,
// their account, any row naming them as person_id, audit entries on them).
func about(c cell, p *registry.Person, userID int64) bool {
	pid := strconv.FormatInt(p.ID, 10)
	switch {
	case c.table == "persons":
		return c.row["id"] == pid
	case c.table == "users":
		return c.row["person_id"] == pid || c.row["id"] == strconv.FormatInt(userID, 10)
	case c.table == "audit_log":
		return c.row["object_type"] == "person" && c.row["object_id"] == pid
	}
	return c.row["person_id"] == pid
}

// revealed marks the positions of secret that a stored text shows as a run
// of at least minRun characters (digits and X only are compared).
func revealed(secret, text string, minRun int, known []bool) {
	var d []byte
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= '0' && c <= '9' || c == 'X' {
			d = append(d, c)
		}
	}
	for i := range len(secret) {
		for j := range d {
			n := 0
			for i+n < len(secret) && j+n < len(d) && secret[i+n] == d[j+n] {
				n++
			}
			if n >= minRun {
				for k := i; k < i+n; k++ {
					known[k] = true
				}
			}
		}
	}
}

// idCandidates is how many ID numbers fit what is known: unknown digits
// count ten each, except the month and day (only real dates) and the
// sequence digit whose parity the gender gives; the check character is
// computed and adds nothing.
func idCandidates(id string, known []bool, genderKnown bool) float64 {
	n := 1.0
	for i := range 10 {
		if !known[i] {
			n *= 10
		}
	}
	year, _ := strconv.Atoi(id[6:10])
	days := 0
	for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		mmdd := d.Format("0102")
		ok := true
		for k := range 4 {
			if known[10+k] && mmdd[k] != id[10+k] {
				ok = false
			}
		}
		if ok {
			days++
		}
	}
	n *= float64(days)
	for i := 14; i <= 15; i++ {
		if !known[i] {
			n *= 10
		}
	}
	switch {
	case known[16]:
	case genderKnown:
		n *= 5
	default:
		n *= 10
	}
	return n
}

var (
	maskLike = regexp.MustCompile(`^(\d{6})\*+([\dX]{4})$`)
	dateLike = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
)

// rebuild is the attack that worked on every stored person: the stored mask
// kept the first 6 and last 4 characters, and birth_date the 8 between.
func rebuild(cells []cell) map[string]bool {
	byRow := map[string][]cell{}
	for _, c := range cells {
		if c.table == "persons" {
			byRow[c.row["id"]] = append(byRow[c.row["id"]], c)
		}
	}
	out := map[string]bool{}
	for _, cs := range byRow {
		for _, m := range cs {
			mm := maskLike.FindStringSubmatch(m.text)
			if mm == nil {
				continue
			}
			for _, d := range cs {
				if dm := dateLike.FindStringSubmatch(d.text); dm != nil {
					out[mm[1]+dm[1]+dm[2]+dm[3]+mm[2]] = true
				}
			}
		}
	}
	return out
}

// piiPersons registers persons with accounts and changes one's phone, so
// the audit log holds a before/after.
func piiPersons(t *testing.T, db *store.DB) ([]*registry.Person, map[int64]int64) {
	t.Helper()
	r := rand.New(rand.NewPCG(9, 11))
	regions := []string{"420112", "420106", "110105", "440305"}
	var out []*registry.Person
	users := map[int64]int64{}
	for i := range 12 {
		birth := time.Date(1970+i*3, time.Month(1+i%12), 1+i*2, 0, 0, 0, 0, time.UTC)
		p := &registry.Person{Name: "测试" + strconv.Itoa(i), Phone: registry.GeneratePhone(r), Education: "本科",
			IDNumber: registry.GenerateIDNumber(r, regions[i%len(regions)], birth, i%2 == 0), HukouRegion: regions[i%len(regions)]}
		p.Normalize(time.Now())
		u := &account.User{Name: p.Name, Phone: p.Phone}
		if err := db.Registry().RegisterPerson(ctx, store.Actor{IP: "127.0.0.1"}, p, u, "hash"); err != nil {
			t.Fatal(err)
		}
		users[p.ID] = u.ID
		out = append(out, p)
	}
	changed := *out[0]
	changed.Phone = registry.GeneratePhone(r)
	if err := db.Registry().UpdatePerson(ctx, store.Actor{UserID: 1, Role: "staff"}, &changed); err != nil {
		t.Fatal(err)
	}
	out = append(out, &registry.Person{ID: changed.ID, IDNumber: changed.IDNumber, Phone: out[0].Phone}) // the old phone too
	out[0] = &changed
	return out, users
}

// TestNoClearPII runs the rebuild attack and a general bound on everything
// stored in clear, on both databases.
func TestNoClearPII(t *testing.T) {
	forEachRaw(t, func(t *testing.T, s rawStore) {
		persons, users := piiPersons(t, s.db)
		cells := dumpClear(t, s)
		if len(cells) == 0 {
			t.Fatal("nothing dumped: the check would pass vacuously")
		}
		rebuilt := rebuild(cells)
		n := 0
		for _, p := range persons {
			if rebuilt[p.IDNumber] {
				n++
			}
		}
		t.Logf("rebuild attack: %d of %d ID numbers rebuilt", n, len(persons))
		if n > 0 {
			t.Errorf("the rebuild attack recovered %d ID numbers from clear columns", n)
		}
		for _, p := range persons {
			idKnown, phoneKnown := make([]bool, 18), make([]bool, 11)
			genderKnown := false
			birthDay := p.Birth.Format("2006-01-02")
			for _, c := range cells {
				if strings.Contains(c.text, birthDay) || strings.Contains(c.text, p.Birth.Format("20060102")) {
					t.Errorf("%s.%s holds person %d's birth date: %q", c.table, c.column, p.ID, c.text)
				}
				if about(c, p, users[p.ID]) && !eventTime(c.column) {
					revealed(p.IDNumber, c.text, 4, idKnown)
					revealed(p.Phone, c.text, 4, phoneKnown)
					if c.table == "persons" && (c.column == "male" || c.column == "gender") {
						genderKnown = true
					}
				}
				// Anywhere in the store: no long run of anyone's number.
				long := make([]bool, 18)
				revealed(p.IDNumber, c.text, 7, long)
				revealed(p.Phone, c.text, 7, long)
				for _, k := range long {
					if k {
						t.Errorf("%s.%s holds 7 or more digits of person %d's ID or phone: %q", c.table, c.column, p.ID, c.text)
						break
					}
				}
			}
			if got := idCandidates(p.IDNumber, idKnown, genderKnown); got < 1e4 {
				t.Errorf("person %d: clear columns leave %.0f candidates for the ID number (want ≥ 10⁴); known positions %v",
					p.ID, got, positions(idKnown))
			}
			// The first three digits are the carrier's prefix, which an
			// attacker guesses anyway; nothing stored may show any other.
			for i := 3; i < 11; i++ {
				if phoneKnown[i] {
					t.Errorf("person %d: clear columns show digits %v of the phone", p.ID, positions(phoneKnown))
					break
				}
			}
		}
	})
}

func positions(known []bool) []int {
	var out []int
	for i, k := range known {
		if k {
			out = append(out, i)
		}
	}
	return out
}

// TestPIIMigration: a store written by the previous schema (masks, birth
// date in clear) is migrated: the person still reads back whole, the clear
// columns are gone, and on SQLite the dropped values are not left in the
// file's free pages or WAL.
func TestPIIMigration(t *testing.T) {
	forEachRaw(t, func(t *testing.T, s rawStore) {
		old := oldSchemaStore(t, s)
		p := old.person
		got, err := old.db.Registry().PersonByID(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.IDNumber != p.IDNumber || got.Phone != p.Phone || !got.Birth.Equal(p.Birth) || got.Male != p.Male ||
			got.IDMasked != registry.MaskID(p.IDNumber) || got.PhoneMasked != registry.MaskPhone(p.Phone) {
			t.Fatalf("migrated person: got %+v, want %+v", got, p)
		}
		cells := dumpClear(t, rawStore{raw: old.raw, dialect: s.dialect})
		if n := len(rebuild(cells)); n > 0 {
			t.Fatalf("after migration the rebuild attack still works on %d rows", n)
		}
		for _, c := range cells {
			if strings.Contains(c.text, p.Phone[7:]) && c.table == "persons" {
				t.Errorf("persons.%s still holds the phone's last digits: %q", c.column, c.text)
			}
		}
		if s.file == "" {
			return
		}
		for _, f := range []string{old.file, old.file + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, leak := range []string{registry.MaskID(p.IDNumber), registry.MaskPhone(p.Phone)} {
				if bytes.Contains(b, []byte(leak)) {
					t.Errorf("%s still contains %q after the migration", filepath.Base(f), leak)
				}
			}
		}
	})
}

type oldStore struct {
	db     *store.DB
	raw    *sql.DB
	file   string
	person *registry.Person
}

// oldSchemaStore builds a store at migration 0010 with one person written as
// the previous code wrote them, then opens and migrates it with today's code.
func oldSchemaStore(t *testing.T, s rawStore) oldStore {
	t.Helper()
	dir := "migrations/" + s.dialect.String()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() < "0011" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	// A fresh database of the same kind, next to the one s opened.
	var dsn, file string
	if s.file != "" {
		file = filepath.Join(t.TempDir(), "old.db")
		dsn = "sqlite:" + file
	} else {
		dsn, err = storetest.SchemaDSN(t, os.Getenv(storetest.EnvPostgres))
		if err != nil {
			t.Fatal(err)
		}
	}
	raw := storetest.Raw(t, dsn)
	mustRaw(t, raw, "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)")
	for _, n := range names {
		body, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		mustRaw(t, raw, string(body))
		mustRaw(t, raw, "INSERT INTO schema_migrations (version) VALUES ('"+strings.TrimSuffix(n, ".sql")+"')")
	}
	box := storetest.Box(t)
	r := rand.New(rand.NewPCG(3, 4))
	p := &registry.Person{Name: "旧数据", IDNumber: registry.GenerateIDNumber(r, "420112", time.Date(1988, 7, 9, 0, 0, 0, 0, time.UTC), false),
		Phone: registry.GeneratePhone(r), Education: "大专", HukouRegion: "420112"}
	p.Normalize(time.Now())
	now := time.Now().UTC()
	ph := "$"
	args := []any{p.Name, box.Seal(p.IDNumber), box.Index("id", p.IDNumber), registry.MaskID(p.IDNumber),
		box.Seal(p.Phone), box.Index("phone", p.Phone), registry.MaskPhone(p.Phone), p.Birth, p.Male, p.Education, now, now}
	marks := make([]string, len(args))
	for i := range marks {
		marks[i] = "?"
		if s.file == "" {
			marks[i] = ph + strconv.Itoa(i+1)
		}
	}
	mustRaw(t, raw, `INSERT INTO persons (name, id_enc, id_idx, id_mask, phone_enc, phone_idx, phone_mask, birth_date, male,
		education, created_at, updated_at) VALUES (`+strings.Join(marks, ", ")+`)`, args...)
	uargs := []any{"person", p.Name, box.Seal(p.Phone), box.Index("phone", p.Phone), registry.MaskPhone(p.Phone), "hash", now, now}
	umarks := marks[:len(uargs)]
	mustRaw(t, raw, `INSERT INTO users (role, name, phone_enc, phone_idx, phone_mask, password_hash, created_at, updated_at)
		VALUES (`+strings.Join(umarks, ", ")+`)`, uargs...)
	if err := raw.QueryRow("SELECT id FROM persons").Scan(&p.ID); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, dsn, box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return oldStore{db: db, raw: raw, file: file, person: p}
}

func mustRaw(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q[:min(len(q), 60)], err)
	}
}
