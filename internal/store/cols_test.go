package store

import (
	"strings"
	"testing"
)

// TestSessionUserColsFollowUserCols keeps the join's column list in step
// with scanUser's: a column added to userCols must be added there too.
func TestSessionUserColsFollowUserCols(t *testing.T) {
	want := "u." + strings.ReplaceAll(userCols, ", ", ", u.")
	if sessionUserCols != want {
		t.Fatalf("sessionUserCols = %q, want %q", sessionUserCols, want)
	}
}
