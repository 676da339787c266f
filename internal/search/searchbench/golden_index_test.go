package searchbench

import (
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/search"
)

func newGoldenIndex(occ *codes.Table, lean bool) *search.Index { return search.NewIndex(occ) }
