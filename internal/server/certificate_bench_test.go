package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// benchCertificates is how many certificates the verification benchmark
// stores: more than the district's 6,588 evaluated persons.
const benchCertificates = 12_000

// BenchmarkCertificateVerify asks the public check GET
// /api/v1/certificates/verify?number=&name= over real HTTP (a loopback
// server in front of the full router) with 12,000 certificates stored,
// on SQLite and, when JIUYE_TEST_POSTGRES is set, PostgreSQL. One op is
// one check: nine in ten a right number and name (200), one in ten a
// wrong name (404). The target is p99 ≤ 10 ms.
//
//	JIUYE_TEST_POSTGRES=… go test ./internal/server -run '^$' -bench CertificateVerify -benchtime 5000x
func BenchmarkCertificateVerify(b *testing.B) {
	open := map[string]func(testing.TB) *store.DB{"sqlite": storetest.SQLite, "postgres": storetest.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			if name == "postgres" && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("JIUYE_TEST_POSTGRES is not set")
			}
			benchVerify(b, open[name](b))
		})
	}
}

func benchVerify(b *testing.B, db *store.DB) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{DataDir: b.TempDir()})
	srv, err := server.New(a, log, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	numbers, names := fillCertificates(b, a, db)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := ts.Client()
	rng := rand.New(rand.NewPCG(3, 5))
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		i := rng.IntN(len(numbers))
		name, want := names[i], 200
		if rng.IntN(10) == 0 {
			name, want = name+"甲", 404
		}
		u := ts.URL + "/api/v1/certificates/verify?" + url.Values{"number": {numbers[i]}, "name": {name}}.Encode()
		start := time.Now()
		res, err := client.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(start))
		if res.StatusCode != want {
			b.Fatalf("verify %s %s: %d, want %d", numbers[i], name, res.StatusCode, want)
		}
	}
	b.StopTimer()
	percentiles(b, lat)
	n, _ := db.Count(ctx, "skill_certificates")
	b.ReportMetric(float64(n), "certificates")
}

// fillCertificates stores an evaluation body, 300 persons and
// benchCertificates certificates among them (written directly, in one
// transaction), and returns each certificate's number and name.
func fillCertificates(b *testing.B, a *app.App, db *store.DB) (numbers, names []string) {
	ctx := context.Background()
	staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "培训科", Phone: "13800138000", Password: "jiang7river"}, true)
	if err != nil {
		b.Fatal(err)
	}
	p, err := a.Training.ApplyProvider(ctx, app.Actor{User: staff}, app.ProviderInput{Name: "武汉临空港职业技能评价中心", Kind: "evaluator",
		RegionCode: "420112001", Address: "临空港大道 1 号", ContactName: "王老师", ContactPhone: "027-83250000",
		Scope: []app.ScopeInput{{Occupation: "电工", Level: 4}}})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 13))
	box := db.Box()
	now := db.Now()
	err = db.Write(ctx, func(tx *store.Tx) error {
		var persons []*registry.Person
		seen := map[string]bool{}
		for i := 0; len(persons) < 300; i++ {
			id := registry.GenerateIDNumber(rng, "420112", time.Date(1980+i%25, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), i%2 == 0)
			if seen[id] {
				continue
			}
			seen[id] = true
			pr := &registry.Person{Name: fmt.Sprintf("持证人%03d", len(persons)), IDNumber: id, Phone: registry.GeneratePhone(rng),
				Birth: time.Date(1980+i%25, 1, 1, 0, 0, 0, 0, time.UTC), Education: "高中"}
			if err := tx.CreatePerson(ctx, pr); err != nil {
				return err
			}
			persons = append(persons, pr)
		}
		for i := range benchCertificates {
			pr := persons[i%len(persons)]
			number := fmt.Sprintf("S42011224%d%05d%05d", 5-i%5, p.ID, i+1)
			issued := time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			if _, err := tx.Exec(ctx, `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id,
				sitting_id, issued_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'valid', ?)`,
				number, pr.ID, pr.Name, box.Seal(pr.IDNumber), "6-31-01-03", 5-i%5, p.ID, issued, now); err != nil {
				return err
			}
			numbers, names = append(numbers, number), append(names, pr.Name)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return numbers, names
}
