package main

import "testing"

func TestParseMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"auto", 0, true}, {"", 0, true}, {"off", -1, true}, {"OFF", -1, true},
		{"512MiB", 512 << 20, true}, {"1GiB", 1 << 30, true}, {"300000000", 300000000, true}, {"64KiB", 64 << 10, true},
		{"-1", 0, false}, {"0", 0, false}, {"lots", 0, false}, {"12MB", 0, false}, {"99999999999GiB", 0, false},
	} {
		got, err := parseMemoryLimit(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestAutoMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live        int64
		atRest, now int
		want        int64
	}{
		{50 * mib, 1000, 1000, 256 * mib},    // small board: the floor
		{140 * mib, 46000, 46000, 280 * mib}, // scale 1: twice the resting heap
		{140 * mib, 46000, 40000, 280 * mib}, // a shrinking index keeps the limit
		{140 * mib, 46000, 92000, 560 * mib}, // the index doubled: so does the limit
		{800 * mib, 0, 10, 1600 * mib},       // no posts at rest: no scaling
	} {
		if got := autoMemoryLimit(c.live, c.atRest, c.now); got != c.want {
			t.Errorf("autoMemoryLimit(%d MiB, %d, %d) = %d MiB, want %d MiB", c.live/mib, c.atRest, c.now, got/mib, c.want/mib)
		}
	}
}
