package classify

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestShowTitles prints the top five candidates for each title in
// CLASSIFY_TITLES ("|"-separated); it is skipped when the variable is unset.
// It is a tool for working on the lexicon, not a check.
func TestShowTitles(t *testing.T) {
	titles := os.Getenv("CLASSIFY_TITLES")
	if titles == "" {
		t.Skip("CLASSIFY_TITLES not set")
	}
	_, c := testClassifier(t)
	for _, title := range strings.Split(titles, "|") {
		var b strings.Builder
		for _, g := range c.Classify(title, "", 5) {
			fmt.Fprintf(&b, " %s %s %.3f;", g.Code, g.Name, g.Score)
		}
		t.Logf("%s ->%s", title, b.String())
	}
}
