package app

import (
	"cmp"
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

// OccupationCount is an occupation with open posts, named as the
// occupation table names it at its finest level ("焊工", "叉车司机").
type OccupationCount struct {
	Code     string
	Name     string // the table's name, "起重装卸机械操作工"
	Everyday string // a short alias people use when the name is long ("叉车工"); "" if none
	N        int
}

// everydayName returns the first alias of c of at most 5 characters when
// its name is longer than that: the table's names of common trades are
// official ("客运车辆驾驶员L"), their first short alias is what people say.
func everydayName(c codes.Code) string {
	if utf8.RuneCountInString(c.Name) <= 5 {
		return ""
	}
	for _, a := range c.Aliases {
		if a != c.Name && utf8.RuneCountInString(a) <= 5 {
			return a
		}
	}
	return ""
}

// occCounts is a computed list of OccupationCounts, valid for the index
// generation it was computed at and for occCountsTTL (posts expire).
type occCounts struct {
	gen    uint64
	at     time.Time
	list   []OccupationCount
	byCode map[string]int
}

const occCountsTTL = time.Minute

// OccupationCounts lists the occupations that open posts carry, most
// posts first, for the search page's occupation filter (which would
// otherwise list all 1,600 occupations, most without a post). The list is
// shared and must not be changed.
func (x *Jobs) OccupationCounts(ctx context.Context) ([]OccupationCount, error) {
	c, err := x.occCounts(ctx)
	if err != nil {
		return nil, err
	}
	return c.list, nil
}

// occupationCountMap is OccupationCounts by code; shared, not to be changed.
func (x *Jobs) occupationCountMap(ctx context.Context) (map[string]int, error) {
	c, err := x.occCounts(ctx)
	if err != nil {
		return nil, err
	}
	return c.byCode, nil
}

func (x *Jobs) occCounts(ctx context.Context) (*occCounts, error) {
	ix, err := x.jobIndex(ctx)
	if err != nil {
		return nil, err
	}
	j := &x.state.index
	gen, now := j.gen.Load(), x.now()
	if c := j.occCounts.Load(); c != nil && c.gen == gen && now.Sub(c.at) < occCountsTTL && !now.Before(c.at) {
		return c, nil
	}
	counts := ix.OccupationCounts(now)
	list := make([]OccupationCount, 0, len(counts))
	for code, n := range counts {
		c, ok := x.codes.Occupations.Get(code)
		if !ok {
			continue
		}
		list = append(list, OccupationCount{Code: code, Name: c.Name, Everyday: everydayName(c), N: n})
	}
	slices.SortFunc(list, func(a, b OccupationCount) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code))
	})
	c := &occCounts{gen: gen, at: now, list: list, byCode: counts}
	j.occCounts.Store(c)
	return c, nil
}
