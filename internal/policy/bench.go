package policy

import (
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"
)

// BenchStats is the outcome of BenchProfiles.
type BenchStats struct {
	Profiles, Persons, Enterprises int
	Total                          time.Duration // generation plus matching
	Match                          time.Duration // the yes/no decisions alone
	Eligible                       []int         // eligible profiles per policy index
}

// BenchProfiles matches n generated profiles (seed-deterministic) against
// the embedded catalog on its default evaluation date and prints
// throughput and eligible counts per policy to w. The CLI
// `jiuye bench policy --profiles N` calls it.
func BenchProfiles(n int, seed uint64, w io.Writer) error {
	c, err := DefaultCatalog()
	if err != nil {
		return err
	}
	_, err = c.BenchProfiles(n, seed, c.DefaultEvalDate(), w)
	return err
}

// BenchProfiles generates n profiles into reused records and runs the fast
// path on each, timing generation and matching separately; w may be nil.
func (c *Catalog) BenchProfiles(n int, seed uint64, evalDate time.Time, w io.Writer) (*BenchStats, error) {
	if n <= 0 {
		return nil, fmt.Errorf("画像数量应大于 0")
	}
	const batch = 256
	g := c.NewGenerator(seed, evalDate)
	d := civilOf(evalDate)
	st := &BenchStats{Profiles: n, Eligible: make([]int, len(c.policies))}
	slots := make([]*Prepared, batch)
	persons := make([]*Prepared, batch)
	companies := make([]*Prepared, batch)
	for i := range batch {
		persons[i] = c.blank(KindPerson)
		companies[i] = c.blank(KindEnterprise)
	}
	var ids []int
	start := time.Now()
	for done := 0; done < n; {
		k := min(batch, n-done)
		for i := range k {
			p := companies[i]
			if g.kind() == KindPerson {
				p = persons[i]
				st.Persons++
			}
			p.rec.reset()
			p.pool.release()
			if p.kind == KindPerson {
				g.person(recSink{r: p.rec, pool: p.pool}, c.schemas.person)
			} else {
				g.enterprise(recSink{r: p.rec, pool: p.pool}, c.schemas.enterprise)
			}
			slots[i] = p
		}
		t := time.Now()
		for _, p := range slots[:k] {
			ids = c.eligible(p, d, ids[:0])
			for _, id := range ids {
				st.Eligible[id]++
			}
		}
		st.Match += time.Since(t)
		done += k
	}
	st.Total = time.Since(start)
	st.Enterprises = n - st.Persons
	if w != nil {
		if err := c.printBench(st, seed, d, w); err != nil {
			return st, err
		}
	}
	return st, nil
}

// blank returns an empty Prepared of kind for generated profiles.
func (c *Catalog) blank(kind string) *Prepared {
	s, _ := c.schemas.forKind(kind)
	return &Prepared{kind: kind, rec: newRecord(s), set: c.schemas, pool: newRecPool()}
}

// printBench writes the report.
func (c *Catalog) printBench(st *BenchStats, seed uint64, d civil, w io.Writer) error {
	per := func(t time.Duration) string {
		return fmt.Sprintf("%.0f profiles/s, %.3f µs/profile", float64(st.Profiles)/t.Seconds(), float64(t.Nanoseconds())/1000/float64(st.Profiles))
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "policy bench: %d profiles (%d persons, %d enterprises), seed %d, eval date %s, GOMAXPROCS=%d\n",
		st.Profiles, st.Persons, st.Enterprises, seed, d, runtime.GOMAXPROCS(0))
	fmt.Fprintf(tw, "generate+match:\t%s\t%s\n", st.Total.Round(time.Millisecond), per(st.Total))
	fmt.Fprintf(tw, "match only:\t%s\t%s\n", st.Match.Round(time.Millisecond), per(st.Match))
	fmt.Fprintf(tw, "\npolicy\teligible\tshare of kind\tname\n")
	for i, p := range c.policies {
		if !c.comp[i].matchable {
			continue
		}
		base := st.Persons
		if p.Beneficiary == KindEnterprise {
			base = st.Enterprises
		}
		share := 0.0
		if base > 0 {
			share = 100 * float64(st.Eligible[i]) / float64(base)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.2f%%\t%s\n", p.ID, st.Eligible[i], share, p.Name)
	}
	return tw.Flush()
}
