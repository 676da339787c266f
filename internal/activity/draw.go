package activity

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
)

// The lottery, so that anyone can check it:
//
//  1. When the activity is published, a random seed is made and only its
//     SHA-256 (SeedHash) is published. Nobody — not the organiser — can
//     change the seed afterwards without the hash showing it.
//  2. At the window's close the entries are fixed: each is its sign-up
//     number and its tier (0, or 1 for a person the no-show rule puts
//     last). EntriesHash is the SHA-256 of the lines "number:tier\n" in
//     ascending number order, published with the list.
//  3. The seed is revealed. Each entry's ticket is the SHA-256 of
//     "seed:number" in hex; entries are ordered by tier, then by ticket
//     (as text), then by number. The first Capacity get seats, the rest
//     are the waitlist in that order.
//
// Anyone holding the published list and seed recomputes steps 2 and 3.

// Entry is one lottery entry.
type Entry struct {
	ID   int64 // the sign-up's number
	Tier int   // 0, or 1: drawn after tier 0
}

// SeedHash is the published commitment to seed.
func SeedHash(seed string) string {
	h := sha256.Sum256([]byte(seed))
	return hex.EncodeToString(h[:])
}

// EntriesHash is the hash of the entry list (in any order).
func EntriesHash(entries []Entry) string {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b Entry) int { return cmpInt(a.ID, b.ID) })
	h := sha256.New()
	for _, e := range sorted {
		h.Write([]byte(strconv.FormatInt(e.ID, 10) + ":" + strconv.Itoa(e.Tier) + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Ticket is an entry's draw value under seed.
func Ticket(seed string, id int64) string {
	h := sha256.Sum256([]byte(seed + ":" + strconv.FormatInt(id, 10)))
	return hex.EncodeToString(h[:])
}

// Draw returns the entries in drawn order: seats first, then the waitlist.
func Draw(seed string, entries []Entry) []Entry {
	type ticketed struct {
		Entry
		t string
	}
	ts := make([]ticketed, len(entries))
	for i, e := range entries {
		ts[i] = ticketed{e, Ticket(seed, e.ID)}
	}
	slices.SortFunc(ts, func(a, b ticketed) int {
		if a.Tier != b.Tier {
			return a.Tier - b.Tier
		}
		if c := strings.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmpInt(a.ID, b.ID)
	})
	out := make([]Entry, len(ts))
	for i, t := range ts {
		out[i] = t.Entry
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
