package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// wantDigest returns what Generate(Options{Scale: 0.02, Seed: 7, Now: testNow})
// writes, table by table (tables left empty are not listed), as recorded
// from the code before Generate and resumeGen.next were split into steps
// (persons, users and audit_log re-recorded when migration 0011 dropped the
// clear masks and birth date, 0012 keyed the audit chain and 0014 moved
// the lockout from users.locked_until to login_locks; users again when
// 0016 added users.large_text, and with terms_versions when 0017 added
// must_change_password, consent_version and consent_at and seeded the
// first 用户协议/隐私政策; users when 0021 added team and case_supervisor; casework_vacancies
// and casework_reviews when the generator began collecting vacancies and reviews; startup_banks
// and startup_loans with 创业扶持, startup_repayments with its repayments; the other
// tables' digests did not change; the activity tables and audit_log with 青年夜校).
// The same digests hold on SQLite and PostgreSQL. If a migration changes a
// table's columns, or the generator is changed on purpose, record the new
// values that the failure message prints.
func wantDigest() map[string]string {
	return map[string]string{
		"activities":               "85 rows b9ab7d57aea688635ea423eec01a26736f4d206de643585af9dc6cfcd57df984",
		"activity_attendance":      "3180 rows a756325e096356183e9a40b90479c2b7c404ea55aa8def718886557bf97241d0",
		"activity_sessions":        "211 rows 4ec9b128e3e04744eefcd8011ffa912af1d894311ea43fce5f8e1bbe6459a552",
		"activity_signups":         "2528 rows 4dcb11a6fffca581fdfac78a48cabe61b0862e57a1bc4d3d59e9325d59a02097",
		"audit_log":                "1064 rows 6f7a4c4018c2b66ccb0e9f58f5542e5ec8b71c92782d6f0ebb4c67e195abe75e",
		"casework_cases":           "110 rows f959724bc0b7dffbaac72385c14688776aa5b9ed3c5d4e1d1dbc18d79463a91d",
		"casework_contacts":        "291 rows b2da6a55456f4468c3cdd2921d10c7495645099cac7ca3a72459ade221f2c127",
		"casework_followups":       "70 rows 6166d44679ca4ad705db52dfb477dab332adeb77ebe5071a22dd45bce215eda6",
		"casework_outcomes":        "252 rows a2305016f73271debdd01fba2cdb562581124f499a2a445fa00265395f04e310",
		"casework_reviews":         "29 rows 487b70573f65fef2393d71ddce556baa93a777dd5a06a097ee8cbfb57e8d38f4",
		"casework_served":          "284 rows a1d7971d9596c0197d79c284a8e8e6994607f1d5853cd4b2f3fa4b28c396da49",
		"casework_vacancies":       "17 rows 5abca4b2be47fb1ccbe35e1ce0808e8c71fa0808bbadf74793adbd0f411c69c9",
		"counsel_bookings":         "35 rows 5b190c8221999683225bf1780469443cd5df30fa4bee432f65370e755f987188",
		"counsel_slots":            "44 rows 3bb207d71d2fa9c2638417d227e0239eab21abd81ba9ae71b1154dd42b4e48ae",
		"enterprises":              "112 rows d4b00524c6a1c266ae5b22b62ad6307b63638de4b638f45628485165476ebbfa",
		"fair_booths":              "28 rows 95426cdd86a2cd972ec8ce30926b9327b41d49b7b2a3c498275a2d5a90fd9173",
		"funding_applications":     "10 rows 3e987cb4eeacf7cdb581d0a1149b5e1bae5227260b956d118ce7ac03a103139d",
		"funding_assignments":      "50 rows d815f978b348b74d2f07728cb2cf0e80a1fc18df026416052c5ec7b93afc28f1",
		"funding_calls":            "2 rows 675daa95d25bb9d0a2d22988d61340286d0d2d34562321c2e91cfe8b7bea12c3",
		"funding_milestones":       "9 rows b3149294cecdba655b31316cb796d1c5a0c0e6eb19565c5e1f917d7eb94aaeae",
		"gig_employers":            "7 rows 654959a071a6631f430c270ffa7a0208c1d7b80a6ad15c5d4829d4fe51f2a666",
		"gig_posts":                "180 rows 03043403e923c9557af67e4a1920b8f9b89a72a791bbe4ab6db703fc9a596ebf",
		"gig_ratings":              "955 rows 2b348e771d531c005af0a6e5ae6574b5de65e9e0b58bb6d3fb07eb24ea7cc19e",
		"gig_seq":                  "1 rows 1dce7a345cad35acac90da40d013f333847af3088ab0f6f6f742992514892e67",
		"gig_shifts":               "369 rows 209b614d51f616488685a7bb9f374bb75b7a856f981a1cc4587fecb57fe4f6cf",
		"gig_signups":              "1427 rows 1b89780bbfa06c4156b33d2fd8ea62360817281f19edeead8ce08a66209699db",
		"gig_worker_profiles":      "200 rows 29ecb67162fe83d4fd68a4ac305f14eec6209708a25e98d934b7bc95700dcad9",
		"internship_bases":         "1 rows 4507674a6d53a4ecfe709ac32208bdadf68026e7390cbbdf48b70486e29e376d",
		"internship_months":        "8 rows 83a7edd2ace9f0151a053758de8140fd965e08b97e4d4dc7eca8b199bd8058e4",
		"internships":              "3 rows 52fdaa6afb24a7b8c129ec7642830156e0c34c2bfde8e4b08d0d4cc381e60137",
		"job_application_events":   "69 rows f923dad8a8c12ce8a92613b785b8720438f80c3857a9a51735affc7be2e8baed",
		"job_applications":         "39 rows a0ce9858cd9788b9fd8e9713524bcbc606a8f92b6c55f4472f42fada0fef3318",
		"job_posts":                "961 rows 2809ca6d620bf5476e9277d56257351ffaf5ee3d467fe00bd53e07f56c2b16d8",
		"job_seq":                  "1 rows 96875271c25839e8965245984850b31298ea059ddfe118663e27c34865b1e7eb",
		"persons":                  "200 rows 243487e43e10f9dc36379f8d130ebb2175ca902c529bec02fd168b227840e37f",
		"resumes":                  "200 rows cd30fe628ea615f9c78a27947c35f0f6cc31c1eeda4cbb62ad0341e6b7f60f46",
		"school_rooms":             "5 rows e464c1c2bd842556138bfd6682528638250c1ccaa56285d51a5efb9340b00c01",
		"school_visits":            "70 rows 00228a6725721b01937be731ee6273c137352d3af0087c679211a8766eccf8c7",
		"schools":                  "12 rows 6f5fb75b240c46a8b9a86eab3f5bf0e96164f0a29b2759b16972da6aefe2bd84",
		"startup_banks":            "3 rows 2de906dd37b2adda1329872075cd4f4ddc00a998e04a408150729787e3cf9f3a",
		"startup_loans":            "19 rows 63c680ffc2587efc3f43d352b425c47b70a60148a683043cf85c70add0ad57c6",
		"startup_park_assessments": "3 rows 716d2f7f741db6aace5c424c0c164889dd2a006ebccc47b88390d5340e1de84b",
		"startup_park_events":      "42 rows f30fae242a0ab3ba6d0f3538b6db75201458e1f48711b20544d3912360be553e",
		"startup_park_tenants":     "28 rows 76f5a475186dc98d6b61f4324ccbeb583ef125e1fd75754be66a05d4767d7860",
		"startup_parks":            "5 rows 0bae3dd6f610456dfa58c2b18f6bd839631329bccb6ed4f95eb54bb1a6021f86",
		"startup_repayments":       "144 rows bc02eb844bb2dc7f0d5068de380345387bc6ca59d666738a0f6436a989598f5a",
		"stations":                 "8 rows 71e52cae3de1b34b0070514bbe3178ff0d6027f4fb93a393d35a4268aedc43a5",
		"terms_versions":           "1 rows 84bb0bfc48defdd044b10798b5e3a17ae251bb691055862e9000205af83dcd98",
		"training_attendance":      "2236 rows bba2e98678e7556494442ea9a9384f470b0c62f41803d319c3b12b463798aa1e",
		"training_classes":         "38 rows a1d10a8c671847ed660a7072f79bb640de45709b3a7962376f06dc5554b6dc2c",
		"training_enrolments":      "908 rows 34ec019ad27cc50a099e2628d3c5816971c03a988ce05be22d7b2ce6c07a7da4",
		"training_provider_scope":  "32 rows 09a4df052e331cae25354fb35df9f6caedea36e8b3c0cd8e13c647207dff4034",
		"training_providers":       "16 rows 4b153734955ab2cf170f2508a8ceee4d27d6b3c0135b5233d54e5c27c4363326",
		"training_sessions":        "147 rows 53e54fc636127f8bfeb0a97fb16a3503e7fa1e21f7f0467a105e1a095b4e6b2f",
		"users":                    "22 rows 387e5d0e326f4cf466fb9ebc15cd06d03bbb51db1439e590b007d1efae427996",
	}
}

// TestGenerateDigest pins the data Generate writes for a seed and options,
// so that refactoring the generator cannot change it unnoticed. It digests
// every column of every row of every table, with the store's clock fixed at
// testNow so that created_at, updated_at, verified_at and the audit row's
// time and hash chain are stable, except for what is random by design:
//
//   - *_enc columns (persons.id_enc, persons.phone_enc, users.phone_enc) are
//     SM4-GCM ciphertexts with random nonces under storetest's random key:
//     the decrypted plaintext is digested instead;
//   - *_idx columns (persons.id_idx, persons.phone_idx, users.phone_idx) are
//     HMAC blind indexes under that random key: the digest records whether
//     the index is the Box's index of the matching *_enc plaintext;
//   - users.password_hash holds a random salt and the hash of a password
//     drawn from crypto/rand: only its parameter prefix
//     ("$argon2id$v=19$m=…,t=…,p=…$") is digested;
//   - audit_log.hash and prev_hash are HMAC-SM3 under a key derived from
//     that random key (the keyed chain): only their length is digested
//     (the chain itself is checked by the store's audit tests);
//   - schema_migrations and audit_chain record the schema's history (when
//     migrations ran), not generated data: skipped.
//
// Rows are digested as sorted strings, so the order a database returns
// them in does not matter; the ids they contain keep the references.
func TestGenerateDigest(t *testing.T) {
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SetClock(func() time.Time { return testNow })
		if _, err := Generate(ctx, db, tables, Options{Scale: 0.02, Seed: 7, Now: testNow}); err != nil {
			t.Fatal(err)
		}
		got, want := storeDigest(t, db), wantDigest()
		var diff []string
		for _, table := range slices.Sorted(maps.Keys(got)) {
			if got[table] != want[table] {
				diff = append(diff, table)
			}
		}
		for table := range want {
			if _, ok := got[table]; !ok {
				diff = append(diff, table+" (now empty)")
			}
		}
		if len(diff) > 0 {
			var b strings.Builder
			for _, table := range slices.Sorted(maps.Keys(got)) {
				fmt.Fprintf(&b, "\t%q: %q,\n", table, got[table])
			}
			t.Errorf("generated data changed in %s; digests now:\n%s", strings.Join(diff, ", "), b.String())
		}
	})
}

// storeDigest returns "ROWS rows SHA256" for every non-empty table of db.
func storeDigest(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	// Reads go through a write transaction: it is the store's one exported
	// way to run arbitrary SQL, and it writes nothing here.
	err := db.Write(ctx, func(tx *store.Tx) error {
		q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		if db.Dialect() == store.Postgres {
			q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
		}
		names, err := queryStrings(ctx, tx, q)
		if err != nil {
			return err
		}
		for _, table := range names {
			if table == "schema_migrations" || table == "audit_chain" {
				continue
			}
			rows, err := tableRows(ctx, tx, db, table)
			if err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			if len(rows) == 0 {
				continue
			}
			slices.Sort(rows)
			h := sha256.New()
			for _, r := range rows {
				fmt.Fprintf(h, "%d:%s", len(r), r)
			}
			out[table] = fmt.Sprintf("%d rows %s", len(rows), hex.EncodeToString(h.Sum(nil)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// queryStrings returns the one text column of q's rows (the table names).
func queryStrings(ctx context.Context, tx *store.Tx, q string) ([]string, error) {
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// tableRows returns every row of table as one string of its columns in
// name order, each "column=value" with the value made dialect-neutral and
// the random-by-design columns replaced as TestGenerateDigest describes.
func tableRows(ctx context.Context, tx *store.Tx, db *store.DB, table string) ([]string, error) {
	rows, err := tx.Query(ctx, "SELECT * FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	sorted := slices.Sorted(slices.Values(cols))
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			row[c] = vals[i]
		}
		var b strings.Builder
		for _, c := range sorted {
			v, err := cellString(db, row, c)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", c, err)
			}
			fmt.Fprintf(&b, "%s=%d:%s;", c, len(v), v)
		}
		out = append(out, b.String())
	}
	return out, rows.Err()
}

// cellString renders row[col] the same way on SQLite and PostgreSQL.
func cellString(db *store.DB, row map[string]any, col string) (string, error) {
	v := row[col]
	if v == nil {
		return "NULL", nil
	}
	switch {
	case strings.HasSuffix(col, "_enc"):
		b, _ := v.([]byte)
		pt, err := db.Box().Open(b)
		return "plain:" + pt, err
	case strings.HasSuffix(col, "_idx"):
		purpose := strings.TrimSuffix(col, "_idx")
		b, _ := row[purpose+"_enc"].([]byte)
		pt, err := db.Box().Open(b)
		if err != nil {
			return "", err
		}
		return "index-of-plain:" + strconv.FormatBool(fmt.Sprint(v) == db.Box().Index(purpose, pt)), nil
	case col == "hash" || col == "prev_hash":
		return "keyed-hash:" + strconv.Itoa(len(fmt.Sprint(v))), nil
	case col == "password_hash":
		s := fmt.Sprint(v)
		if i := strings.LastIndex(s, "$"); i > 0 {
			if j := strings.LastIndex(s[:i], "$"); j > 0 {
				return "params:" + s[:j+1], nil
			}
		}
		return "", fmt.Errorf("unexpected hash format %q", s)
	}
	switch v := v.(type) {
	case bool:
		if v {
			return "1", nil
		}
		return "0", nil
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case []byte:
		return "hex:" + hex.EncodeToString(v), nil
	case string:
		return v, nil
	default:
		return fmt.Sprint(v), nil
	}
}
