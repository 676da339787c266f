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
			for b.Loop() {
				dst = c.EligibleIDs(pr, p.EvalDate, dst[:0])
			}
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

// BenchmarkMatchExplained is the full explained Match over the personas.
func BenchmarkMatchExplained(b *testing.B) {
	c, ps := benchCatalog(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := ps[i%len(ps)]
		if _, err := c.Match(p.Subject(), p.EvalDate); err != nil {
			b.Fatal(err)
		}
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
