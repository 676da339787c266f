package e2e

import (
	"encoding/json"
	"os"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, read once per test binary (testdata/axe/README.md).
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile("testdata/axe/axe.min.js")
	return string(b), err
})

// axeViolation is what axe reports for one rule a page breaks.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// checkAxe runs axe-core's WCAG 2.1 A and AA rules on the page in the tab
// and fails the test for each violation, naming the page, the rule and the
// first elements that break it. Every page the journeys load passes here.
func (b *browser) checkAxe(page string) {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		b.t.Fatalf("axe: %v", err)
	}
	if ok := run(b, "inject axe on "+page, chromedp.Evaluate[bool]("(function(){"+src+"\n;return typeof axe === 'object'})()")); !ok {
		b.t.Fatalf("axe: not loaded on %s", page)
	}
	const script = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
		.then(r => JSON.stringify(r.violations))`
	out := run(b, "axe on "+page, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatalf("axe: result on %s: %v", page, err)
	}
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				break
			}
			where = append(where, n.HTML)
		}
		b.t.Errorf("axe on %s: %s (%s, %d elements): %s", page, v.ID, v.Impact, len(v.Nodes), strings.Join(where, " | "))
	}
}
