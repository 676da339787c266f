package web

import (
	"testing"

	"github.com/jiuye/jiuye/internal/training"
)

// TestShownRows: the trainees left out come first, in their order, and a
// long roster is cut at maxClaimRows with the rest counted.
func TestShownRows(t *testing.T) {
	items := []training.TraineeCheck{{PersonID: 1, Eligible: true}, {PersonID: 2}, {PersonID: 3, Eligible: true}, {PersonID: 4}}
	rows, hidden := shownRows(items)
	var got []int64
	for _, r := range rows {
		got = append(got, r.PersonID)
	}
	if hidden != 0 || len(got) != 4 || got[0] != 2 || got[1] != 4 || got[2] != 1 || got[3] != 3 {
		t.Errorf("order %v, hidden %d", got, hidden)
	}
	long := make([]training.TraineeCheck, maxClaimRows+5)
	long[maxClaimRows+4].PersonID = 9 // the one left out, last of all
	for i := range maxClaimRows + 4 {
		long[i].Eligible = true
	}
	rows, hidden = shownRows(long)
	if hidden != 5 || len(rows) != maxClaimRows || rows[0].PersonID != 9 {
		t.Errorf("a long roster: %d shown, %d hidden, first %d", len(rows), hidden, rows[0].PersonID)
	}
}
