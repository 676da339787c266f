package app

import "strings"

// interner shares equal strings and string lists between job cards. A
// scale-10 board keeps 480,000 cards, and each held its own copies of the
// region, occupation and education codes, the enterprise name and every
// skill and benefit as read from the database: about ten small heap
// objects per card, most of the 4.9 million objects the GC had to mark on
// every cycle. Cards are read-only, so sharing is safe. It is not safe for
// concurrent use: the job index uses it under jobIndex.mu.
type interner struct {
	strs  map[string]string
	lists map[string][]string
}

// internMax bounds the tables: past it they start again (cards keep what
// they share; only new cards stop sharing with old ones).
const internMax = 1 << 20

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.strs[s]; ok {
		return v
	}
	if in.strs == nil || len(in.strs) >= internMax {
		in.strs = make(map[string]string, 4096)
	}
	in.strs[s] = s
	return s
}

// list returns a shared list equal to xs (nil for an empty one).
func (in *interner) list(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	key := strings.Join(xs, "\x00")
	if v, ok := in.lists[key]; ok {
		return v
	}
	if in.lists == nil || len(in.lists) >= internMax {
		in.lists = make(map[string][]string, 4096)
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = in.str(x)
	}
	in.lists[key] = out
	return out
}

// card is cardOf with the card's strings shared through in.
func (in *interner) card(c *JobCard) *JobCard {
	c.EnterpriseName = in.str(c.EnterpriseName)
	c.Title = in.str(c.Title)
	c.RegionCode = in.str(c.RegionCode)
	c.OccupationCode = in.str(c.OccupationCode)
	c.Education = in.str(c.Education)
	c.Skills = in.list(c.Skills)
	c.Benefits = in.list(c.Benefits)
	return c
}
