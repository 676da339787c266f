package searchbench

import (
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/search"
)

// newGoldenIndex returns the index of the golden test: one that keeps its
// texts, or with lean one that drops them.
func newGoldenIndex(occ *codes.Table, lean bool) *search.Index {
	return search.NewIndexWith(search.Options{Occupations: occ, DropTexts: lean})
}
