package policy

import (
	"bytes"
	"strings"
	"testing"
)

// TestEmbeddedPersonas runs the 20 shared personas: all must pass.
func TestEmbeddedPersonas(t *testing.T) {
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	passed, failed, err := RunPersonas(c, DefaultPersonasYAML(), &out)
	if err != nil {
		t.Fatal(err)
	}
	if passed != 20 || failed != 0 {
		t.Fatalf("personas: %d passed, %d failed\n%s", passed, failed, out.String())
	}
	if got := strings.TrimSpace(out.String()); got != "20 passed, 0 failed" {
		t.Fatalf("output = %q", got)
	}
}
