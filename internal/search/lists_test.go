package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPackedWide packs a block whose gaps need 30 bits and more.
func TestPackedWide(t *testing.T) {
	docs := []int32{0, 1 << 30, 1<<30 + 5, math.MaxInt32 - 1, math.MaxInt32}
	imps := []uint8{255, 1, 0, 7, 128}
	var l lists
	e := encoder{l: &l}
	e.put(docs, imps)
	l.bits = append(l.bits, 0)
	p := packed{blocks: l.blocks, bits: l.bits, n: len(docs)}
	var buf [blockSize]int32
	if got := p.decode(0, &buf); !slices.Equal(got, docs) {
		t.Fatalf("decoded %v", got)
	}
	for i, v := range imps {
		if got := p.imp(0, i); got != v {
			t.Errorf("impact %d = %d, want %d", i, got, v)
		}
	}
}

// TestPackedLists packs lists of every shape (one posting, runs of
// consecutive ordinals, gaps up to the int32 range, impacts 0 to 255,
// lengths around the block size), once from tails and once more through a
// remap that drops some, and reads them back through a cursor: every
// posting, and seeks to every ordinal and between them.
func TestPackedLists(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var want [][]int32
	var wantImp [][]uint8
	terms := new(hashTable[int32])
	var l lists
	for k := range 40 {
		n := []int{1, 2, 127, 128, 129, 256, 300, 1000}[k%8]
		docs, imps := make([]int32, n), make([]uint8, n)
		at := int32(r.IntN(5))
		for i := range n {
			docs[i] = at
			imps[i] = uint8(r.IntN(256))
			switch k % 4 {
			case 0:
				at++
			case 1:
				at += 1 + int32(r.IntN(20))
			case 2:
				at += 1 + int32(r.IntN(1<<20))
			default:
				at += 1 + int32(r.IntN(1<<14))
			}
			if k%5 == 0 {
				imps[i] = 0
			}
		}
		want, wantImp = append(want, docs), append(wantImp, imps)
		j, _ := terms.slot(termKey(k + 1))
		terms.vals[j] = l.newList()
		for i := range docs {
			l.add(terms.vals[j], docs[i], imps[i])
		}
	}
	maxOrd := int32(0)
	for _, d := range want {
		maxOrd = max(maxOrd, d[len(d)-1])
	}
	check := func(name string, nt *hashTable[int32], nl *lists, want [][]int32, wantImp [][]uint8) {
		for k := range want {
			j, ok := nt.find(termKey(k + 1))
			if len(want[k]) == 0 {
				if ok {
					t.Errorf("%s: list %d kept without postings", name, k)
				}
				continue
			}
			if !ok {
				t.Fatalf("%s: list %d lost", name, k)
			}
			p := nl.base(nt.vals[j])
			if p.n != len(want[k]) {
				t.Fatalf("%s: list %d has %d postings, want %d", name, k, p.n, len(want[k]))
			}
			var c cursor
			c.reset(p, postings{})
			var got []int32
			var gotImp []uint8
			for {
				for i, d := range c.docs {
					got, gotImp = append(got, d), append(gotImp, c.imp(i))
				}
				if !c.nextBlock() {
					break
				}
			}
			if !slices.Equal(got, want[k]) || !slices.Equal(gotImp, wantImp[k]) {
				t.Fatalf("%s: list %d read back differently", name, k)
			}
			var s cursor
			s.reset(p, postings{})
			for i, d := range want[k] {
				if d > 0 && (i == 0 || want[k][i-1] < d-1) {
					if got, ok := s.seek(d - 1); !ok || got != d {
						t.Fatalf("%s: list %d seek(%d) = %d %v, want %d", name, k, d-1, got, ok, d)
					}
				}
				if got, ok := s.seek(d); !ok || got != d || s.imp(s.at) != wantImp[k][i] {
					t.Fatalf("%s: list %d seek(%d) = %d %v", name, k, d, got, ok)
				}
			}
			if _, ok := s.seek(want[k][len(want[k])-1] + 1); ok {
				t.Fatalf("%s: list %d seek past the end found a posting", name, k)
			}
		}
	}
	remap := make([]int32, maxOrd+1)
	for i := range remap {
		remap[i] = int32(i)
	}
	nt, nl := compactLists(terms, &l, remap, true)
	check("identity", nt, &nl, want, wantImp)
	// Fold the base in again with nothing added: the blocks are copied.
	nt2, nl2 := compactLists(nt, &nl, remap, true)
	check("copied", nt2, &nl2, want, wantImp)
	// Drop every third ordinal, renumbering the rest.
	n := int32(0)
	for i := range remap {
		if i%3 == 1 {
			remap[i] = -1
			continue
		}
		remap[i] = n
		n++
	}
	var kept [][]int32
	var keptImp [][]uint8
	for k := range want {
		var d []int32
		var m []uint8
		for i, o := range want[k] {
			if remap[o] >= 0 {
				d, m = append(d, remap[o]), append(m, wantImp[k][i])
			}
		}
		kept, keptImp = append(kept, d), append(keptImp, m)
	}
	nt3, nl3 := compactLists(nt2, &nl2, remap, false)
	check("remapped", nt3, &nl3, kept, keptImp)
}
