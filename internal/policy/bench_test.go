package policy

import (
	"io"
	"testing"
	"time"
)

// benchCatalog returns the embedded catalog and its personas.
func benchCatalog(b *testing.B) (*Catalog, []Persona) {
	b.Helper()
	c, err := DefaultCatalog()
	if err != nil {
		b.Fatal(err)
	}
	ps, err := ParsePersonas(DefaultPersonasYAML())
	if err != nil {
		b.Fatal(err)
	}
	return c, ps
}

// BenchmarkEligiblePersona is the yes/no decision of the whole catalog for
// one prepared persona (derived fields recomputed every iteration).
func BenchmarkEligiblePersona(b *testing.B) {
	c, ps := benchCatalog(b)
	for _, p := range ps {
		b.Run(p.ID, func(b *testing.B) {
			pr, err := c.Prepare(p.Subject())
			if err != nil {
				b.Fatal(err)
			}
			var dst []int
			b.ReportAllocs()
			cpu := processCPU()
			n := 0
			for b.Loop() {
				dst = c.EligibleIDs(pr, p.EvalDate, dst[:0])
				n++
			}
			reportCPU(b, cpu, n)
		})
	}
}

// BenchmarkPrepareAndDecide includes loading the attribute map (as the API
// receives it) into typed slots.
func BenchmarkPrepareAndDecide(b *testing.B) {
	c, ps := benchCatalog(b)
	b.ReportAllocs()
	var dst []int
	for i := 0; b.Loop(); i++ {
		p := ps[i%len(ps)]
		pr, err := c.Prepare(p.Subject())
		if err != nil {
			b.Fatal(err)
		}
		dst = c.EligibleIDs(pr, p.EvalDate, dst[:0])
	}
}

// BenchmarkMatchExplained is the full explained Match over the personas
// (loading the attribute map included). Besides wall time it reports the
// process's CPU time per match (cpu-ns/op, the collector's included), which
// holds up better than wall time on a machine other work shares.
func BenchmarkMatchExplained(b *testing.B) {
	c, ps := benchCatalog(b)
	b.ReportAllocs()
	cpu := processCPU()
	n := 0
	for i := 0; b.Loop(); i++ {
		p := ps[i%len(ps)]
		if _, err := c.Match(p.Subject(), p.EvalDate); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, cpu, n)
}

// reportCPU reports the process CPU time since start per operation.
func reportCPU(b *testing.B, start time.Duration, n int) {
	if used := processCPU() - start; used > 0 && n > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// BenchmarkGeneratedProfiles is BenchProfiles per profile (generation and
// decision).
func BenchmarkGeneratedProfiles(b *testing.B) {
	c, _ := benchCatalog(b)
	d := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := c.BenchProfiles(b.N, 1, d, io.Discard); err != nil {
		b.Fatal(err)
	}
}
