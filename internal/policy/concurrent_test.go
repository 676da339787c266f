package policy

import (
	"sync"
	"testing"
)

// TestCatalogConcurrentUse: one catalog serves many goroutines, each with
// its own subjects.
func TestCatalogConcurrentUse(t *testing.T) {
	c := defaultCatalog(t)
	ps := personas(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				for _, p := range ps {
					if _, err := c.Match(p.Subject(), p.EvalDate); err != nil {
						errs <- err
						return
					}
					pr, _ := c.Prepare(p.Subject())
					c.EligibleIDs(pr, p.EvalDate, nil)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
