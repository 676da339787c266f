package tags

import (
	"slices"
	"testing"
)

// TestSplit: every separator a person types splits, blanks and repeats go,
// the order stays.
func TestSplit(t *testing.T) {
	got := Split(" 焊工，电工、焊工;叉车；\u3000 搬运\n\t保洁, ")
	want := []string{"焊工", "电工", "叉车", "搬运", "保洁"}
	if !slices.Equal(got, want) {
		t.Fatalf("Split = %q, want %q", got, want)
	}
	if Split("  ") != nil || Tidy(nil) != nil {
		t.Fatal("blank input gives entries")
	}
}
